"""Encrypted rooms: an event the bot cannot decrypt gets a request to resend, once."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.integration.conftest import Network

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


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


async def test_message_whose_key_arrives_late_is_answered_normally(network: Network) -> None:
    promeneur, bot_user = network.promeneur, network.bot_account.user_id
    client = promeneur.client
    await promeneur.wait_member(network.dm, bot_user)
    (bot_device,) = client.device_store[bot_user].values()
    # A new megolm session, shared with nobody: the bot's device is left out for now.
    client.blacklist_device(bot_device)
    client.olm.outbound_group_sessions.pop(network.dm, None)
    await client.share_group_session(network.dm, ignore_unverified_devices=True)
    session = client.olm.outbound_group_sessions[network.dm]
    first_key = session.session_key  # the key from message index 0, before anything is sent
    event_id = await promeneur.send(network.dm, "!ping")
    await asyncio.to_thread(network.bot.wait_for_log, event_id)

    # The key arrives late. nio would share the session's current key (past index 0) and drops
    # the session when a device is trusted again: both are undone by hand for this test.
    session.__class__ = type(
        "SessionFromTheStart", (type(session),), {"session_key": property(lambda _: first_key)}
    )
    client.unblacklist_device(bot_device)
    client.verify_device(bot_device)
    session.shared = False
    session.users_ignored.discard((bot_user, bot_device.id))
    client.olm.outbound_group_sessions[network.dm] = session
    await client.share_group_session(network.dm, ignore_unverified_devices=True)

    reply = await promeneur.wait_reply(network.dm, event_id)
    marker = await promeneur.send(network.dm, "!ping")
    await promeneur.wait_reply(network.dm, marker)

    assert reply.source["content"]["body"].startswith("Pong !")
    assert len(promeneur.replies_to(event_id)) == 1
