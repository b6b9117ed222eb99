"""Options shared by every test: which database the suite runs on."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.demo.suite import TEST_CACHE_ENV
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


def pytest_configure(config: pytest.Config) -> None:
    _cache_of_the_run(config)
    # Installed once, before the workers start (two installs at once would fight for apt's lock).
    if config.getoption("--database") == "postgresql" and not hasattr(config, "workerinput"):
        need_postgres(config)
    config.addinivalue_line(
        "markers",
        "one_database: what it checks does not depend on the database engine (the homeserver's "
        "side: encryption, federation, invitations, flood control): it runs on SQLite only",
    )


def _cache_of_the_run(config: pytest.Config) -> None:
    """What the bots and tools under test keep in a cache (the knowledge base's classifier)
    goes to a folder of this run, never the user's: one folder for the workers and the bot
    processes they start, and for both databases' runs under `python -m bot test`."""
    folder = os.environ.get(TEST_CACHE_ENV)
    if folder is None:
        folder = tempfile.mkdtemp(prefix="pdn-bot-tests-cache-")
        os.environ[TEST_CACHE_ENV] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ["XDG_CACHE_HOME"] = folder
    os.environ.pop("CACHE_DIRECTORY", None)


# The longest modules, longest first (seconds per module, from a timeline of a run): collected
# first, pytest-xdist hands them out at the start (`python -m bot test` keeps this order with
# --no-loadscope-reorder), so that no worker starts one of them when the others are done.
LONGEST_FIRST = (
    "tests/integration/test_faults.py",  # 70
    "tests/integration/test_lifecycle.py",  # 65
    "tests/unit/test_danger.py",  # 57
    "tests/integration/test_rate_limits.py",  # 45
    "tests/integration/test_reminder_clock.py",  # 27
    "tests/integration/test_libreoffice.py",  # 4, and a minute to install LibreOffice
    "tests/integration/test_evaluation.py",  # 30
    "tests/integration/test_private_rooms.py",  # 26
    "tests/unit/test_matching.py",  # 25
    "tests/integration/test_directory.py",  # 20
    "tests/integration/test_declaration_prompts.py",  # 20 on PostgreSQL
    "tests/integration/test_federation.py",  # 19
    "tests/integration/test_postgresql.py",  # 19 on PostgreSQL
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest modules first (`LONGEST_FIRST`), the others in their order. On PostgreSQL,
    run again only what touches the database: tests that use no database (pure logic, the
    matching measures) or are marked `one_database` ran on SQLite."""
    rank = {module: index for index, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.partition("::")[0], len(rank)))
    if config.getoption("--database") != "postgresql":
        return
    keep, drop = [], []
    for item in items:
        uses_db = "databases" in getattr(item, "fixturenames", ())
        (keep if uses_db and item.get_closest_marker("one_database") is None else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


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
