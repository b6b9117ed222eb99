"""Events the bot must ignore or refuse: a forged coordinator name, edits and redactions of
commands it already answered."""

from __future__ import annotations

import pytest
from nio import ProfileSetDisplayNameResponse, RoomRedactResponse

from bot.demo.people import body
from tests.integration.conftest import Network

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


async def test_a_display_name_never_gives_the_coordinator_role(network: Network) -> None:
    camille = network.promeneur
    renamed = await camille.client.set_displayname("Coordination départementale")
    assert isinstance(renamed, ProfileSetDisplayNameResponse)
    try:
        refused = await camille.ask(network.room, "!promeneur retirer @coordination:localhost")
        assert "réservée à la coordination" in refused
    finally:
        await camille.client.set_displayname("Camille")


async def test_edits_and_redactions_of_answered_commands_are_not_run_again(
    network: Network,
) -> None:
    coordinator, room = network.coordinator, network.room
    first = await coordinator.send(room, "!ping")
    await coordinator.wait_reply(room, first)
    await coordinator.send(room, "!annonce Ceci ne doit pas partir", edits=first)
    second = await coordinator.send(room, "!qui-suis-je")
    await coordinator.wait_reply(room, second)
    redacted = await coordinator.client.room_redact(room, second, reason="erreur")
    assert isinstance(redacted, RoomRedactResponse)

    marker = await coordinator.send(room, "!ping")  # everything before it has been handled
    await coordinator.wait_reply(room, marker)  # replies come in order: none can follow
    assert len(coordinator.replies_to(first)) == 1
    assert len(coordinator.replies_to(second)) == 1
    posted = coordinator.messages_from(network.bot_account.user_id, room)
    assert not [e for e in posted if "Ceci ne doit pas partir" in body(e)]
