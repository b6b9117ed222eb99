"""Removing what could identify someone from a question before it is kept for the coordinator."""

from __future__ import annotations

import re

from bot.text.fold import fold
from bot.text.identifiers import cleaned, find_identifiers, masked_text
from bot.text.stopwords import STOPWORDS

KEPT_LENGTH = 500

_AFTER = (
    (re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?)]", re.IGNORECASE), "[lien]"),
    (re.compile(r"\b\d{6,}\b"), "[numéro]"),  # a file, a pupil or a social security number
)
_CAPITALISED = re.compile(r"(?<![\[\w])[A-ZÀ-ÖØ-Þ][\w-]*")


def scrub(text: str, known_words: frozenset[str] = frozenset()) -> str:
    """`text` as the coordinator will read it: every identifier of a young person replaced by
    a placeholder (names, also in lower case; schools and classes; addresses; accounts; phone
    numbers and e-mails, also disguised), then links, long numbers, and any capitalised word
    that is neither a French function word nor in `known_words` (folded): too much is hidden
    rather than too little."""
    text = cleaned(text)
    text = masked_text(text, find_identifiers(text, known_words))
    for pattern, replacement in _AFTER:
        text = pattern.sub(replacement, text)

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = fold(word)
        keep = folded in STOPWORDS or folded in known_words or (word.isupper() and len(word) > 1)
        return word if keep else "[nom]"

    text = _CAPITALISED.sub(name, text)
    text = " ".join(text.split())
    return text if len(text) <= KEPT_LENGTH else text[: KEPT_LENGTH - 1] + "…"
