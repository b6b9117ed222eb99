"""The shipped base against labelled questions: right entry first, emergencies, out of scope."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.knowledge.desk import load_index
from bot.knowledge.index import KnowledgeIndex, Verdict
from bot.knowledge.render import render_match
from bot.settings import DEFAULT_KNOWLEDGE_DIR

SETS = Path(__file__).resolve().parent.parent / "knowledge"
EMERGENCY_TITLE = "⚠️ Danger immédiat"


@dataclass(frozen=True)
class Labelled:
    text: str
    entry: str
    urgent: bool


@dataclass
class Score:
    asked: int = 0
    right_first: int = 0
    confident_wrong: int = 0
    out_of_scope: int = 0
    out_of_scope_confident: int = 0
    urgent: int = 0
    urgent_missed: int = 0

    def line(self, name: str) -> str:
        share = self.right_first / self.asked if self.asked else 0.0
        return (
            f"{name}: {self.right_first}/{self.asked} right entry first ({share:.1%}), "
            f"{self.confident_wrong} confidently wrong, "
            f"{self.out_of_scope_confident}/{self.out_of_scope} out-of-scope answered, "
            f"{self.urgent - self.urgent_missed}/{self.urgent} urgent with the emergency block"
        )


def _read(name: str) -> list[Labelled]:
    data = tomllib.loads((SETS / name).read_text(encoding="utf-8"))
    return [Labelled(q["text"], q["entry"], q.get("urgent", False)) for q in data["question"]]


@pytest.fixture(scope="module")
def index() -> KnowledgeIndex:
    index, errors = load_index(DEFAULT_KNOWLEDGE_DIR, "exemple")
    assert errors == []
    return index


def _score(index: KnowledgeIndex, questions: list[Labelled]) -> tuple[Score, list[str]]:
    score, failures = Score(), []
    for q in questions:
        match = index.match(q.text)
        body, _ = render_match(match, index.base, "@coordination:exemple")
        first = match.ranked[0].entry.id if match.ranked else None
        if q.urgent:
            score.urgent += 1
            if not body.startswith(EMERGENCY_TITLE):
                score.urgent_missed += 1
                failures.append(f"no emergency block: {q.text}")
        if not q.entry:
            score.out_of_scope += 1
            if match.verdict is Verdict.CONFIDENT:
                score.out_of_scope_confident += 1
                failures.append(f"out of scope answered with {first}: {q.text}")
            continue
        score.asked += 1
        if first == q.entry:
            score.right_first += 1
        else:
            failures.append(f"{first} instead of {q.entry}: {q.text}")
            if match.verdict is Verdict.CONFIDENT:
                score.confident_wrong += 1
    return score, failures


def test_labelled_questions_get_the_right_entry_first(index: KnowledgeIndex) -> None:
    questions = _read("tuning/labelled.toml")
    score, failures = _score(index, questions)
    print("\n" + score.line("labelled set"), *failures, sep="\n  ")
    assert score.asked >= 80 and score.out_of_scope >= 15
    assert {q.entry for q in questions if q.entry} == set(index.base.entries)
    assert score.right_first >= 0.95 * score.asked
    assert score.urgent_missed == 0
    assert score.out_of_scope_confident == 0


def test_held_out_questions_generalise(index: KnowledgeIndex) -> None:
    score, failures = _score(index, _read("tuning/earlier.toml"))
    print("\n" + score.line("held-out set"), *failures, sep="\n  ")
    assert score.right_first >= 0.9 * score.asked
    assert score.urgent_missed == 0
    assert score.out_of_scope_confident == 0
