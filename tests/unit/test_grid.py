"""The coordinator's time grid: meetings held counted occurrence by occurrence, and the grid's
sheet in the report, a column per quarter."""

from __future__ import annotations

import datetime as dt

from bot.declarations.export import grid_sheet
from bot.declarations.grid import _held, quarter_bounds
from bot.declarations.report import Period, build_report
from bot.declarations.weeks import Quarter
from bot.storage.models import Meeting

UTC = dt.UTC


def _meeting(start: dt.datetime, rule: str = "") -> Meeting:
    return Meeting(source_event_id="$m", kind="reseau", title="R", starts_at=start, rule=rule,
                   created_by="@c:x")  # fmt: skip


def test_meetings_held_are_the_occurrences_in_the_quarter_up_to_now() -> None:
    start, end = quarter_bounds(Quarter(2026, 4))
    assert (start, end) == (
        dt.datetime(2026, 10, 1, tzinfo=UTC),
        dt.datetime(2027, 1, 1, tzinfo=UTC),
    )
    monthly = _meeting(dt.datetime(2026, 9, 15, 12, tzinfo=UTC), "FREQ=MONTHLY")
    assert len(_held(monthly, start, end)) == 3  # 15/10, 15/11, 15/12
    now = dt.datetime(2026, 11, 20, tzinfo=UTC)
    assert len(_held(monthly, start, now)) == 2  # the December one is still to come
    once = _meeting(dt.datetime(2026, 12, 3, 9, tzinfo=UTC))
    assert _held(once, start, now) == [] and len(_held(once, start, end)) == 1


def test_the_grid_sheet_has_a_column_per_quarter_and_totals() -> None:
    report = build_report(Period(2026), [], dt.date(2027, 1, 10))
    grid = {"2026-Q1": {"Formations": 3.5, "Réunions": 6.0}, "2026-Q3": {"Formations": 2.0},
            "2026-Q4": {"Ancienne tâche": 1.0}}  # fmt: skip
    header, *rows, total = grid_sheet(report, grid, ["Réunions", "Formations", "Bilans"])

    assert header == ["Tâche", "T1 2026", "T2 2026", "T3 2026", "T4 2026", "Total"]
    assert rows == [
        ["Réunions", 6.0, "", "", "", 6.0],
        ["Formations", 3.5, "", 2.0, "", 5.5],
        ["Bilans", "", "", "", "", ""],
        ["Ancienne tâche", "", "", "", 1.0, 1.0],  # typed, since removed from the list
    ]
    assert total == ["Total", 9.5, 0, 2.0, 1.0, 12.5]
