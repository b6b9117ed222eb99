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

    assert "(1/9)" in await say(f"!declarer semaine {week.number}")
    assert "(2/9) Sur quels réseaux sociaux ?" in await say("3h30")
    assert "(3/9)" in await say("insta, snpachat et discord")
    assert "(4/9)" in await say("quinze")
    assert "(5/9)" in await say("cinq")
    assert "(6/9)" in await say("2 3")
    assert "(7/9)" in await say("5 2 1 0")

    await asyncio.to_thread(network.bot.stop)
    await asyncio.to_thread(network.bot.start)

    assert "(8/9)" in await say("cyberharcelement, mal etre")
    assert "(9/9)" in await say("3018 x2, fil sante jeunes")
    summary = await say("passer")
    assert f"Déclaration de la semaine {week.number}" in summary
    # The answers given before the restart were kept.
    assert "• Heures en ligne : 3 h 30" in summary
    assert "• Réseaux : Instagram, Snapchat, Discord" in summary
    assert "• Jeunes en contact : 15" in summary
    assert "• Contacts courts : 5" in summary
    assert "• Orientations : Fil Santé Jeunes : 1, 3018 : 2" in summary
    assert "Merci ! Déclaration enregistrée" in await say("oui")

    mine = await say("!mes-declarations")
    assert f"semaine {week.number} : 3 h 30, 15 jeune(s)" in mine
