"""Trimester deadlines: when the reminders fall due, and exactly who is told what."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session, select

from bot.clock import Clock
from bot.declarations.report import Period
from bot.declarations.weeks import Quarter, quarter_being_completed
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.outbox import OutboxSender
from bot.matrix.post_once import PostOnce
from bot.scheduling.deadlines import DeadlineReminders, deadlines, plan
from bot.settings import DeadlineSettings
from bot.storage.database import Database, make_engine, upgrade
from bot.storage.models import Declaration, OutboxMessage

PARIS = ZoneInfo("Europe/Paris")
SETTINGS = DeadlineSettings()


def test_each_deadline_concerns_the_last_quarter_ended_before_it() -> None:
    found = {(d.day, d.period) for d in deadlines(SETTINGS, [2027])}
    assert (dt.date(2027, 1, 15), Period(2026, 4)) in found
    assert (dt.date(2027, 4, 15), Period(2027, 1)) in found
    assert (dt.date(2027, 11, 15), Period(2027, 3)) in found
    assert (dt.date(2027, 1, 31), Period(2026)) in found  # the annual report


def test_reminders_fall_14_7_and_1_days_before_at_nine() -> None:
    now = dt.datetime(2026, 12, 30, 12, 0, tzinfo=PARIS)
    due = {(p.deadline.day, p.offset): p.due_at for p in plan(SETTINGS, now)}
    assert due[(dt.date(2027, 1, 15), "14j")] == dt.datetime(2027, 1, 1, 9, 0, tzinfo=PARIS)
    assert due[(dt.date(2027, 1, 15), "7j")] == dt.datetime(2027, 1, 8, 9, 0, tzinfo=PARIS)
    assert due[(dt.date(2027, 1, 15), "1j")] == dt.datetime(2027, 1, 14, 9, 0, tzinfo=PARIS)


async def test_only_promeneurs_missing_weeks_are_told_and_only_once(database_url: str) -> None:
    url = database_url
    upgrade(url)
    quarter = Quarter(2026, 4)
    with Session(make_engine(url)) as session:
        for week in quarter.weeks():
            session.add(Declaration(user_id="@a:x", week=str(week), hours=1))
        session.add(Declaration(user_id="@b:x", week=str(quarter.weeks()[0]), hours=1))
        session.commit()
    now = dt.datetime(2027, 1, 8, 9, 0, tzinfo=PARIS)

    def dm(user: str) -> SimpleNamespace:
        return SimpleNamespace(
            room_id=f"!dm-{user[1]}", users={"@bot:x": 1, user: 1}, invited_users={}, encrypted=True
        )

    rooms = {f"!dm-{u[1]}": dm(u) for u in ("@a:x", "@b:x", "@c:x")}
    client = SimpleNamespace(rooms=rooms, user_id="@bot:x")  # no Matrix I/O happens here
    db = Database(url)
    poster = PostOnce(OutboxSender(client, db))  # type: ignore[arg-type]

    async def summary(period: Period) -> str:
        return f"Bilan {period.label}"

    direct = DirectRooms(client, db)  # type: ignore[arg-type]
    for user in ("@a:x", "@b:x", "@c:x"):
        await direct.record(f"!dm-{user[1]}", user)
    reminders = DeadlineReminders(
        db, poster, AsyncIOScheduler(timezone="Europe/Paris"),
        direct, SETTINGS, lambda: {"@a:x", "@b:x"}, lambda: ["@c:x"],  # type: ignore[arg-type]
        Clock.stopped_at(now), summary, Translator(),
    )  # fmt: skip
    try:
        (planned,) = [
            p for p in plan(SETTINGS, now) if p.offset == "7j" and p.deadline.day.day == 15
        ]
        await reminders.fire(planned)
        await reminders.fire(planned)  # fired again: nothing more
        rows = await db.run(lambda s: list(s.exec(select(OutboxMessage))))
    finally:
        db.close()

    by_room = {r.room_id: r.content["body"] for r in rows}
    assert sorted(by_room) == ["!dm-b", "!dm-c"]
    assert "il vous manque les semaines 41, 42" in by_room["!dm-b"]
    assert "Écrivez !declarer semaine 41 pour commencer" in by_room["!dm-b"]  # 2026's in 2027
    assert "• @b:x : semaines 41" in by_room["!dm-c"]
    assert "@a:x" not in by_room["!dm-c"]
    assert "Bilan T4 2026" in by_room["!dm-c"]


def test_the_quarter_being_completed_is_the_one_just_ended_until_its_deadline() -> None:
    settings = DeadlineSettings()  # 15/01, 15/04, 15/07, 15/11
    for day, quarter in (
        (dt.date(2028, 1, 4), Quarter(2027, 4)),
        (dt.date(2028, 1, 15), Quarter(2027, 4)),
        (dt.date(2028, 1, 16), Quarter(2028, 1)),
        (dt.date(2027, 11, 15), Quarter(2027, 3)),
        (dt.date(2027, 11, 16), Quarter(2027, 4)),
        (dt.date(2027, 12, 31), Quarter(2027, 4)),
    ):
        assert quarter_being_completed(day, settings) == quarter, day
    assert quarter_being_completed(dt.date(2028, 1, 4), DeadlineSettings(quarterly=[])) == (
        Quarter(2028, 1)
    )
