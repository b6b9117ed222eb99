"""Safety first on every path of the dispatcher, checked without a homeserver (the same paths
run through the whole bot in tests/behaviour/test_danger_paths.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.safety.emergency import TITLE
from tests.databases import Databases
from tests.harness import COORDINATOR, STRANGER
from tests.rig import Rig


@pytest.fixture(scope="module")
def rig(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    rig = Rig(databases.new(tmp_path_factory.mktemp("danger")))
    yield rig
    rig.close()


def test_a_stranger_in_danger_gets_the_numbers_and_no_refusal(rig: Rig) -> None:
    _, replies = rig.say("je veux mourir ce soir", sender=STRANGER)

    assert replies[0].startswith(TITLE) and "3114" in replies[0]
    assert not any("réservée" in reply for reply in replies)


def test_a_coordination_command_about_a_danger_still_runs_after_the_numbers(rig: Rig) -> None:
    _, replies = rig.say(
        "!annonce Une jeune du quartier a dit qu'elle allait se tuer ce soir : qui la connaît ?",
        sender=COORDINATOR,
        direct=False,
    )

    assert replies[0].startswith(TITLE)
    assert replies[1].startswith("📣 Annonce de la coordination")
    assert replies[2].startswith("Annonce publiée")


def test_a_prevention_announcement_is_no_danger(rig: Rig) -> None:
    _, replies = rig.say(
        "!annonce Formation mardi : repérer le risque suicidaire chez les 12-25 ans",
        sender=COORDINATOR,
        direct=False,
    )

    assert replies[0].startswith("📣 Annonce de la coordination")


def test_a_prefixed_promeneur_command_about_a_danger_is_a_question(rig: Rig) -> None:
    _, replies = rig.say("!declarer que son beau-père la touche le soir")

    assert replies[0].startswith(TITLE)
    assert "Violences" in replies[0]
    assert not any("semaine" in reply.lower() for reply in replies)


def test_an_edit_that_evokes_a_danger_is_answered_first(rig: Rig) -> None:
    _, replies = rig.say("il m'a écrit qu'il allait sauter du pont ce soir", replaces="$earlier")

    assert replies[0].startswith(TITLE)


def test_the_block_comes_first_even_when_the_command_fails(rig: Rig) -> None:
    _, replies = rig.say("!reunion ajouter elle veut se tuer", sender=COORDINATOR, direct=False)

    assert replies[0].startswith(TITLE)
    assert len(replies) == 2  # then the command's own answer (here, its usage)


def test_details_after_an_answer_gives_the_whole_entry_once(rig: Rig) -> None:
    _, (short,) = rig.say("il fume des joints tous les jours")
    _, (whole,) = rig.say("détails")
    again, _ = rig.say("détails")

    assert short.startswith("📌 Cannabis") and short.endswith("répondez « détails ».")
    assert whole.startswith("📌 Cannabis") and "Sources" in whole and len(whole) > len(short)
    assert len(again) == 1 and "📌" not in again[0].body
