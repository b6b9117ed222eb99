"""Matching a question to entries: a classifier learnt, when the base is loaded, from each
entry's own words (title, keywords, synonyms, example questions) and from the labelled example
questions of `exemples/`, some of which no entry answers.

It compares pieces of words, so typos, SMS spellings and inflections still match, and it learns
how promeneurs describe a situation without its keyword from the examples. When the best entry
does not stand out, the answer is a choice, never a confident guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np

from bot.knowledge.entries import Entry, KnowledgeBase
from bot.knowledge.model_cache import trained_model
from bot.safety.danger import detect_danger
from bot.safety.kinds import Danger
from bot.text.bayes import best
from bot.text.ngrams import Bag, ngrams
from bot.text.sms import plain_words
from bot.text.stopwords import STOPWORDS

OUT_OF_SCOPE = ""  # the class of the example questions no entry answers
# Thresholds on score differences, tuned on the tuning part of the labelled questions
# (tests/unit/test_matching.py prints what they give on each part).
CONFIDENT_MARGIN = 0.12  # the best entry is answered when it leads the next class by this much
NONE_MARGIN = 0.10  # "no entry" is said when out of scope leads the best entry by this much
CHOICE_GAP = 0.25  # an entry is offered among the choices within this gap of the best one
# A danger in the question is evidence for the entries about that danger.
DANGER_BONUS = 0.05
CHOICES = 3


class Verdict(StrEnum):
    CONFIDENT = "confident"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    score: float


@dataclass(frozen=True)
class Match:
    """What the base says about one question."""

    question: str
    verdict: Verdict
    ranked: list[Ranked]
    dangers: list[Danger]

    @property
    def entries(self) -> list[Entry]:
        """The entries to show: the answer when confident, the choices when ambiguous."""
        if self.verdict is Verdict.CONFIDENT:
            return [self.ranked[0].entry]
        if self.verdict is Verdict.AMBIGUOUS:
            best = self.ranked[0].score
            return [r.entry for r in self.ranked[:CHOICES] if best - r.score <= CHOICE_GAP]
        return []

    @property
    def all_dangers(self) -> list[Danger]:
        """Dangers in the question, then those of the urgent entries answered or offered: an
        urgent entry among the choices is a possible danger too."""
        found = list(self.dangers)
        for entry in self.entries:
            urgence = entry.header.urgence
            if urgence is not None and urgence not in found:
                found.append(urgence)
        return found

    @property
    def urgent(self) -> bool:
        return bool(self.all_dangers)


def features(text: str) -> Bag:
    return ngrams(plain_words(text))


def is_question(text: str) -> bool:
    """Whether `text` says anything a referral could be about: a greeting, thanks or "ok" does
    not, nor a number alone."""
    return any(w not in STOPWORDS and not w.isdigit() for w in plain_words(text).split())


class KnowledgeIndex:
    """A base made ready for questions; build it off the event loop, it is immutable afterwards."""

    def __init__(self, base: KnowledgeBase, cache: Path | None = None) -> None:
        """`cache`: the folder where the learnt classifier is kept between runs (None: only in
        this process)."""
        self.base = base
        self.entries: list[Entry] = list(base.entries.values())
        examples = [
            (text, entry.id)
            for entry in self.entries
            for text in (
                entry.header.titre,
                *entry.header.mots_cles,
                *entry.header.synonymes,
                *entry.header.questions,
            )
        ]
        examples += [(example.text, example.entry) for example in base.examples]
        self._model = (
            trained_model(examples, features, [Path(__file__)], cache) if examples else None
        )
        labels = self._model.classes if self._model else []
        # For each kind of danger, the classes of the entries about it.
        self._about = {
            danger: np.array([self._urgence(label) is danger for label in labels], dtype=float)
            for danger in Danger
        }

    def _urgence(self, label: str) -> Danger | None:
        entry = self.base.entries.get(label)
        return entry.header.urgence if entry is not None else None

    def match(self, question: str) -> Match:
        dangers = detect_danger(question)
        if self._model is None or not is_question(question):
            return Match(question, Verdict.NONE, [], dangers)
        scores = self._model.scores(question)
        if not scores.any():  # nothing known in the question
            return Match(question, Verdict.NONE, [], dangers)
        for danger in dangers:
            scores = scores + DANGER_BONUS * self._about[danger]
        labels = self._model.classes
        ranked = [(labels[i], float(scores[i])) for i in best(scores, CHOICES + 1)]
        entries = [
            Ranked(self.base.entries[label], score)
            for label, score in ranked
            if label != OUT_OF_SCOPE
        ][:CHOICES]
        return Match(question, _verdict(ranked), entries, dangers)


def _verdict(ranked: list[tuple[str, float]] | tuple[tuple[str, float], ...]) -> Verdict:
    (best, top), (_, second) = ranked[0], ranked[1] if len(ranked) > 1 else ("", -1e9)
    if best == OUT_OF_SCOPE:
        return Verdict.NONE if top - second >= NONE_MARGIN else Verdict.AMBIGUOUS
    return Verdict.CONFIDENT if top - second >= CONFIDENT_MARGIN else Verdict.AMBIGUOUS
