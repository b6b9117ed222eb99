"""A report as people read it: a French summary, a CSV, an XLSX workbook and a PNG chart."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from bot.declarations.parsing import format_hours
from bot.declarations.report import Report
from bot.text.spreadsheet import XLSX_OPTIONS, csv_bytes, sort_key, write_sheet

# (column prefix, Totals attribute, what the number counts)
GROUPS = (
    ("Âge", "age_groups", "semaines"),
    ("Échanges", "interactions", "nombre"),
    ("Sujet", "topics", "semaines"),
    ("Orientation", "referrals", "nombre"),
    ("Réseau", "networks", "semaines"),
)
FIXED = (
    "Promeneur", "Semaines déclarées", "Semaines attendues", "Semaines sans activité", "Heures",
    "Jeunes en contact (somme des semaines)", "Contacts courts",
)  # fmt: skip


def _keys(report: Report, attribute: str) -> list[str]:
    return sorted(getattr(report.network, attribute), key=sort_key)


def table(report: Report) -> list[list[Any]]:
    """One row per promeneur, then the network's total row; the header first."""
    groups = [(prefix, attr, _keys(report, attr), unit) for prefix, attr, unit in GROUPS]
    header = list(FIXED) + [
        f"{prefix} : {key} ({unit})" for prefix, _, keys, unit in groups for key in keys
    ]
    rows: list[list[Any]] = [header]
    for totals in [*report.promeneurs, report.network]:
        row: list[Any] = [
            totals.name,
            totals.weeks_declared,
            totals.weeks_expected,
            totals.weeks_inactive,
            round(totals.hours, 2),
            totals.young_people,
            totals.short_contacts,
        ]
        for _, attr, keys, _ in groups:
            counter: Counter[str] = getattr(totals, attr)
            row += [counter.get(key, 0) for key in keys]
        rows.append(row)
    return rows


def to_csv(report: Report) -> bytes:
    return csv_bytes(table(report))


def _top(counter: Counter[str], limit: int = 5) -> str:
    return ", ".join(f"{key} ({count})" for key, count in counter.most_common(limit)) or "aucun"


def summary_text(report: Report) -> str:
    net = report.network
    expected = len(report.expected) * len(report.promeneurs)
    lines = [
        f"Bilan {report.period.label} : {len(report.promeneurs)} promeneur(s), "
        f"{net.weeks_declared} semaine(s) déclarée(s) sur {expected} attendue(s).",
        f"• Heures de présence en ligne : {format_hours(net.hours)}",
        f"• Jeunes en contact (somme des semaines) : {net.young_people}",
        f"• Contacts courts : {net.short_contacts}",
        f"• Tranches d'âge (semaines) : {_top(net.age_groups)}",
        f"• Types d'échanges : {_top(net.interactions)}",
        f"• Sujets les plus abordés (semaines) : {_top(net.topics)}",
        f"• Orientations : {_top(net.referrals, 8)}",
        f"• Réseaux (semaines) : {_top(net.networks)}",
    ]
    late = [t for t in report.promeneurs if t.weeks_declared < t.weeks_expected]
    if late:
        lines.append(
            "• Déclarations incomplètes : "
            + ", ".join(f"{t.name} ({t.weeks_declared}/{t.weeks_expected})" for t in late[:10])
            + (" …" if len(late) > 10 else "")
        )
    lines.append("Détail par promeneur : fichiers CSV et XLSX ; graphique en PNG.")
    return "\n".join(lines)


def to_xlsx(report: Report) -> bytes:
    out = io.BytesIO()
    import xlsxwriter  # here: only reports need it (memory of the running bot)

    book = xlsxwriter.Workbook(out, XLSX_OPTIONS)

    def sheet(name: str, rows: list[list[Any]]) -> None:
        write_sheet(book, name, rows)

    net = report.network
    sheet(
        "Synthèse",
        [
            ["Bilan", report.period.label],
            ["Promeneurs", len(report.promeneurs)],
            ["Semaines déclarées", net.weeks_declared],
            ["Semaines attendues", len(report.expected) * len(report.promeneurs)],
            ["Semaines sans activité", net.weeks_inactive],
            ["Heures", round(net.hours, 2)],
            ["Jeunes en contact (somme des semaines)", net.young_people],
            ["Contacts courts", net.short_contacts],
        ],
    )
    sheet("Par promeneur", table(report))
    sheet(
        "Par semaine",
        [["Semaine", "Déclarations", "Heures", "Jeunes en contact", "Contacts courts"]]
        + [
            [week, t.weeks_declared, round(t.hours, 2), t.young_people, t.short_contacts]
            for week, t in report.by_week.items()
        ],
    )
    for title, attr, unit in (
        ("Sujets", "topics", "semaines"),
        ("Orientations", "referrals", "nombre"),
        ("Échanges", "interactions", "nombre"),
        ("Âges", "age_groups", "semaines"),
        ("Réseaux", "networks", "semaines"),
    ):
        counter: Counter[str] = getattr(net, attr)
        sheet(title, [[title, unit], *[[k, v] for k, v in counter.most_common()]])
    sheet(
        "Déclarations",
        [["Promeneur", "Semaine", "Sans activité", "Heures", "Jeunes", "Contacts courts",
          "Réseaux", "Âges", "Échanges", "Sujets", "Orientations", "Remarque"]]
        + [
            [r["user_id"], r["week"], "oui" if r["inactive"] else "", r["hours"],
             r["young_people"], r["short_contacts"], ", ".join(r["networks"]),
             ", ".join(r["age_groups"]), _pairs(r["interactions"]), ", ".join(r["topics"]),
             _pairs(r["referrals"]), r["remark"]]
            for r in sorted(report.rows, key=lambda r: (r["user_id"], r["week"]))
        ],
    )  # fmt: skip
    book.close()
    return out.getvalue()


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} : {v}" for k, v in counts.items())
