"""Every earlier revision of the schema upgrades to the latest, on SQLite and on PostgreSQL, and
ends exactly as the models describe it."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from bot.storage import models  # noqa: F401  (registers the tables)
from bot.storage.database import alembic_config, make_engine
from tests.integration.postgres import LocalPostgres

pytestmark = pytest.mark.integration


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def upgrade_from_each_revision(url_for: object) -> None:
    for revision in revisions():
        url = url_for(revision)  # type: ignore[operator]
        config = alembic_config(url)
        command.upgrade(config, revision)
        command.upgrade(config, "head")
        engine = make_engine(url)
        with engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
        engine.dispose()
        assert differences == [], (revision, differences)


def test_every_revision_upgrades_on_sqlite(tmp_path: Path) -> None:
    assert revisions()[0] == "0001" and len(revisions()) >= 9
    upgrade_from_each_revision(lambda revision: f"sqlite:///{tmp_path / revision}.sqlite3")


def test_every_revision_upgrades_on_postgresql(postgres: LocalPostgres) -> None:
    def url_for(revision: str) -> str:
        with psycopg.connect(postgres.url.replace("+psycopg", ""), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "depuis_{revision}"')
        return postgres.url.rsplit("/", 1)[0] + f"/depuis_{revision}"

    upgrade_from_each_revision(url_for)
