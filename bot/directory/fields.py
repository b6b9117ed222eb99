"""The directory's fields as people write them (`prenom=Camille structure="MJC Nord"`), checked.

One table of fields serves the chat commands, the CSV columns and the public view, so that a
field is named and validated the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.commands.fields import parse_day
from bot.storage.models import PDN_TYPES, Member
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

STATUSES = {"actif": "actif", "conges": "congés", "parti": "parti"}
TYPES = PDN_TYPES
MATRIX_ID = re.compile(r"@[a-z0-9._=\-/+]+:[A-Za-z0-9.\-]+(?::\d+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+33|0)[1-9](?:\d{8})")
MAX_LENGTH = 200


def _text(value: str) -> str:
    if len(value) > MAX_LENGTH:
        raise UserError("directory.too_long", most=MAX_LENGTH)
    return " ".join(value.split())


def parse_email(value: str) -> str:
    if value and not _EMAIL.fullmatch(value.strip()):
        raise UserError("directory.bad_email", got=shown(value))
    return value.strip()


def parse_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", value)
    if value and not _PHONE.fullmatch(digits):
        raise UserError("directory.bad_phone", got=shown(value))
    return digits


def show_phone(value: object) -> str:
    """A French number in pairs (« 03 20 00 00 00 »): read so, and kept as text with its leading
    0 by spreadsheets, which would make 0320000000 the number 320000000."""
    digits = str(value or "")
    if len(digits) == 10 and digits.isdigit():
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if len(digits) == 12 and digits.startswith("+33"):
        return f"+33 {digits[3]} " + " ".join(digits[i : i + 2] for i in range(4, 12, 2))
    return digits


def _choice(choices: dict[str, str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        key = fold(value).replace(" ", "")
        if key not in choices:
            raise UserError(
                "directory.bad_choice", choices=" ou ".join(choices.values()), got=shown(value)
            )
        return key

    return parse


def parse_optional_day(value: str) -> dt.date | None:
    return parse_day(value) if value.strip() else None


def show_day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


@dataclass(frozen=True)
class FieldSpec:
    key: str  # as written in chat and in CSV headers
    column: str  # the Member attribute
    label: str  # as shown
    parse: Callable[[str], Any]
    show: Callable[[Any], str] = str


FIELDS = (
    FieldSpec("prenom", "first_name", "Prénom", _text),
    FieldSpec("nom", "last_name", "Nom", _text),
    FieldSpec("structure", "structure", "Structure", _text),
    FieldSpec("territoire", "territory", "Territoire", _text),
    FieldSpec("email", "email", "E-mail", parse_email),
    FieldSpec("tel", "phone", "Téléphone", parse_phone, show_phone),
    FieldSpec("profils", "profiles", "Profils", _text),
    FieldSpec("type", "pdn_type", "Type", _choice(TYPES), lambda v: TYPES.get(v, v)),
    FieldSpec("label", "label_date", "Labellisé le", parse_optional_day, show_day),
    FieldSpec("charte", "charter_date", "Charte signée le", parse_optional_day, show_day),
    FieldSpec("statut", "status", "Statut", _choice(STATUSES), lambda v: STATUSES.get(v, v)),
)
BY_KEY = {spec.key: spec for spec in FIELDS}
CHOSEN = {"pdn_type", "status"}  # fields with a value from a list, which cannot be emptied
ALIASES = {"telephone": "tel", "mail": "email", "courriel": "email", "territory": "territoire"}


def parse_member_fields(fields: dict[str, str]) -> dict[str, Any]:
    """Folded keys and raw values -> Member column values; raises UserError naming every field
    at fault (or every unknown one)."""
    unknown = [k for k in fields if ALIASES.get(k, k) not in BY_KEY]
    if unknown:
        raise UserError("error.unknown_fields", unknown=", ".join(unknown), known=", ".join(BY_KEY))
    values: dict[str, Any] = {}
    errors: list[UserError] = []
    for key, raw in fields.items():
        spec = BY_KEY[ALIASES.get(key, key)]
        if spec.column in CHOSEN and not raw.strip():
            continue  # an empty type or status cell: not given (a text cell empty is cleared)
        try:
            values[spec.column] = spec.parse(raw)
        except UserError as exc:  # every wrong field is said at once
            errors.append(UserError("error.field", field=spec.key, problem=exc))
    if errors:
        raise UserError.all_of(errors)
    return values


def display_name(member: Member) -> str:
    """First and last name, or the Matrix ID when the directory has no name."""
    return f"{member.first_name} {member.last_name}".strip() or member.user_id


def merged(member: Member, values: dict[str, Any]) -> Member:
    """A copy of `member` with `values` applied: the row as saving `values` will leave it."""
    return Member(**{**member.model_dump(), **values})


def record(member: Member) -> dict[str, str]:
    """The member as the directory shows it, by field key (for the audit log and exports)."""
    return {spec.key: spec.show(getattr(member, spec.column)) for spec in FIELDS}


def card(member: Member, keys: list[str]) -> str:
    """One line per shown field that has a value."""
    lines = [f"{display_name(member)} ({member.user_id})"]
    for key in keys:
        spec = BY_KEY[key]
        if key in ("prenom", "nom"):
            continue
        shown = spec.show(getattr(member, spec.column))
        if shown:
            lines.append(f"  {spec.label} : {shown}")
    return "\n".join(lines)
