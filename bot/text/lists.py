"""Lists written out in French."""

from __future__ import annotations


def and_list(items: list[str]) -> str:
    """ "a", "a et b", "a, b et c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]
