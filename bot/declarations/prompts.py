"""The weekly prompt and the reminder: who is due, computed from the database, sent once.

A periodic check (APScheduler) looks at every promeneur: a prompt is due once this week's prompt
time has passed and the week is not declared; a reminder once this week's reminder time has
passed and last week is not declared. A row records each one sent, in the same transaction as
the message, so a restart never sends it twice and a bot that was down sends it late, not never.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.declarations.weeks import Week
from bot.settings import WEEKDAYS, DeclarationSettings
from bot.storage.models import (
    DECLARATION_REMINDERS,
    Declaration,
    DeclarationPreference,
    DialogState,
    ReminderSent,
)

PROMPT = "prompt"
REMINDER = "reminder"


@dataclass(frozen=True)
class Due:
    """One message to send: a prompt for `week`, or a reminder about `week`."""

    user_id: str
    week: Week
    kind: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What it is recorded as once sent (bot/matrix/post_once.py)."""
        return (DECLARATION_REMINDERS + self.kind, str(self.week), "", self.user_id)


def _moment(week: Week, weekday: int, clock: str, zone: ZoneInfo) -> dt.datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    day = week.monday + dt.timedelta(days=weekday)
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=zone)


def due_messages(
    session: Session,
    promeneurs: set[str],
    settings: DeclarationSettings,
    now: dt.datetime,
) -> list[Due]:
    """Everything due at `now` (an aware datetime) and not sent yet."""
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo), "now must carry a ZoneInfo"
    current = Week.of(now.date())
    last = current.shifted(-1)
    weeks = [str(current), str(last)]
    declared = {
        (d.user_id, d.week)
        for d in session.exec(select(Declaration).where(col(Declaration.week).in_(weeks)))
    }
    sent = {
        (r.target, r.occurrence, r.reminder.removeprefix(DECLARATION_REMINDERS))
        for r in session.exec(
            select(ReminderSent).where(
                col(ReminderSent.reminder).startswith(DECLARATION_REMINDERS),
                col(ReminderSent.occurrence).in_(weeks),
            )
        )
    }
    preferences = {p.user_id: p for p in session.exec(select(DeclarationPreference))}
    due: list[Due] = []
    for user in sorted(promeneurs):
        preference = preferences.get(user)
        if preference is not None and not preference.enabled:
            continue
        if preference is not None and preference.away_until and now.date() <= preference.away_until:
            continue  # on leave
        weekday = WEEKDAYS.index(settings.prompt_day)
        clock = settings.prompt_time
        if preference is not None and preference.weekday is not None and preference.time:
            weekday, clock = preference.weekday, preference.time
        if (
            now >= _moment(current, weekday, clock, zone)
            and (user, str(current)) not in declared
            and (user, str(current), PROMPT) not in sent
        ):
            due.append(Due(user, current, PROMPT))
        reminder_day = WEEKDAYS.index(settings.reminder_day)
        if (
            now >= _moment(current, reminder_day, settings.reminder_time, zone)
            and (user, str(last)) not in declared
            and (user, str(last), REMINDER) not in sent
        ):
            due.append(Due(user, last, REMINDER))
    return due


def has_dialog(session: Session, user_id: str, room_id: str) -> bool:
    return session.get(DialogState, (user_id, room_id)) is not None
