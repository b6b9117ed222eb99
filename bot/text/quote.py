"""What someone typed, as a reply quotes it back: short, on one line."""

from __future__ import annotations

SHOWN_CHARACTERS = 80


def shown(text: object, limit: int = SHOWN_CHARACTERS) -> str:
    """`text` on one line, at most `limit` characters (a reply never repeats a wall of text)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
