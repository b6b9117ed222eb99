"""Immediate danger in a message: the one function every path asks before anything else.

Recall comes first: a false alarm costs the reader three lines, a danger missed may cost a
life. Two readings are combined. Written cues (`bot.safety.cues`) recognise intent said
indirectly, means and places, violence now, a child without care, a runaway, sextortion, a
medical emergency, in SMS spelling and with typos. A model learnt from labelled messages
(`bot.safety.model`) reads the whole wording and the cues together, and catches what the cues
did not foresee. A message is a danger when the model's probability reaches `THRESHOLD`, or when
the cues alone are sure.

Figures on labelled messages kept out of all tuning are printed by `tests/unit/test_danger.py`
and recorded in `bench/README.md`.
"""

from __future__ import annotations

from bot.safety.cues import SURE, evoked, findings, normalized
from bot.safety.kinds import Danger
from bot.safety.model import shipped, signals

# Chosen on the tuning part of the corpus, each author left out in turn, for a recall of about
# 99 % of urgent messages there (tests/unit/test_danger.py prints the figures).
THRESHOLD = 0.25


def probability(text: str) -> float:
    """How likely the model finds it that `text` evokes an immediate danger."""
    words = normalized(text)
    return shipped()[0].probability(signals(words, findings(words)))


def detect_danger(text: str) -> list[Danger]:
    """The kinds of immediate danger `text` evokes, in a fixed order; empty if none.

    This is the one function that decides, for every path: a question, a command-like message,
    an answer in a dialogue, a choice picked from a list. When the model finds a danger whose
    kind the cues cannot tell, the kind is `GENERAL` and every main number is given.
    """
    words = normalized(text)
    found = findings(words)
    sure = any(f.score >= SURE for f in found)
    if not sure and shipped()[0].probability(signals(words, found)) < THRESHOLD:
        return []
    kinds = evoked(found)
    if kinds:
        return kinds
    if found:
        return [max(found, key=lambda f: f.score).danger]
    return [Danger.GENERAL]
