"""The running bot's files can be read by its own account only, and its crypto store is locked
with a key of its own, not matrix-nio's default."""

from __future__ import annotations

import pytest
from nio.store import DefaultStore

from tests.databases import rows
from tests.integration.conftest import Network

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


async def test_the_running_bot_keeps_its_files_private_and_its_store_locked(
    network: Network,
) -> None:
    await network.promeneur.ask(network.dm, "!ping")  # an encrypted room: keys are in the store
    data = network.bot.config.parent / "data"
    crypto = data / "crypto"
    found = [data, *data.rglob("*")]
    wrong = {
        str(path): oct(path.stat().st_mode & 0o777)
        for path in found
        if path.stat().st_mode & 0o777 != (0o700 if path.is_dir() else 0o600)
    }
    assert wrong == {}  # the test process's umask is 022: the bot set these itself
    key = (crypto / "store.key").read_text(encoding="utf-8").strip()
    assert len(key) >= 32 and key != "DEFAULT_KEY"

    user_id = network.bot_account.user_id
    ((device_id,),) = rows(
        network.database_url, "SELECT device_id FROM matrix_session WHERE user_id = :u", u=user_id
    )
    with pytest.raises(Exception, match=r"(?i)pickle|decrypt|mac"):
        DefaultStore(user_id, device_id, str(crypto), pickle_key="DEFAULT_KEY").load_account()
    account = DefaultStore(user_id, device_id, str(crypto), pickle_key=key).load_account()
    assert account is not None
