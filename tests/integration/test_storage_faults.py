"""A database that cannot be written (disk full, read-only file): the bot says so, keeps what it
had, and carries on from where it was once the disk is back."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.demo.people import body
from tests.integration.conftest import Network, start_second_bot

pytestmark = pytest.mark.integration

DOWN = "Je ne peux rien enregistrer pour le moment"


def frozen(paths: list[Path], on: bool) -> None:
    """`chattr +i`: even root cannot write to these files any more (as on a full disk)."""
    existing = [str(p) for p in paths if p.exists()]
    subprocess.run(["chattr", "+i" if on else "-i", *existing], check=True)


@pytest.fixture
def database_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "base"
    folder.mkdir()
    yield folder
    subprocess.run(["chattr", "-R", "-i", str(folder)], check=False)


@pytest.mark.skipif(shutil.which("chattr") is None, reason="chattr absent")
async def test_an_unwritable_database_is_reported_and_nothing_is_lost(
    network: Network, tmp_path: Path, database_dir: Path
) -> None:
    database = database_dir / "bot.sqlite3"
    bot = await start_second_bot(
        network, "pdn-bot-disque", tmp_path, database_url=f"sqlite:///{database}"
    )
    camille, bot_id = network.promeneur, bot.account.user_id
    files = [database, Path(f"{database}-wal"), database_dir]
    try:
        dm = await camille.create_room("", invite=[bot_id], direct=True)
        await camille.wait_member(dm, bot_id)
        assert "(1/9)" in await camille.ask(dm, "!declarer")
        assert "(2/9)" in await camille.ask(dm, "2h")
        try:
            frozen(files, on=True)
        except subprocess.CalledProcessError:
            pytest.skip("chattr refusé sur ce système de fichiers")

        networks = await camille.send(dm, "insta")
        warning = await camille.wait_message(bot_id, dm, DOWN)
        assert "n'est perdu" in body(warning)
        await asyncio.sleep(2)  # a few failed attempts
        assert bot.process.running
        frozen(files, on=False)

        # The answer given while the disk was full is kept: the dialogue goes on from it.
        await camille.wait_reply(dm, networks, timeout=60)
        for answer in ("3", "4", "2 3", "5 2 1 0", "1 5", "aucune", "passer", "oui"):
            await camille.ask(dm, answer, timeout=60)
        await camille.ask(dm, "!ping")
        mine = camille.messages_from(camille.user_id, dm)
        answered = {body(e): camille.replies_to(e.event_id) for e in mine}
        assert all(len(replies) == 1 for replies in answered.values()), answered
    finally:
        frozen(files, on=False)
        bot.process.stop()

    with sqlite3.connect(database) as db:
        (row,) = db.execute("SELECT hours, networks, young_people FROM declaration")
    assert (row[0], json.loads(row[1]), row[2]) == (2.0, ["Instagram"], 3)
