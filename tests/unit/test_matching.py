"""The shipped base against labelled questions: right entry first, emergencies, out of scope.

Two figures, never mixed. The tuning part (`knowledge/exemples/`) is what the matcher learns
from: its figure is cross-validated, each author's questions answered by a matcher trained
without them. The held-out part (`tests/knowledge/heldout/`) was written by other authors,
chosen before any tuning, and is never learnt from.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.knowledge.index import KnowledgeIndex, Verdict
from bot.knowledge.loader import load_knowledge
from bot.knowledge.render import render_match
from bot.safety.emergency import TITLE
from bot.settings import DEFAULT_KNOWLEDGE_DIR

HELDOUT = Path(__file__).resolve().parent.parent / "knowledge" / "heldout"
EXAMPLES = DEFAULT_KNOWLEDGE_DIR / "exemples"


@dataclass(frozen=True)
class Labelled:
    text: str
    entry: str
    urgent: bool


@dataclass
class Score:
    asked: int = 0
    right_first: int = 0
    confident: int = 0
    confident_wrong: int = 0
    out_of_scope: int = 0
    out_of_scope_confident: int = 0
    urgent: int = 0
    urgent_missed: int = 0
    calm: int = 0
    calm_with_block: int = 0

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def line(self, name: str) -> str:
        share = self.right_first / self.asked if self.asked else 0.0
        alarms = self.calm_with_block / self.calm if self.calm else 0.0
        return (
            f"{name}: {self.right_first}/{self.asked} right entry first ({share:.1%}); "
            f"{self.confident} answered confidently, {self.confident_wrong} of them wrong; "
            f"{self.out_of_scope_confident}/{self.out_of_scope} out-of-scope answered; "
            f"{self.urgent - self.urgent_missed}/{self.urgent} urgent with the emergency block; "
            f"{self.calm_with_block}/{self.calm} ({alarms:.1%}) non-urgent with it"
        )


def read(path: Path) -> list[Labelled]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Labelled(q["text"], q["entry"], q.get("urgent", False)) for q in data["question"]]


def score(index: KnowledgeIndex, questions: list[Labelled]) -> tuple[Score, list[str]]:
    result, failures = Score(), []
    for q in questions:
        match = index.match(q.text)
        body, _ = render_match(match, index.base, "@coordination:exemple")
        first = match.ranked[0].entry.id if match.ranked else None
        if q.urgent:
            result.urgent += 1
            if not body.startswith(TITLE):
                result.urgent_missed += 1
                failures.append(f"no emergency block: {q.text}")
        else:
            result.calm += 1
            result.calm_with_block += body.startswith(TITLE)
        if not q.entry:
            result.out_of_scope += 1
            if match.verdict is Verdict.CONFIDENT:
                result.out_of_scope_confident += 1
                failures.append(f"out of scope answered with {first}: {q.text}")
            continue
        result.asked += 1
        result.right_first += first == q.entry
        if match.verdict is Verdict.CONFIDENT:
            result.confident += 1
            if first != q.entry:
                result.confident_wrong += 1
                failures.append(f"confidently {first} instead of {q.entry}: {q.text}")
        elif first != q.entry:
            failures.append(f"{first} instead of {q.entry}: {q.text}")
    return result, failures


@pytest.fixture(scope="module")
def base() -> load_knowledge:  # type: ignore[valid-type]
    result = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "exemple")
    assert result.errors == []
    return result.base


def test_the_corpus_is_large_and_covers_every_entry(base: object) -> None:
    tuning = [q for path in sorted(EXAMPLES.glob("auteur-*.toml")) for q in read(path)]
    heldout = [q for path in sorted(HELDOUT.glob("author_*.toml")) for q in read(path)]
    entries = set(base.entries)  # type: ignore[attr-defined]
    for part in (tuning, heldout):
        counts = {entry: sum(q.entry == entry for q in part) for entry in entries}
        assert min(counts.values()) >= 8, counts  # each author wrote 8 per entry
    assert min(sum(q.entry == e for q in tuning + heldout) for e in entries) >= 15
    assert len(tuning) + len(heldout) >= 600
    assert not {q.text for q in tuning} & {q.text for q in heldout}


def test_held_out_questions_get_the_right_entry_first(base: object) -> None:
    index = KnowledgeIndex(base)  # type: ignore[arg-type]
    total = Score()
    for path in sorted(HELDOUT.glob("author_*.toml")):
        result, failures = score(index, read(path))
        total.add(result)
        print("\n" + result.line(f"held out, {path.name}"), *failures, sep="\n  ")
    print("\n" + total.line("HELD OUT (never tuned on)"))
    assert total.right_first >= 0.95 * total.asked
    assert total.urgent_missed == 0
    assert total.out_of_scope_confident == 0
    assert total.confident_wrong <= 0.01 * total.confident


def test_tuning_questions_cross_validated_by_author(base: object) -> None:
    total = Score()
    for path in sorted(EXAMPLES.glob("auteur-*.toml")):
        questions = read(path)
        left_out = {q.text for q in questions}
        examples = [e for e in base.examples if e.text not in left_out]  # type: ignore[attr-defined]
        index = KnowledgeIndex(dataclasses.replace(base, examples=examples))  # type: ignore[type-var]
        result, _ = score(index, questions)
        total.add(result)
    print("\n" + total.line("tuning, each author left out in turn"))
    assert total.right_first >= 0.94 * total.asked
    assert total.out_of_scope_confident == 0
