"""The one-page summary a coordinator can forward to the Caf as it is: the network's figures field
by field in the Caf's order, the coordinator's time grid when typed, and the chart, on one A4
page (fpdf2; the DejaVu font that matplotlib ships, for every French character)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.declarations.chart import chart_png
from bot.declarations.export import NONE_FEMININE, NONE_MASCULINE
from bot.declarations.parsing import format_hours
from bot.declarations.report import Report
from bot.text.spreadsheet import sort_key

PDF = "application/pdf"
LISTED = 8  # items of a list shown on the page (the workbook has them all)
CHART_RATIO = 8.5 / 11  # height / width of chart_png


def summary_rows(
    report: Report,
    age_groups: Sequence[str] = (),
    grid: Mapping[str, Mapping[str, float]] | None = None,
) -> list[tuple[str, str]]:
    """The page's table: (field, value as read), in the Caf's order."""
    net = report.network
    expected = net.weeks_expected
    friends = "non renseigné" if net.young_friends is None else str(net.young_friends)
    ages = Counter({group: 0 for group in age_groups}) + net.age_groups
    rows = [
        ("Promeneurs", str(len(report.promeneurs))),
        ("Semaines déclarées", f"{expected - net.weeks_missing} sur {expected} attendues"),
        ("Heures réalisées sur le net", format_hours(net.hours)),
        ("Réseaux sociaux utilisés (semaines)", _listed(net.networks, NONE_MASCULINE)),
        ("Nombre d'amis jeunes (profils, dernier chiffre)", friends),
        ("Jeunes en contact (somme des semaines)", str(net.young_people)),
        ("Contacts courts", str(net.short_contacts)),
        ("Profil des jeunes contactés (âge)", _in_order(ages, age_groups, NONE_FEMININE)),
        ("Type d'interactions", _listed(net.interactions, NONE_MASCULINE)),
        ("Thématiques abordées (semaines)", _listed(net.topics, NONE_FEMININE)),
        ("Orientations", _listed(net.referrals, NONE_FEMININE)),
    ]
    if grid is not None:
        quarters = [f"{report.period.year}-Q{q}" for q in report.period.quarters]
        typed = sum(sum(grid.get(quarter, {}).values()) for quarter in quarters)
        rows.append(("Grille du coordinateur (heures saisies)", format_hours(typed)))
    return rows


def _listed(counter: Counter[str], none: str) -> str:
    items = counter.most_common()
    shown = [f"{key} : {count}" for key, count in items[:LISTED] if count]
    more = len([1 for _, count in items[LISTED:] if count])
    return " ; ".join(shown) + (f" ; et {more} autre(s)" if more else "") if shown else none


def _in_order(counter: Counter[str], order: Sequence[str], none: str) -> str:
    keys = list(dict.fromkeys([*order, *sorted(counter, key=sort_key)]))
    shown = [f"{key} : {counter.get(key, 0)}" for key in keys]
    return " ; ".join(shown) or none


def summary_pdf(
    report: Report,
    today: dt.date,
    age_groups: Sequence[str] = (),
    grid: Mapping[str, Mapping[str, float]] | None = None,
    chart: bytes | None = None,
) -> bytes:
    """One A4 page (CPU work: run it in a thread); `chart`: chart_png(report), if drawn."""
    import matplotlib  # its DejaVu font: every French character, nothing to download
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"Promeneurs du Net : bilan {report.period.label}")
    pdf.add_font("DejaVu", "", str(font / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(font / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(
        0, 9, f"Promeneurs du Net : bilan {report.period.label}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 6, f"Établi le {today:%d/%m/%Y} par l'assistant du réseau.", new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    pdf.ln(2)
    with pdf.table(col_widths=(62, 128), text_align="LEFT", line_height=4.6) as table:
        for field, value in summary_rows(report, age_groups, grid):
            row = table.row()
            pdf.set_font("DejaVu", "B", 8.5)
            row.cell(field)
            pdf.set_font("DejaVu", "", 8.5)
            row.cell(value)
    pdf.ln(3)
    room = pdf.h - pdf.b_margin - pdf.get_y()
    width = min(pdf.epw, room / CHART_RATIO)
    if width > 60:  # below that the chart says nothing: the workbook has it
        picture = chart if chart is not None else chart_png(report)
        pdf.image(io.BytesIO(picture), x=(pdf.w - width) / 2, w=width)
    return bytes(pdf.output())
