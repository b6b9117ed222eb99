"""Behaviour through the in-process harness (tests/harness.py): the whole bot, its database and
its outbox, without a homeserver; a module shares one network, as the integration tests do."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.databases import Databases
from tests.harness import LocalNetwork, local_network


@pytest.fixture(scope="module")
async def local(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LocalNetwork]:
    network = await local_network(databases.new(tmp_path_factory.mktemp("local")))
    yield network
    await network.harness.stop()
