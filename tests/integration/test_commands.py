"""What commands need the homeserver for: encryption, invitations, the history before the bot
joined (the rest is in tests/behaviour/test_commands.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from nio import Event

from bot.scheduling.french_dates import parse_when
from tests.integration.conftest import Network, client_api

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


async def test_a_command_in_a_thread_is_answered_in_the_thread(network: Network) -> None:
    coordinator, room = network.coordinator, network.room
    root = await coordinator.send(room, "Préparation du COPIL")
    asked = await coordinator.send(room, "!ping", thread=root)
    reply = await coordinator.wait_reply(room, asked)

    relation = reply.source["content"]["m.relates_to"]
    assert (relation["rel_type"], relation["event_id"]) == ("m.thread", root)
    # The homeserver files the answer in the thread, as Element shows it.
    threads = await asyncio.to_thread(client_api, coordinator, f"v1/rooms/{quote(room)}/threads")
    (thread,) = [t for t in threads["chunk"] if t["event_id"] == root]
    latest = thread["unsigned"]["m.relations"]["m.thread"]["latest_event"]
    assert latest["event_id"] == reply.event_id


async def test_attendance_follows_reactions_added_changed_and_removed(network: Network) -> None:
    coordinator, camille, room = network.coordinator, network.promeneur, network.room
    bot_id = network.bot_account.user_id
    when = (dt.date.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    created = await coordinator.ask(
        room, f'!reunion ajouter reseau titre="Analyse des pratiques" quand="{when} 10h"'
    )
    number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]
    announced = await camille.wait_message(bot_id, room, f"Nouvelle réunion\nRéunion n° {number} ")
    placed = [
        await camille.wait_for(_reaction(bot_id, announced.event_id, key))
        for key in ("✅", "❌", "❔")
    ]
    assert len(placed) == 3  # the bot's own three answers to tap

    async def answers() -> str:
        return await coordinator.ask(room, f"!reunion presences {number}")

    yes = await camille.react(room, announced.event_id, "✅")
    assert f"• ✅ oui (1) : {camille.user_id}" in await answers()
    no = await camille.react(room, announced.event_id, "❌")
    await camille.redact(room, yes)  # Element's change of reaction: the new one, the old off
    assert f"• ❌ non (1) : {camille.user_id}" in await answers()
    await camille.redact(room, no)
    assert camille.user_id not in await answers()


def _reaction(sender: str, target: str, key: str) -> Callable[[str, Event], bool]:
    def matches(room: str, event: Event) -> bool:
        source = getattr(event, "source", {})
        relation = source.get("content", {}).get("m.relates_to", {})
        return (
            source.get("sender") == sender
            and source.get("type") == "m.reaction"
            and (relation.get("event_id"), relation.get("key")) == (target, key)
        )

    return matches


async def test_help_through_the_homeserver_lists_a_group_and_gives_a_valid_example(
    network: Network,
) -> None:
    coordinator, room = network.coordinator, network.room
    asked = await coordinator.send(room, "!aide reunion")
    group = (await coordinator.wait_reply(room, asked)).source["content"]["body"]
    for command in ("!reunion ajouter", "!reunion modifier", "!reunion annuler", "!reunions"):
        assert command in group, group

    asked = await coordinator.send(room, "!aide reunion ajouter")
    details = (await coordinator.wait_reply(room, asked)).source["content"]["body"]
    example = re.search(r'quand="([^"]+)"', details)
    assert example, details
    now = dt.datetime.now(ZoneInfo("Europe/Paris"))
    assert parse_when(example[1], now) > now  # a date to come, its weekday right
