"""Immediate danger: whatever else matches, the answer starts with the emergency numbers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.knowledge.desk import load_index
from bot.knowledge.index import KnowledgeIndex
from bot.knowledge.render import render_match
from bot.safety.cues import SURE, findings, normalized
from bot.safety.danger import THRESHOLD, detect_danger
from bot.safety.emergency import TITLE, emergency_block, emergency_lines
from bot.safety.kinds import Danger
from bot.safety.model import shipped, signals
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.text.ngrams import Bag
from tests.knowledge.train_danger import fingerprint, fit, labelled_files


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
        ("une ado a avalé une boîte de médicaments", "3114"),
        ("il ne respire plus après la soirée, il est tout bleu", "15"),
        ("son père le frappe en ce moment, il m'écrit caché dans sa chambre", "17"),
        ("elle est en train de se faire tabasser devant le lycée", "17"),
        ("un adulte veut rencontrer une fille de 13 ans ce soir", "119"),
        ("une gamine de 13 ans n'est pas rentrée depuis hier", "17"),
        ("il a 17 ans et ses parents l'ont mis dehors cette nuit", "119"),
        ("la capote a craqué hier soir avec un inconnu", "Urgences de l'hôpital"),
    ],
)
def test_danger_puts_the_right_number_first(
    index: KnowledgeIndex, question: str, first_number: str
) -> None:
    answer = _answer(index, question)
    assert answer.startswith(TITLE)
    assert answer.splitlines()[1].startswith(f"• {first_number}"), answer


@pytest.mark.parametrize(
    "message",
    [
        "il a di qu'il voulait ce tuer ce soir",  # SMS spelling
        "elle se scarrifie depuis la rentrée",  # typo in the distinctive word
        "un jeune parle de suicde sur son snap",
        "elle m'a dit que je serai plus là demain pour la voir",  # intent said indirectly
        "il a écrit une lettre pour ses parents et donné sa console à son frère",
        "elle a une boîte de doliprane cachée sous son lit",  # a means
        "il m'envoie une photo depuis le haut du pont, il dit qu'il saute",  # a place
        "le petit de 6 ans est seul à la maison depuis hier, rien à manger",  # a child alone
        "un mec lui demande 300 euros sinon il balance ses nudes à tout le lycée",  # sextortion
        "elle a bu une bouteille de vodka et ne répond plus",  # pooled hints
    ],
)
def test_danger_is_found_however_it_is_said(message: str) -> None:
    assert detect_danger(message) != []


@pytest.mark.parametrize(
    "message",
    [
        "un jeune cherche une alternance",
        "comment signaler un contenu haineux",
        "des collégiens vapotent en cachette",
        "on a fait le pont de l'Ascension avec les jeunes",
        "il est en train de réviser son bac",
        "quelle est la différence entre une IP et un signalement en général ?",
        "on prépare un atelier de prévention du suicide pour les secondes",
    ],
)
def test_no_danger_in_ordinary_questions(message: str) -> None:
    assert detect_danger(message) == []


def test_a_joke_about_dying_still_counts_but_a_workshop_does_not() -> None:
    assert detect_danger("jvais me pendre mdr") == [Danger.SUICIDE]
    assert detect_danger("une formation sur les automutilations ?") == []


def test_danger_comes_first_even_when_another_entry_matches(index: KnowledgeIndex) -> None:
    question = "une jeune harcelée sur snap dit qu'elle va se foutre en l'air"
    match = index.match(question)
    answer = _answer(index, question)
    assert Danger.SUICIDE in match.dangers
    assert answer.startswith(TITLE) and "3114" in answer.splitlines()[1]
    assert match.entries[0].id == "idees-suicidaires"


def test_danger_comes_first_when_nothing_matches(index: KnowledgeIndex) -> None:
    answer = _answer(index, "zxqw il veut en finir")
    assert answer.startswith(TITLE)
    assert "3114" in answer.splitlines()[1]


def test_urgent_entry_brings_its_emergency_block(index: KnowledgeIndex) -> None:
    assert _answer(index, "comment réagir à des idées suicidaires").startswith(TITLE)


def test_each_number_is_given_once_and_generic_numbers_share_a_line() -> None:
    keys = [line.key for line in emergency_lines([Danger.SUICIDE, Danger.CHILD])]
    assert len(keys) == len(set(keys))
    assert {"3114", "119", "112", "114"} <= set(keys)
    body, html = emergency_block([Danger.SUICIDE])
    assert body.splitlines()[0] == TITLE
    assert sum("3114" in line for line in body.splitlines()) == 1
    assert "PHAROS" in body and "<strong>3114</strong>" in html
    assert len(body.splitlines()) <= 7  # it opens a reply that must fit a phone screen


# --- Figures on labelled messages: the held-out part, and the tuning part cross-validated. ---

HELDOUT = Path(__file__).resolve().parent.parent / "knowledge" / "heldout"


def _labelled(path: Path) -> list[tuple[str, bool]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    items = data.get("message", []) + data.get("question", [])
    return [(item["text"], bool(item.get("urgent", False))) for item in items]


def _rates(name: str, pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    """(recall, false-alarm rate) of (urgent, found) pairs, printed."""
    urgent = [found for truth, found in pairs if truth]
    calm = [found for truth, found in pairs if not truth]
    recall, alarms = sum(urgent) / len(urgent), sum(calm) / len(calm)
    print(
        f"\n{name}: {sum(urgent)}/{len(urgent)} urgent found ({recall:.1%}), "
        f"{sum(calm)}/{len(calm)} false alarms ({alarms:.1%})"
    )
    return recall, alarms


def test_held_out_messages_danger_found_and_false_alarms() -> None:
    danger_set = [
        (urgent, bool(detect_danger(text)))
        for path in sorted(HELDOUT.glob("danger_*.toml"))
        for text, urgent in _labelled(path)
    ]
    questions = [
        (urgent, bool(detect_danger(text)))
        for path in sorted(HELDOUT.glob("author_*.toml"))
        for text, urgent in _labelled(path)
    ]
    recall, alarms = _rates("HELD OUT danger set", danger_set)
    question_recall, question_alarms = _rates("HELD OUT questions, detector alone", questions)
    # The target is every danger found (100 %) with under 10 % false alarms. Measured once on
    # 2026-11-29 (bench/README.md): 99/100 and 8/100 on the danger set; on the referral
    # questions 107/110, and every one of the 110 got the emergency block once the urgent
    # entries are counted (tests/unit/test_matching.py). These floors catch a regression.
    assert recall >= 0.99 and alarms < 0.10
    assert question_recall >= 0.97 and question_alarms < 0.15


def test_the_shipped_model_is_trained_on_the_current_corpus() -> None:
    assert shipped()[1] == fingerprint(), "python -m tests.knowledge.train_danger"


def test_tuning_danger_sets_cross_validated_by_author() -> None:
    labelled = {path.name: _labelled(path) for path in labelled_files()}
    # Each text is read once (its cues and signals), then each author is left out in turn.
    read = {text: _read(text) for items in labelled.values() for text, _ in items}
    pairs: list[tuple[bool, bool]] = []
    for name in (n for n in labelled if n.startswith("danger_")):
        others = [item for other, items in labelled.items() if other != name for item in items]
        model = fit([(read[text][1], urgent) for text, urgent in others])
        for text, urgent in labelled[name]:
            sure, bag = read[text]
            pairs.append((urgent, sure or model.probability(bag) >= THRESHOLD))
    recall, _ = _rates("tuning danger sets, each author left out in turn", pairs)
    assert recall >= 0.97


def _read(text: str) -> tuple[bool, Bag]:
    """Whether a written cue alone is sure of a danger in `text`, and the model's signals."""
    words = normalized(text)
    found = findings(words)
    return any(f.score >= SURE for f in found), signals(words, found)


def _signals(text: str) -> Bag:
    words = normalized(text)
    return signals(words, findings(words))
