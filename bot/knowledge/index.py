"""Matching a question to entries: an inverted index of French stems, typo-tolerant look-up,
then rapidfuzz similarity to the example questions. Everything costly is computed at load.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.knowledge.danger import detect_danger
from bot.knowledge.entries import Danger, Entry, KnowledgeBase
from bot.knowledge.normalize import terms, words

# Weight of a stem by the field it comes from: what the entry is about counts most.
FIELD_WEIGHTS = {"title": 1.0, "keywords": 1.0, "synonyms": 1.0, "topics": 0.6, "questions": 0.5}
# A word of a several-word keyword ("parier sur le foot") is weak alone ("foot"); the whole
# phrase in a question gets its full weight back.
PHRASE_WORD_WEIGHT = 0.6
TYPO_FACTOR = 0.8  # a word recognised despite a typo counts a little less
RERANKED = 8  # how many lexical candidates rapidfuzz looks at
SIMILARITY_WEIGHT = 4.0
DANGER_BONUS = 2.0  # a danger in the question is evidence for the entries about that danger
# Thresholds, tuned on tests/knowledge/labelled_questions.toml (see test_matching.py).
CONFIDENT_SCORE = 5.0
CONFIDENT_MARGIN = 1.3
CANDIDATE_SCORE = 2.5
CHOICES = 3
CHOICE_SHARE = 0.4  # a choice offered scores at least this share of the best one


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
            floor = max(CANDIDATE_SCORE, CHOICE_SHARE * self.ranked[0].score)
            return [r.entry for r in self.ranked[:CHOICES] if r.score >= floor]
        return []

    @property
    def all_dangers(self) -> list[Danger]:
        """Dangers in the question, then that of the entry answered if it is an urgent one."""
        found = list(self.dangers)
        if self.verdict is Verdict.CONFIDENT:
            urgence = self.ranked[0].entry.header.urgence
            if urgence is not None and urgence not in found:
                found.append(urgence)
        return found

    @property
    def urgent(self) -> bool:
        return bool(self.all_dangers)


@dataclass
class _Postings:
    # stem -> {entry number: field weight x idf}, computed once so that a question only adds
    by_term: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    by_deletion: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


class KnowledgeIndex:
    """A base made ready for questions; build it off the event loop, it is immutable afterwards."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.base = base
        self.entries: list[Entry] = list(base.entries.values())
        self._examples: list[list[str]] = []
        self._phrases: list[list[frozenset[str]]] = []
        self._idf: dict[str, float] = {}
        self._postings = _Postings()
        self._by_danger: dict[Danger, list[int]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            if entry.header.urgence is not None:
                self._by_danger[entry.header.urgence].append(index)
        weights_per_entry = [self._entry_terms(entry) for entry in self.entries]
        for index, weights in enumerate(weights_per_entry):
            for term, weight in weights.items():
                self._postings.by_term[term][index] = weight
        total = max(len(self.entries), 1)
        for term, postings in self._postings.by_term.items():
            idf = self._idf[term] = math.log(1 + total / len(postings))
            for index in postings:
                postings[index] *= idf
            if len(term) >= 5:
                for key in _deletions(term) | {term}:
                    self._postings.by_deletion[key].add(term)
        self._postings.by_term = dict(self._postings.by_term)
        self._postings.by_deletion = dict(self._postings.by_deletion)

    def _entry_terms(self, entry: Entry) -> dict[str, float]:
        header = entry.header
        fields = {
            "title": [header.titre],
            "keywords": header.mots_cles,
            "synonyms": header.synonymes,
            "topics": header.themes,
            "questions": header.questions,
        }
        weights: dict[str, float] = {}
        phrases: list[frozenset[str]] = []
        for name, texts in fields.items():
            for text in texts:
                found = terms(text)
                weight = FIELD_WEIGHTS[name]
                if name in ("keywords", "synonyms") and len(found) > 1:
                    phrases.append(frozenset(found))
                    weight = PHRASE_WORD_WEIGHT
                for term in found:
                    weights[term] = max(weights.get(term, 0.0), weight)
        self._phrases.append(phrases)
        examples = [" ".join(words(text)) for text in [header.titre, *header.questions]]
        self._examples.append([e for e in examples if e])
        return weights

    def _known(self, term: str) -> list[tuple[str, float]]:
        """The indexed stems `term` stands for: itself, or near spellings (1 edit, 2 if long)."""
        if term in self._postings.by_term:
            return [(term, 1.0)]
        if len(term) < 5:
            return []
        limit = 2 if len(term) >= 9 else 1
        found: set[str] = set()
        for key in _deletions(term) | {term}:
            found.update(self._postings.by_deletion.get(key, ()))
        return [
            (known, TYPO_FACTOR)
            for known in found
            if Levenshtein.distance(term, known, score_cutoff=limit) <= limit
        ]

    def match(self, question: str) -> Match:
        dangers = detect_danger(question)
        scores: dict[int, float] = defaultdict(float)
        asked_terms = terms(question)
        for term in asked_terms:
            known = self._known(term)
            if len(known) == 1 and known[0][1] == 1.0:  # the common case: a word of the base
                for index, value in self._postings.by_term[known[0][0]].items():
                    scores[index] += value
                continue
            best: dict[int, float] = {}
            for stem_, factor in known:
                for index, value in self._postings.by_term[stem_].items():
                    if value * factor > best.get(index, 0.0):
                        best[index] = value * factor
            for index, value in best.items():
                scores[index] += value
        for danger in dangers:
            for index in self._by_danger.get(danger, ()):
                scores[index] += DANGER_BONUS
        if not scores:
            return Match(question, Verdict.NONE, [], dangers)
        asked_set = set(asked_terms)
        for index in heapq.nlargest(2 * RERANKED, scores, key=scores.__getitem__):
            scores[index] += self._phrase_bonus(index, asked_set)
        candidates = heapq.nlargest(RERANKED, scores, key=scores.__getitem__)
        asked = " ".join(words(question))
        ranked = sorted(
            (Ranked(self.entries[i], scores[i] + self._similarity(asked, i)) for i in candidates),
            key=lambda r: r.score,
            reverse=True,
        )
        return Match(question, _verdict(ranked), ranked[:CHOICES], dangers)

    def _phrase_bonus(self, index: int, asked: set[str]) -> float:
        """What the words of each whole keyword phrase found in the question were missing."""
        bonus = 0.0
        for phrase in self._phrases[index]:
            if phrase <= asked:
                bonus += sum(self._idf[t] for t in phrase) * (1 - PHRASE_WORD_WEIGHT)
        return bonus

    def _similarity(self, asked: str, index: int) -> float:
        best = max(
            (fuzz.token_set_ratio(asked, example) for example in self._examples[index]),
            default=0.0,
        )
        return SIMILARITY_WEIGHT * max(0.0, best / 100 - 0.5) * 2


def _verdict(ranked: list[Ranked]) -> Verdict:
    top = ranked[0].score
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if top >= CONFIDENT_SCORE and top >= CONFIDENT_MARGIN * second:
        return Verdict.CONFIDENT
    if top >= CANDIDATE_SCORE:
        return Verdict.AMBIGUOUS
    return Verdict.NONE
