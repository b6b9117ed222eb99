"""Trimester deadlines: who is missing which weeks, told before each deadline, once.

A deadline concerns the last quarter that ended before it (15 November: July to September);
the annual deadline concerns the previous year. Before each one (14, 7 and 1 days by default,
at 09:00), every promeneur with weeks missing gets a DM naming them, and each coordinator gets
the list of who is missing and the report of the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.declarations.records import missing_weeks
from bot.declarations.report import Period
from bot.declarations.weeks import Quarter, week_argument
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.post_once import PostOnce
from bot.scheduling.reminders import (
    latest_overdue_only,
    parse_offset,
    schedule_once,
)
from bot.settings import DeadlineSettings
from bot.storage.database import Database

JOB_PREFIX = "deadline-"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")  # fmt: skip


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    period: Period

    @property
    def key(self) -> str:
        return f"deadline-{self.day.isoformat()}-{self.period.slug}"

    @property
    def label(self) -> str:
        return f"{self.day.day} {MONTHS[self.day.month - 1]} {self.day.year}"


@dataclass(frozen=True)
class PlannedDeadline:
    deadline: Deadline
    offset: str
    due_at: dt.datetime

    @property
    def job_id(self) -> str:
        return (
            f"{JOB_PREFIX}{self.deadline.day.isoformat()}-{self.deadline.period.slug}-{self.offset}"
        )


def _quarter_before(day: dt.date) -> Quarter:
    return Quarter.of(day).previous


def deadlines(settings: DeadlineSettings, years: Iterable[int]) -> list[Deadline]:
    found = []
    for year in years:
        for text in settings.quarterly:
            day = dt.date(year, int(text[3:]), int(text[:2]))
            quarter = _quarter_before(day)
            found.append(Deadline(day, Period(quarter.year, quarter.number)))
        if settings.annual:
            day = dt.date(year, int(settings.annual[3:]), int(settings.annual[:2]))
            found.append(Deadline(day, Period(year - 1)))
    return sorted(found, key=lambda d: (d.day, d.period.slug))


def plan(settings: DeadlineSettings, now: dt.datetime) -> list[PlannedDeadline]:
    """Reminders of the deadlines still ahead, due within the longest offset and a day."""
    zone = now.tzinfo
    hours, minutes = (int(p) for p in settings.reminder_time.split(":"))
    deltas = {offset: parse_offset(offset) for offset in settings.reminder_offsets}
    horizon = now + max(deltas.values(), default=dt.timedelta()) + dt.timedelta(days=1)
    planned = []
    for deadline in deadlines(settings, (now.year, now.year + 1)):
        for offset, delta in deltas.items():
            day = deadline.day - dt.timedelta(days=delta.days)
            due = dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=zone) - (
                delta - dt.timedelta(days=delta.days)
            )
            if now.date() <= deadline.day and due <= horizon:
                planned.append(PlannedDeadline(deadline, offset, due))
    return planned


class DeadlineReminders:
    """One APScheduler job per (deadline, offset); DMs to whoever is concerned, once each."""

    def __init__(
        self,
        db: Database,
        poster: PostOnce,
        scheduler: AsyncIOScheduler,
        rooms: DirectRooms,
        settings: DeadlineSettings,
        promeneurs: Callable[[], set[str]],
        coordinators: Callable[[], Iterable[str]],
        clock: Clock,
        report: Callable[[Period], Awaitable[str]],
        t: Translator,
    ) -> None:
        self._db = db
        self._poster = poster
        self._scheduler = scheduler
        self._rooms = rooms
        self._settings = settings
        self._promeneurs = promeneurs
        self._coordinators = coordinators
        self._clock = clock
        self._report = report
        self._t = t

    async def refresh(self) -> None:
        now = self._clock()
        planned_all = plan(self._settings, now)
        for planned in latest_overdue_only(
            planned_all, lambda p: p.deadline, lambda p: p.due_at, now
        ):
            schedule_once(
                self._scheduler, self._clock, planned.job_id, planned.due_at, self.fire, planned
            )

    async def fire(self, planned: PlannedDeadline) -> None:
        deadline, now = planned.deadline, self._clock()
        if now.date() > deadline.day:
            return  # the deadline has passed: nothing useful to say any more
        promeneurs, weeks = self._promeneurs(), deadline.period.weeks()
        missing = await self._db.run(lambda s: missing_weeks(s, promeneurs, weeks, now.date()))
        t, day, period = self._t, deadline.label, deadline.period.label
        for user, absent in missing.items():
            numbers = ", ".join(str(w.number) for w in absent)
            first = week_argument(absent[0], now.date(), self._settings)
            text = t("deadline.yours", day=day, period=period, weeks=numbers, first=first)
            await self._dm(planned, user, text)
        listed = "\n".join(
            t("deadline.missing_line", user=user, weeks=", ".join(str(w.number) for w in weeks_))
            for user, weeks_ in missing.items()
        ) or t("deadline.none_missing")
        summary = await self._report(deadline.period)
        text = t("deadline.coordination", day=day, period=period, listed=listed, summary=summary)
        if deadline.period.quarter is not None:  # the Caf wants the coordinator's grid too
            text += "\n" + t("deadline.grid", period=period)
        for coordinator in sorted(self._coordinators()):
            await self._dm(planned, coordinator, text)

    async def _dm(self, planned: PlannedDeadline, user: str, text: str) -> None:
        key = (planned.deadline.key, planned.deadline.period.slug, planned.offset, user)
        await self._poster.to_person(self._rooms, key, user, text)
