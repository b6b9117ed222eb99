"""Commands as people use them, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import re

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


async def test_help_leads_to_the_commands(local: LocalNetwork) -> None:
    coordinator, room = local.coordinator, local.room
    group = await coordinator.ask(room, "!aide reunion")
    for command in ("!reunion ajouter", "!reunion modifier", "!reunion annuler", "!reunions"):
        assert command in group, group
    theirs = await local.promeneur.ask(room, "!aide reunion")  # only what a promeneur may use
    assert "!reunions" in theirs and "!reunion ajouter" not in theirs, theirs
    # A synonym, a typo close to one command only, a group's unknown word.
    assert "Pas de réunion n° 999" in await coordinator.ask(room, "!reunion supprimer 999")
    typo = await coordinator.ask(room, "!orientr")
    assert "!orienter" in typo and "qui-suis-je" not in typo, typo
    unknown = await coordinator.ask(room, "!reunion deplacerr 3")
    assert "!reunion modifier" in unknown and "!aide reunion" in unknown, unknown
    # Argument names in French, as people read them.
    usage = await local.promeneur.ask(room, "!aide presence")
    assert "<réponse…>" in usage, usage
    assert "!reunion presences <numéro>" in await coordinator.ask(room, "!aide reunion presences")


async def test_the_help_example_is_a_valid_date_whatever_today(local: LocalNetwork) -> None:
    coordinator, room = local.coordinator, local.room
    details = await coordinator.ask(room, "!aide reunion ajouter")
    example = re.search(r"(!reunion ajouter copil .*)", details)
    assert example, details
    created = await coordinator.ask(room, example[1])
    assert "créée" in created, created


async def test_every_wrong_field_is_said_at_once(local: LocalNetwork) -> None:
    answer = await local.coordinator.ask(
        local.room, "!promeneur ajouter @lou:x email=pas-un-mail tel=12 charte=32/13/2020"
    )
    for field in ("email", "tel", "charte"):
        assert f"• {field} :" in answer, answer


async def test_the_bot_types_while_working_and_reads_what_it_answers(
    local: LocalNetwork,
) -> None:
    client, room = local.harness.client, local.room
    typing, receipts = len(client.typing), len(client.receipts)
    asked = await local.promeneur.send(room, "!ping")
    chat = await local.promeneur.send(room, "bonjour à tous")  # not for the bot

    assert client.typing[typing:typing + 2] == [(room, True), (room, False)]  # fmt: skip
    assert (room, asked) in client.receipts[receipts:]
    assert (room, chat) not in client.receipts[receipts:]


async def test_the_deadlines_ahead_are_listed(local: LocalNetwork) -> None:
    listed = await local.promeneur.ask(local.room, "!echeances")
    assert "Prochaines échéances" in listed, listed
    assert "15 janvier 2027" in listed and "bilan T4 2026" in listed, listed
    assert "31 janvier 2027" in listed and "bilan 2026" in listed, listed
