"""The coordinator's quarterly time grid: « une synthèse des actions (grille de répartition du
temps de travail et tâches associées) mises en place par le coordinateur (organisation de
réunions, de formations, nombre d'échanges avec les PDN, thématiques abordées, ...) », due to the
Caf every quarter (../shared/seeds/001…).

The coordinator types hours per task with `!grille`; beside them the bot shows what it saw in
the quarter (meetings held, announcements, referral questions answered, declaration follow-ups),
to fill the grid from. The grid goes into the quarter's report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, delete, func, select

from bot.declarations.parsing import Choice, format_hours, parse_choices, parse_hours
from bot.declarations.weeks import Quarter
from bot.storage.database import Write
from bot.storage.models import (
    DECLARATION_REMINDERS,
    AuditEntry,
    CoordinatorTime,
    KbConsultation,
    Meeting,
    ReminderSent,
    as_utc,
    utcnow,
)
from bot.text.errors import UserError

MAX_TASK_HOURS = 600  # a full-time quarter is about 450 hours


@dataclass(frozen=True)
class Facts:
    """What the bot saw in the quarter, up to now."""

    meetings: int  # network meetings held (each occurrence of a recurring one)
    announcements: int  # !annonce sent
    questions: int  # referral questions answered
    follow_ups: int  # weekly declaration prompts and reminders sent


def quarter_bounds(quarter: Quarter) -> tuple[dt.datetime, dt.datetime]:
    """The quarter's first instant and the next quarter's, in UTC (calendar days)."""
    start = dt.datetime(quarter.year, 3 * quarter.number - 2, 1, tzinfo=dt.UTC)
    following = Quarter(quarter.year + 1, 1) if quarter.number == 4 else None
    following = following or Quarter(quarter.year, quarter.number + 1)
    return start, dt.datetime(following.year, 3 * following.number - 2, 1, tzinfo=dt.UTC)


def read_grid(session: Session, quarter: Quarter) -> dict[str, float]:
    """The hours typed for each task of `quarter`."""
    rows = session.exec(select(CoordinatorTime).where(col(CoordinatorTime.quarter) == str(quarter)))
    return {row.task: row.hours for row in rows}


def save_hours(quarter: Quarter, hours: Mapping[str, float], user_id: str) -> Write:
    """Replace the hours of the tasks named in `hours` (the other tasks keep theirs)."""

    def write(session: Session) -> None:
        for task, value in hours.items():
            session.execute(
                delete(CoordinatorTime).where(
                    col(CoordinatorTime.quarter) == str(quarter), col(CoordinatorTime.task) == task
                )
            )
            session.add(
                CoordinatorTime(
                    quarter=str(quarter),
                    task=task,
                    hours=value,
                    updated_by=user_id,
                    updated_at=utcnow(),
                )
            )

    return write


def read_facts(session: Session, quarter: Quarter, now: dt.datetime) -> Facts:
    """Meetings held up to `now` (not those still to come); the rest, as recorded."""
    start, end = quarter_bounds(quarter)
    until = min(end, as_utc(now))

    def count(query: object) -> int:
        return int(session.exec(query).one())  # type: ignore[call-overload]

    meetings = 0
    for meeting in session.exec(select(Meeting).where(col(Meeting.cancelled_at).is_(None))):
        meetings += len(_held(meeting, start, until))
    announcements = count(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "annonce", AuditEntry.at >= start, AuditEntry.at < end)
    )
    questions = count(
        select(func.count())
        .select_from(KbConsultation)
        .where(KbConsultation.consulted_at >= start, KbConsultation.consulted_at < end)
    )
    follow_ups = count(
        select(func.count())
        .select_from(ReminderSent)
        .where(
            col(ReminderSent.reminder).startswith(DECLARATION_REMINDERS),
            col(ReminderSent.dropped).is_(False),
            ReminderSent.sent_at >= start,
            ReminderSent.sent_at < end,
        )
    )
    return Facts(meetings, announcements, questions, follow_ups)


def _held(meeting: Meeting, start: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """The occurrences of `meeting` in [start, until)."""
    first = as_utc(meeting.starts_at)
    if not meeting.rule:
        return [first] if start <= first < until else []
    from dateutil.rrule import rrulestr  # as bot/scheduling/recurrence.py reads the rules

    rule = rrulestr(meeting.rule, dtstart=first)
    return list(rule.between(start, until, inc=True))[:500]


def parse_hours_by_task(fields: Mapping[str, str], tasks: Sequence[str]) -> dict[str, float]:
    """`{"reunions": "6", "2": "3h30"}` -> hours per task: a task by its number in the list or
    by its words (typos allowed); a key that fits two tasks, or none, is refused."""
    choices = [Choice(task) for task in tasks]
    hours: dict[str, float] = {}
    for key, value in fields.items():
        try:
            (task,) = parse_choices(key.replace("_", " "), choices, allow_none=False)
        except (UserError, ValueError):
            raise UserError("grid.unknown_task", task=key, count=len(tasks)) from None
        try:
            amount = parse_hours(value, MAX_TASK_HOURS)
        except UserError as exc:
            raise UserError("error.field", field=key, problem=exc) from None
        hours[task] = amount
    return hours


def grid_lines(
    tasks: Sequence[str], hours: Mapping[str, float], facts: Facts | None = None
) -> list[str]:
    """The grid as the coordinator reads it: one line per task (« — » when not typed), the
    total, then what the bot saw."""
    lines = [
        f"{number}. {task} : {format_hours(hours[task]) if task in hours else '—'}"
        for number, task in enumerate(tasks, 1)
    ]
    others = sorted(set(hours) - set(tasks))  # tasks since removed from the configuration
    lines += [f"• {task} : {format_hours(hours[task])}" for task in others]
    lines.append(f"Total : {format_hours(sum(hours.values()))}")
    if facts is not None:
        lines.append(
            f"Vu par le bot : {facts.meetings} réunion(s) du réseau, {facts.announcements} "
            f"annonce(s), {facts.questions} question(s) d'orientation traitée(s), "
            f"{facts.follow_ups} relance(s) de déclaration."
        )
    return lines
