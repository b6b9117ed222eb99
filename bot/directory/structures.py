"""The register of structures: each one's convention, the charter it signed, its annual report
and contact; written in chat (`!structure ajouter "MJC Nord" type=MJC charte=15/01/2026`) and
as a CSV file, like the directory, with the same checks everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, select

from bot.directory.fields import (
    FieldSpec,
    parse_email,
    parse_optional_day,
    parse_phone,
    show_day,
    show_phone,
)
from bot.directory.imports import Change, ImportPlan
from bot.storage.database import Database
from bot.storage.models import Member, Structure, utcnow
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown
from bot.text.spreadsheet import as_typed, csv_bytes, read_csv

MAX_LENGTH = 200
MAX_BYTES = 1_000_000
RENEW_WITHIN = dt.timedelta(days=60)  # a convention ending sooner is flagged for renewal


def key_of(name: str) -> str:
    """How a structure is known: its name folded (« MJC Nord », « mjc  nord » are one)."""
    return fold(name)


def _name(value: str) -> str:
    name = " ".join(value.strip().strip('"«»“”').split())
    if not name:
        raise UserError("structures.no_name")
    if len(name) > MAX_LENGTH:
        raise UserError("directory.too_long", most=MAX_LENGTH)
    return name


def _text(value: str) -> str:
    if len(value) > MAX_LENGTH:
        raise UserError("directory.too_long", most=MAX_LENGTH)
    return " ".join(value.split())


def _year(value: str) -> int | None:
    text = value.strip()
    if not text or fold(text) in ("non", "aucun"):
        return None
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        raise UserError("structures.bad_year", got=shown(text))
    return int(text)


DAY = parse_optional_day
FIELDS = (
    FieldSpec("nom", "name", "Nom", _name),
    FieldSpec("type", "kind", "Type", _text),
    FieldSpec("convention_debut", "convention_start", "Convention du", DAY, show_day),
    FieldSpec("convention_fin", "convention_end", "Convention jusqu'au", DAY, show_day),
    FieldSpec("charte", "charter_date", "Charte signée le", DAY, show_day),
    FieldSpec("bilan", "report_year", "Dernier bilan annuel reçu", _year,
              lambda v: str(v) if v else ""),
    FieldSpec("contact", "contact", "Contact", _text),
    FieldSpec("email", "email", "E-mail", parse_email),
    FieldSpec("tel", "phone", "Téléphone", parse_phone, show_phone),
)  # fmt: skip
BY_KEY = {spec.key: spec for spec in FIELDS}
ALIASES = {"telephone": "tel", "mail": "email", "courriel": "email", "debut": "convention_debut",
           "fin": "convention_fin", "convention": "convention_fin", "rapport": "bilan",
           "bilan_annuel": "bilan", "titre": "nom"}  # fmt: skip
HEADER = [spec.key for spec in FIELDS]


def parse_structure_fields(fields: dict[str, str]) -> dict[str, Any]:
    """Folded keys and raw values -> Structure column values; every field at fault said."""
    unknown = [k for k in fields if ALIASES.get(k, k) not in BY_KEY]
    if unknown:
        raise UserError("error.unknown_fields", unknown=", ".join(unknown), known=", ".join(BY_KEY))
    values: dict[str, Any] = {}
    errors: list[UserError] = []
    for key, raw in fields.items():
        spec = BY_KEY[ALIASES.get(key, key)]
        try:
            values[spec.column] = spec.parse(raw)
        except UserError as exc:
            errors.append(UserError("error.field", field=spec.key, problem=exc))
    if errors:
        raise UserError.all_of(errors)
    return values


def record(structure: Structure) -> dict[str, str]:
    """The structure as shown, by field key (the journal, exports)."""
    return {spec.key: spec.show(getattr(structure, spec.column)) for spec in FIELDS}


def to_csv(structures: Iterable[Structure]) -> bytes:
    rows: list[list[str]] = [HEADER]
    rows += [[record(s)[key] for key in HEADER] for s in structures]
    return csv_bytes(rows)


def plan_import(data: bytes, existing: dict[str, Structure]) -> ImportPlan:
    """Read the file and compare it with the register (all or nothing: any error, no change)."""
    rows = read_csv(data, MAX_BYTES)
    header = [ALIASES.get(h, h) for h in (fold(cell).replace(" ", "_") for cell in rows[0])]
    unknown = [h for h in header if h and h not in BY_KEY]
    if "nom" not in header or unknown:
        raise UserError(
            "directory.file_unknown_columns" if unknown else "directory.file_header",
            header=";".join(HEADER),
            unknown=", ".join(unknown),
        )
    plan = ImportPlan()
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {k: v for k, v in zip(header, map(as_typed, row), strict=False) if k}
        try:
            values = parse_structure_fields(cells)
        except UserError as exc:
            plan.errors += [
                UserError("directory.file_line", line=line, problem=p) for p in exc.parts
            ]
            continue
        key = key_of(values["name"])
        if key in seen:
            problem = UserError("directory.file_seen_above", user=values["name"])
            plan.errors.append(UserError("directory.file_line", line=line, problem=problem))
            continue
        seen.add(key)
        current = existing.get(key)
        if current is None:
            plan.added[key] = values
        elif all(getattr(current, column) == value for column, value in values.items()):
            plan.unchanged += 1
        else:
            after = Structure(**{**current.model_dump(), **values})
            plan.changed[key] = Change(record(current), values, record(after))
    return plan


def warnings(
    structure: Structure, today: dt.date, charter_days: int | None, report_deadline: dt.date
) -> list[tuple[str, dict[str, object]]]:
    """What the coordination should see to: catalogue keys and their values."""
    found: list[tuple[str, dict[str, object]]] = []
    end = structure.convention_end
    if end is not None and end < today:
        found.append(("structures.convention_over", {"day": f"{end:%d/%m/%Y}"}))
    elif end is not None and end - today <= RENEW_WITHIN:
        found.append(("structures.convention_ending", {"day": f"{end:%d/%m/%Y}"}))
    if structure.convention_start is None and end is None:
        found.append(("structures.no_convention", {}))
    charter = structure.charter_date
    if charter is None:
        found.append(("structures.no_charter", {}))
    elif charter_days is not None and (today - charter).days > charter_days:
        found.append(("structures.charter_old", {"day": f"{charter:%d/%m/%Y}"}))
    due = today.year - 1 if today > report_deadline else today.year - 2
    if structure.report_year is None or structure.report_year < due:
        found.append(("structures.report_missing", {"year": due}))
    return found


def promeneurs_of(members: Iterable[Member]) -> dict[str, list[Member]]:
    """The directory's members still in the network, by the key of their structure."""
    found: dict[str, list[Member]] = {}
    for member in members:
        if member.structure and member.status != "parti":
            found.setdefault(key_of(member.structure), []).append(member)
    return found


class StructureRegister:
    """The structures in the database (the directory's handlers ask here, never write SQL)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> dict[str, Structure]:
        rows = await self._db.run(lambda s: list(s.exec(select(Structure))))
        return {row.key: row for row in sorted(rows, key=lambda r: r.key)}

    async def get(self, name: str) -> Structure | None:
        return await self._db.run(lambda s: s.get(Structure, key_of(name)))

    async def save(self, key: str, values: dict[str, Any], by: str) -> Structure:
        """Create or change the structure `key` with `values`."""

        def write(session: Session) -> Structure:
            row = session.get(Structure, key) or Structure(key=key, name=values.get("name", key))
            for column, value in values.items():
                setattr(row, column, value)
            row.updated_by, row.updated_at = by, utcnow()
            session.add(row)
            session.flush()
            return row

        return await self._db.run(write)

    async def remove(self, key: str) -> None:
        def delete(session: Session) -> None:
            row = session.get(Structure, key)
            if row is not None:
                session.delete(row)

        await self._db.run(delete)
