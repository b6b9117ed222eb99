"""Restarts, crashes and rate limits: nothing answered twice, nothing lost."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import Account, LocalSynapse
from tests.integration.conftest import Network

pytestmark = pytest.mark.integration


@dataclass
class SecondBot:
    account: Account
    process: BotProcess
    room: str


@pytest.fixture
async def second_bot(
    network: Network, synapse: LocalSynapse, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[SecondBot]:
    """A bot account of its own, in a room of its own, so it can be stopped and killed freely."""
    localpart = f"pdn-bot-{request.node.name.split('[')[-1].strip(']')[:20]}".lower()
    localpart = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in localpart)
    account = synapse.register(localpart, "bot-secret")
    room = await network.coordinator.create_room(
        "Relance", invite=[account.user_id, network.promeneur.user_id]
    )
    await network.promeneur.join(room)
    config = write_config(
        tmp_path / "bot" / "config.toml",
        synapse.url,
        account.user_id,
        account.password,
        network_rooms=[room],
        coordinators=[network.coordinator.user_id],
        allowed_inviters=[network.coordinator.user_id],
    )
    process = BotProcess(config)
    await asyncio.to_thread(process.start)
    await network.promeneur.wait_member(room, account.user_id)
    yield SecondBot(account, process, room)
    if process.running:
        process.stop()


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

    devices = synapse.admin(
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
    user = second_bot.account.user_id
    token = _admin_token(synapse)
    synapse.admin(
        "POST",
        f"/_synapse/admin/v1/users/{user}/override_ratelimit",
        token,
        {"messages_per_second": 1, "burst_count": 1},
    )
    promeneur, room = network.promeneur, second_bot.room
    asked = [await promeneur.send(room, "!ping") for _ in range(4)]
    replies = [await promeneur.wait_reply(room, event_id, timeout=60) for event_id in asked]

    assert "Limite de débit atteinte" in second_bot.process.new_log()
    assert [len(promeneur.replies_to(event_id)) for event_id in asked] == [1, 1, 1, 1]
    stamps = [reply.server_timestamp for reply in replies]
    assert stamps == sorted(stamps)
