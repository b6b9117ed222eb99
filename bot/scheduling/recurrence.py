"""Recurring meetings as calendar rules (RFC 5545 RRULE), read from French:
« tous les premiers mardis du mois à 14h », « toutes les deux semaines le jeudi à 10h ».

Occurrences are computed in local wall-clock time and only then given the time zone, so a
14:00 meeting stays at 14:00 across summer-time changes and months of any length.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from bot.scheduling.french_dates import MONTHS, SPOKEN_MONTHS, WEEKDAYS, parse_time
from bot.text.errors import UserError
from bot.text.fold import fold

_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINALS = {
    "premier": 1, "premiers": 1, "1er": 1, "1ers": 1,
    "deuxieme": 2, "deuxiemes": 2, "second": 2, "seconds": 2, "2e": 2, "2eme": 2,
    "troisieme": 3, "troisiemes": 3, "3e": 3, "3eme": 3,
    "quatrieme": 4, "quatriemes": 4, "4e": 4, "4eme": 4,
    "dernier": -1, "derniers": -1,
}  # fmt: skip
_COUNTS = {"deux": 2, "2": 2, "trois": 3, "3": 3, "quatre": 4, "4": 4}
EXAMPLES = (
    "« tous les premiers mardis du mois à 14h », « toutes les deux semaines le jeudi à 10h », "
    "« tous les lundis à 9h30 », « tous les mois le 15 à 10h », « chaque trimestre le premier "
    "mardi à 14h », « tous les six mois le 10 à 9h » ou « chaque année le 15 mars à 10h »"
)


def _weekday(word: str) -> int | None:
    word = word.rstrip("s")
    return WEEKDAYS.index(word) if word in WEEKDAYS else None


def looks_recurring(text: str) -> bool:
    return bool(re.search(r"\b(?:tous|toutes|chaque)\b", fold(text)))


# How often, read before the days: the longer periods first (« tous les trois mois » also
# holds « mois »). Each is (frequency, interval) of an RRULE.
_PERIODS = (
    (r"\b(?:chaque|tous les) semestres?\b|\bsemestriel|\btous les (?:6|six) mois\b",
     ("MONTHLY", 6)),
    (r"\b(?:chaque|tous les) trimestres?\b|\btrimestriel|\btous les (?:3|trois) mois\b",
     ("MONTHLY", 3)),
    (r"\btous les (?:2|deux) mois\b|\bbimestriel", ("MONTHLY", 2)),
    (r"\b(?:chaque|tous les) (?:ans?|annees?)\b|\bchaque annee\b|\bannuel|\bune fois par an\b",
     ("YEARLY", 1)),
    (r"\b(?:chaque|tous les) mois\b|\bmensuel|\bdu mois\b|\bpar mois\b", ("MONTHLY", 1)),
)  # fmt: skip
# Words of a period the rules above did not read: refused rather than read as weekly.
_OTHER_PERIODS = re.compile(r"\b(?:mois|trimestres?|semestres?|ans?|annees?|annuel\w*|jours)\b")


def _period(rest: str) -> tuple[str, int] | None:
    return next((period for pattern, period in _PERIODS if re.search(pattern, rest)), None)


def parse_rule(text: str) -> str:
    """The RRULE (without DTSTART) for a French recurrence: weekly (every n weeks), monthly by
    the nth weekday or the day of the month, every two, three (quarterly) or six months
    (half-yearly), or yearly on a date. Anything else is refused with examples, never read as
    something close."""
    moment, rest = parse_time(text)
    at = f"BYHOUR={moment.hour};BYMINUTE={moment.minute};BYSECOND=0"
    words = rest.split()
    days = [d for d in (_weekday(w) for w in words) if d is not None]
    ordinal = next((_ORDINALS[w] for w in words if w in _ORDINALS), None)
    period = _period(rest)
    if period is None and days and ordinal is not None:
        period = ("MONTHLY", 1)  # « tous les premiers mardis »: of each month
    if period is not None and period[0] == "YEARLY":
        return f"FREQ=YEARLY;{_yearly_day(rest)};{at}"
    if period is not None:
        every = "FREQ=MONTHLY" + (f";INTERVAL={period[1]}" if period[1] > 1 else "")
        if days and ordinal is not None:
            return f"{every};BYDAY={ordinal}{_DAY_CODES[days[0]]};{at}"
        if match := re.search(r"\ble (\d{1,2}|1er)\b", rest):
            day = 1 if match[1] == "1er" else int(match[1])
            if not 1 <= day <= 28:
                raise UserError("dates.monthly_day")
            return f"{every};BYMONTHDAY={day};{at}"
        raise UserError("dates.rule_needs_day", examples=EXAMPLES)
    fortnight = re.search(r"\btous les (?:15|quinze) jours\b", rest)
    if days and (fortnight or not _OTHER_PERIODS.search(rest)):
        interval = 2 if fortnight else 1
        if match := re.search(r"\b(?:toutes|tous) les (\w+) semaines\b", rest):
            if match[1] not in _COUNTS:
                raise UserError("dates.week_interval", got=match[1])
            interval = _COUNTS[match[1]]
        codes = ",".join(_DAY_CODES[d] for d in sorted(set(days)))
        return f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={codes};{at}"
    raise UserError("dates.unknown_rule", examples=EXAMPLES)


def _yearly_day(rest: str) -> str:
    """`BYMONTH=3;BYMONTHDAY=15` for « le 15 mars » or « le 15/03 »."""
    if match := re.search(r"\b(1er|\d{1,2}) ([a-z]+)\b", rest):
        month = next((i for i, m in enumerate(MONTHS, 1) if match[2].startswith(m[:4])), None)
        day = 1 if match[1] == "1er" else int(match[1])
        if month is not None and 1 <= day <= 28:
            return f"BYMONTH={month};BYMONTHDAY={day}"
    match = re.search(r"\b(\d{1,2}) (\d{1,2})\b", rest)
    if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[1]) <= 28:
        return f"BYMONTH={int(match[2])};BYMONTHDAY={int(match[1])}"
    raise UserError("dates.rule_needs_day", examples=EXAMPLES)


def occurrences(rule: str, first: dt.datetime, after: dt.datetime) -> Iterator[dt.datetime]:
    """The meetings of `rule` from `first` on, strictly after `after`, in `first`'s zone."""
    zone = first.tzinfo
    assert isinstance(zone, ZoneInfo)
    local_after = after.astimezone(zone).replace(tzinfo=None)
    for naive in rrulestr(rule, dtstart=first.replace(tzinfo=None)).xafter(local_after):
        when = naive.replace(tzinfo=zone)
        if when.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive:
            continue  # a time that does not exist that day (summer time starts)
        yield when


def first_occurrence(rule: str, now: dt.datetime) -> dt.datetime:
    """The first meeting of a new rule, after `now`: the next matching day, which then anchors
    an "every two weeks" rule (rather than the week `now` falls in)."""
    start = now.replace(second=0, microsecond=0)
    every_week = re.sub(r"INTERVAL=\d+", "INTERVAL=1", rule)
    for when in occurrences(every_week, start, now):
        return when
    raise UserError("dates.rule_never")


def describe_rule(rule: str) -> str:
    """A short French reading of a rule we produced."""
    parts = dict(part.split("=") for part in rule.split(";"))
    at = f"{int(parts['BYHOUR'])} h {int(parts['BYMINUTE']):02d}"
    if parts["FREQ"] == "YEARLY":
        month = SPOKEN_MONTHS[int(parts["BYMONTH"]) - 1]
        return f"chaque année le {parts['BYMONTHDAY']} {month} à {at}"
    every = {"1": "", "2": "tous les deux mois, ", "3": "chaque trimestre, ",
             "6": "chaque semestre, "}.get(parts.get("INTERVAL", "1"), "")  # fmt: skip
    if parts["FREQ"] == "MONTHLY" and "BYDAY" in parts:
        match = re.fullmatch(r"(-?\d)(\w\w)", parts["BYDAY"])
        assert match
        nth = {"1": "premier", "2": "deuxième", "3": "troisième", "4": "quatrième", "-1": "dernier"}
        return f"{every}le {nth[match[1]]} {WEEKDAYS[_DAY_CODES.index(match[2])]} du mois à {at}"
    if parts["FREQ"] == "MONTHLY":
        if every:
            return f"{every}le {parts['BYMONTHDAY']} à {at}"
        return f"tous les mois le {parts['BYMONTHDAY']} à {at}"
    days = " et ".join(WEEKDAYS[_DAY_CODES.index(code)] for code in parts["BYDAY"].split(","))
    every = {"1": "chaque", "2": "toutes les deux semaines le", "3": "toutes les trois semaines le",
             "4": "toutes les quatre semaines le"}[parts.get("INTERVAL", "1")]  # fmt: skip
    return f"{every} {days} à {at}"
