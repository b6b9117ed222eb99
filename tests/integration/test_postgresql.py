"""The bot on PostgreSQL instead of SQLite: migrations, answers, restart without re-answering."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import LocalSynapse
from tests.integration.conftest import Network
from tests.integration.postgres import LocalPostgres

pytestmark = pytest.mark.integration


@pytest.fixture
def postgres() -> Iterator[LocalPostgres]:
    if not LocalPostgres.available():
        pytest.skip("PostgreSQL (initdb, pg_ctl) absent de cette machine")
    server = LocalPostgres()
    server.start()
    yield server
    server.stop()


async def test_bot_runs_on_postgresql(
    network: Network, synapse: LocalSynapse, postgres: LocalPostgres, tmp_path: Path
) -> None:
    account = synapse.register("pdn-bot-postgres", "bot-secret")
    room = await network.coordinator.create_room(
        "PostgreSQL", invite=[account.user_id, network.promeneur.user_id]
    )
    await network.promeneur.join(room)
    config = write_config(
        tmp_path / "config.toml",
        synapse.url,
        account.user_id,
        account.password,
        network_rooms=[room],
        coordinators=[network.coordinator.user_id],
        allowed_inviters=[network.coordinator.user_id],
        database_url=postgres.url,
    )
    bot = BotProcess(config)
    await asyncio.to_thread(bot.start)
    try:
        await network.promeneur.wait_member(room, account.user_id)
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
