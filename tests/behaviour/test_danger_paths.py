"""Safety before anything else: every path a message can take puts the emergency numbers
first when it evokes a danger, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import re

import pytest

from bot.declarations.weeks import Week
from bot.safety.emergency import TITLE
from tests.harness import NOW, LocalNetwork


def _weeks_ago(count: int) -> Week:
    return Week.of(NOW.date()).shifted(-count)  # the harness's clock stands at NOW


async def test_a_numbered_choice_keeps_the_danger_of_the_question(local: LocalNetwork) -> None:
    camille, dm = local.promeneur, local.dm
    offer = await camille.ask(dm, "harcèlement et menaces de mort")
    titles = re.findall(r"^\d\. (.+)$", offer, flags=re.MULTILINE)
    assert offer.startswith(TITLE)
    assert "Cyberharcèlement" in titles  # an entry that is not urgent in itself

    picked = await camille.ask(dm, str(titles.index("Cyberharcèlement") + 1))

    assert picked.startswith(TITLE)
    assert picked.index("• 17") < picked.index("📌 Cyberharcèlement")
    whole = await camille.ask(dm, "détails")
    assert whole.startswith(TITLE)
    assert "Sources" in whole and "vérifié le" in whole


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("aide moi une jeune veut se suicider ce soir", "Idées suicidaires"),  # like !aide
        ("declare que son beau-père la touche", "Violences"),  # like !declarer
    ],
)
async def test_a_message_like_a_command_is_a_danger_first(
    local: LocalNetwork, message: str, entry: str
) -> None:
    answer = await local.promeneur.ask(local.dm, message)

    assert answer.startswith(TITLE)
    assert entry in answer  # answered as a question, not run as a command
    assert "Utilisation" not in answer and "Déclaration de la" not in answer


async def test_an_open_dialogue_waits_while_the_danger_is_answered(local: LocalNetwork) -> None:
    camille, dm = local.promeneur, local.dm
    # (the quarter's question makes ten: nothing was declared in this quarter yet)
    assert "(1/10)" in await camille.ask(dm, f"!declarer semaine {_weeks_ago(5).number}")
    assert "(2/10)" in await camille.ask(dm, "2h")

    urgent, waiting = await camille.ask_all(
        dm, "attends, un jeune me dit qu'il veut se suicider ce soir", 2
    )

    assert urgent.startswith(TITLE)
    assert "📌 Idées suicidaires" in urgent
    assert "(2/10)" not in urgent  # not taken as the answer to "Sur quels réseaux sociaux ?"
    assert "en pause" in waiting and "question 2/10" in waiting
    assert "(3/10)" in await camille.ask(dm, "insta")  # nothing lost: it goes on from there
    assert "annulée" in await camille.ask(dm, "annuler")


async def test_a_dialogue_answer_that_evokes_a_danger_can_be_sent_again(
    local: LocalNetwork,
) -> None:
    camille, dm = local.promeneur, local.dm
    assert "(1/10)" in await camille.ask(dm, f"!declarer semaine {_weeks_ago(6).number}")
    for answer in ("1h", "insta", "150", "2", "0", "0 1 0 0", "0 1 0 0", "mal-être", "aucune"):
        await camille.ask(dm, answer)
    remark = "un jeune a parlé de suicide, orienté vers le 3114"

    held, _ = await camille.ask_all(dm, remark, 2)
    numbers, taken = await camille.ask_all(dm, remark, 2)

    assert held.startswith(TITLE)
    assert numbers.startswith(TITLE)  # the numbers again, then the dialogue takes it
    assert "Je l'enregistre ?" in taken and "3114" in taken
    assert "annulée" in await camille.ask(dm, "annuler")


@pytest.mark.parametrize("message", ["elle se scarrifie", "un ado parle de suicde sur snap"])
async def test_a_typo_still_brings_the_emergency_numbers(local: LocalNetwork, message: str) -> None:
    answer = await local.promeneur.ask(local.room, f"!orienter {message}")

    assert answer.startswith(TITLE)
    assert answer.splitlines()[1].startswith("• 3114")
