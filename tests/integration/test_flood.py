"""Flood control in shared rooms, through the real homeserver: one calm notice, then silence,
while everyone else is answered; never in direct messages, never for a danger."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo.people import body
from bot.safety.emergency import TITLE as EMERGENCY_TITLE
from tests.integration.conftest import Network, open_dm, start_second_bot

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


async def test_one_person_flooding_a_shared_room_is_slowed_down_alone(
    network: Network, tmp_path: Path
) -> None:
    bot = await start_second_bot(network, "pdn-bot-calme", tmp_path, flood=(3, 1))
    room = bot.room
    try:
        await _flood_and_check(network, room, bot.account.user_id)
    finally:
        bot.process.stop()


async def _flood_and_check(network: Network, room: str, bot_id: str) -> None:
    camille, coordinator = network.promeneur, network.coordinator
    flood = [await camille.send(room, "!aide") for _ in range(8)]
    ping = await coordinator.send(room, "!ping")
    assert "pong" in body(await coordinator.wait_reply(room, ping)).lower()
    # The room's messages are handled, and answered, in order: all about the flood is here.
    await camille.wait_reply(room, ping)
    answered = [event_id for event_id in flood if camille.replies_to(event_id)]
    assert answered == flood[:4], len(answered)  # three answers and one notice
    notice = body(camille.replies_to(flood[3])[0])
    assert notice.startswith("Doucement") and "message direct" in notice, notice

    urgent = await camille.ask(room, "!aide un jeune m'écrit qu'il va se suicider ce soir")
    assert urgent.startswith(EMERGENCY_TITLE), urgent[:120]

    dm = await open_dm(camille, bot_id)
    replies = await camille.ask_all(dm, "!ping", 1)
    for _ in range(5):
        replies += await camille.ask_all(dm, "!ping", 1)
    assert all("pong" in reply.lower() for reply in replies)
