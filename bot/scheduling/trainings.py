"""Trainings: the network's own sessions are meetings of the kind "formation" (with their
confirmed attendance); beside them, the trainings each promeneur followed elsewhere and the
needs the coordination noted. The year's figures are the annual report's
(bot/declarations/trainings.py); the plan adds each session of the year, held or to come."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from bot.declarations.trainings import TRAINING, TrainingFigures, read_trainings
from bot.scheduling.recurrence import occurrences
from bot.scheduling.reminders import occurrence_key
from bot.storage.database import Database, create_once
from bot.storage.models import Meeting, MeetingPresence, TrainingNeed, TrainingRecord, as_utc

SESSIONS_A_YEAR = 60  # a recurring training listed in the plan at most so many times


@dataclass(frozen=True)
class TrainingSession:
    """One session of one of the network's trainings."""

    meeting_id: int
    title: str
    start: dt.datetime
    present: int | None  # confirmed attendance (None: not confirmed, or to come)
    expected: int | None


@dataclass(frozen=True)
class TrainingPlan:
    sessions: list[TrainingSession]
    figures: TrainingFigures

    @property
    def empty(self) -> bool:
        return not self.sessions and self.figures.empty


class TrainingBook:
    """The trainings in the database (the handlers ask here, never write SQL)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, source_event_id: str, columns: dict[str, Any]) -> TrainingRecord:
        return await self._db.run(
            lambda s: create_once(s, TrainingRecord, source_event_id, columns)
        )

    async def note_need(self, source_event_id: str, columns: dict[str, Any]) -> TrainingNeed:
        return await self._db.run(lambda s: create_once(s, TrainingNeed, source_event_id, columns))

    async def plan(self, year: int, zone: dt.tzinfo) -> TrainingPlan:
        return await self._db.run(
            lambda s: TrainingPlan(_sessions(s, year, zone), read_trainings(s, year))
        )


def _sessions(session: Session, year: int, zone: dt.tzinfo) -> list[TrainingSession]:
    start = dt.datetime(year, 1, 1, tzinfo=zone)
    end = dt.datetime(year + 1, 1, 1, tzinfo=zone)
    confirmed: dict[tuple[int, str], list[MeetingPresence]] = {}
    for row in session.exec(
        select(MeetingPresence).where(
            col(MeetingPresence.year) == year, col(MeetingPresence.kind) == TRAINING
        )
    ):
        confirmed.setdefault((row.meeting_id, row.occurrence), []).append(row)
    found = []
    for meeting in session.exec(
        select(Meeting).where(col(Meeting.kind) == TRAINING, col(Meeting.cancelled_at).is_(None))
    ):
        assert meeting.id is not None
        for when in _starts(meeting, start, end):
            rows = confirmed.get((meeting.id, occurrence_key(when)))
            present = sum(r.present for r in rows) if rows else None
            expected = len(rows) if rows else None
            found.append(TrainingSession(meeting.id, meeting.title, when, present, expected))
    return sorted(found, key=lambda s: s.start)


def _starts(meeting: Meeting, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    first = as_utc(meeting.starts_at).astimezone(start.tzinfo)
    if not meeting.rule:
        return [first] if start <= first < end else []
    found: list[dt.datetime] = []
    for when in occurrences(meeting.rule, first, start - dt.timedelta(seconds=1)):
        if when >= end or len(found) >= SESSIONS_A_YEAR:
            break
        if when >= first:
            found.append(when)
    return found
