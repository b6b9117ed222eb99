"""The engine and a way to run database work off the event loop."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, create_engine, select

from bot.resources import shipped

if TYPE_CHECKING:
    from alembic.config import Config

T = TypeVar("T")
# A database change a message or a job causes, applied in the transaction that records it as
# handled: a replayed message can then never count, record or remember anything twice.
Write = Callable[[Session], None]

# The database cannot be written now (disk full, read-only file or file system, lost server):
# the bot keeps what it has and tries again.
STORAGE_ERRORS = (OperationalError,)

MIGRATIONS_DIR = shipped("migrations")
# The newest revision in migrations/versions (a test keeps them equal). A database already there
# is opened without importing Alembic at all: about 10 MB less for the running bot.
HEAD_REVISION = "0022"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout so a reader never fails a writer."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply every pending migration (synchronous: call it before the loop or in a thread)."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if current_revision(url) == HEAD_REVISION:
        return
    from alembic import command

    command.upgrade(alembic_config(url), "head")


def current_revision(url: str) -> str | None:
    """The revision the database at `url` is at (None when it has none yet)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def new_revision(message: str) -> str:
    """Autogenerate the next migration by comparing the models with a scratch upgraded database."""
    from alembic import command

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/scratch.sqlite3"
        upgrade(url)
        script = command.revision(alembic_config(url), message=message, autogenerate=True)
    return f"Migration créée : {getattr(script, 'path', script)}"


class Database:
    """Runs session work in one worker thread, so the event loop never waits on the database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        # One thread: SQLite allows one writer, and ordering stays that of the calls.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run `work` in a session that commits when it returns and rolls back when it raises."""

        def in_session() -> T:
            with Session(self.engine, expire_on_commit=False) as session:
                result = work(session)
                session.commit()
                return result

        return await asyncio.get_running_loop().run_in_executor(self._executor, in_session)

    async def upgrade(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, upgrade, self.url)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self.engine.dispose()


Row = TypeVar("Row", bound=SQLModel)


def create_once(
    session: Session, table: type[Row], source_event_id: str, columns: dict[str, Any]
) -> Row:
    """The row a command creates (`table` has a unique `source_event_id`): a replayed command
    finds the row it made the first time instead of making a twin."""
    column = table.source_event_id  # type: ignore[attr-defined]  # every table given has it
    row = session.exec(select(table).where(column == source_event_id)).first()
    if row is None:
        row = table(source_event_id=source_event_id, **columns)
        session.add(row)
        session.flush()
    return row
