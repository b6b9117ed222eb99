"""Deadlines of the network's own: `!echeance ajouter titre="Appel à projets" date=15/03/2027`.

Beside the Caf's deadlines of the settings (bot/scheduling/deadlines.py), the coordination adds
its own: a call for applications, a survey to return. Each is reminded in the direct messages
of its audience (the promeneurs, the coordination, or named people) at each of its offsets
before its day, at the settings' reminder time, exactly once: the record that a reminder was
sent and its message are committed together (bot/matrix/post_once.py), and a restart after
the due time sends only the latest reminder missed, if the day has not passed.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.commands.fields import split_fields
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.ids import NAMED_USER
from bot.matrix.post_once import PostOnce
from bot.scheduling.french_dates import parse_date, spoken_day
from bot.scheduling.reminders import latest_overdue_only, offset_words, parse_offset, replace_jobs
from bot.storage.database import Database, create_once
from bot.storage.models import NetworkDeadline
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

log = logging.getLogger(__name__)

JOB_PREFIX = "network-deadline-"
PROMENEURS, COORDINATION = "promeneurs", "coordination"
_GROUPS = {
    "promeneurs": [PROMENEURS], "promeneur": [PROMENEURS], "pdn": [PROMENEURS],
    "coordination": [COORDINATION], "coordinateurs": [COORDINATION],
    "coordinatrices": [COORDINATION], "tous": [PROMENEURS, COORDINATION],
    "tout le monde": [PROMENEURS, COORDINATION], "reseau": [PROMENEURS, COORDINATION],
}  # fmt: skip
_OFFSET = re.compile(r"\b(\d{1,3}) ?(jours?|j|semaines?|s)\b")
_KNOWN = {"titre", "date", "pour", "rappels", "note"}


@dataclass(frozen=True)
class DeadlineFields:
    """A deadline as written: its title, day, audience, reminder offsets (`14j`) and note."""

    title: str
    day: dt.date
    audience: tuple[str, ...]
    offsets: tuple[str, ...]
    note: str = ""

    def as_columns(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "day": self.day,
            "audience": list(self.audience),
            "offsets": list(self.offsets),
            "note": self.note,
        }

    def for_audit(self) -> dict[str, str]:
        """The fields as the journal shows them."""
        return {
            "titre": self.title,
            "date": f"{self.day:%d/%m/%Y}",
            "pour": ", ".join(self.audience),
            "rappels": ", ".join(self.offsets),
            "note": self.note,
        }


def fields_of(row: NetworkDeadline) -> DeadlineFields:
    return DeadlineFields(row.title, row.day, tuple(row.audience), tuple(row.offsets), row.note)


def parse_fields(
    text: str, today: dt.date, default_offsets: Iterable[str], before: DeadlineFields | None = None
) -> DeadlineFields:
    """The fields written (`titre date pour rappels note`, the title also first without a key),
    over `before` for a change; every wrong field said at once."""
    written = split_fields(text, "titre")
    errors: dict[str, UserError] = {}
    unknown = sorted(set(written) - _KNOWN)
    for key in unknown:
        errors[key] = UserError("network_deadlines.unknown_field", got=shown(key))
    values: dict[str, Any] = {}
    readers: dict[str, Callable[[str], object]] = {
        "titre": _title,
        "date": lambda v: parse_date(v, today),
        "pour": _audience,
        "rappels": _offsets,
        "note": lambda v: v.strip(),
    }
    for key, read in readers.items():
        if key in written:
            try:
                values[key] = read(written[key])
            except UserError as exc:
                errors[key] = exc
    if before is None and "date" not in written and "date" not in errors:
        errors["date"] = UserError("network_deadlines.no_date")
    if before is None and "titre" not in written:
        errors["titre"] = UserError("network_deadlines.no_title")
    if errors:
        raise UserError.all_of(
            [UserError("error.field", field=key, problem=exc) for key, exc in errors.items()]
        )
    return DeadlineFields(
        values.get("titre", before.title if before else ""),
        values.get("date", before.day if before else today),
        values.get("pour", before.audience if before else (PROMENEURS,)),
        values.get("rappels", before.offsets if before else tuple(default_offsets)),
        values.get("note", before.note if before else ""),
    )


def _title(text: str) -> str:
    title = " ".join(text.strip().strip('"«»“”').split())
    if not title:
        raise UserError("network_deadlines.no_title")
    return title[:200]


def _audience(text: str) -> tuple[str, ...]:
    """`promeneurs`, `coordination`, `tous`, or Matrix ids separated by commas."""
    people = NAMED_USER.findall(text)
    rest = fold(NAMED_USER.sub(" ", text)).replace(" et ", " ")
    groups: list[str] = []
    for word in (w.strip() for w in re.split(r"[ ,]+(?=\S)", rest)):
        if not word:
            continue
        if word not in _GROUPS:
            raise UserError("network_deadlines.bad_audience", got=shown(word))
        groups += [g for g in _GROUPS[word] if g not in groups]
    if not groups and not people:
        raise UserError("network_deadlines.bad_audience", got=shown(text))
    return (*groups, *dict.fromkeys(people))


def _offsets(text: str) -> tuple[str, ...]:
    """`14j,7j,1j`, `14 jours, 2 semaines`, or `aucun` -> ("14j", "7j", "1j")."""
    if fold(text) in ("aucun", "aucuns", "non", "0"):
        return ()
    folded = fold(text)
    days = {int(m[1]) * (7 if m[2].startswith("s") else 1) for m in _OFFSET.finditer(folded)}
    left = " ".join(w for w in _OFFSET.sub(" ", folded).split() if w != "et")
    if left or not days or max(days) > 366:
        raise UserError("network_deadlines.bad_offsets", got=shown(left or text))
    return tuple(f"{n}j" for n in sorted(days, reverse=True))


@dataclass(frozen=True)
class PlannedReminder:
    deadline_id: int
    day: dt.date
    offset: str
    due_at: dt.datetime

    @property
    def job_id(self) -> str:
        return f"{JOB_PREFIX}{self.deadline_id}-{self.day.isoformat()}-{self.offset}"


def plan(rows: Iterable[NetworkDeadline], now: dt.datetime, at: dt.time) -> list[PlannedReminder]:
    """The reminders of the open deadlines whose day has not passed, overdue ones included."""
    planned = []
    for row in rows:
        if row.cancelled_at is not None or row.day < now.date() or row.id is None:
            continue
        for offset in row.offsets:
            day = row.day - dt.timedelta(days=parse_offset(offset).days)
            due = dt.datetime.combine(day, at, tzinfo=now.tzinfo)
            planned.append(PlannedReminder(row.id, row.day, offset, due))
    return latest_overdue_only(planned, lambda p: p.deadline_id, lambda p: p.due_at, now)


class NetworkDeadlines:
    """The network's deadlines in the database and their reminders: `refresh` (re)builds one
    APScheduler job per (deadline, day, offset); `fire` sends it to each person once."""

    def __init__(
        self,
        db: Database,
        poster: PostOnce,
        scheduler: AsyncIOScheduler,
        rooms: DirectRooms,
        clock: Clock,
        reminder_time: str,
        promeneurs: Callable[[], set[str]],
        coordinators: Callable[[], set[str]],
        t: Translator,
    ) -> None:
        self._db = db
        self._poster = poster
        self._scheduler = scheduler
        self._rooms = rooms
        self._clock = clock
        hours, minutes = (int(p) for p in reminder_time.split(":"))
        self._at = dt.time(hours, minutes)
        self._promeneurs = promeneurs
        self._coordinators = coordinators
        self._t = t

    # The deadlines, for the commands.
    async def create(self, source_event_id: str, columns: dict[str, Any]) -> NetworkDeadline:
        """The deadline a command creates; a replayed command finds it instead of a twin."""

        row = await self._db.run(
            lambda s: create_once(s, NetworkDeadline, source_event_id, columns)
        )
        self.refresh_soon()
        return row

    async def get(self, number: int) -> NetworkDeadline | None:
        row = await self._db.run(lambda s: s.get(NetworkDeadline, number))
        return row if row is not None and row.cancelled_at is None else None

    async def change(self, number: int, columns: dict[str, Any]) -> None:
        def write(session: Session) -> None:
            row = session.get(NetworkDeadline, number)
            assert row is not None
            for name, value in columns.items():
                setattr(row, name, value)
            session.add(row)

        await self._db.run(write)
        self.refresh_soon()

    async def open(self) -> list[NetworkDeadline]:
        """The deadlines not cancelled whose day has not passed, soonest first."""
        today = self._clock().date()
        rows = await self._db.run(
            lambda s: list(
                s.exec(
                    select(NetworkDeadline).where(
                        col(NetworkDeadline.cancelled_at).is_(None),
                        col(NetworkDeadline.day) >= today,
                    )
                )
            )
        )
        return sorted(rows, key=lambda r: (r.day, r.id or 0))

    # Their reminders.
    def refresh_soon(self) -> None:
        self._scheduler.add_job(self.refresh, id="network-deadlines-now", replace_existing=True)

    async def refresh(self) -> None:
        now = self._clock()
        wanted = {p.job_id: p for p in plan(await self.open(), now, self._at)}
        replace_jobs(self._scheduler, self._clock, JOB_PREFIX, wanted, self.fire)

    async def fire(self, planned: PlannedReminder) -> None:
        row = await self.get(planned.deadline_id)
        now = self._clock()
        if row is None or row.day != planned.day or planned.offset not in row.offsets:
            return  # cancelled or changed since it was planned
        if now.date() > row.day:
            return  # the day has passed: nothing useful to say any more
        days = (row.day - now.date()).days
        when = self._t("network_deadlines.today") if days == 0 else offset_words(f"{days}j")
        text = self._t(
            "network_deadlines.reminder",
            title=row.title,
            day=spoken_day(row.day, year=True),
            when=when,
            note=f"\n{row.note}" if row.note else "",
        )
        for user in sorted(self.audience_of(row)):
            key = (f"network-deadline-{row.id}", row.day.isoformat(), planned.offset, user)
            await self._poster.to_person(self._rooms, key, user, text)

    def audience_of(self, row: NetworkDeadline) -> set[str]:
        people = {a for a in row.audience if a.startswith("@")}
        if PROMENEURS in row.audience:
            people |= self._promeneurs()
        if COORDINATION in row.audience:
            people |= self._coordinators()
        return people

    def concerns(self, row: NetworkDeadline, user_id: str, coordination: bool) -> bool:
        """Whether `user_id` sees `row` in `!echeances` (the coordination sees them all)."""
        return coordination or user_id in self.audience_of(row)


def describe_audience(audience: Iterable[str], t: Translator) -> str:
    words = {PROMENEURS: t("network_deadlines.for_promeneurs"),
             COORDINATION: t("network_deadlines.for_coordination")}  # fmt: skip
    return ", ".join(words.get(a, a) for a in audience)
