"""A throw-away PostgreSQL cluster on 127.0.0.1, from Debian's PostgreSQL server binaries."""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.demo.homeserver import free_port
from tests.system_packages import apt_install, fail_or_skip

DEBIAN_BINARIES = Path("/usr/lib/postgresql")


def _binary_dir() -> Path | None:
    """Where `initdb` and `pg_ctl` are: on PATH, or Debian's newest /usr/lib/postgresql/N/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    newest = max(DEBIAN_BINARIES.glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]), default=None)
    return newest.parent if newest else None


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the `postgres` account then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def need_postgres(config: pytest.Config) -> None:
    """Install PostgreSQL if needed; without it, fail in CI or on a PostgreSQL run, else skip."""
    problem = apt_install("postgresql", LocalPostgres.available)
    fail_or_skip(problem, fail=config.getoption("--database") == "postgresql")


class LocalPostgres:
    def __init__(self) -> None:
        # Not under pytest's private temporary folder: the `postgres` account must reach it.
        self.directory = Path(tempfile.mkdtemp(prefix="pdn-bot-postgres-"))
        self.port = free_port()
        self._names = itertools.count(1)
        binaries = _binary_dir()
        assert binaries, "PostgreSQL absent"
        self.binaries = binaries

    @staticmethod
    def available() -> bool:
        if _binary_dir() is None:
            return False
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return False
        return True

    @property
    def url(self) -> str:
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new empty database on this server; returns its URL."""
        name = f"test_{next(self._names)}"
        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url_of(name)

    def _pg_ctl(self, *args: str) -> None:
        command = [str(self.binaries / "pg_ctl"), "-D", str(self.directory / "data"), *args]
        subprocess.run(_as_server_user(command), check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        """Create the cluster on first call; start (or restart after `stop(keep=True)`) it."""
        data = self.directory / "data"
        if not data.exists():
            if os.geteuid() == 0:
                shutil.chown(self.directory, "postgres")
            initdb = [str(self.binaries / "initdb"), "-D", str(data), "-U", "postgres"]
            subprocess.run(
                _as_server_user([*initdb, "--auth=trust"]), check=True, stdout=subprocess.DEVNULL
            )
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=300"
        )
        self._pg_ctl("-o", options, "-l", str(self.directory / "log"), "-w", "start")

    def stop(self, keep: bool = False) -> None:
        """Stop the server; unless `keep`, delete the cluster too."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("-m", "fast", "stop")
        if not keep:
            shutil.rmtree(self.directory, ignore_errors=True)
