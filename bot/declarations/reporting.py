"""Building a report's files, off the event loop: used by !rapport and `pdn-bot report`."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.declarations.chart import chart_png
from bot.declarations.export import summary_text, to_csv, to_xlsx
from bot.declarations.report import Period, build_report, load_rows, parse_period
from bot.settings import Settings
from bot.storage.database import Database, make_engine, upgrade
from bot.text.errors import UserError

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"


@dataclass(frozen=True)
class ReportFiles:
    summary: str
    files: list[tuple[str, bytes, str]]  # name, data, MIME type


def period_rows(session: Session, period: Period) -> list[dict[str, Any]]:
    return load_rows(session, [str(w) for w in period.weeks()])


def report_files(
    rows: list[dict[str, Any]], period: Period, today: dt.date, promeneurs: Iterable[str] = ()
) -> ReportFiles:
    """The summary, CSV, XLSX and PNG of a period (CPU work: run it in a thread)."""
    report = build_report(period, rows, today, promeneurs)
    stem = f"bilan-pdn-{period.slug}"
    return ReportFiles(
        summary_text(report),
        [
            (f"{stem}.csv", to_csv(report), CSV),
            (f"{stem}.xlsx", to_xlsx(report), XLSX),
            (f"{stem}.png", chart_png(report), PNG),
        ],
    )


def report_summary(
    rows: list[dict[str, Any]], period: Period, today: dt.date, promeneurs: Iterable[str] = ()
) -> str:
    """Only the French summary (no files): for the deadline reminders."""
    return summary_text(build_report(period, rows, today, promeneurs))


def write_report(files: ReportFiles, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data, _ in files.files:
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def print_report(settings: Settings, quarter: str | None, year: int | None, out: Path) -> int:
    """`pdn-bot report`: write the files of a period from the bot's database, print the summary."""
    try:
        period = parse_period(quarter.replace("-", " ")) if quarter else Period(year or 0)
    except UserError as exc:
        print(exc.text(), file=sys.stderr)
        return 2
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        rows = period_rows(session, period)
    engine.dispose()
    today = dt.datetime.now(ZoneInfo(settings.locale.timezone)).date()
    files = report_files(rows, period, today)
    print(files.summary)
    for path in write_report(files, out):
        print(f"Écrit : {path}")
    return 0


class PeriodSummary:
    """The French summary of a period's declarations as of today (for the deadline messages)."""

    def __init__(
        self, db: Database, clock: Callable[[], dt.datetime], promeneurs: Callable[[], set[str]]
    ) -> None:
        self._db = db
        self._clock = clock
        self._promeneurs = promeneurs

    async def __call__(self, period: Period) -> str:
        rows = await self._db.run(lambda s: period_rows(s, period))
        today, promeneurs = self._clock().date(), self._promeneurs()
        return await asyncio.to_thread(report_summary, rows, period, today, promeneurs)
