"""The one-message declaration: `!declarer 4h reseaux=insta,snap jeunes=12 contacts=5 ...`."""

from __future__ import annotations

import re
from typing import Any

from bot.commands.fields import split_fields
from bot.declarations.catalog import Catalog
from bot.declarations.parsing import (
    MAX_FRIENDS,
    parse_choices,
    parse_count,
    parse_counted,
    parse_hours,
    parse_remark,
)
from bot.declarations.weeks import split_week
from bot.text.errors import FRENCH, UserError

KEYS = {
    "heures": "hours", "h": "hours",
    "reseaux": "networks",
    "amis": "young_friends",
    "jeunes": "young_people",
    "contacts": "short_contacts",
    "ages": "age_groups",
    "echanges": "interactions",
    "sujets": "topics",
    "orientations": "referrals",
    "remarque": "remark",
    "semaine": "week",
}  # fmt: skip
DEFAULTS: dict[str, Any] = {
    "networks": [], "young_people": 0, "short_contacts": 0, "age_groups": {}, "interactions": {},
    "topics": [], "referrals": {}, "remark": "",
}  # fmt: skip

USAGE = FRENCH("declare.one_message_usage")


def looks_like_fast_path(text: str) -> bool:
    text = split_week(text)[1]  # `semaine 46 3h …`
    return "=" in text or bool(re.match(r"\s*\d+(?:[.,]\d+)?\s*h", text, re.IGNORECASE))


def parse_fast_path(text: str, catalog: Catalog) -> tuple[dict[str, Any], str | None]:
    """The values and the week text (if given); raises UserError naming the field."""
    values: dict[str, Any] = dict(DEFAULTS)
    leading, text = split_week(text)  # `semaine 46 3h …`
    week: str | None = None
    fields = split_fields(text, "heures")
    if leading is not None and "semaine" in fields:
        raise UserError("declarations.week_twice", first=leading, second=fields["semaine"])
    unknown = [key for key in fields if key not in KEYS]
    if unknown:
        raise UserError("error.unknown_fields", unknown=", ".join(unknown), known=", ".join(KEYS))
    if not any(KEYS[key] == "hours" for key in fields):
        raise UserError("declarations.no_hours")
    for key, raw in fields.items():
        name = KEYS[key]
        value = raw.replace(",", ", ")
        try:
            if name == "hours":
                values[name] = parse_hours(raw)
            elif name in ("young_people", "short_contacts"):
                values[name] = parse_count(raw)
            elif name == "young_friends":
                values[name] = parse_count(raw, MAX_FRIENDS)
            elif name == "networks":
                values[name] = parse_choices(value, catalog.networks, allow_none=True)
            elif name == "age_groups":
                numbers = raw.replace(",", " ") if re.fullmatch(r"[\d,\s]+", raw) else value
                values[name] = parse_counted(numbers, catalog.ages, allow_none=True)
            elif name == "topics":
                values[name] = parse_choices(value, catalog.topics, allow_none=True)
            elif name == "interactions":
                numbers = raw.replace(",", " ") if re.fullmatch(r"[\d,\s]+", raw) else value
                values[name] = parse_counted(numbers, catalog.interactions, allow_none=True)
            elif name == "referrals":
                values[name] = parse_counted(
                    value, catalog.relays, allow_none=True, positional=False
                )
            elif name == "remark":
                values[name] = parse_remark(raw)
            else:
                week = raw
        except UserError as exc:
            raise UserError("error.field", field=key, problem=exc) from None
    return values, leading or week
