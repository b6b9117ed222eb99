"""What commands need the homeserver for: encryption, invitations, the history before the bot
joined (the rest is in tests/behaviour/test_commands.py)."""

from __future__ import annotations

import pytest

from tests.integration.conftest import Network

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


async def test_reply_in_encrypted_direct_message(network: Network) -> None:
    event_id = await network.promeneur.send(network.dm, "!ping")
    reply = await network.promeneur.wait_reply(network.dm, event_id)

    assert reply.source["content"]["body"].startswith("Pong !")
    assert network.promeneur.client.rooms[network.dm].encrypted
    assert reply.decrypted  # it came encrypted and was decrypted by the promeneur's client


async def test_invite_from_a_stranger_is_refused_and_their_room_never_answered(
    network: Network,
) -> None:
    outsider, bot_id = network.outsider, network.bot_account.user_id
    room = await outsider.create_room("Pas du réseau", invite=[bot_id])
    asked = await outsider.send(room, "!ping")
    await outsider.wait_left(room, bot_id)

    marker = await network.promeneur.send(network.room, "!ping")  # the bot is answering others
    await network.promeneur.wait_reply(network.room, marker)
    assert outsider.replies_to(asked) == []


async def test_history_from_before_the_bot_joined_is_not_answered(network: Network) -> None:
    coordinator = network.coordinator
    room = await coordinator.create_room("Ancien salon", invite=[])
    old = await coordinator.send(room, "!ping")
    await coordinator.client.room_invite(room, network.bot_account.user_id)
    await coordinator.wait_member(room, network.bot_account.user_id)

    new = await coordinator.send(room, "!ping")
    await coordinator.wait_reply(room, new)

    assert coordinator.replies_to(old) == []
