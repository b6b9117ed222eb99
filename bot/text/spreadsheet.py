"""Cells that a spreadsheet shows and never runs: exports hold text people typed, and a cell
starting with "=", "+", "-" or "@" is a formula to Excel and LibreOffice (CSV injection)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

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


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows as a `;`-separated CSV (what French spreadsheets open directly), every cell inert,
    with the byte-order mark that makes Excel read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
