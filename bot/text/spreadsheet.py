"""Spreadsheets as French users open them, with cells that are shown and never run.

Exports hold text people typed, and a cell starting with "=", "+", "-" or "@" is a formula to
Excel and LibreOffice (CSV injection): such text is made inert. A CSV is `;`-separated with
decimal commas and a byte-order mark (what LibreOffice and Excel in French read as numbers); a
workbook has real numbers, a bold frozen header with a filter, and fitted column widths."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from bot.text.errors import UserError
from bot.text.fold import unaccented

if TYPE_CHECKING:
    from xlsxwriter import Workbook

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A Matrix ID starts with "@" but, made of these characters only, cannot call anything: no
# parenthesis, quote, pipe or "!" (what a function call, a DDE link or a reference needs).
_MATRIX_ID = re.compile(r"@[a-z0-9._=/+\-]+:[A-Za-z0-9.\-]+(?::[0-9]{1,5})?")
# What xlsxwriter must never turn a string into.
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}


def inert(value: Any) -> Any:
    """`value`, with a text cell that could start a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return value if _MATRIX_ID.fullmatch(value) else "'" + value
    return value


def as_typed(cell: str) -> str:
    """A cell read back from a CSV, without the apostrophe `inert` put before it."""
    if cell.startswith("'") and inert(cell[1:]) == cell:
        return cell[1:]
    return cell


def french_number(value: float) -> str:
    """A number as French spreadsheets read it: decimal comma, at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text not in ("-0", "") else "0"


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows as a `;`-separated CSV (what French spreadsheets open directly), every cell inert,
    decimals with a comma, with the byte-order mark that makes Excel read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows(
        [french_number(cell) if isinstance(cell, float) else inert(cell) for cell in row]
        for row in rows
    )
    return out.getvalue().encode("utf-8-sig")


def sort_key(text: str) -> str:
    """How people expect words sorted: « Écrans » with the E, not after « Sexualité »."""
    return unaccented(text)


def write_sheet(book: Workbook, name: str, rows: list[list[Any]]) -> None:
    """A worksheet of `rows`, the first being the header: bold, frozen, with a filter when
    there are rows under it; columns as wide as their content. Numbers stay numbers, text
    stays text (XLSX_OPTIONS)."""
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row, bold if number == 0 else None)
    sheet.freeze_panes(1, 1)
    width = max((len(row) for row in rows), default=0)
    if len(rows) > 1 and width:
        sheet.autofilter(0, 0, len(rows) - 1, width - 1)
    sheet.autofit()


def read_csv(data: bytes, max_bytes: int) -> list[list[str]]:
    """The rows of a CSV file sent in chat: UTF-8 or Windows text, `;` or `,` between cells
    (whichever the first line has more of), NUL characters dropped (no database text column can
    hold them); a UserError saying why it cannot be read otherwise."""
    if len(data) > max_bytes:
        raise UserError("directory.file_too_big", size=len(data), most=max_bytes)
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UserError("directory.file_not_csv", problem=exc) from None
    if not rows:
        raise UserError("directory.file_empty")
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    raise UserError("directory.file_unreadable")
