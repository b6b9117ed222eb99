"""ISO weeks and quarters: which week a declaration is for, which weeks a quarter expects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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


def parse_week(text: str, today: dt.date) -> Week:
    """`semaine 46`, `s46`, `46` or `2026-W46`, limited to the current and previous quarter."""
    folded = text.strip().casefold()
    current = Week.of(today)
    try:
        week = Week.parse(folded)
    except ValueError:
        match = re.fullmatch(r"(?:semaine|sem\.?|s)?\s*(\d{1,2})", folded)
        if not match:
            raise UserError("declarations.bad_week", got=shown(text), current=current) from None
        number = int(match[1])
        year = current.year if number <= current.number else current.year - 1
        try:
            week = Week(year, number)
            week.monday  # noqa: B018
        except ValueError:
            raise UserError("declarations.no_such_week", number=number, year=year) from None
    allowed = {current.quarter, current.quarter.previous}
    if week > current or week.quarter not in allowed:
        raise UserError(
            "declarations.week_out_of_range",
            previous=current.quarter.previous.label(),
            current=current.quarter.label(),
            week=week.label(),
        )
    return week
