"""The report's PNG, for a Caf reader: hours of online presence and young people in contact
(per week for a quarter, per quarter for a year), the age profile and the themes most
addressed; every bar carries its value, every axis its unit."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.declarations.report import Report
from bot.declarations.weeks import Week
from bot.text.spreadsheet import french_number, sort_key

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BLUE = "#2f6eba"
VALUE_SIZE = 7
LABEL_WIDTH = 28  # characters of a category's name per line
TOPICS_SHOWN = 10
ACROSS = "cumul des promeneurs"
WHOLE_FROM = 100  # values shown without decimals from there on


def chart_png(report: Report) -> bytes:
    """Four panels, drawn off screen (matplotlib is imported here: only reports need it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 8.5), dpi=100, layout="constrained")
    ((hours_axes, young_axes), (ages_axes, topics_axes)) = figure.subplots(2, 2)
    figure.suptitle(f"Promeneurs du Net : bilan {report.period.label}", fontsize=16)

    per, labels, hours, young = _over_time(report)
    _columns(hours_axes, labels, hours, f"Heures de présence en ligne par {per} (réseau)", "heures")
    _columns(young_axes, labels, young, f"Jeunes en contact par {per} (réseau)", "jeunes")

    ages = sorted(report.network.age_groups.items(), key=lambda item: sort_key(item[0]))
    _lines(
        ages_axes,
        ages[::-1],  # read from the top
        "Profil des jeunes contactés (âge)",
        f"jeunes de chaque tranche d'âge, somme des semaines ({ACROSS})",
        "Aucune tranche d'âge déclarée",
    )
    _lines(
        topics_axes,
        report.network.topics.most_common(TOPICS_SHOWN)[::-1],
        "Thématiques les plus abordées",
        f"semaines où le thème a été abordé ({ACROSS})",
        "Aucune thématique déclarée",
    )

    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _over_time(report: Report) -> tuple[str, list[str], list[float], list[int]]:
    """Per week for a quarter; per quarter for a half-year or a year (26 or 53 bars would be
    unreadable)."""
    weeks = [(Week.parse(week), totals) for week, totals in report.by_week.items()]
    if report.period.quarter is not None:
        labels = [f"S{week.number}" for week, _ in weeks]
        return "semaine", labels, [t.hours for _, t in weeks], [t.young_people for _, t in weeks]
    quarters = report.period.quarters
    hours, young = [0.0] * len(quarters), [0] * len(quarters)
    for week, totals in weeks:
        if week.quarter.number in quarters:
            hours[quarters.index(week.quarter.number)] += totals.hours
            young[quarters.index(week.quarter.number)] += totals.young_people
    return "trimestre", [f"T{q}" for q in quarters], hours, young


def _values(values: Sequence[float]) -> list[str]:
    """Numbers as a French reader writes them: `12,5`, `3`; whole from 100 on (`1234`)."""
    return [french_number(round(v) if abs(v) >= WHOLE_FROM else v) for v in values]


def _columns(axes: Axes, labels: list[str], values: Sequence[float], title: str, unit: str) -> None:
    bars = axes.bar(labels, [round(v, 2) for v in values], color=BLUE)
    axes.bar_label(bars, labels=_values(values), fontsize=VALUE_SIZE, padding=2)
    axes.set_title(title, loc="left")
    axes.set_ylabel(unit)
    axes.margins(y=0.15)  # room for the values above the highest bar
    axes.tick_params(axis="x", labelsize=8, labelrotation=90 if len(labels) > 14 else 0)
    axes.grid(axis="y", alpha=0.3)


def _lines(axes: Axes, counts: list[tuple[str, int]], title: str, unit: str, empty: str) -> None:
    axes.set_title(title, loc="left")
    if not counts:
        axes.text(0.5, 0.5, empty, ha="center", va="center")
        axes.set_axis_off()
        return
    names = [textwrap.fill(name, LABEL_WIDTH) for name, _ in counts]
    bars = axes.barh(names, [n for _, n in counts], color=BLUE)
    axes.bar_label(bars, labels=_values([n for _, n in counts]), fontsize=VALUE_SIZE, padding=2)
    axes.set_xlabel(unit, fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    axes.margins(x=0.15)  # room for the values after the longest bar
    axes.grid(axis="x", alpha=0.3)
