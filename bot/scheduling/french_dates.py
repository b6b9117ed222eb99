"""Dates and times as people write them in French: « mardi 3 décembre à 14h », « 03/12 14h30 »,
« demain 9h », « 2026-12-03 14:00 ». Relative to an injected `now`; never in the past.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
)  # fmt: skip
_SHORT_MONTHS = {m[:4]: i + 1 for i, m in enumerate(MONTHS)} | {"fev": 2, "dec": 12, "sept": 9}

SPOKEN_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")  # fmt: skip


def spoken_day(day: dt.date, year: bool = False) -> str:
    """`mardi 1er décembre`, `jeudi 3 décembre` (with `year`, `… 2026`)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{WEEKDAYS[day.weekday()]} {number} {SPOKEN_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def example_day(today: dt.date | None = None) -> dt.date:
    """A Tuesday one to two weeks ahead: examples of dates that are always valid."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 + (1 - today.weekday()) % 7)


def examples(today: dt.date | None = None) -> str:
    """How dates may be written, with dates that are valid from `today` (the real date by
    default)."""
    day = example_day(today)
    return (
        f"« {spoken_day(day)} à 14h », « {day:%d/%m} 14h30 », « demain 9h » ou "
        f"« {day.isoformat()} 14:00 »"
    )


_TIME = re.compile(r"(?:a\s+)?\b(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<m>\d{2})?\b|\b(?P<noon>midi)\b")


def parse_time(text: str) -> tuple[dt.time, str]:
    """The time of day in `text`, and `text` without it (folded)."""
    folded = fold(text.replace(":", "h"))
    match = _TIME.search(folded)
    if match is None:
        raise UserError("dates.no_time", examples=examples())
    if match["noon"]:
        moment = dt.time(12, 0)
    else:
        hours, minutes = int(match["h"]), int(match["m"] or 0)
        if hours > 23 or minutes > 59:
            raise UserError("dates.bad_time", got=shown(match.group(0)))
        moment = dt.time(hours, minutes)
    rest = (folded[: match.start()] + " " + folded[match.end() :]).replace(" a ", " ")
    return moment, " ".join(rest.split())


def _day(text: str, today: dt.date) -> dt.date:
    words = text.split()
    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if match := re.search(r"\b(\d{4}) (\d{1,2}) (\d{1,2})\b", text):  # ISO, folded
        day = _date(int(match[1]), int(match[2]), int(match[3]))
    elif match := re.search(r"\b(\d{1,2}) (\d{1,2})(?: (\d{2,4}))?\b", text):  # 03/12[/2026]
        day = _next_date(int(match[1]), int(match[2]), match[3], today)
    elif match := re.search(r"\b(1er|\d{1,2}) ([a-z]+)(?: (\d{4}))?\b", text):
        month = _month(match[2])
        number = 1 if match[1] == "1er" else int(match[1])
        day = _next_date(number, month, match[3], today)
    elif "apres demain" in text:
        day = today + dt.timedelta(days=2)
    elif "demain" in text:
        day = today + dt.timedelta(days=1)
    elif "aujourd hui" in text or "ce soir" in text or "ce matin" in text:
        day = today
    elif weekday is not None:
        ahead = (weekday - today.weekday()) % 7
        if ahead == 0 and "prochain" not in text:
            raise UserError(
                "dates.which_weekday", weekday=WEEKDAYS[weekday], examples=examples(today)
            )
        day = today + dt.timedelta(days=ahead or 7)
        return day
    else:
        raise UserError("dates.unknown", examples=examples(today))
    if weekday is not None and day.weekday() != weekday:
        raise UserError(
            "dates.wrong_weekday",
            day=f"{day:%d/%m/%Y}",
            weekday=WEEKDAYS[day.weekday()],
            said=WEEKDAYS[weekday],
        )
    return day


def _month(word: str) -> int:
    if word in MONTHS:
        return MONTHS.index(word) + 1
    for prefix, number in _SHORT_MONTHS.items():
        if word.startswith(prefix):
            return number
    raise UserError("dates.bad_month", got=shown(word), examples=examples())


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UserError("dates.no_such_day", day=f"{day:02d}/{month:02d}/{year}") from None


def _next_date(day: int, month: int, year: str | None, today: dt.date) -> dt.date:
    if year:
        number = int(year)
        return _date(number + 2000 if number < 100 else number, month, day)
    # Without a year, the nearest such day: « 15/01 » written in November is next January, but
    # « 23/11 » written on 29 November is a day just gone, refused with the date read back (and
    # the next year's to write if that was meant). 29/02: the next leap year's; a day no year
    # has (31/04) is refused.
    candidates = []
    for number in range(today.year - 1, today.year + 9):
        with contextlib.suppress(ValueError):
            candidates.append(dt.date(number, month, day))
    if not candidates:
        return _date(today.year, month, day)
    ahead = next((c for c in candidates if c >= today), None)
    behind = max((c for c in candidates if c < today), default=None)
    if behind is not None and (ahead is None or today - behind < ahead - today):
        raise UserError(
            "dates.past_day",
            day=spoken_day(behind, year=True),
            next=f"{day:02d}/{month:02d}/{ahead.year if ahead else behind.year + 1}",
        )
    assert ahead is not None
    return ahead


def parse_when(text: str, now: dt.datetime) -> dt.datetime:
    """A future moment, in `now`'s time zone; a UserError saying why otherwise."""
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo), "now must carry a ZoneInfo"
    moment, rest = parse_time(text)
    day = _day(rest, now.date())
    when = dt.datetime.combine(day, moment, tzinfo=zone)
    if when.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != when.replace(tzinfo=None):
        raise UserError("dates.summer_time", time=f"{moment:%H:%M}", day=f"{day:%d/%m/%Y}")
    if when <= now:
        raise UserError("dates.past", day=f"{when:%d/%m/%Y}", time=f"{when:%H:%M}")
    return when


def parse_date(text: str, today: dt.date) -> dt.date:
    """A day to come (today included), written as for a meeting, without the time."""
    day = _day(fold(text), today)
    if day < today:
        raise UserError("dates.past_date", day=spoken_day(day, year=True))
    return day


def describe(when: dt.datetime) -> str:
    """`mardi 1er décembre 2026 à 14 h 00`."""
    return f"{spoken_day(when.date(), year=True)} à {when.hour} h {when:%M}"
