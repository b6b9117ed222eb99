"""Restarts, crashes, kicks, a lost crypto store, a homeserver down at start: nothing answered
twice or lost (rate limits and outages with replies waiting: test_rate_limits.py)."""

from __future__ import annotations

import asyncio

import pytest

from bot.demo.botprocess import READY_LINE
from bot.demo.homeserver import LocalSynapse
from tests.integration.conftest import Network, SecondBot, admin_token

pytestmark = pytest.mark.integration


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
        admin_token(synapse),
    )
    bot_devices = [d for d in devices["devices"] if d.get("display_name") == "pdn-bot"]
    assert reply.startswith("Pong !")
    assert len(bot_devices) == 1


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
