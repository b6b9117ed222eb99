"""Replies held back by the homeserver's rate limit, through a `kill -9` and an outage of the
homeserver: all delivered, in order, once."""

from __future__ import annotations

import asyncio

import pytest

from bot.demo.homeserver import LocalSynapse
from tests.integration.conftest import Network, SecondBot, admin_token
from tests.integration.test_cli import pdn_bot

pytestmark = pytest.mark.integration


async def test_rate_limited_replies_are_all_delivered_in_order(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot
) -> None:
    """One message a second for the bot, while people write in three rooms at once."""
    bot_id = second_bot.account.user_id
    camille, coordinator = network.promeneur, network.coordinator
    camille_dm, coordinator_dm = await asyncio.gather(
        camille.create_room("", invite=[bot_id], direct=True),
        coordinator.create_room("", invite=[bot_id], direct=True),
    )
    await camille.wait_member(camille_dm, bot_id)
    await coordinator.wait_member(coordinator_dm, bot_id)
    rooms = ((camille, second_bot.room), (camille, camille_dm), (coordinator, coordinator_dm))
    _slow_down(synapse, bot_id)  # after the joins: Synapse's override counts them too

    asked: dict[str, list[str]] = {room: [] for _, room in rooms}
    for _ in range(4):
        for person, room in rooms:
            asked[room].append(await person.send(room, "!ping"))
    for person, room in rooms:
        replies = [await person.wait_reply(room, e, timeout=90) for e in asked[room]]
        stamps = [reply.server_timestamp for reply in replies]
        assert stamps == sorted(stamps), room  # in order within each room
        assert [len(person.replies_to(e)) for e in asked[room]] == [1, 1, 1, 1], room

    log = second_bot.process.new_log()
    assert "Limite de débit atteinte" in log
    # Said once, with the fix for the server's administrator; `pdn-bot health` reports it.
    assert log.count(f"/_synapse/admin/v1/users/{bot_id}/override_ratelimit") == 1, log
    health = await asyncio.to_thread(pdn_bot, "health", "-c", str(second_bot.process.config))
    assert health.returncode == 1 and "limite le débit des envois" in health.stdout, health.stdout


def _slow_down(synapse: LocalSynapse, user_id: str) -> None:
    """One message a second for `user_id`, so that a burst of replies waits in the outbox."""
    synapse.api(
        "POST",
        f"/_synapse/admin/v1/users/{user_id}/override_ratelimit",
        admin_token(synapse),
        {"messages_per_second": 1, "burst_count": 1},
    )


def _lift_limit(synapse: LocalSynapse, user_id: str) -> None:
    synapse.api(
        "DELETE", f"/_synapse/admin/v1/users/{user_id}/override_ratelimit", admin_token(synapse)
    )


async def _replies_held_in_outbox(
    network: Network, synapse: LocalSynapse, bot: SecondBot, count: int = 8
) -> list[str]:
    """Send a burst of commands whose replies the rate limit holds back; returns their events."""
    _slow_down(synapse, bot.account.user_id)
    asked = [await network.promeneur.send(bot.room, "!qui-suis-je") for _ in range(count)]
    await asyncio.to_thread(bot.process.wait_for_log, "Limite de débit atteinte")
    return asked


async def _assert_each_answered_once(network: Network, room: str, asked: list[str]) -> None:
    for event_id in asked:
        reply = await network.promeneur.wait_reply(room, event_id, timeout=90)
        assert "promeneur" in reply.source["content"]["body"]
    marker = await network.promeneur.send(room, "!ping")
    await network.promeneur.wait_reply(room, marker, timeout=60)
    assert [len(network.promeneur.replies_to(e)) for e in asked] == [1] * len(asked)


async def test_replies_waiting_in_the_outbox_survive_kill_9(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot
) -> None:
    asked = await _replies_held_in_outbox(network, synapse, second_bot)

    second_bot.process.kill()
    _lift_limit(synapse, second_bot.account.user_id)
    await asyncio.to_thread(second_bot.process.start)

    await _assert_each_answered_once(network, second_bot.room, asked)


async def test_homeserver_outage_loses_no_reply(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot
) -> None:
    asked = await _replies_held_in_outbox(network, synapse, second_bot)

    await asyncio.to_thread(synapse.stop)
    retrying = "Synchronisation impossible"  # the bot retries with backoff meanwhile
    seen = second_bot.process.new_log().count(retrying)
    await asyncio.to_thread(second_bot.process.wait_for_log, retrying, 60, seen + 3)
    await asyncio.to_thread(synapse.start)
    _lift_limit(synapse, second_bot.account.user_id)
    # The promeneur goes on writing as soon as the server is back, before the bot reconnects.
    asked += [await network.promeneur.send(second_bot.room, "!qui-suis-je") for _ in range(3)]

    await _assert_each_answered_once(network, second_bot.room, asked)
    assert "nouvel essai" in second_bot.process.new_log()
