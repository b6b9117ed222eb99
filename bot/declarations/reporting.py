"""Building a report's files, off the event loop: used by !rapport and `pdn-bot report`."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from bot.clock import Clock
from bot.declarations.catalog import INTERACTIONS
from bot.declarations.chart import chart_png
from bot.declarations.export import PersonInfo, summary_text, to_csv, to_xlsx
from bot.declarations.grid import read_grid
from bot.declarations.records import expected_weeks
from bot.declarations.report import Period, Report, build_report, load_rows, parse_period
from bot.declarations.summary_pdf import PDF, summary_pdf
from bot.declarations.trainings import (
    TrainingFigures,
    read_trainings,
    summary_lines,
    trainings_csv,
)
from bot.declarations.weeks import Quarter, Week
from bot.settings import Settings
from bot.storage.database import Database, make_engine, upgrade
from bot.storage.models import PDN_TYPES, Member
from bot.text.errors import UserError
from bot.text.quote import shown

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"


@dataclass(frozen=True)
class ReportFiles:
    summary: str
    files: list[tuple[str, bytes, str]]  # name, data, MIME type


def period_rows(session: Session, period: Period) -> list[dict[str, Any]]:
    return load_rows(session, [str(w) for w in period.weeks()])


def fixed_columns(age_groups: Sequence[str]) -> dict[str, list[str]]:
    """Columns every report has, even at zero: the network's age groups and the Caf's types of
    interactions, in their order (the other lists vary with what was declared)."""
    return {
        "age_groups": list(age_groups),
        "interactions": [choice.label for choice in INTERACTIONS],
    }


@dataclass(frozen=True)
class PeriodData:
    """What a period's figures are computed from, read in one transaction: its declarations and
    who should have declared which weeks (records.expected_weeks)."""

    period: Period
    today: dt.date
    rows: list[dict[str, Any]]
    expected: dict[str, list[Week]]
    people: dict[str, PersonInfo]  # name, structure and type from the directory
    columns: dict[str, list[str]]  # fixed_columns
    grid: dict[str, dict[str, float]]  # the coordinator's hours: quarter -> task -> hours
    tasks: list[str]  # the tasks of the grid, in the configured order
    trainings: TrainingFigures | None = None  # a whole year's report gives its trainings

    @classmethod
    def read(
        cls,
        session: Session,
        period: Period,
        people: Iterable[str],
        today: dt.date,
        age_groups: Sequence[str],
        tasks: Sequence[str] = (),
    ) -> PeriodData:
        directory = list(session.exec(select(Member)))
        expected = expected_weeks(session, people, period.weeks(), today, directory)
        known = {
            m.user_id: PersonInfo(
                f"{m.first_name} {m.last_name}".strip() or m.user_id,
                m.structure,
                PDN_TYPES.get(m.pdn_type, m.pdn_type),
            )
            for m in directory
        }
        rows = period_rows(session, period)
        grid = {
            str(quarter): read_grid(session, quarter)
            for quarter in (Quarter(period.year, q) for q in period.quarters)
        }
        columns = fixed_columns(age_groups)
        whole_year = period.quarter is None and period.half is None
        trainings = read_trainings(session, period.year) if whole_year else None
        return cls(period, today, rows, expected, known, columns, grid, list(tasks), trainings)

    def report(self) -> Report:
        return build_report(self.period, self.rows, self.today, self.expected)


def report_files(data: PeriodData) -> ReportFiles:
    """The summary, CSV, XLSX and PNG of a period (CPU work: run it in a thread)."""
    report, period, people = data.report(), data.period, data.people
    stem = f"bilan-pdn-{period.slug}"
    chart = chart_png(report)
    ages = data.columns["age_groups"]
    files = [
        (f"{stem}.pdf", summary_pdf(report, data.today, ages, data.grid, chart), PDF),
        (f"{stem}.csv", to_csv(report, people, data.columns), CSV),
        (f"{stem}.xlsx", to_xlsx(report, people, data.columns, data.grid, data.tasks), XLSX),
        (f"{stem}.png", chart, PNG),
    ]
    if data.trainings is not None and not data.trainings.empty:
        files.append((f"formations-{period.year}.csv", trainings_csv(data.trainings), CSV))
    return ReportFiles(report_summary(data, report), files)


def report_summary(data: PeriodData, report: Report | None = None) -> str:
    """The French summary, and for a year its trainings (alone: the deadline reminders)."""
    text = summary_text(report or data.report(), data.people)
    if data.trainings is not None:
        text += "\n\n" + "\n".join(summary_lines(data.trainings))
    return text


def write_report(files: ReportFiles, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data, _ in files.files:
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def print_report(
    settings: Settings, quarter: str | None, year: int | None, out: Path, half: str | None = None
) -> int:
    """`pdn-bot report`: write the files of a period (`--quarter`, `--half` or `--year`) from
    the bot's database, print the summary."""
    today = Clock.from_environment(settings.locale.timezone)().date()  # the bot's one clock
    try:
        period = _cli_period(quarter, half, year, today)
    except UserError as exc:
        print(exc.text(), file=sys.stderr)
        return 2
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with Session(engine) as session:  # the rooms are unknown here: the directory says who
        data = PeriodData.read(
            session,
            period,
            (),
            today,
            settings.declarations.age_groups,
            settings.coordination.tasks,
        )
    engine.dispose()
    files = report_files(data)
    print(files.summary)
    for path in write_report(files, out):
        print(f"Écrit : {path}")
    return 0


def _cli_period(quarter: str | None, half: str | None, year: int | None, today: dt.date) -> Period:
    """The period `--quarter` (`2026-Q4`, `T4-2026`), `--half` (`2026-S1`, `S1-2026`) or
    `--year` names; a quarter given for a half-year, or the reverse, is refused."""
    for text, kind in ((quarter, "quarter"), (half, "half")):
        if text:
            period = parse_period(text, today)
            if getattr(period, kind) is None:
                raise UserError("reports.bad_period", got=shown(text))
            return period
    return Period(year or 0)


class PeriodSummary:
    """The French summary of a period's declarations as of today (for the deadline messages)."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], dt.datetime],
        promeneurs: Callable[[], set[str]],
        age_groups: Sequence[str],
    ) -> None:
        self._db = db
        self._clock = clock
        self._promeneurs = promeneurs
        self._age_groups = age_groups

    async def __call__(self, period: Period) -> str:
        today, people, ages = self._clock().date(), self._promeneurs(), self._age_groups
        data = await self._db.run(lambda s: PeriodData.read(s, period, people, today, ages))
        return await asyncio.to_thread(report_summary, data)
