"""The directory as a CSV file: exported, and imported with a report of what would change.

Columns: `matrix` then the field keys (`prenom;nom;structure;…`), separated by `;` (what French
spreadsheets write) or `,`. An import is all or nothing: one bad row and nothing changes; every
error names its line and its field.
"""

from __future__ import annotations

from bot.directory.fields import BY_KEY, FIELDS, MATRIX_ID, merged, parse_member_fields, record
from bot.directory.imports import Change, ImportPlan
from bot.storage.models import Member
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown
from bot.text.spreadsheet import as_typed, csv_bytes, read_csv

HEADER = ["matrix", *(spec.key for spec in FIELDS)]
MAX_BYTES = 2_000_000


def to_csv(members: list[Member]) -> bytes:
    rows = [HEADER]
    for member in members:
        shown = record(member)
        rows.append([member.user_id, *(shown[key] for key in HEADER[1:])])
    return csv_bytes(rows)


def _at(line: int, problem: UserError) -> UserError:
    return UserError("directory.file_line", line=line, problem=problem)


def plan_import(data: bytes, existing: dict[str, Member]) -> ImportPlan:
    """Read the file and compare it with the directory; raises UserError when the file
    as a whole cannot be read (size, encoding, header)."""
    rows = read_csv(data, MAX_BYTES)
    header = [fold(cell).replace(" ", "") for cell in rows[0]]
    unknown = [h for h in header if h and h != "matrix" and h not in BY_KEY]
    if "matrix" not in header or unknown:
        if unknown:
            raise UserError(
                "directory.file_unknown_columns",
                header=";".join(HEADER),
                unknown=", ".join(unknown),
            )
        raise UserError("directory.file_header", header=";".join(HEADER))
    plan = ImportPlan()
    seen: set[str] = set()
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, map(as_typed, row), strict=False))
        user_id = cells.pop("matrix", "").strip()
        if not MATRIX_ID.fullmatch(user_id):
            problem = UserError("directory.file_bad_id", got=shown(user_id))
            plan.errors.append(
                _at(line_no, UserError("error.field", field="matrix", problem=problem))
            )
            continue
        if user_id in seen:
            problem = UserError("directory.file_seen_above", user=user_id)
            plan.errors.append(
                _at(line_no, UserError("error.field", field="matrix", problem=problem))
            )
            continue
        seen.add(user_id)
        try:
            values = parse_member_fields({k: v for k, v in cells.items() if k})
        except UserError as exc:
            plan.errors += [_at(line_no, part) for part in exc.parts]
            continue
        current = existing.get(user_id)
        if current is None:
            plan.added[user_id] = values
            continue
        if all(getattr(current, column) == value for column, value in values.items()):
            plan.unchanged += 1
        else:
            plan.changed[user_id] = Change(record(current), values, record(merged(current, values)))
    return plan
