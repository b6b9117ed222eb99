"""The report's PNG: hours of online presence per week, and the topics most addressed."""

from __future__ import annotations

import io

from bot.declarations.report import Report
from bot.declarations.weeks import Week

BLUE = "#2f6eba"


def chart_png(report: Report) -> bytes:
    """Two panels, drawn off screen (matplotlib is imported here: only reports need it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 8.5), dpi=100, layout="constrained")
    hours_axes, topics_axes = figure.subplots(2, 1, height_ratios=[1, 1])
    figure.suptitle(f"Promeneurs du Net : bilan {report.period.label}", fontsize=16)

    labels = [f"S{Week.parse(week).number}" for week in report.by_week]
    hours = [round(totals.hours, 2) for totals in report.by_week.values()]
    hours_axes.bar(labels, hours, color=BLUE)
    hours_axes.set_title("Heures de présence en ligne par semaine (réseau)", loc="left")
    hours_axes.set_ylabel("heures")
    hours_axes.tick_params(axis="x", labelsize=8, labelrotation=90 if len(labels) > 20 else 0)
    hours_axes.grid(axis="y", alpha=0.3)

    topics = report.network.topics.most_common(10)[::-1]
    topics_axes.set_title("Sujets les plus abordés (nombre de semaines)", loc="left")
    if topics:
        topics_axes.barh([t for t, _ in topics], [n for _, n in topics], color=BLUE)
        topics_axes.grid(axis="x", alpha=0.3)
    else:
        topics_axes.text(0.5, 0.5, "Aucun sujet déclaré", ha="center", va="center")
        topics_axes.set_axis_off()

    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
