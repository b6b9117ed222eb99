"""Commands as people use them, through the real homeserver."""

from __future__ import annotations

import pytest

from tests.integration.conftest import Network

pytestmark = pytest.mark.integration


async def test_help_lists_only_the_commands_the_caller_may_use(network: Network) -> None:
    promeneur_help = await network.promeneur.ask(network.room, "!aide")
    coordinator_help = await network.coordinator.ask(network.room, "!help")

    assert "Commandes disponibles" in promeneur_help
    assert "!ping" in promeneur_help and "!qui-suis-je" in promeneur_help
    assert "!etat" not in promeneur_help
    assert "!etat" in coordinator_help


async def test_reply_is_a_notice_in_reply_to_the_command(network: Network) -> None:
    event_id = await network.promeneur.send(network.room, "!ping")
    reply = await network.promeneur.wait_reply(network.room, event_id)
    content = reply.source["content"]

    assert reply.sender == network.bot_account.user_id
    assert content["msgtype"] == "m.notice"
    assert content["body"].startswith("Pong ! pdn-bot 0.1.0")
    assert content["format"] == "org.matrix.custom.html"
    assert content["m.relates_to"]["m.in_reply_to"]["event_id"] == event_id


async def test_unknown_command_suggests_the_closest(network: Network) -> None:
    answer = await network.promeneur.ask(network.room, "!pnig")

    assert "Commande inconnue : « pnig »" in answer
    assert "Vouliez-vous dire : !ping" in answer


async def test_user_text_is_escaped_in_html(network: Network) -> None:
    event_id = await network.promeneur.send(network.room, "!<b>gras</b>")
    reply = await network.promeneur.wait_reply(network.room, event_id)
    content = reply.source["content"]

    assert "<b>gras</b>" in content["body"]
    assert "&lt;b&gt;gras&lt;/b&gt;" in content["formatted_body"]
    assert "<b>" not in content["formatted_body"]


async def test_coordinator_command_is_refused_to_a_promeneur(network: Network) -> None:
    refused = await network.promeneur.ask(network.room, "!etat")
    allowed = await network.coordinator.ask(network.room, "!état")

    assert "réservée à la coordination" in refused
    assert "Rien n'a été fait" in refused
    assert allowed.startswith("État du bot")


async def test_whoami_tells_the_role(network: Network) -> None:
    assert "coordinateur" in await network.coordinator.ask(network.room, "!qui-suis-je")
    assert "promeneur" in await network.promeneur.ask(network.room, "!whoami")


async def test_mention_works_like_the_prefix(network: Network) -> None:
    answer = await network.promeneur.ask(network.room, "pdn-bot: ping")

    assert answer.startswith("Pong !")


async def test_wrong_arguments_get_the_usage(network: Network) -> None:
    answer = await network.promeneur.ask(network.room, "!ping encore")

    assert "Trop d'éléments après la commande" in answer
    assert "Utilisation : !ping" in answer


async def test_reply_in_encrypted_direct_message(network: Network) -> None:
    event_id = await network.promeneur.send(network.dm, "!ping")
    reply = await network.promeneur.wait_reply(network.dm, event_id)

    assert reply.source["content"]["body"].startswith("Pong !")
    assert network.promeneur.client.rooms[network.dm].encrypted
    assert reply.decrypted  # it came encrypted and was decrypted by the promeneur's client


async def test_direct_message_needs_no_prefix(network: Network) -> None:
    answer = await network.promeneur.ask(network.dm, "aide")
    hint = await network.promeneur.ask(network.dm, "bonjour")

    assert "Commandes disponibles" in answer
    assert "Posez-moi votre question d'orientation" in hint


async def test_notices_from_other_bots_are_ignored(network: Network) -> None:
    event_id = await network.promeneur.send(network.room, "!ping", msgtype="m.notice")
    marker = await network.promeneur.send(network.room, "!ping")
    await network.promeneur.wait_reply(network.room, marker)

    assert network.promeneur.replies_to(event_id) == []


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
