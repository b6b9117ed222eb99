"""After each session of a meeting, the coordination is asked once, in its direct messages, who
was there, with the answers given before (`!reunion presents` records it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.clock import Clock
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.post_once import PostOnce
from bot.scheduling.french_dates import describe
from bot.scheduling.participation import last_start
from bot.scheduling.reminders import occurrence_key
from bot.scheduling.store import MeetingStore

ASK_WITHIN = dt.timedelta(days=3)  # a session ended longer ago is not asked about any more


class AttendancePrompts:
    def __init__(
        self,
        meetings: MeetingStore,
        poster: PostOnce,
        rooms: DirectRooms,
        clock: Clock,
        coordinators: Callable[[], set[str]],
        t: Translator,
    ) -> None:
        self._meetings = meetings
        self._poster = poster
        self._rooms = rooms
        self._clock = clock
        self._coordinators = coordinators
        self._t = t

    async def run(self) -> None:
        now = self._clock()
        for meeting in await self._meetings.open_meetings():
            start = last_start(meeting, now)
            if start is None or meeting.id is None:
                continue
            ended = start + dt.timedelta(minutes=meeting.duration_minutes)
            occurrence = occurrence_key(start)
            if not ended <= now <= ended + ASK_WITHIN:
                continue
            if await self._meetings.confirmed(meeting.id, occurrence):
                continue
            answers = await self._meetings.answers(meeting.id, occurrence)
            said_yes = sorted(a.user_id for a in answers if a.answer == "oui")
            text = self._t(
                "attendance.prompt",
                number=meeting.id,
                title=meeting.title,
                when=describe(start),
                people=", ".join(said_yes) or "—",
            )
            for coordinator in sorted(self._coordinators()):
                key = (f"presence-{meeting.id}", occurrence, "", coordinator)
                await self._poster.to_person(self._rooms, key, coordinator, text)
