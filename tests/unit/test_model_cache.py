"""The knowledge base's classifier kept between runs: read back, it answers exactly as learnt;
another base or a damaged file is learnt again; a cache that cannot be written costs nothing."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge import model_cache
from bot.knowledge.index import KnowledgeIndex
from bot.knowledge.loader import load_knowledge
from bot.settings import DEFAULT_KNOWLEDGE_DIR

QUESTIONS = (
    "une jeune me dit qu'elle est harcelée sur snap",
    "un ado parle de se faire du mal ce soir",
    "ou trouver un point accueil ecoute jeunes",
    "des photos intimes d'une élève circulent",
    "bonjour",
)


@pytest.fixture(autouse=True)
def empty_memory() -> Iterator[None]:
    """Each test starts as a new process would: nothing learnt in memory."""
    model_cache._memory.clear()
    yield
    model_cache._memory.clear()


def answers(index: KnowledgeIndex) -> list[tuple[str, list[tuple[str, float]]]]:
    return [
        (
            (match := index.match(question)).verdict.value,
            [(ranked.entry.id, round(ranked.score, 9)) for ranked in match.ranked],
        )
        for question in QUESTIONS
    ]


def test_a_model_read_back_answers_exactly_as_the_one_learnt(tmp_path: Path) -> None:
    base = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "exemple").base
    learnt = answers(KnowledgeIndex(base, tmp_path))
    assert len(list(tmp_path.glob("knowledge-*.npz"))) == 1
    model_cache._memory.clear()  # as in the next run
    read_back = KnowledgeIndex(base, tmp_path)
    assert answers(read_back) == learnt
    assert any(verdict == "confident" for verdict, _ in learnt)  # a real comparison


def test_another_base_is_learnt_again_and_kept_beside(tmp_path: Path) -> None:
    base = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "").base
    one_example_less = dataclasses.replace(base, examples=base.examples[1:])
    KnowledgeIndex(base, tmp_path)
    KnowledgeIndex(one_example_less, tmp_path)
    assert len(list(tmp_path.glob("knowledge-*.npz"))) == 2
    # and a base with the same examples (here, plus local relays) uses the same model
    KnowledgeIndex(load_knowledge(DEFAULT_KNOWLEDGE_DIR, "exemple").base, tmp_path)
    assert len(list(tmp_path.glob("knowledge-*.npz"))) == 2


def test_a_damaged_file_is_learnt_again_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    base = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "").base
    learnt = answers(KnowledgeIndex(base, tmp_path))
    (kept,) = tmp_path.glob("knowledge-*.npz")
    for damage in (b"", b"PK\x03\x04 not a zip", kept.read_bytes()[:1000]):
        kept.write_bytes(damage)
        model_cache._memory.clear()
        with caplog.at_level(logging.WARNING):
            assert answers(KnowledgeIndex(base, tmp_path)) == learnt
        assert "appris de nouveau" in caplog.text
        caplog.clear()
        assert kept.stat().st_size > 1000  # replaced by a whole one


def test_arrays_of_another_shape_are_refused(tmp_path: Path) -> None:
    base = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "").base
    learnt = answers(KnowledgeIndex(base, tmp_path))
    (kept,) = tmp_path.glob("knowledge-*.npz")
    with np.load(kept) as stored:
        state = {name: stored[name] for name in stored.files}
    state["labels"] = state["labels"] + 10_000  # classes that do not exist
    np.savez(kept, **state)
    model_cache._memory.clear()
    assert answers(KnowledgeIndex(base, tmp_path)) == learnt


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    base = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "").base
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    index = KnowledgeIndex(base, blocked / "cache")
    assert answers(index)[0][1]  # answers anyway
    assert list(tmp_path.iterdir()) == [blocked]  # and leaves nothing behind
