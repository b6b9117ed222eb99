"""Restarts, crashes, rate limits, kicks, a lost crypto store: nothing answered twice or lost."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.demo.botprocess import READY_LINE
from bot.demo.homeserver import LocalSynapse
from tests.integration.conftest import Network, SecondBot, start_second_bot

pytestmark = pytest.mark.integration


@pytest.fixture
async def second_bot(
    network: Network, synapse: LocalSynapse, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[SecondBot]:
    """A bot account of its own, in a room of its own, so it can be stopped and killed freely."""
    localpart = f"pdn-bot-{request.node.name.split('[')[-1].strip(']')[:20]}".lower()
    localpart = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in localpart)
    bot = await start_second_bot(network, localpart, tmp_path / "bot")
    yield bot
    if bot.process.running:
        bot.process.stop()


def _admin_token(synapse: LocalSynapse) -> str:
    return synapse.login(synapse.register("admin", "admin-secret", admin=True)).access_token


@pytest.mark.parametrize("how", ["sigterm", "kill-9"])
async def test_restart_answers_missed_message_once_and_old_ones_never(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot, how: str
) -> None:
    promeneur, room = network.promeneur, second_bot.room
    before = await promeneur.send(room, "!ping")
    await promeneur.wait_reply(room, before)

    if how == "sigterm":
        await asyncio.to_thread(second_bot.process.stop)  # fails if it takes over 10 s
    else:
        second_bot.process.kill()
    missed = await promeneur.send(room, "!ping")
    await asyncio.to_thread(second_bot.process.start)
    await promeneur.wait_reply(room, missed)
    after = await promeneur.send(room, "!ping")
    await promeneur.wait_reply(room, after)

    assert len(promeneur.replies_to(before)) == 1
    assert len(promeneur.replies_to(missed)) == 1
    assert len(promeneur.replies_to(after)) == 1


async def test_restart_reuses_the_same_device(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot
) -> None:
    await asyncio.to_thread(second_bot.process.stop)
    await asyncio.to_thread(second_bot.process.start)
    reply = await network.promeneur.ask(second_bot.room, "!ping")

    devices = synapse.api(
        "GET",
        f"/_synapse/admin/v2/users/{second_bot.account.user_id}/devices",
        _admin_token(synapse),
    )
    bot_devices = [d for d in devices["devices"] if d.get("display_name") == "pdn-bot"]
    assert reply.startswith("Pong !")
    assert len(bot_devices) == 1


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

    assert "Limite de débit atteinte" in second_bot.process.new_log()


async def test_kicked_bot_leaves_cleanly_and_keeps_running(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot
) -> None:
    await network.promeneur.ask(second_bot.room, "!ping")
    kicked = await network.coordinator.client.room_kick(
        second_bot.room, second_bot.account.user_id, reason="test"
    )
    assert not hasattr(kicked, "status_code")

    await asyncio.to_thread(second_bot.process.wait_for_log, "ne fait plus partie du salon")
    await network.coordinator.client.room_invite(second_bot.room, second_bot.account.user_id)
    await network.promeneur.wait_member(second_bot.room, second_bot.account.user_id)
    answer = await network.promeneur.ask(second_bot.room, "!ping")

    assert second_bot.process.running
    assert answer.startswith("Pong !")


async def test_lost_crypto_store_is_reported_and_plain_rooms_still_work(
    network: Network, second_bot: SecondBot
) -> None:
    await asyncio.to_thread(second_bot.process.stop)
    crypto = second_bot.process.config.parent / "data" / "crypto"
    for path in crypto.iterdir():
        path.unlink()

    await asyncio.to_thread(second_bot.process.start)
    answer = await network.promeneur.ask(second_bot.room, "!ping")

    assert "Magasin de chiffrement introuvable" in second_bot.process.new_log()
    assert answer.startswith("Pong !")


def _slow_down(synapse: LocalSynapse, user_id: str) -> None:
    """One message a second for `user_id`, so that a burst of replies waits in the outbox."""
    synapse.api(
        "POST",
        f"/_synapse/admin/v1/users/{user_id}/override_ratelimit",
        _admin_token(synapse),
        {"messages_per_second": 1, "burst_count": 1},
    )


def _lift_limit(synapse: LocalSynapse, user_id: str) -> None:
    synapse.api(
        "DELETE", f"/_synapse/admin/v1/users/{user_id}/override_ratelimit", _admin_token(synapse)
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


async def test_command_buried_under_a_long_backlog_is_still_answered(
    network: Network, second_bot: SecondBot
) -> None:
    promeneur, room = network.promeneur, second_bot.room
    await asyncio.to_thread(second_bot.process.stop)
    buried = await promeneur.send(room, "!qui-suis-je")
    for number in range(110):  # more than the sync timeline holds
        await promeneur.send(room, f"bavardage {number}")

    await asyncio.to_thread(second_bot.process.start)
    reply = await promeneur.wait_reply(room, buried, timeout=60)
    marker = await promeneur.send(room, "!ping")
    await promeneur.wait_reply(room, marker)

    assert "promeneur" in reply.source["content"]["body"]
    assert len(promeneur.replies_to(buried)) == 1
    assert "rattrapé(s)" in second_bot.process.new_log()


async def test_bot_started_while_the_homeserver_is_down_waits_for_it(
    network: Network, synapse: LocalSynapse, second_bot: SecondBot
) -> None:
    await asyncio.to_thread(second_bot.process.stop)
    await asyncio.to_thread(synapse.stop)

    second_bot.process.start(wait=False)
    await asyncio.to_thread(second_bot.process.wait_for_log, "Serveur injoignable")
    await asyncio.to_thread(synapse.start)
    await asyncio.to_thread(second_bot.process.wait_for_log, READY_LINE, 120)
    answer = await network.promeneur.ask(second_bot.room, "!ping", timeout=60)

    assert answer.startswith("Pong !")
