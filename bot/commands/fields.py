"""One-line forms: `valeur-principale clé=valeur clé="valeur avec espaces" …`."""

from __future__ import annotations

import datetime as dt
import re

from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

_PAIR = re.compile(r"(?<!\S)([A-Za-zÀ-ÿ0-9_-]+)\s*=\s*")  # `reunions=6`, `2=3h30`


def split_fields(text: str, head_key: str) -> dict[str, str]:
    """`4h reseaux=insta,snap jeunes=12` -> {head_key: "4h", "reseaux": "insta,snap", …}.

    Keys are folded (no case, no accents); a value runs to the next `key=`; quotes around a value
    are dropped.
    """
    fields: dict[str, str] = {}
    matches = list(_PAIR.finditer(text))
    head = text[: matches[0].start()] if matches else text
    if head.strip():
        fields[head_key] = head.strip()
    for match, following in zip(matches, [*matches[1:], None], strict=False):
        end = following.start() if following else len(text)
        fields[fold(match.group(1)).replace(" ", "_")] = (
            text[match.end() : end].strip().strip('"«» ')
        )
    return fields


def parse_day(text: str) -> dt.date:
    """`15/01/2027`, `15/01/27` or `2027-01-15`."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise UserError("directory.bad_day", got=shown(text))
