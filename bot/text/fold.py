"""French text folded for comparison: no case, accents, elisions or punctuation."""

from __future__ import annotations

import re
import unicodedata

_ELISION = re.compile(r"\b(?:l|d|j|qu|n|s|t|c|m|jusqu|lorsqu|puisqu|quoiqu)['’`´]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def unaccented(text: str) -> str:
    """Lower case without accents, punctuation kept: `Réunion` and `REUNION` are `reunion`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str, keep_elisions: bool = False) -> str:
    """Lower case without accents, elisions or punctuation: words separated by single spaces.

    With `keep_elisions`, an elided word stays as a word of its own ("s'est" gives "s est"),
    for readers that need to tell "il s'est fait" from "il est fait".
    """
    plain = unaccented(text).replace("œ", "oe").replace("æ", "ae")
    if not keep_elisions:
        plain = _ELISION.sub(" ", plain)
    return " ".join(_NOT_WORD.sub(" ", plain).split())
