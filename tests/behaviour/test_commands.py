"""Commands as people use them, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

from tests.harness import LocalNetwork


async def test_help_lists_only_the_commands_the_caller_may_use(local: LocalNetwork) -> None:
    promeneur_help = await local.promeneur.ask(local.room, "!aide")
    coordinator_help = await local.coordinator.ask(local.room, "!help")

    assert "Commandes disponibles" in promeneur_help
    assert "!ping" in promeneur_help and "!qui-suis-je" in promeneur_help
    assert "!etat" not in promeneur_help
    assert "!etat" in coordinator_help


async def test_reply_is_a_notice_in_reply_to_the_command(local: LocalNetwork) -> None:
    event_id = await local.promeneur.send(local.room, "!ping")
    (reply,) = local.promeneur.replies_to(event_id)
    content = reply.content

    assert reply.room_id == local.room
    assert content["msgtype"] == "m.notice"
    assert content["body"].startswith("Pong ! pdn-bot 0.1.0")
    assert content["format"] == "org.matrix.custom.html"
    assert content["m.relates_to"]["m.in_reply_to"]["event_id"] == event_id


async def test_unknown_command_suggests_the_closest(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.room, "!pnig")

    assert "Commande inconnue : « pnig »" in answer
    assert "Vouliez-vous dire : !ping" in answer


async def test_user_text_is_escaped_in_html(local: LocalNetwork) -> None:
    event_id = await local.promeneur.send(local.room, "!<b>gras</b>")
    content = local.promeneur.replies_to(event_id)[0].content

    assert "<b>gras</b>" in content["body"]
    assert "&lt;b&gt;gras&lt;/b&gt;" in content["formatted_body"]
    assert "<b>" not in content["formatted_body"]


async def test_coordinator_command_is_refused_to_a_promeneur(local: LocalNetwork) -> None:
    refused = await local.promeneur.ask(local.room, "!etat")
    allowed = await local.coordinator.ask(local.room, "!état")

    assert "réservée à la coordination" in refused
    assert "Rien n'a été fait" in refused
    assert allowed.startswith("État du bot")


async def test_whoami_tells_the_role(local: LocalNetwork) -> None:
    assert "coordinateur" in await local.coordinator.ask(local.room, "!qui-suis-je")
    assert "promeneur" in await local.promeneur.ask(local.room, "!whoami")


async def test_mention_works_like_the_prefix(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.room, "pdn-bot: ping")

    assert answer.startswith("Pong !")


async def test_wrong_arguments_get_the_usage(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.room, "!ping encore")

    assert "Trop d'éléments après la commande" in answer
    assert "Utilisation : !ping" in answer


async def test_direct_message_needs_no_prefix(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.dm, "aide")
    hint = await local.promeneur.ask(local.dm, "bonjour")

    assert "Commandes disponibles" in answer
    assert "Posez-moi votre question d'orientation" in hint


async def test_notices_from_other_bots_are_ignored(local: LocalNetwork) -> None:
    event_id = await local.promeneur.send(local.room, "!ping", msgtype="m.notice")
    marker = await local.promeneur.send(local.room, "!ping")

    assert local.promeneur.replies_to(marker)
    assert local.promeneur.replies_to(event_id) == []


async def test_a_command_and_a_dialogue_in_a_thread_are_answered_in_it(
    local: LocalNetwork,
) -> None:
    camille, dm = local.promeneur, local.dm
    root = await camille.send(dm, "Ma semaine")
    asked = await camille.send(dm, "!declarer semaine 1", thread=root)
    for answer in ("2h", "insta"):
        (reply,) = camille.replies_to(asked)
        relation = reply.content["m.relates_to"]
        assert relation["rel_type"] == "m.thread" and relation["event_id"] == root
        assert relation["is_falling_back"] is False  # a real reply to the message
        asked = await camille.send(dm, answer, thread=root)
    (reply,) = camille.replies_to(asked)
    assert reply.content["m.relates_to"]["event_id"] == root
    # Out of the thread, the answer comes out of it too.
    outside = await camille.send(dm, "!ping")
    (pong,) = camille.replies_to(outside)
    assert "rel_type" not in pong.content["m.relates_to"]
