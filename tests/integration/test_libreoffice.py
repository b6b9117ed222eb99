"""The CSV files the bot writes, opened by LibreOffice Calc with French settings, headless:
figures are numbers (decimal comma), text stays text (phone numbers keep their 0), and a cell
someone typed as a formula is never one."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bot.declarations.export import PersonInfo, table, to_csv
from bot.declarations.report import Period, build_report
from bot.directory.csv_io import to_csv as directory_csv
from bot.storage.models import Member
from bot.text.spreadsheet import inert
from tests.system_packages import apt_install, fail_or_skip
from tests.unit.test_reports import TODAY, _declarations

pytestmark = pytest.mark.integration

# The CSV import filter: « ; » between fields, « " » around text, UTF-8 (76), from line 1,
# French number conventions (language 1036, fr-FR), what a French user's Calc uses.
FRENCH_CSV = "CSV:59,34,76,1,,1036"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _soffice() -> str:
    problem = apt_install("libreoffice-calc-nogui", lambda: shutil.which("soffice") is not None)
    fail_or_skip(problem)
    return shutil.which("soffice") or "soffice"


def _opened_in_calc(data: bytes, folder: Path) -> list[list[float | str]]:
    """The cells of `data` (a CSV) as Calc read them: numbers as floats, text as str. Fails on
    a cell Calc took for a formula."""
    source = folder / "export.csv"
    source.write_bytes(data)
    done = subprocess.run(
        [_soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo",
         f"--infilter={FRENCH_CSV}", "--convert-to", "xlsx", "--outdir", str(folder),
         str(source)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(folder / "export.xlsx") as book:
        strings = [
            "".join(t.text or "" for t in item.iter(f"{SHEET}t"))
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows: list[list[float | str]] = []
    for row in sheet.iter(f"{SHEET}row"):
        cells: list[float | str] = []
        for cell in row.iter(f"{SHEET}c"):
            assert cell.find(f"{SHEET}f") is None, ElementTree.tostring(cell)
            column = "".join(ch for ch in cell.attrib["r"] if ch.isalpha())
            while len(cells) < _index(column):
                cells.append("")  # an empty cell is not written
            value = cell.findtext(f"{SHEET}v") or ""
            kind = cell.attrib.get("t", "n")
            cells.append(strings[int(value)] if kind == "s" else float(value))
        rows.append(cells)
    return rows


def _index(column: str) -> int:
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _as_calc_should_read(cell: object) -> float | str:
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float):
        return round(float(cell), 2)
    return str(inert(cell))  # a text cell that could start a formula keeps its apostrophe


def test_the_report_csv_opens_with_its_figures_as_numbers(tmp_path: Path) -> None:
    declarations = _declarations(4)
    for declaration, hours in zip(declarations, (2.25, 6.5, 0.75, 1.5), strict=False):
        declaration.hours, declaration.inactive = hours, False
    report = build_report(Period(2026, 4), [d.model_dump() for d in declarations], TODAY)
    people = {
        "@p0:test": PersonInfo('=HYPERLINK("http://x")', "MJC Nord", "jeunesse"),
        "@p1:test": PersonInfo("Inès Dupont", "+33 Centre social", "parentalité"),
    }
    expected = [[_as_calc_should_read(cell) for cell in row] for row in table(report, people)]

    opened = _opened_in_calc(to_csv(report, people), tmp_path)

    trimmed = [[*row, *[""] * (len(expected[0]) - len(row))] for row in opened]
    assert trimmed == expected
    hours = expected[0].index("Heures")
    assert all(isinstance(row[hours], float) for row in opened[1:])
    assert [h for h in (row[hours] for row in opened[1:]) if h % 1]  # « 8,75 » read as 8.75


def test_the_directory_csv_keeps_phones_and_ids_as_text(tmp_path: Path) -> None:
    members = [
        Member(user_id="@alix:x", first_name="Alix", phone="0320000000", territory="59000"),
        Member(user_id="@eve:x", first_name="=1+1", structure="@SUM(1;2)", territory="-1"),
    ]

    header, alix, eve = _opened_in_calc(directory_csv(members), tmp_path)

    column = {name: index for index, name in enumerate(header)}
    assert alix[column["matrix"]] == "@alix:x"
    assert alix[column["tel"]] == "03 20 00 00 00"  # not the number 320000000
    assert eve[column["prenom"]] == "'=1+1" and eve[column["structure"]] == "'@SUM(1;2)"
    assert all(isinstance(cell, str) for cell in eve)
