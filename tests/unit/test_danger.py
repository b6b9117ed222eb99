"""Immediate danger: whatever else matches, the answer starts with the emergency numbers."""

from __future__ import annotations

import pytest

from bot.knowledge.danger import detect_danger, emergency_numbers
from bot.knowledge.desk import load_index
from bot.knowledge.entries import Danger
from bot.knowledge.index import KnowledgeIndex
from bot.knowledge.render import render_match
from bot.settings import DEFAULT_KNOWLEDGE_DIR


@pytest.fixture(scope="module")
def index() -> KnowledgeIndex:
    return load_index(DEFAULT_KNOWLEDGE_DIR, "")[0]


def _answer(index: KnowledgeIndex, question: str) -> str:
    return render_match(index.match(question), index.base, "@c:x")[0]


@pytest.mark.parametrize(
    ("question", "first_number"),
    [
        ("elle m'écrit qu'elle va se suicider ce soir", "3114"),
        ("il a dit qu'il voulait mourir, il a un couteau", "3114"),
        ("une ado a avalé une boîte de médicaments", "15"),
        ("son père le frappe en ce moment, il m'écrit caché dans sa chambre", "119"),
        ("elle est en train de se faire tabasser devant le lycée", "17"),
        ("un adulte veut rencontrer une fille de 13 ans ce soir", "119"),
    ],
)
def test_danger_puts_the_right_number_first(
    index: KnowledgeIndex, question: str, first_number: str
) -> None:
    answer = _answer(index, question)
    assert answer.startswith("⚠️ Danger immédiat")
    assert answer.splitlines()[1].startswith(f"• {first_number} :")


def test_danger_comes_first_even_when_another_entry_matches(index: KnowledgeIndex) -> None:
    question = "une jeune harcelée sur snap dit qu'elle va se foutre en l'air"
    match = index.match(question)
    answer = _answer(index, question)
    assert Danger.SUICIDE in match.dangers
    assert answer.index("3114") < answer.index("📌")


def test_danger_comes_first_when_nothing_matches(index: KnowledgeIndex) -> None:
    answer = _answer(index, "zxqw il veut en finir")
    assert answer.startswith("⚠️ Danger immédiat")
    assert "3114" in answer.splitlines()[1]


def test_urgent_entry_brings_its_emergency_block(index: KnowledgeIndex) -> None:
    match = index.match("comment réagir à des idées suicidaires")
    assert match.dangers == [] or Danger.SUICIDE in match.dangers
    assert _answer(index, "comment réagir à des idées suicidaires").startswith("⚠️")


@pytest.mark.parametrize(
    "question",
    [
        "un jeune cherche une alternance",
        "comment signaler un contenu haineux",
        "des collégiens vapotent des puffs",
    ],
)
def test_no_emergency_block_without_danger(index: KnowledgeIndex, question: str) -> None:
    assert not _answer(index, question).startswith("⚠️")


def test_each_number_is_given_once_and_child_danger_brings_119() -> None:
    numbers = [n.number for n in emergency_numbers([Danger.SUICIDE, Danger.CHILD])]
    assert len(numbers) == len(set(numbers))
    assert {"3114", "119", "112", "114"} <= set(numbers)
    assert detect_danger("rien de grave, une question sur le tabac") == []
