"""Meetings and attendance in the database: the scheduling handlers ask here, never write SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlmodel import Session, col, select

from bot.scheduling.participation import participation_line
from bot.scheduling.reminders import occurrence_start
from bot.storage.database import Database, Write, create_once
from bot.storage.models import (
    Meeting,
    MeetingAnnouncement,
    MeetingAttendance,
    MeetingPresence,
    OutboxMessage,
)

# Per person, per meeting kind: (sessions attended, sessions confirmed they were expected at).
Participation = dict[str, dict[str, tuple[int, int]]]


class MeetingStore:
    """`changed` is called after each creation or change: the reminders are planned again."""

    def __init__(self, db: Database, changed: Callable[[], None] = lambda: None) -> None:
        self._db = db
        self._changed = changed

    async def create(self, source_event_id: str, columns: dict[str, Any]) -> Meeting:
        """The meeting a command creates; a replayed command finds it instead of a twin."""

        meeting = await self._db.run(lambda s: create_once(s, Meeting, source_event_id, columns))
        self._changed()
        return meeting

    async def get(self, number: int) -> Meeting | None:
        return await self._db.run(lambda s: s.get(Meeting, number))

    async def change(self, meeting: Meeting, change: Callable[[Meeting], None]) -> Meeting:
        """Apply `change` and bump the calendar sequence (the same on a replay)."""

        def write(session: Session) -> Meeting:
            row = session.get(Meeting, meeting.id)
            assert row is not None
            change(row)
            row.sequence = meeting.sequence + 1
            session.add(row)
            session.flush()
            return row

        changed = await self._db.run(write)
        self._changed()
        return changed

    async def open_meetings(self) -> list[Meeting]:
        """Every meeting not cancelled."""
        return await self._db.run(
            lambda s: list(s.exec(select(Meeting).where(col(Meeting.cancelled_at).is_(None))))
        )

    async def announced_by(self, event_id: str) -> Meeting | None:
        """The meeting an announcement the bot sent (by its event id) was about."""

        def meeting_of(session: Session) -> Meeting | None:
            sent = session.exec(
                select(OutboxMessage).where(col(OutboxMessage.event_id) == event_id)
            ).first()
            link = session.get(MeetingAnnouncement, sent.txn_id) if sent else None
            return session.get(Meeting, link.meeting_id) if link else None

        return await self._db.run(meeting_of)

    async def answers(self, meeting_id: int, occurrence: str) -> list[MeetingAttendance]:
        return await self._db.run(
            lambda s: list(
                s.exec(
                    select(MeetingAttendance).where(
                        col(MeetingAttendance.meeting_id) == meeting_id,
                        col(MeetingAttendance.occurrence) == occurrence,
                    )
                )
            )
        )

    async def confirmed(self, meeting_id: int, occurrence: str) -> list[MeetingPresence]:
        """Who was there at that session, as confirmed (empty: not confirmed yet)."""
        return await self._db.run(
            lambda s: list(
                s.exec(
                    select(MeetingPresence).where(
                        col(MeetingPresence.meeting_id) == meeting_id,
                        col(MeetingPresence.occurrence) == occurrence,
                    )
                )
            )
        )

    async def participation(self, year: int, user_id: str | None = None) -> Participation:
        """Sessions attended out of those confirmed, per person and kind, in `year`."""

        def read(session: Session) -> Participation:
            query = select(MeetingPresence).where(col(MeetingPresence.year) == year)
            if user_id is not None:
                query = query.where(col(MeetingPresence.user_id) == user_id)
            return participation(session.exec(query))

        return await self._db.run(read)

    async def history(self, year: int, user_id: str) -> list[tuple[dt.datetime, str, bool]]:
        """The sessions `user_id` was expected at in `year`, as confirmed: start, title, present."""

        def read(session: Session) -> list[tuple[dt.datetime, str, bool]]:
            rows = session.exec(
                select(MeetingPresence).where(
                    col(MeetingPresence.year) == year, col(MeetingPresence.user_id) == user_id
                )
            )
            found = []
            for row in rows:
                meeting = session.get(Meeting, row.meeting_id)
                start = occurrence_start(row.occurrence)
                found.append((start, meeting.title if meeting else "?", row.present))
            return sorted(found)

        return await self._db.run(read)

    async def participation_text(self, year: int, user_id: str) -> str:
        """`4/6 (67 %) : réunion de réseau 3/4, formation 1/2`, or "" if nothing confirmed."""
        kinds = (await self.participation(year, user_id)).get(user_id)
        return participation_line(kinds) if kinds else ""


def participation(rows: Iterable[MeetingPresence]) -> Participation:
    counts: Participation = {}
    for row in rows:
        kinds = counts.setdefault(row.user_id, {})
        present, expected = kinds.get(row.kind, (0, 0))
        kinds[row.kind] = (present + int(row.present), expected + 1)
    return counts


def confirm_presence(
    meeting: Meeting, occurrence: str, year: int, present: dict[str, bool], by: str
) -> Write:
    """The confirmed attendance of one session: `present` (person -> there or not) replaces
    what was confirmed before for it."""

    def write(session: Session) -> None:
        assert meeting.id is not None
        for old in session.exec(
            select(MeetingPresence).where(
                col(MeetingPresence.meeting_id) == meeting.id,
                col(MeetingPresence.occurrence) == occurrence,
            )
        ):
            session.delete(old)
        session.flush()
        for user, there in present.items():
            session.add(
                MeetingPresence(
                    meeting_id=meeting.id,
                    occurrence=occurrence,
                    user_id=user,
                    present=there,
                    kind=meeting.kind,
                    year=year,
                    confirmed_by=by,
                )
            )

    return write


def link_announcement(announcement: str, meeting_id: int) -> Write:
    """Remember which meeting an announcement (by its transaction id) is about."""

    def write(session: Session) -> None:
        session.merge(MeetingAnnouncement(txn_id=announcement, meeting_id=meeting_id))

    return write


def record_answer(key: tuple[int, str, str], said: str, reaction: str | None = None) -> Write:
    """Someone's answer (meeting, occurrence, person) for one session; `reaction` is the
    reaction event that gave it, if one did (the latest answer replaces the one before)."""

    def write(session: Session) -> None:
        row = session.get(MeetingAttendance, key) or MeetingAttendance(
            meeting_id=key[0], occurrence=key[1], user_id=key[2], answer=said
        )
        row.answer, row.reaction_event_id = said, reaction
        session.add(row)

    return write


def withdraw_reaction(user_id: str, reaction: str) -> Write:
    """The answer `user_id` gave by the reaction `reaction`, withdrawn (the reaction was
    removed); an answer given since, by another reaction or a command, stays."""

    def write(session: Session) -> None:
        for row in session.exec(
            select(MeetingAttendance).where(
                col(MeetingAttendance.user_id) == user_id,
                col(MeetingAttendance.reaction_event_id) == reaction,
            )
        ):
            session.delete(row)

    return write
