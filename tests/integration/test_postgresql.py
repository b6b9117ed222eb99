"""The bot on PostgreSQL instead of SQLite: migrations, answers, restart without re-answering."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.integration.conftest import Network, start_second_bot
from tests.postgres import LocalPostgres

pytestmark = pytest.mark.integration


async def test_bot_runs_on_postgresql(
    network: Network, postgres: LocalPostgres, tmp_path: Path
) -> None:
    second = await start_second_bot(
        network, "pdn-bot-postgres", tmp_path, database_url=postgres.url
    )
    bot, room = second.process, second.room
    try:
        before = await network.promeneur.send(room, "!ping")
        await network.promeneur.wait_reply(room, before)
        await asyncio.to_thread(bot.stop)
        missed = await network.promeneur.send(room, "!etat")
        await asyncio.to_thread(bot.start)
        status = await network.promeneur.wait_reply(room, missed)
    finally:
        if bot.running:
            bot.stop()

    assert "réservée à la coordination" in status.source["content"]["body"]
    assert len(network.promeneur.replies_to(before)) == 1
    assert not (tmp_path / "data" / "pdn-bot.sqlite3").exists()
