"""Every earlier revision of the schema upgrades to the latest, on SQLite and on PostgreSQL, and
ends exactly as the models describe it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

from bot.storage import models  # noqa: F401  (registers the tables)
from bot.storage.database import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    make_engine,
    upgrade,
)
from tests.databases import rows
from tests.postgres import LocalPostgres

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


def test_the_bot_knows_the_newest_revision_and_upgrades_an_older_database(
    database_url: str,
) -> None:
    """The bot skips Alembic for a database already at HEAD_REVISION: it must be the head."""
    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads() == [HEAD_REVISION]
    command.upgrade(alembic_config(database_url), revisions()[-2])
    upgrade(database_url)
    assert current_revision(database_url) == HEAD_REVISION


def test_every_revision_upgrades_on_sqlite(tmp_path: Path) -> None:
    assert revisions()[0] == "0001" and len(revisions()) >= 9
    upgrade_from_each_revision(lambda revision: f"sqlite:///{tmp_path / revision}.sqlite3")


def test_every_revision_upgrades_on_postgresql(postgres: LocalPostgres) -> None:
    upgrade_from_each_revision(lambda revision: postgres.new_database())


def upgrade_with(database_url: str, revision: str, statement: str) -> None:
    """Bring a new database to `revision`, run `statement` there, then upgrade to the head."""
    command.upgrade(alembic_config(database_url), revision)
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()
    upgrade(database_url)


def test_direct_messages_known_before_0011_are_recorded(database_url: str) -> None:
    upgrade_with(
        database_url,
        "0010",
        "INSERT INTO declaration_preference (user_id, enabled, dm_room_id) "
        "VALUES ('@camille:x', true, '!dm'), ('@alix:x', true, NULL)",
    )
    assert rows(database_url, "SELECT room_id, user_id FROM direct_room") == [("!dm", "@camille:x")]


def test_declaration_prompts_join_the_record_of_messages_sent_once(database_url: str) -> None:
    upgrade_with(
        database_url,
        "0011",
        "INSERT INTO declaration_prompt (user_id, week, kind, sent_at) "
        "VALUES ('@camille:x', '2026-W47', 'reminder', CURRENT_TIMESTAMP)",
    )
    assert rows(
        database_url, 'SELECT reminder, occurrence, "offset", target FROM reminder_sent'
    ) == [("declaration-reminder", "2026-W47", "", "@camille:x")]


def test_age_groups_declared_before_the_counts_keep_their_names_without_numbers(
    database_url: str,
) -> None:
    upgrade_with(
        database_url,
        "0012",
        "INSERT INTO declaration (user_id, week, hours, networks, young_people, short_contacts, "
        "age_groups, interactions, topics, referrals, remark, inactive, declared_at) VALUES "
        "('@camille:x', '2026-W47', 2, '[]', 5, 0, '[\"15-17 ans\", \"parents\"]', '{}', '[]', "
        "'{}', '', false, CURRENT_TIMESTAMP)",
    )
    ((groups, friends),) = rows(database_url, "SELECT age_groups, young_friends FROM declaration")
    groups = json.loads(groups) if isinstance(groups, str) else groups  # text on SQLite
    assert groups == {"15-17 ans": None, "parents": None} and friends is None
    command.downgrade(alembic_config(database_url), "0012")
    ((groups,),) = rows(database_url, "SELECT age_groups FROM declaration")
    assert (json.loads(groups) if isinstance(groups, str) else groups) == ["15-17 ans", "parents"]
