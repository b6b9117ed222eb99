"""Encrypted rooms: an event the bot cannot decrypt gets a request to resend, once."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.integration.conftest import Network

pytestmark = pytest.mark.integration


async def test_undecryptable_message_gets_one_resend_request_after_the_grace(
    network: Network,
) -> None:
    promeneur = network.promeneur
    # An encrypted event whose room key the bot never received (nor ever will).
    content = {
        "algorithm": "m.megolm.v1.aes-sha2",
        "ciphertext": "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg",
        "sender_key": promeneur.client.olm.account.identity_keys["curve25519"],
        "session_id": "sessionquinexistepas" + uuid.uuid4().hex,
        "device_id": promeneur.client.device_id,
    }
    path = f"/_matrix/client/v3/rooms/{network.dm}/send/m.room.encrypted/{uuid.uuid4().hex}"
    sent = await asyncio.to_thread(
        network.synapse.api, "PUT", path, promeneur.client.access_token, content
    )
    event_id = sent["event_id"]

    reply = await promeneur.wait_reply(network.dm, event_id, timeout=60)
    marker = await promeneur.send(network.dm, "!ping")
    await promeneur.wait_reply(network.dm, marker)

    assert "Je n'ai pas pu déchiffrer votre message" in reply.source["content"]["body"]
    assert len(promeneur.replies_to(event_id)) == 1
    assert "indéchiffrable pour l'instant : demande de clé" in network.bot.new_log()
