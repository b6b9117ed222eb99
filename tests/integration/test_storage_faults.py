"""A database that cannot be written (disk full, read-only file, database server down): the bot
says so, keeps what it had, and carries on from where it was once the storage is back."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.demo.people import body
from tests.databases import Databases, rows
from tests.integration.conftest import Network, start_second_bot
from tests.postgres import LocalPostgres

pytestmark = pytest.mark.integration

DOWN = "Je ne peux rien enregistrer pour le moment"


@dataclass
class BrokenStorage:
    """Where the test bot keeps its data, and how to take it away and give it back."""

    url: str
    fail: Callable[[], None]
    repair: Callable[[], None]


def frozen(paths: list[Path], on: bool) -> None:
    """`chattr +i`: even root cannot write to these files any more (as on a full disk)."""
    existing = [str(p) for p in paths if p.exists()]
    subprocess.run(["chattr", "+i" if on else "-i", *existing], check=True)


def _read_only_sqlite(folder: Path) -> Iterator[BrokenStorage]:
    if shutil.which("chattr") is None:
        pytest.skip("chattr absent")
    folder.mkdir()
    database = folder / "bot.sqlite3"
    files = [database, Path(f"{database}-wal"), folder]
    try:
        frozen([folder], on=True)
    except subprocess.CalledProcessError:
        pytest.skip("chattr refusé sur ce système de fichiers")
    frozen([folder], on=False)
    yield BrokenStorage(
        f"sqlite:///{database}", lambda: frozen(files, True), lambda: frozen(files, False)
    )
    subprocess.run(["chattr", "-R", "-i", str(folder)], check=False)


@pytest.fixture
def storage(
    databases: Databases, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[BrokenStorage]:
    """On SQLite the database file is made read-only; on PostgreSQL the server is stopped (a
    server of this test's own: stopping it must not touch the other tests)."""
    if databases.kind == "sqlite":
        yield from _read_only_sqlite(tmp_path / "base")
        return
    server: LocalPostgres = request.getfixturevalue("postgres")
    yield BrokenStorage(server.url, lambda: server.stop(keep=True), server.start)


async def test_an_unwritable_database_is_reported_and_nothing_is_lost(
    network: Network, tmp_path: Path, storage: BrokenStorage
) -> None:
    bot = await start_second_bot(network, "pdn-bot-disque", tmp_path, database_url=storage.url)
    camille, bot_id = network.promeneur, bot.account.user_id
    broken = False
    try:
        dm = await camille.create_room("", invite=[bot_id], direct=True)
        await camille.wait_member(dm, bot_id)
        assert "(1/10)" in await camille.ask(dm, "!declarer")  # with the quarter's question
        assert "(2/10)" in await camille.ask(dm, "2h")
        await asyncio.to_thread(storage.fail)
        broken = True

        networks = await camille.send(dm, "insta")
        warning = await camille.wait_message(bot_id, dm, DOWN)
        assert "n'est perdu" in body(warning)
        failing = "Base de données non modifiable"  # a few failed attempts
        await asyncio.to_thread(bot.process.wait_for_log, failing, 30, 2)
        assert bot.process.running
        await asyncio.to_thread(storage.repair)
        broken = False

        # The answer given while the storage was down is kept: the dialogue goes on from it.
        await camille.wait_reply(dm, networks, timeout=60)
        for answer in ("150", "3", "4", "0 2 1", "5 2 1 0", "1 5", "aucune", "passer", "oui"):
            await camille.ask(dm, answer, timeout=60)
        await camille.ask(dm, "!ping")
        mine = camille.messages_from(camille.user_id, dm)
        answered = {body(e): camille.replies_to(e.event_id) for e in mine}
        assert all(len(replies) == 1 for replies in answered.values()), answered
    finally:
        if broken:
            storage.repair()
        bot.process.stop()

    ((hours, networks, young_people),) = rows(
        storage.url, "SELECT hours, networks, young_people FROM declaration"
    )
    if isinstance(networks, str):  # SQLite gives the JSON text, PostgreSQL the list
        networks = json.loads(networks)
    assert (hours, networks, young_people) == (2.0, ["Instagram"], 3)
