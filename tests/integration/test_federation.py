"""Two homeservers federating on loopback: invitations are judged by the inviter's server."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import LocalSynapse
from tests.integration.conftest import new_person

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


@pytest.fixture(scope="module")
def homeservers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalSynapse, ...]]:
    """The network's homeserver and another one, federating with each other."""
    servers = tuple(
        LocalSynapse(tmp_path_factory.mktemp(name), federation=True) for name in ("ici", "ailleurs")
    )
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


async def test_invites_are_accepted_from_allowed_servers_and_refused_from_others(
    homeservers: tuple[LocalSynapse, LocalSynapse], database_url: str, tmp_path: Path
) -> None:
    here, elsewhere = homeservers
    bot_account = here.register("pdn-bot", "bot-secret")
    people = await asyncio.gather(
        new_person(here, "coordination", tmp_path / "people"),
        new_person(here, "voisine", tmp_path / "people"),
        new_person(elsewhere, "lointaine", tmp_path / "people"),
    )
    coordinator, neighbour, stranger = people
    config = write_config(
        tmp_path / "bot" / "config.toml",
        here.url,
        bot_account.user_id,
        bot_account.password,
        network_rooms=[],
        coordinators=[coordinator.user_id],
        allowed_inviters=[],
        allowed_servers=(here.server_name,),
        database_url=database_url,
    )
    bot = BotProcess(config, forked=True)
    await asyncio.to_thread(bot.start)
    try:
        # Someone of the network's server, named nowhere in the configuration: welcome.
        near = await neighbour.create_room("Voisinage", invite=[bot_account.user_id])
        await neighbour.wait_member(near, bot_account.user_id)
        assert (await neighbour.ask(near, "!ping")).startswith("Pong !")

        # Someone of another server: the invitation crosses federation and is declined.
        far = await stranger.create_room("Lointain", invite=[bot_account.user_id])
        await stranger.wait_left(far, bot_account.user_id, timeout=60)
        assert f"Invitation de {stranger.user_id} refusée" in bot.new_log()
        assert bot.running
    finally:
        bot.stop()
        await asyncio.gather(*(person.stop() for person in people))
