"""A report as people read it: a French summary, a CSV, an XLSX workbook and a PNG chart.

The words are the Caf's (« réseaux sociaux utilisés », « type d'interactions », « thématiques
abordées », …), the groups of columns in the order its evaluation lists them. Given `people`
(the directory), promeneurs are shown by name, structure and type of PdN instead of Matrix IDs;
given `columns`, each group has the same columns from one period to the next, zeros included.
Given `people`, the workbook also sums the promeneurs per structure and per type of PdN; its
« Synthèse départementale » gives the network's figures field by field in the Caf's order."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.declarations.parsing import format_hours
from bot.declarations.report import NETWORK, Report, Totals
from bot.declarations.weeks import Week
from bot.storage.models import PDN_TYPES, age_counts
from bot.text.spreadsheet import XLSX_OPTIONS, csv_bytes, sort_key, write_sheet


@dataclass(frozen=True)
class PersonInfo:
    """A promeneur as the directory knows them: `name` is the first name and the name;
    `pdn_type` is « jeunesse » or « parentalité »."""

    name: str
    structure: str
    pdn_type: str


@dataclass(frozen=True)
class Group:
    """One kind of category: its column prefix, the Totals attribute, what a number counts, and
    its sheet of the workbook (also its column in the detail of the declarations)."""

    prefix: str
    attribute: str
    unit: str
    sheet: str


# The Caf's order: réseaux sociaux utilisés, profil des jeunes contactés (âge), type
# d'interactions, thématiques abordées; then where young people were referred.
GROUPS = (
    Group("Réseau social", "networks", "semaines", "Réseaux sociaux"),
    Group("Tranche d'âge", "age_groups", "jeunes", "Tranches d'âge"),
    Group("Type d'interactions", "interactions", "nombre", "Types d'interactions"),
    Group("Thématique", "topics", "semaines", "Thématiques"),
    Group("Orientation", "referrals", "nombre", "Orientations"),
)
ATTRIBUTES = frozenset(group.attribute for group in GROUPS)

PROMENEUR = "Promeneur"
STRUCTURE = "Structure"
PDN_TYPE = "Type de PdN"
HOURS = "Heures"
YOUNG_PEOPLE = "Jeunes en contact (somme des semaines)"
# The seed's « nombre d'amis jeunes »: asked once a quarter, a person's latest answer counts.
YOUNG_FRIENDS = "Amis jeunes du profil (dernier chiffre)"
FIGURES = (
    "Semaines déclarées", "Semaines attendues", "Semaines sans activité", YOUNG_FRIENDS, HOURS,
    YOUNG_PEOPLE, "Contacts courts",
)  # fmt: skip

# The annual and half-year reports: one column per quarter of the period, then the period.
BY_QUARTER_SHEET = "Par trimestre"
QUARTER_FIGURES = (
    ("young_friends", "Amis jeunes du profil"), ("hours", "Heures"),
    ("young_people", "Jeunes en contact"),
)  # fmt: skip
TOTAL = "Total"

# The promeneurs summed per structure and per type of PdN (given the directory).
BY_STRUCTURE_SHEET = "Par structure"
BY_TYPE_SHEET = "Par type de PdN"
PROMENEURS = "Promeneurs"
UNKNOWN_STRUCTURE = "(structure inconnue)"
UNKNOWN_TYPE = "(type inconnu)"
GROUPINGS = {"structure": (STRUCTURE, UNKNOWN_STRUCTURE), "pdn_type": (PDN_TYPE, UNKNOWN_TYPE)}

# The departmental synthesis: the network's figures, one row per field of the Caf's evaluation.
SYNTHESIS_SHEET = "Synthèse départementale"
ITEMS = " ; "  # between the items of a list in one cell

# « aucun » agrees with the noun it stands for.
NONE_MASCULINE = "aucun"
NONE_FEMININE = "aucune"


def _name(user_id: str, people: Mapping[str, PersonInfo] | None) -> str:
    person = people.get(user_id) if people is not None else None
    return (person.name.strip() or user_id) if person else user_id


def _who(user_id: str, people: Mapping[str, PersonInfo] | None) -> list[Any]:
    """The first cells of a promeneur's row: their name, structure and type when `people` is
    given (the Matrix ID when the directory does not know them), else the Matrix ID."""
    if people is None:
        return [user_id]
    if user_id == NETWORK:
        return [NETWORK, "", ""]
    person = people.get(user_id)
    if person is None:
        return [user_id, "", ""]
    return [_name(user_id, people), person.structure, person.pdn_type]


def _who_header(people: Mapping[str, PersonInfo] | None) -> list[str]:
    return [PROMENEUR] if people is None else [PROMENEUR, STRUCTURE, PDN_TYPE]


def _ordered(report: Report, people: Mapping[str, PersonInfo] | None) -> list[Totals]:
    """The promeneurs in the report's order; given `people`, by name, those the directory does
    not know last."""
    if people is None:
        return list(report.promeneurs)
    return sorted(
        report.promeneurs,
        key=lambda t: (t.name not in people, sort_key(_name(t.name, people)), t.name),
    )


def _check(columns: Mapping[str, Sequence[str]] | None) -> None:
    unknown = sorted(set(columns or ()) - ATTRIBUTES)
    if unknown:
        raise ValueError(f"unknown groups of columns {unknown}: known {sorted(ATTRIBUTES)}")


def _keys(
    report: Report, attribute: str, columns: Mapping[str, Sequence[str]] | None = None
) -> list[str]:
    """A group's categories: the fixed ones (`columns`) in their order, then any other found in
    the report, sorted as people expect."""
    fixed = list(dict.fromkeys((columns or {}).get(attribute, ())))
    found = set(getattr(report.network, attribute)) - set(fixed)
    return fixed + sorted(found, key=sort_key)


def table(
    report: Report,
    people: Mapping[str, PersonInfo] | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> list[list[Any]]:
    """One row per promeneur, then the network's total row; the header first."""
    _check(columns)
    groups = [(group, _keys(report, group.attribute, columns)) for group in GROUPS]
    header = [*_who_header(people), *_header(groups)]
    rows: list[list[Any]] = [header]
    for totals in [*_ordered(report, people), report.network]:
        rows.append([*_who(totals.name, people), *_figures(totals, groups)])
    return rows


def _header(groups: list[tuple[Group, list[str]]]) -> list[str]:
    """The figures' columns of « Par promeneur » (after the person's)."""
    return [*FIGURES] + [
        f"{group.prefix} : {key} ({group.unit})" for group, keys in groups for key in keys
    ]


def _figures(totals: Totals, groups: list[tuple[Group, list[str]]]) -> list[Any]:
    """The cells under `_header` for `totals`."""
    row: list[Any] = [
        totals.weeks_declared,
        totals.weeks_expected,
        totals.weeks_inactive,
        _friends(totals),
        round(totals.hours, 2),
        totals.young_people,
        totals.short_contacts,
    ]
    for group, keys in groups:
        counter: Counter[str] = getattr(totals, group.attribute)
        row += [counter.get(key, 0) for key in keys]
    return row


def _friends(totals: Totals) -> int | str:
    """The number of young friends, or an empty cell when nobody gave it."""
    return "" if totals.young_friends is None else totals.young_friends


def by_group(
    report: Report,
    people: Mapping[str, PersonInfo],
    key: str,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> list[list[Any]]:
    """« Par structure » (`key` "structure") or « Par type de PdN » (`key` "pdn_type"): one row
    per structure or type, the sums of its promeneurs' rows of « Par promeneur » (same columns,
    after the number of promeneurs), then the network's. People the directory does not know, or
    whose structure or type it leaves blank, are summed under « (structure inconnue) » or
    « (type inconnu) ». The types of PdN are always listed, zeros included. The header first."""
    if key not in GROUPINGS:
        raise ValueError(f"unknown grouping {key!r}: known {sorted(GROUPINGS)}")
    _check(columns)
    label, unknown = GROUPINGS[key]
    groups = [(group, _keys(report, group.attribute, columns)) for group in GROUPS]
    named = list(PDN_TYPES.values()) if key == "pdn_type" else []
    sums = {name: Totals(name) for name in named}
    sizes: Counter[str] = Counter()
    for totals in report.promeneurs:
        person = people.get(totals.name)
        name = (getattr(person, key).strip() if person else "") or unknown
        sums.setdefault(name, Totals(name)).merge(totals)
        sizes[name] += 1
    order = sorted(sums, key=lambda name: (name == unknown, sort_key(name), name))
    rows: list[list[Any]] = [[label, PROMENEURS, *_header(groups)]]
    for name in order:
        rows.append([name, sizes[name], *_figures(sums[name], groups)])
    rows.append([NETWORK, len(report.promeneurs), *_figures(report.network, groups)])
    return rows


def _listed(
    report: Report,
    group: Group,
    none: str,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """A group's categories with the network's counts, in the columns' order, in one cell:
    « Instagram : 12 semaines ; Snapchat : 4 semaines », « échanges simples : 30 »."""
    counter: Counter[str] = getattr(report.network, group.attribute)
    unit = f" {group.unit}" if group.unit != "nombre" else ""
    items = [
        f"{key} : {counter.get(key, 0)}{unit}" for key in _keys(report, group.attribute, columns)
    ]
    return ITEMS.join(items) or none


def synthesis(
    report: Report, columns: Mapping[str, Sequence[str]] | None = None
) -> list[list[Any]]:
    """The « Synthèse départementale » sheet: the network's figures for the period, one row per
    field in the order of the Caf's evaluation; lists in one text cell (items separated by
    « ; », each with its count), numbers as numbers. The header first."""
    _check(columns)
    net = report.network
    group = {g.attribute: g for g in GROUPS}
    return [
        ["Champ", f"Bilan {report.period.label}"],
        ["Nombre de promeneurs", len(report.promeneurs)],
        ["Heures réalisées sur le net", round(net.hours, 2)],
        ["Réseaux sociaux utilisés", _listed(report, group["networks"], NONE_MASCULINE, columns)],
        ["Nombre d'amis jeunes (profils des promeneurs, dernier chiffre)", _friends(net)],
        ["Nombre de jeunes en contact (somme des semaines)", net.young_people],
        ["Nombre de contacts courts", net.short_contacts],
        [
            "Profil des jeunes contactés (âge)",
            _listed(report, group["age_groups"], NONE_FEMININE, columns),
        ],
        ["Type d'interactions", _listed(report, group["interactions"], NONE_MASCULINE, columns)],
        ["Thématiques abordées", _listed(report, group["topics"], NONE_FEMININE, columns)],
        ["Orientations", _listed(report, group["referrals"], NONE_FEMININE, columns)],
    ]


def to_csv(
    report: Report,
    people: Mapping[str, PersonInfo] | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    return csv_bytes(table(report, people, columns))


def by_quarter(report: Report, people: Mapping[str, PersonInfo] | None = None) -> list[list[Any]]:
    """The « Par trimestre » sheet of an annual or half-year report: per promeneur, then for the
    network, the young friends, the hours and the young people of each quarter of the period
    (T1 to T4, or the half-year's two) and of the whole period, from the declarations like the
    other sheets (weeks without activity count for nothing). Young friends are a count of the
    day, not a sum: a promeneur's latest answer in the quarter (in the period, for the total),
    the network's the sum of its promeneurs'. The header first."""
    quarters = report.period.quarters
    names = [t.name for t in _ordered(report, people)]
    sums: dict[str, dict[str, Counter[int]]] = {
        name: {attribute: Counter() for attribute, _ in QUARTER_FIGURES} for name in names
    }
    latest: dict[str, dict[int, int]] = {name: {} for name in names}  # young friends
    for declaration in sorted(report.rows, key=lambda r: r["week"]):
        quarter = Week.parse(declaration["week"]).quarter.number
        person = sums.setdefault(declaration["user_id"], {a: Counter() for a, _ in QUARTER_FIGURES})
        if declaration.get("young_friends") is not None:
            latest.setdefault(declaration["user_id"], {})[quarter] = declaration["young_friends"]
        if declaration["inactive"]:
            continue
        for attribute in ("hours", "young_people"):
            person[attribute][quarter] += declaration[attribute] or 0
    header = _who_header(people) + [
        f"{label} : {part}"
        for _, label in QUARTER_FIGURES
        for part in [*(f"T{q}" for q in quarters), TOTAL]
    ]
    rows: list[list[Any]] = [header]
    network: list[list[Any]] = [[0] * (len(quarters) + 1) for _ in QUARTER_FIGURES]
    answered = [[False] * (len(quarters) + 1) for _ in QUARTER_FIGURES]
    for name in names:
        row: list[Any] = _who(name, people)
        for index, (attribute, _) in enumerate(QUARTER_FIGURES):
            if attribute == "young_friends":
                known = latest.get(name, {})
                values: list[Any] = [known.get(q, "") for q in quarters]
                total: Any = known[max(known)] if known else ""
            else:
                counts = sums[name][attribute]
                values, total = [counts.get(q, 0) for q in quarters], sum(counts.values())
            for column, value in enumerate([*values, total]):
                if value != "":
                    network[index][column] += value
                    answered[index][column] = True
            row += _rounded(attribute, [*values, total])
        rows.append(row)
    total_row: list[Any] = _who(NETWORK, people)
    for index, (attribute, _) in enumerate(QUARTER_FIGURES):
        cells = [v if answered[index][c] or attribute != "young_friends" else "" for c, v in
                 enumerate(network[index])]  # fmt: skip
        total_row += _rounded(attribute, cells)
    rows.append(total_row)
    return rows


def _rounded(attribute: str, cells: list[Any]) -> list[Any]:
    return [round(v, 2) for v in cells] if attribute == "hours" else cells


def _top(counter: Counter[str], none: str, limit: int = 5) -> str:
    """The most frequent categories, or `none` (« aucun » or « aucune », agreeing with the
    noun of the line)."""
    return ", ".join(f"{key} ({count})" for key, count in counter.most_common(limit)) or none


def summary_text(report: Report, people: Mapping[str, PersonInfo] | None = None) -> str:
    net = report.network
    expected = net.weeks_expected  # the sum of each person's expected weeks
    done = expected - net.weeks_missing  # as !tableau-de-bord and !declarations manquantes count
    friends = "non renseigné" if net.young_friends is None else net.young_friends
    lines = [
        f"Bilan {report.period.label} : {len(report.promeneurs)} promeneur(s), "
        f"{done} semaine(s) déclarée(s) sur {expected} attendue(s).",
        f"• Heures de présence en ligne : {format_hours(net.hours)}",
        f"• {YOUNG_FRIENDS} : {friends}",
        f"• {YOUNG_PEOPLE} : {net.young_people}",
        f"• Contacts courts : {net.short_contacts}",
        f"• Réseaux sociaux utilisés (semaines) : {_top(net.networks, NONE_MASCULINE)}",
        f"• Tranches d'âge (jeunes) : {_top(net.age_groups, NONE_FEMININE)}",
        f"• Types d'interactions : {_top(net.interactions, NONE_MASCULINE)}",
        f"• Thématiques les plus abordées (semaines) : {_top(net.topics, NONE_FEMININE)}",
        f"• Orientations : {_top(net.referrals, NONE_FEMININE, 8)}",
    ]
    late = [t for t in _ordered(report, people) if t.weeks_missing]
    if late:
        lines.append(
            "• Déclarations incomplètes : "
            + ", ".join(
                f"{_name(t.name, people)} ({t.weeks_expected - t.weeks_missing}/{t.weeks_expected})"
                for t in late[:10]
            )
            + (" …" if len(late) > 10 else "")
        )
    lines.append("Détail par promeneur : fichiers CSV et XLSX ; graphique en PNG.")
    return "\n".join(lines)


GRID_SHEET = "Grille du coordinateur"


def grid_sheet(
    report: Report, grid: Mapping[str, Mapping[str, float]], tasks: Sequence[str] = ()
) -> list[list[Any]]:
    """The coordinator's time grid of the period: one row per task (the configured ones in
    their order, then any other typed), one column per quarter and the total, in hours; an
    empty cell where nothing was typed. The header first."""
    quarters = [f"{report.period.year}-Q{q}" for q in report.period.quarters]
    typed = {task for quarter in quarters for task in grid.get(quarter, {})}
    order = list(dict.fromkeys([*tasks, *sorted(typed - set(tasks), key=sort_key)]))
    rows: list[list[Any]] = [
        ["Tâche", *(f"T{q} {report.period.year}" for q in report.period.quarters), "Total"]
    ]
    for task in order:
        cells = [grid.get(quarter, {}).get(task) for quarter in quarters]
        known = [cell for cell in cells if cell is not None]
        total = round(sum(known), 2) if known else ""
        rows.append([task, *("" if c is None else round(c, 2) for c in cells), total])
    sums = [sum(grid.get(quarter, {}).values()) for quarter in quarters]
    rows.append([TOTAL, *(round(s, 2) for s in sums), round(sum(sums), 2)])
    return rows


def to_xlsx(
    report: Report,
    people: Mapping[str, PersonInfo] | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
    grid: Mapping[str, Mapping[str, float]] | None = None,
    tasks: Sequence[str] = (),
) -> bytes:
    """The workbook; with `grid` (quarter -> task -> hours), the coordinator's time grid too."""
    _check(columns)
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
            ["Semaines attendues", net.weeks_expected],
            ["Semaines sans activité", net.weeks_inactive],
            [YOUNG_FRIENDS, _friends(net)],
            [HOURS, round(net.hours, 2)],
            [YOUNG_PEOPLE, net.young_people],
            ["Contacts courts", net.short_contacts],
        ],
    )
    sheet(SYNTHESIS_SHEET, synthesis(report, columns))
    if grid is not None:
        sheet(GRID_SHEET, grid_sheet(report, grid, tasks))
    sheet("Par promeneur", table(report, people, columns))
    if people is not None:
        sheet(BY_STRUCTURE_SHEET, by_group(report, people, "structure", columns))
        sheet(BY_TYPE_SHEET, by_group(report, people, "pdn_type", columns))
    if len(report.period.quarters) > 1:
        sheet(BY_QUARTER_SHEET, by_quarter(report, people))
    sheet(
        "Par semaine",
        [["Semaine", "Déclarations", HOURS, "Jeunes en contact", "Contacts courts"]]
        + [
            [week, t.weeks_declared, round(t.hours, 2), t.young_people, t.short_contacts]
            for week, t in report.by_week.items()
        ],
    )
    for group in GROUPS:
        counter: Counter[str] = getattr(net, group.attribute)
        if columns is None:
            counts = counter.most_common()
        else:
            counts = [(k, counter.get(k, 0)) for k in _keys(report, group.attribute, columns)]
        sheet(group.sheet, [[group.sheet, group.unit], *[[k, v] for k, v in counts]])
    sheet(
        "Déclarations",
        [[PROMENEUR, "Semaine", "Sans activité", HOURS, "Amis jeunes", "Jeunes",
          "Contacts courts", *(group.sheet for group in GROUPS), "Remarque"]]
        + [
            [r["user_id"], r["week"], "oui" if r["inactive"] else "", r["hours"],
             "" if r.get("young_friends") is None else r["young_friends"],
             r["young_people"], r["short_contacts"], ", ".join(r["networks"]),
             _pairs(age_counts(r["age_groups"])), _pairs(r["interactions"]),
             ", ".join(r["topics"]), _pairs(r["referrals"]), r["remark"]]
            for r in sorted(report.rows, key=lambda r: (r["user_id"], r["week"]))
        ],
    )  # fmt: skip
    book.close()
    return out.getvalue()


def _pairs(counts: Mapping[str, int | None]) -> str:
    """« échanges simples : 5, demandes de conseil : 2 »; a count not given (an age group
    declared before the counts) is said so."""
    return ", ".join(
        f"{k} : {v}" if v is not None else f"{k} (nombre non précisé)" for k, v in counts.items()
    )
