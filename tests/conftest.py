"""Options shared by every test: which database the suite runs on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import Databases
from tests.postgres import LocalPostgres, need_postgres


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="base de données des tests : fichiers SQLite, ou un PostgreSQL local",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"base de données des tests : {config.getoption('--database')}"


@pytest.fixture(scope="session")
def databases(request: pytest.FixtureRequest) -> Iterator[Databases]:
    if request.config.getoption("--database") == "sqlite":
        yield Databases(None)
        return
    need_postgres(request.config)
    server = LocalPostgres()
    server.start()
    yield Databases(server)
    server.stop()


@pytest.fixture
def database_url(databases: Databases, tmp_path: Path) -> str:
    """A new, empty database for this test, on the suite's database."""
    return databases.new(tmp_path)
