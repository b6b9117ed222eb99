"""Events of any shape, sent by anyone who can write to the bot, through the real homeserver:
the bot keeps answering, across a restart, and answers each message once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from nio import RoomSendResponse

from tests.integration.conftest import Network

pytestmark = [pytest.mark.integration, pytest.mark.one_database]

MALFORMED: list[dict[str, Any]] = [
    {"m.relates_to": "chaîne"},
    {"m.relates_to": ["liste"]},
    {"m.relates_to": {"m.in_reply_to": "chaîne"}},
    {"m.relates_to": {"m.in_reply_to": ["liste"]}},
    {"m.relates_to": {"rel_type": "m.replace", "event_id": "$x"}, "m.new_content": ["liste"]},
    {"m.relates_to": {"rel_type": "m.replace", "event_id": "$x"}, "m.new_content": "chaîne"},
]


async def test_malformed_relations_never_stop_the_bot(network: Network) -> None:
    camille, room = network.promeneur, network.room  # an unencrypted room: relations as sent
    sent = []
    for extra in MALFORMED:
        response = await camille.client.room_send(
            room, "m.room.message", {"msgtype": "m.text", "body": "!ping", **extra}
        )
        if isinstance(response, RoomSendResponse):  # Synapse refuses some shapes itself
            sent.append(response.event_id)
    print(f"{len(sent)}/{len(MALFORMED)} malformed events accepted by the homeserver")
    assert len(sent) >= 4

    assert (await camille.ask(room, "!ping")).startswith("Pong")
    await asyncio.to_thread(network.bot.stop)
    await asyncio.to_thread(network.bot.start)  # the same batch comes again: no crash loop
    # Replies come in order: once this one is here, no second reply to the others can follow.
    assert (await camille.ask(room, "!ping")).startswith("Pong")
    assert all(len(camille.replies_to(event_id)) <= 1 for event_id in sent)
