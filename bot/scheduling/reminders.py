"""Meeting reminders: planned from the database, posted by APScheduler jobs, each exactly once.

Jobs have deterministic ids (meeting, occurrence, offset), so rebuilding them at start or after
a change replaces rather than duplicates. Before posting, a job writes its "sent" record and the
outbox rows in one transaction: if that record exists, nothing is posted again; if the bot
crashes after the commit, the outbox sends the message on restart, under the same transaction
id. A reminder that fell due while the bot was down is posted late if the meeting has not
started and it is within the grace; otherwise it is recorded as dropped and logged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.ids import RoomId
from bot.matrix.post_once import PostOnce
from bot.scheduling.french_dates import describe
from bot.scheduling.recurrence import occurrences
from bot.storage.database import Database
from bot.storage.models import OCCURRENCE_FORMAT, Meeting, ReminderSent, as_utc

log = logging.getLogger(__name__)

JOB_PREFIX = "meeting-"
HORIZON = dt.timedelta(days=1)  # planned beyond the longest offset


def occurrence_key(start: dt.datetime) -> str:
    """How one occurrence of a meeting is named in records: its start, in UTC."""
    return start.astimezone(dt.UTC).strftime(OCCURRENCE_FORMAT)


def occurrence_start(key: str) -> dt.datetime:
    """The start (in UTC) an `occurrence_key` names."""
    return dt.datetime.strptime(key, OCCURRENCE_FORMAT).replace(tzinfo=dt.UTC)


def parse_offset(text: str) -> dt.timedelta:
    number, unit = re.fullmatch(r"(\d+)(j|h|min)", text).groups()  # type: ignore[union-attr]
    return {"j": dt.timedelta(days=1), "h": dt.timedelta(hours=1), "min": dt.timedelta(minutes=1)}[
        unit
    ] * int(number)


def offset_words(text: str) -> str:
    """`7j` -> `dans 7 jours`, `1j` -> `demain`, `1h` -> `dans 1 heure`."""
    delta = parse_offset(text)
    if delta == dt.timedelta(days=1):
        return "demain"
    if delta >= dt.timedelta(days=1):
        return f"dans {delta.days} jours"
    hours, minutes = divmod(int(delta.total_seconds()) // 60, 60)
    if minutes:
        return f"dans {hours} h {minutes:02d}" if hours else f"dans {minutes} minutes"
    return "dans 1 heure" if hours == 1 else f"dans {hours} heures"


@dataclass(frozen=True)
class Planned:
    """One reminder of one occurrence of one meeting."""

    meeting_id: int
    occurrence: dt.datetime
    offset: str
    due_at: dt.datetime

    @property
    def job_id(self) -> str:
        return f"{JOB_PREFIX}{self.meeting_id}-{self.occurrence_key}-{self.offset}"

    @property
    def occurrence_key(self) -> str:
        return occurrence_key(self.occurrence)


T = TypeVar("T")


class _Due(Protocol):
    @property
    def due_at(self) -> dt.datetime: ...


P = TypeVar("P", bound=_Due)


def latest_overdue_only(
    planned: list[T],
    group: Callable[[T], object],
    due: Callable[[T], dt.datetime],
    now: dt.datetime,
) -> list[T]:
    """Of the reminders already due in each group (the bot was down), keep only the most recent:
    someone back from a week off gets "tomorrow", not also "in 7 days"."""
    latest: dict[object, dt.datetime] = {}
    for item in planned:
        if due(item) <= now:
            key = group(item)
            latest[key] = max(latest.get(key, due(item)), due(item))
    return [p for p in planned if due(p) > now or due(p) == latest[group(p)]]


def schedule_once(
    scheduler: AsyncIOScheduler,
    clock: Clock,
    job_id: str,
    due_at: dt.datetime,
    job: Callable[[T], Awaitable[None]],
    planned: T,
) -> None:
    """One date job per reminder, under its fixed id: rebuilding replaces, never duplicates.
    An overdue one runs now. Lateness is judged by the job itself (against the meeting or
    deadline), not by the scheduler."""
    scheduler.add_job(
        job,
        "date",
        run_date=clock.to_real(max(due_at, clock())),
        args=[planned],
        id=job_id,
        replace_existing=True,
        misfire_grace_time=None,
    )


def replace_jobs(
    scheduler: AsyncIOScheduler,
    clock: Clock,
    prefix: str,
    wanted: Mapping[str, P],
    job: Callable[[P], Awaitable[None]],
) -> None:
    """Make the jobs named `prefix…` exactly `wanted` (job id -> planned reminder): stale ones
    removed, the others (re)scheduled under their ids."""
    for existing in scheduler.get_jobs():
        if existing.id.startswith(prefix) and existing.id not in wanted:
            existing.remove()
    for job_id, planned in wanted.items():
        schedule_once(scheduler, clock, job_id, planned.due_at, job, planned)


class Decision(StrEnum):
    WAIT = "wait"
    SEND = "send"
    DROP = "drop"


def decide(planned: Planned, now: dt.datetime, grace: dt.timedelta) -> Decision:
    if now < planned.due_at:
        return Decision.WAIT
    if now >= planned.occurrence or now - planned.due_at > grace:
        return Decision.DROP
    return Decision.SEND


def plan(meeting: Meeting, now: dt.datetime, offsets: list[str]) -> list[Planned]:
    """The reminders of the meeting's occurrences that have not started and start before
    `now` + the longest offset + a day (recurring meetings: the next ones only); none falls due
    before the meeting was created."""
    deltas = {offset: parse_offset(offset) for offset in offsets}
    horizon = now + max(deltas.values(), default=dt.timedelta()) + HORIZON
    first = as_utc(meeting.starts_at).astimezone(now.tzinfo)
    if meeting.rule:
        starts = []
        for start in occurrences(meeting.rule, first, now):
            if start > horizon:
                break
            starts.append(start)
    else:
        starts = [first] if now < first <= horizon else []
    assert meeting.id is not None
    created = as_utc(meeting.created_at)
    return [
        Planned(meeting.id, start, offset, start - delta)
        for start in starts
        for offset, delta in deltas.items()
        if start - delta >= created  # "7 days before" a meeting planned 3 days ahead: none
    ]


class MeetingReminders:
    """Keeps one APScheduler job per pending reminder, and posts them."""

    def __init__(
        self,
        db: Database,
        poster: PostOnce,
        scheduler: AsyncIOScheduler,
        rooms: DirectRooms,
        network_rooms: Callable[[], set[RoomId]],
        clock: Clock,
        offsets: list[str],
        grace: dt.timedelta,
        window: dt.timedelta,
        t: Translator,
    ) -> None:
        self._db = db
        self._poster = poster
        self._scheduler = scheduler
        self._rooms = rooms
        self._network_rooms = network_rooms
        self._clock = clock
        self._offsets = offsets
        self._grace = grace
        self._window = window  # jobs exist only for what falls due this soon: refresh sooner
        self._t = t

    def refresh_soon(self) -> None:
        """Plan the reminders again as soon as possible (a meeting was created or changed)."""
        self._scheduler.add_job(self.refresh, id="meetings-now", replace_existing=True)

    async def refresh(self) -> None:
        """(Re)build the jobs of the reminders due before the next refresh (and a margin) from
        the database: new ones added, stale ones removed. Planning runs off the event loop."""
        now = self._clock()
        meetings, done = await self._db.run(lambda s: _meetings_and_done(s, now))
        wanted = await asyncio.to_thread(self._wanted, meetings, done, self._network_rooms(), now)
        replace_jobs(self._scheduler, self._clock, JOB_PREFIX, wanted, self.fire)
        log.info("Rappels de réunion planifiés : %d.", len(wanted))

    def _wanted(
        self,
        meetings: list[Meeting],
        done: dict[Key, set[str]],
        rooms: set[RoomId],
        now: dt.datetime,
    ) -> dict[str, Planned]:
        until = now + self._window
        wanted: dict[str, Planned] = {}
        for meeting in meetings:
            for planned in latest_overdue_only(
                plan(meeting, now, self._offsets), lambda p: p.occurrence, lambda p: p.due_at, now
            ):
                key = (planned.meeting_id, planned.occurrence_key, planned.offset)
                if planned.due_at <= until and not rooms <= done.get(key, set()):
                    wanted[planned.job_id] = planned  # due soon, and some room still lacks it
        return wanted

    async def fire(self, planned: Planned) -> None:
        decision = decide(planned, self._clock(), self._grace)
        if decision is Decision.WAIT:
            return
        meeting = await self._db.run(lambda s: s.get(Meeting, planned.meeting_id))
        if meeting is None or meeting.cancelled_at is not None:
            return
        # The network's rooms, or for a meeting of some people only their DMs, naming them.
        targets: list[tuple[RoomId, list[str]]] = (
            [] if meeting.audience else [(room, []) for room in sorted(self._network_rooms())]
        )
        for user in meeting.audience:
            room = self._rooms.find(user)
            if room is not None and self._rooms.has_joined(room, user):
                targets.append((room, [user]))
        text = self._t(
            "meetings.reminder",
            when=offset_words(planned.offset),
            title=meeting.title,
            date=describe(planned.occurrence),
            place=f", {meeting.place}" if meeting.place else "",
        )
        for target, mentions in targets:
            key = (f"meeting-{planned.meeting_id}", planned.occurrence_key, planned.offset, target)
            await self._poster.post_once(key, target, text, decision is Decision.SEND, mentions)


Key = tuple[int, str, str]  # meeting, occurrence, offset


def _meetings_and_done(
    session: Session, now: dt.datetime
) -> tuple[list[Meeting], dict[Key, set[str]]]:
    """Meetings not cancelled, and for each reminder of an occurrence still ahead the targets
    it was recorded for."""
    meetings = list(session.exec(select(Meeting).where(col(Meeting.cancelled_at).is_(None))))
    done: dict[Key, set[str]] = {}
    ahead = (
        select(ReminderSent)
        .where(col(ReminderSent.reminder).startswith("meeting-"))
        .where(col(ReminderSent.occurrence) >= occurrence_key(now))
    )
    for row in session.exec(ahead):
        key = (int(row.reminder.removeprefix("meeting-")), row.occurrence, row.offset)
        done.setdefault(key, set()).add(row.target)
    return meetings, done
