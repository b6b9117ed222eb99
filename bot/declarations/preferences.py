"""Each promeneur's weekly prompt: their own day and time, or none."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session

from bot.commands.context import CommandContext
from bot.settings import WEEKDAYS
from bot.storage.database import Write
from bot.storage.models import DeclarationPreference
from bot.text.fold import fold
from bot.text.quote import shown

_WHEN = re.compile(r"(?P<day>[a-z]+)\s+(?:a\s+)?(?P<hour>\d{1,2})\s*(?:h|:)\s*(?P<minute>\d{2})?")


def parse_when(text: str) -> tuple[int, str] | None:
    """`jeudi 17h`, `jeudi à 17h30`, `jeudi 17:30` -> (3, "17:30")."""
    match = _WHEN.fullmatch(fold(text).replace(" h ", "h "))
    if not match or match["day"] not in WEEKDAYS:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if hour > 23 or minute > 59:
        return None
    return WEEKDAYS.index(match["day"]), f"{hour:02d}:{minute:02d}"


def _set(user_id: str, **changes: object) -> Write:
    def write(session: Session) -> None:
        preference = session.get(DeclarationPreference, user_id) or DeclarationPreference(
            user_id=user_id
        )
        for name, value in changes.items():
            setattr(preference, name, value)
        session.add(preference)

    return write


def parse_until(text: str, today: dt.date) -> dt.date | None:
    """`jusqu'au 15/12`, `15/12/2026`, `2026-12-15` -> that date (next occurrence for dd/mm)."""
    folded = fold(text).removeprefix("jusqu au ").removeprefix("au ").strip()
    try:
        return dt.date.fromisoformat(folded.replace(" ", "-"))
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})\s+(\d{1,2})(?:\s+(\d{4}))?", folded)
    if not match:
        return None
    day, month = int(match[1]), int(match[2])
    year = int(match[3]) if match[3] else today.year
    try:
        until = dt.date(year, month, day)
    except ValueError:
        return None
    if not match[3] and until < today:
        until = until.replace(year=year + 1)
    return until


async def change_absence(ctx: CommandContext, text: str, today: dt.date) -> str:
    """`!declarer absent jusqu'au 15/12`: no prompt nor reminder until then; `absent non`."""
    if fold(text) in ("non", "fin", "off", "retour"):
        ctx.writes.append(_set(ctx.sender, away_until=None))
        return ctx.t("declarations.away_over")
    until = parse_until(text, today)
    if until is None or until < today:
        return ctx.t("declarations.away_bad_day", got=shown(text))
    ctx.writes.append(_set(ctx.sender, away_until=until))
    return ctx.t("declarations.away_noted", day=f"{until:%d/%m/%Y}")


async def change_prompt(ctx: CommandContext, text: str) -> str:
    """Apply `!declarer rappel …` and say what the prompt is now."""
    said = fold(text)
    if said in ("non", "off", "stop", "jamais"):
        ctx.writes.append(_set(ctx.sender, enabled=False))
        return ctx.t("declarations.weekly_off")
    if said in ("oui", "on", "defaut", "par defaut"):
        ctx.writes.append(_set(ctx.sender, enabled=True, weekday=None, time=None))
        return ctx.t("declarations.weekly_default")
    when = parse_when(text)
    if when is None:
        return ctx.t("declarations.weekly_bad_time", got=shown(text))
    weekday, clock = when
    ctx.writes.append(_set(ctx.sender, enabled=True, weekday=weekday, time=clock))
    return ctx.t(
        "declarations.weekly_set", weekday=WEEKDAYS[weekday], time=clock.replace(":", " h ")
    )
