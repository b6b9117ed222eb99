"""Trainings: the network's own sessions (meetings of the kind "formation", with their confirmed
attendance), those each promeneur followed elsewhere, and the needs the coordination noted;
together, the year's training plan and what the annual report says of it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from bot.declarations.parsing import format_hours
from bot.i18n import Translator
from bot.scheduling.meetings import MeetingKind
from bot.scheduling.recurrence import occurrences
from bot.storage.database import Database, create_once
from bot.storage.models import Meeting, MeetingPresence, TrainingNeed, TrainingRecord, as_utc
from bot.text.spreadsheet import csv_bytes

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
class TrainingYear:
    sessions: list[TrainingSession]
    attended: dict[str, list[tuple[str, dt.date, float | None]]]  # person -> title, day, hours
    needs: dict[str, list[str]]  # topic -> people

    @property
    def empty(self) -> bool:
        return not (self.sessions or self.attended or self.needs)


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

    async def year(self, year: int, zone: dt.tzinfo) -> TrainingYear:
        return await self._db.run(lambda s: _year(s, year, zone))

    async def report(
        self, year: int, zone: dt.tzinfo, t: Translator
    ) -> tuple[list[str], bytes | None]:
        """What the annual report says of the year's trainings, and their CSV file (None if
        there is nothing to put in it)."""
        found = await self.year(year, zone)
        return summary_lines(found, year, t), None if found.empty else trainings_csv(found, t)


def _year(session: Session, year: int, zone: dt.tzinfo) -> TrainingYear:
    start = dt.datetime(year, 1, 1, tzinfo=zone)
    end = dt.datetime(year + 1, 1, 1, tzinfo=zone)
    trainings = session.exec(
        select(Meeting).where(
            col(Meeting.kind) == MeetingKind.TRAINING.value, col(Meeting.cancelled_at).is_(None)
        )
    )
    confirmed = list(
        session.exec(
            select(MeetingPresence).where(
                col(MeetingPresence.year) == year,
                col(MeetingPresence.kind) == MeetingKind.TRAINING.value,
            )
        )
    )
    by_session: dict[tuple[int, str], list[MeetingPresence]] = {}
    for row in confirmed:
        by_session.setdefault((row.meeting_id, row.occurrence), []).append(row)
    sessions = []
    for meeting in trainings:
        assert meeting.id is not None
        for when in _starts(meeting, start, end):
            key = (meeting.id, when.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ"))
            rows = by_session.get(key)
            present = sum(r.present for r in rows) if rows else None
            sessions.append(TrainingSession(meeting.id, meeting.title, when, present,
                                     len(rows) if rows else None))  # fmt: skip
    sessions.sort(key=lambda s: s.start)
    titles = {s.meeting_id: s.title for s in sessions}
    attended: dict[str, list[tuple[str, dt.date, float | None]]] = {}
    for row in confirmed:
        if row.present:
            day = dt.datetime.strptime(row.occurrence, "%Y%m%dT%H%MZ").date()
            title = titles.get(row.meeting_id, f"n° {row.meeting_id}")
            attended.setdefault(row.user_id, []).append((title, day, None))
    for record in session.exec(
        select(TrainingRecord).where(
            col(TrainingRecord.day) >= start.date(), col(TrainingRecord.day) < end.date()
        )
    ):
        attended.setdefault(record.user_id, []).append((record.title, record.day, record.hours))
    for items in attended.values():
        items.sort(key=lambda item: item[1])
    needs: dict[str, list[str]] = {}
    for need in session.exec(select(TrainingNeed)):
        if need.noted_at.year in (year, year - 1):  # a need noted last year still counts
            needs.setdefault(need.topic, []).append(need.user_id)
    return TrainingYear(sessions, attended, needs)


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


def summary_lines(year: TrainingYear, number: int, t: Translator) -> list[str]:
    """The year's trainings in a few lines (the annual report, `!formations`)."""
    if year.empty:
        return [t("trainings.none", year=number)]
    held = [s for s in year.sessions if s.present is not None]
    people = len(year.attended)
    followed = sum(len(items) for items in year.attended.values())
    lines = [
        t("trainings.title", year=number),
        t("trainings.sessions", count=len(year.sessions), confirmed=len(held)),
        t("trainings.attended", people=people, count=followed),
    ]
    if year.needs:
        counted = Counter({topic: len(set(who)) for topic, who in year.needs.items()})
        needs = ", ".join(f"{topic} ({count})" for topic, count in counted.most_common())
        lines.append(t("trainings.needs", needs=needs))
    return lines


def trainings_csv(year: TrainingYear, t: Translator) -> bytes:
    """One row per training a person followed (network session or elsewhere), then the needs."""
    rows: list[list[Any]] = [[t("trainings.csv_person"), t("trainings.csv_title"),
                              t("trainings.csv_day"), t("trainings.csv_hours"),
                              t("trainings.csv_origin")]]  # fmt: skip
    for user, items in sorted(year.attended.items()):
        for title, day, hours in items:
            origin = t("trainings.origin_network") if hours is None else t("trainings.origin_other")
            shown_hours = format_hours(hours) if hours else ""
            rows.append([user, title, f"{day:%d/%m/%Y}", shown_hours, origin])
    for topic, people in sorted(year.needs.items()):
        for user in sorted(set(people)):
            rows.append([user, topic, "", "", t("trainings.origin_need")])
    return csv_bytes(rows)
