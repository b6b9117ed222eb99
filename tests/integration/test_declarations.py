"""The weekly declaration dialogue across a restart of the bot process, through the real
homeserver; the dialogue itself is tested in tests/behaviour/test_declarations.py."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.declarations.weeks import Week
from tests.integration.conftest import Network

pytestmark = pytest.mark.integration


def _weeks_ago(count: int) -> Week:
    return Week.of(dt.date.today()).shifted(-count)


async def test_a_dialogue_goes_on_after_a_restart(network: Network) -> None:
    camille, dm = network.promeneur, network.dm
    week = _weeks_ago(1)

    async def say(text: str) -> str:
        return await camille.ask(dm, text)

    # The first declaration of the quarter: ten questions, the quarter's one third.
    assert "(1/10)" in await say(f"!declarer semaine {week.number}")
    assert "(2/10) Sur quels réseaux sociaux ?" in await say("3h30")
    assert "(3/10) Question du trimestre" in await say("insta, snpachat et discord")
    assert "(4/10)" in await say("240")
    assert "(5/10)" in await say("quinze")
    assert "(6/10)" in await say("cinq")
    assert "(7/10)" in await say("15-17 : 3, 18-21 : 2")
    assert "(8/10)" in await say("5 2 1 0")

    await asyncio.to_thread(network.bot.stop)
    await asyncio.to_thread(network.bot.start)

    assert "(9/10)" in await say("cyberharcelement, mal etre")
    assert "(10/10)" in await say("3018 x2, fil sante jeunes")
    summary = await say("passer")
    assert f"Déclaration de la semaine {week.number}" in summary
    # The answers given before the restart were kept.
    assert "• Heures en ligne : 3 h 30" in summary
    assert "• Réseaux sociaux : Instagram, Snapchat, Discord" in summary
    assert "• Amis ou abonnés du profil : 240" in summary
    assert "• Tranches d'âge : 15-17 ans : 3, 18-21 ans : 2" in summary
    assert "• Jeunes en contact : 15" in summary
    assert "• Contacts courts : 5" in summary
    assert "• Orientations : Fil Santé Jeunes : 1, 3018 : 2" in summary
    assert "Merci ! Déclaration enregistrée" in await say("oui")

    mine = await say("!mes-declarations")
    assert f"semaine {week.number} : 3 h 30, 15 jeune(s)" in mine
