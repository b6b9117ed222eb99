"""Quarterly and annual figures from the weekly declarations, per promeneur and for the network."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, select
from sqlmodel import Session, col

from bot.declarations.weeks import Quarter, Week
from bot.storage.models import Declaration, age_counts
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

NETWORK = "Réseau (total)"


@dataclass(frozen=True)
class Period:
    """A quarter (`quarter`), a half-year (`half`: 1 or 2) or a whole year (neither)."""

    year: int
    quarter: int | None = None
    half: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and self.half is not None:
            raise ValueError("a period is a quarter or a half-year, not both")
        if self.quarter is not None and self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {self.quarter}")
        if self.half is not None and self.half not in (1, 2):
            raise ValueError(f"no half-year {self.half}")

    @property
    def label(self) -> str:
        if self.quarter:
            return f"T{self.quarter} {self.year}"
        if self.half:
            return f"{'1er' if self.half == 1 else '2e'} semestre {self.year}"
        return str(self.year)

    @property
    def slug(self) -> str:
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        if self.half:
            return f"{self.year}-S{self.half}"
        return str(self.year)

    @property
    def quarters(self) -> list[int]:
        """The numbers of the quarters the period covers: one, two (a half-year) or four."""
        if self.quarter:
            return [self.quarter]
        if self.half:
            return [2 * self.half - 1, 2 * self.half]
        return [1, 2, 3, 4]

    def weeks(self) -> list[Week]:
        return [w for q in self.quarters for w in Quarter(self.year, q).weeks()]

    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarters[0] - 2, 1)


_YEAR = r"(?: (?P<y>\d{4}))?"
_ORDINAL = r"(?:e|er|re|ere|eme|nd|nde)?"
_FIRST_SECOND = {"premier": "1", "premiere": "1", "second": "2", "seconde": "2", "deuxieme": "2"}
_PERIODS = (
    # quarters: T4 2026, 2026-Q4, 2026 T4, 4e trimestre 2026, trimestre 4 2026
    rf"(?:t|q)(?P<q>[1-4]){_YEAR}",
    r"(?P<y>\d{4}) (?:q|t)(?P<q>[1-4])",
    rf"(?P<q>[1-4]){_ORDINAL} trimestre{_YEAR}",
    rf"trimestre (?P<q>[1-4]){_YEAR}",
    # half-years: S1 2026, 2026-S1, 1er semestre 2026, semestre 2 2026, second semestre 2026
    rf"s(?P<h>[12]){_YEAR}",
    r"(?P<y>\d{4}) s(?P<h>[12])",
    rf"(?P<h>[12]){_ORDINAL} semestre{_YEAR}",
    rf"semestre (?P<h>[12]){_YEAR}",
    rf"(?P<hw>premier|premiere|second|seconde|deuxieme) semestre{_YEAR}",
    # a year
    r"(?P<y>\d{4})",
)


def parse_period(text: str, today: dt.date | None = None) -> Period:
    """`T4 2026`, `2026-Q4`, `4e trimestre 2026`, `2026 T4`; `S1 2026`, `2026-S1`,
    `1er semestre 2026`, `2e semestre 2026`, `second semestre 2026`; or `2026`. Case and
    accents aside. A quarter or half-year without a year is the latest one begun by `today`
    (this year's, or last year's if this year's has not begun)."""
    folded = fold(text)
    for pattern in _PERIODS:
        match = re.fullmatch(pattern, folded)
        if match is None:
            continue
        found = match.groupdict()
        quarter = int(found["q"]) if found.get("q") else None
        half = found.get("h") or _FIRST_SECOND.get(found.get("hw") or "")
        if found.get("y"):
            return Period(int(found["y"]), quarter, int(half) if half else None)
        day = today or dt.date.today()
        period = Period(day.year, quarter, int(half) if half else None)
        if period.start() > day:
            period = Period(day.year - 1, quarter, period.half)
        return period
    raise UserError("reports.bad_period", got=shown(text))


@dataclass
class Totals:
    """The sums for one promeneur (or the network) over the period."""

    name: str
    weeks_declared: int = 0
    weeks_expected: int = 0
    weeks_missing: int = 0  # expected and not declared
    weeks_inactive: int = 0
    hours: float = 0.0
    young_people: int = 0
    short_contacts: int = 0
    # Young friends or followers of the profile: a person's latest answer in the period; the
    # network's, the sum of its promeneurs'; None when nobody answered.
    young_friends: int | None = None
    networks: Counter[str] = field(default_factory=Counter)  # weeks used
    age_groups: Counter[str] = field(default_factory=Counter)  # young people (sum of weeks)
    interactions: Counter[str] = field(default_factory=Counter)  # number of each
    topics: Counter[str] = field(default_factory=Counter)  # weeks addressed
    referrals: Counter[str] = field(default_factory=Counter)  # number to each relay

    def add(self, row: dict[str, Any]) -> None:
        """One declaration; a person's rows in the order of their weeks."""
        self.weeks_declared += 1
        if row.get("young_friends") is not None:
            self.young_friends = row["young_friends"]
        if row["inactive"]:
            self.weeks_inactive += 1
            return
        self.hours += row["hours"]
        self.young_people += row["young_people"]
        self.short_contacts += row["short_contacts"]
        self.networks.update(row["networks"])
        # a group named without a number (declared before the counts) counts none
        self.age_groups.update({k: n or 0 for k, n in age_counts(row["age_groups"]).items()})
        self.interactions.update(row["interactions"])
        self.topics.update(row["topics"])
        self.referrals.update(row["referrals"])

    def merge(self, other: Totals) -> None:
        self.weeks_declared += other.weeks_declared
        self.weeks_expected += other.weeks_expected
        self.weeks_missing += other.weeks_missing
        self.weeks_inactive += other.weeks_inactive
        self.hours += other.hours
        self.young_people += other.young_people
        self.short_contacts += other.short_contacts
        if other.young_friends is not None:
            self.young_friends = (self.young_friends or 0) + other.young_friends
        for name in ("networks", "age_groups", "interactions", "topics", "referrals"):
            getattr(self, name).update(getattr(other, name))


@dataclass
class Report:
    period: Period
    weeks: list[Week]
    expected: list[Week]
    promeneurs: list[Totals]
    network: Totals
    by_week: dict[str, Totals]
    rows: list[dict[str, Any]]


COLUMNS = (
    "user_id", "week", "inactive", "hours", "networks", "young_friends", "young_people",
    "short_contacts", "age_groups", "interactions", "topics", "referrals", "remark",
)  # fmt: skip


JSON_COLUMNS = frozenset({"networks", "age_groups", "interactions", "topics", "referrals"})


def load_rows(session: Session, weeks: Iterable[str]) -> list[dict[str, Any]]:
    """The declarations of `weeks` as plain rows (columns only: fast for hundreds of thousands).
    The JSON columns are read as text and decoded here from `str`: the database driver would
    hand `json` bytes, whose encoding it detects again for every value (a third of the time
    of a national year)."""
    columns = [
        cast(getattr(Declaration, name), Text)
        if name in JSON_COLUMNS
        else getattr(Declaration, name)
        for name in COLUMNS
    ]
    query = select(*columns).where(col(Declaration.week).in_(list(weeks)))
    decode = [json.loads if name in JSON_COLUMNS else None for name in COLUMNS]
    return [
        {
            name: read(value) if read is not None and value is not None else value
            for name, read, value in zip(COLUMNS, decode, row, strict=True)
        }
        for row in session.execute(query)
    ]


def build_report(
    period: Period,
    rows: list[dict[str, Any]],
    today: dt.date,
    expected: Mapping[str, list[Week]] | None = None,
) -> Report:
    """Totals per person (everyone `expected` names, see records.expected_weeks, and everyone
    who declared) and in all; without `expected`, every ended week is expected of those who
    declared (a report of rows alone, as benches build them)."""
    weeks = period.weeks()
    current = Week.of(today)
    ended = [w for w in weeks if w < current]
    names = sorted(set(expected or ()) | {row["user_id"] for row in rows})
    due = {name: (expected or {}).get(name, ended if expected is None else []) for name in names}
    totals = {name: Totals(name, weeks_expected=len(due[name])) for name in names}
    by_week = {str(w): Totals(str(w)) for w in weeks}
    declared: set[tuple[str, str]] = set()
    for row in sorted(rows, key=lambda r: (r["user_id"], r["week"])):
        totals[row["user_id"]].add(row)
        declared.add((row["user_id"], row["week"]))
        if row["week"] in by_week:
            by_week[row["week"]].add(row)
    for name, one in totals.items():
        one.weeks_missing = sum(1 for week in due[name] if (name, str(week)) not in declared)
    network = Totals(NETWORK)
    for one in totals.values():
        network.merge(one)
    return Report(period, weeks, ended, list(totals.values()), network, by_week, rows)
