"""ISO weeks and quarters: which week a declaration is for, which weeks a quarter expects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.settings import DeadlineSettings
from bot.text.errors import UserError
from bot.text.quote import shown


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week, written `2026-W46`."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @classmethod
    def of(cls, day: dt.date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def parse(cls, text: str) -> Week:
        match = re.fullmatch(r"(\d{4})-W(\d{1,2})", text.strip(), flags=re.IGNORECASE)
        if not match:
            raise ValueError(text)
        week = cls(int(match[1]), int(match[2]))
        week.monday  # noqa: B018 -- validates the number
        return week

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.monday + dt.timedelta(weeks=weeks))

    @property
    def quarter(self) -> Quarter:
        """The quarter of the week's Thursday (the ISO rule for the year, applied to quarters)."""
        return Quarter.of(self.monday + dt.timedelta(days=3))

    def label(self) -> str:
        sunday = self.monday + dt.timedelta(days=6)
        return f"semaine {self.number} ({self.monday:%d/%m} au {sunday:%d/%m/%Y})"


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, written `2026-Q4` (T4 2026 in French)."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def label(self) -> str:
        return f"T{self.number} {self.year}"

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def weeks(self) -> list[Week]:
        """The weeks whose Thursday falls in the quarter."""
        first = dt.date(self.year, 3 * self.number - 2, 1)
        week = Week.of(first)
        if week.quarter != self:
            week = week.shifted(1)
        weeks = []
        while week.quarter == self:
            weeks.append(week)
            week = week.shifted(1)
        return weeks


# What may follow `!declarer`: `semaine 46`, `s46`, `46`, with a year or not (`semaine 50 2025`,
# `S50 2025`, `semaine 50 de 2025`), or the ISO form `2025-W50`.
_NUMBERED = r"(?:semaine|sem\.?|s)?\s*(?P<number>\d{1,2})(?:\s*(?:de|en|/|,)?\s*(?P<year>\d{4}))?"
_ISO = r"(?P<iso_year>\d{4})\s*-?\s*[ws]\s*(?P<iso_number>\d{1,2})"
_WEEK = re.compile(rf"(?:{_ISO}|{_NUMBERED})", flags=re.IGNORECASE)


def closing_day(year: int, deadlines: DeadlineSettings) -> dt.date:
    """The last day on which the weeks of `year` can still be declared: the annual deadline of
    the next year (31 January by default); without one, the latest quarterly deadline of
    January to March (the one for the fourth quarter); without either, 31 January."""
    if deadlines.annual:
        text = deadlines.annual
    else:
        early = [d for d in deadlines.quarterly if int(d[3:]) <= 3]
        text = max(early, key=lambda d: (int(d[3:]), int(d[:2])), default="31/01")
    return dt.date(year + 1, int(text[3:]), int(text[:2]))


def quarter_being_completed(today: dt.date, deadlines: DeadlineSettings) -> Quarter:
    """The quarter whose declarations are being gathered: the one just ended, until its
    deadline (a quarterly date falls in the quarter after the one it closes), else the current
    one. Early January, that is the fourth quarter, not the first with nothing due yet."""
    current = Quarter.of(today)
    for text in deadlines.quarterly:
        day = dt.date(today.year, int(text[3:]), int(text[:2]))
        if Quarter.of(day) == current and today <= day:
            return current.previous
    return current


def split_week(text: str) -> tuple[str | None, str]:
    """A week written at the start of `text` (`semaine 46 3h …`), and the rest."""
    match = _WEEK.match(text.strip())
    if match is None or not re.match(r"\s*(?:semaine|sem\.?|s|\d{4})", text, re.IGNORECASE):
        return None, text
    rest = text.strip()[match.end() :]
    if rest and not rest[0].isspace():
        return None, text  # `4h`, `46h`: hours, not a week
    return match[0], rest.strip()


def parse_week(text: str, today: dt.date, deadlines: DeadlineSettings | None = None) -> Week:
    """The week `text` names, as every command that takes a week reads it.

    Declarable: any week of the current (ISO) year up to this one, and every week of an earlier
    year until that year's closing day (`closing_day`: the annual deadline). A bare number is
    this year's week if it is reached; if not, last year's while last year is still open;
    otherwise it is this year's, refused as in the future. A year given explicitly is taken as
    written. Future weeks and weeks of a closed year are refused, saying why.
    """
    deadlines = deadlines or DeadlineSettings()  # the defaults: annual deadline 31/01
    current = Week.of(today)
    match = _WEEK.fullmatch(text.strip())
    if match is None:
        raise UserError("declarations.bad_week", got=shown(text), current=current)
    if match["iso_year"]:
        year, number = int(match["iso_year"]), int(match["iso_number"])
    elif match["year"]:
        year, number = int(match["year"]), int(match["number"])
    else:
        number = int(match["number"])
        year = current.year
        last_year_open = today <= closing_day(current.year - 1, deadlines)
        if last_year_open and not (_exists(year, number) and Week(year, number) <= current):
            year = current.year - 1 if _exists(current.year - 1, number) else year
    if not _exists(year, number):
        raise UserError("declarations.no_such_week", number=number, year=year)
    return check_week(Week(year, number), today, deadlines)


def check_week(week: Week, today: dt.date, deadlines: DeadlineSettings) -> Week:
    """`week` if it can be declared on `today` (see `parse_week`), else the UserError saying why."""
    current = Week.of(today)
    if week > current:
        raise UserError("declarations.week_future", week=week.label(), current=current.number)
    closes = closing_day(week.year, deadlines)
    if week.year < current.year and today > closes:
        previous = closing_day(current.year - 1, deadlines)
        if today <= previous:
            window = UserError(
                "declarations.week_window_previous",
                year=current.year,
                previous=current.year - 1,
                closes=f"{previous:%d/%m/%Y}",
            )
        else:
            window = UserError("declarations.week_window", year=current.year)
        raise UserError(
            "declarations.week_closed",
            week=week.label(),
            year=week.year,
            closed=f"{closes:%d/%m/%Y}",
            window=window,
        )
    return week


def week_argument(week: Week, today: dt.date, deadlines: DeadlineSettings) -> str:
    """What to write after `!declarer semaine` for `week`: its number, with its year when the
    number alone would name another week (`52`, or `1 2026` in January 2027)."""
    try:
        if parse_week(str(week.number), today, deadlines) == week:
            return str(week.number)
    except UserError:
        pass
    return f"{week.number} {week.year}"


def _exists(year: int, number: int) -> bool:
    try:
        dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        return False
    return True
