"""When meeting reminders fall due, and that each is posted once."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session, select

from bot.clock import Clock
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.outbox import OutboxSender, pending_count
from bot.matrix.post_once import PostOnce
from bot.scheduling.reminders import (
    Decision,
    MeetingReminders,
    Planned,
    decide,
    latest_overdue_only,
    offset_words,
    plan,
)
from bot.storage.database import Database, make_engine, upgrade
from bot.storage.models import Meeting, ReminderSent

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=PARIS)
OFFSETS = ["7j", "1j", "1h"]


def _meeting(start: dt.datetime, rule: str = "", number: int = 1) -> Meeting:
    return Meeting(
        id=number, source_event_id=f"$e{number}", kind="reseau", title="Réunion",
        starts_at=start.astimezone(dt.UTC), rule=rule, created_by="@c:x",
        created_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
    )  # fmt: skip


def test_a_meeting_next_week_has_its_three_reminders() -> None:
    start = dt.datetime(2026, 11, 29, 14, 0, tzinfo=PARIS)
    planned = plan(_meeting(start), NOW, OFFSETS)
    assert [(p.offset, p.due_at) for p in planned] == [
        ("7j", dt.datetime(2026, 11, 22, 14, 0, tzinfo=PARIS)),
        ("1j", dt.datetime(2026, 11, 28, 14, 0, tzinfo=PARIS)),
        ("1h", dt.datetime(2026, 11, 29, 13, 0, tzinfo=PARIS)),
    ]
    assert len({p.job_id for p in planned}) == 3


def test_no_reminder_falls_due_before_the_meeting_was_planned() -> None:
    meeting = _meeting(dt.datetime(2026, 11, 25, 14, 0, tzinfo=PARIS))
    meeting.created_at = NOW.astimezone(dt.UTC)
    assert [p.offset for p in plan(meeting, NOW, OFFSETS)] == ["1j", "1h"]


def test_a_day_before_stays_at_the_same_local_time_across_summer_time() -> None:
    start = dt.datetime(2027, 3, 29, 9, 0, tzinfo=PARIS)  # the Monday after the change
    (day_before,) = [p for p in plan(_meeting(start), start - dt.timedelta(days=3), OFFSETS)
                     if p.offset == "1j"]  # fmt: skip
    assert (day_before.due_at.hour, day_before.due_at.utcoffset()) == (9, dt.timedelta(hours=2))


def test_recurring_meeting_plans_its_next_occurrences_only() -> None:
    weekly = "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"
    first = dt.datetime(2026, 11, 2, 9, 0, tzinfo=PARIS)
    starts = sorted({p.occurrence for p in plan(_meeting(first, weekly), NOW, OFFSETS)})
    assert starts[0] == dt.datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)
    assert all(s <= NOW + dt.timedelta(days=8) for s in starts)


@pytest.mark.parametrize(
    ("now", "decision"),
    [
        (dt.datetime(2026, 12, 1, 13, 0, tzinfo=PARIS), Decision.WAIT),
        (dt.datetime(2026, 12, 1, 14, 0, tzinfo=PARIS), Decision.SEND),
        (dt.datetime(2026, 12, 2, 10, 0, tzinfo=PARIS), Decision.SEND),  # late, within grace
        (dt.datetime(2026, 12, 2, 14, 30, tzinfo=PARIS), Decision.DROP),  # meeting started
    ],
)
def test_late_reminders_are_sent_while_useful(now: dt.datetime, decision: Decision) -> None:
    planned = Planned(1, dt.datetime(2026, 12, 2, 14, 0, tzinfo=PARIS), "1j",
                      dt.datetime(2026, 12, 1, 14, 0, tzinfo=PARIS))  # fmt: skip
    assert decide(planned, now, dt.timedelta(hours=24)) is decision
    assert decide(planned, now, dt.timedelta(hours=1)) is (
        Decision.DROP if now > planned.due_at + dt.timedelta(hours=1) else decision
    )


def test_offsets_read_in_french() -> None:
    assert [offset_words(o) for o in ("7j", "1j", "1h", "3h", "30min")] == [
        "dans 7 jours", "demain", "dans 1 heure", "dans 3 heures", "dans 30 minutes",
    ]  # fmt: skip


async def test_a_reminder_is_posted_once_even_fired_twice_or_rebuilt(database_url: str) -> None:
    url = database_url
    upgrade(url)
    start = NOW + dt.timedelta(minutes=30)
    with Session(make_engine(url)) as session:
        session.add(_meeting(start))
        session.commit()
    db = Database(url)
    client = SimpleNamespace(rooms={}, user_id="@bot:x")  # no Matrix I/O happens here
    outbox = OutboxSender(client, db)  # type: ignore[arg-type]
    scheduler = AsyncIOScheduler(timezone="Europe/Paris")

    def reminders() -> MeetingReminders:
        rooms = DirectRooms(client, db)  # type: ignore[arg-type]
        grace = dt.timedelta(hours=24)
        poster = PostOnce(outbox)
        return MeetingReminders(
            db,
            poster,
            scheduler,
            rooms,
            lambda: {"!room"},
            Clock.stopped_at(NOW),
            ["1h"],
            grace,
            dt.timedelta(hours=2),
            Translator(),
        )

    try:
        first = reminders()
        await first.refresh()
        (job,) = scheduler.get_jobs()
        await first.fire(*job.args)
        await first.fire(*job.args)  # a second firing (restart, duplicate job) posts nothing
        await reminders().refresh()  # a rebuilt scheduler plans nothing any more
        assert [j.id for j in scheduler.get_jobs()] == []
        assert await db.run(pending_count) == 1
        rows = await db.run(lambda s: list(s.exec(select(ReminderSent))))
        assert [(r.offset, r.target, r.dropped) for r in rows] == [("1h", "!room", False)]
    finally:
        db.close()


def test_after_a_long_stop_only_the_latest_overdue_reminder_is_kept() -> None:
    start = dt.datetime(2026, 11, 22, 10, 30, tzinfo=PARIS)  # in 30 minutes
    planned = plan(_meeting(start), NOW, OFFSETS)  # 7j, 1j and 1h all fell due meanwhile
    kept = latest_overdue_only(planned, lambda p: p.occurrence, lambda p: p.due_at, NOW)
    assert [p.offset for p in kept] == ["1h"]
