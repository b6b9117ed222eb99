"""Removing what could identify someone from a question before it is kept for the coordinator."""

from __future__ import annotations

import re

from bot.knowledge.stopwords import STOPWORDS
from bot.text.fold import fold

KEPT_LENGTH = 500

_PATTERNS = (
    (re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?)]", re.IGNORECASE), "[lien]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"(?<![\w])@[\w.\-]+(?::[\w.\-]+)?"), "[pseudo]"),
    (re.compile(r"(?:\+|00)\d[\d .\-]{7,}\d|\b0\d(?:[ .\-]?\d{2}){4}\b|\b\d{6,}\b"), "[numéro]"),
)
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w-]*")


def scrub(text: str, known_words: frozenset[str] = frozenset()) -> str:
    """`text` without links, e-mails, @handles, phone numbers, and capitalised words that may be
    names: any capitalised word that is neither a French function word nor in `known_words`
    (folded). Too much is hidden rather than too little; lower-case names cannot be told apart.
    """
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = fold(word)
        keep = folded in STOPWORDS or folded in known_words or (word.isupper() and len(word) > 1)
        return word if keep else "[nom]"

    text = _CAPITALISED.sub(name, text)
    text = " ".join(text.split())
    return text if len(text) <= KEPT_LENGTH else text[: KEPT_LENGTH - 1] + "…"
