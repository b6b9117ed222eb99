"""The database the suite runs on: SQLite files by default, or a PostgreSQL server on loopback
with `pytest --database=postgresql`. Tests ask for a new database and read it back through
SQLAlchemy, so the same test runs on both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text

from tests.postgres import LocalPostgres


class Databases:
    def __init__(self, server: LocalPostgres | None) -> None:
        self.server = server

    @property
    def kind(self) -> str:
        return "postgresql" if self.server else "sqlite"

    def new(self, directory: Path, name: str = "bot") -> str:
        """The URL of a new, empty database (a file in `directory` on SQLite)."""
        if self.server:
            return self.server.new_database()
        directory.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{directory / name}.sqlite3"


def rows(url: str, query: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows `query` returns on the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query), params)]
    finally:
        engine.dispose()


def count(url: str, table: str) -> int:
    ((number,),) = rows(url, f'SELECT count(*) FROM "{table}"')
    return int(number)


def tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()
