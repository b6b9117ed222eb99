"""A throw-away PostgreSQL cluster on 127.0.0.1, from the machine's PostgreSQL binaries."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from bot.demo.homeserver import free_port


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the `postgres` account then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class LocalPostgres:
    def __init__(self) -> None:
        # Not under pytest's private temporary folder: the `postgres` account must reach it.
        self.directory = Path(tempfile.mkdtemp(prefix="pdn-bot-postgres-"))
        self.port = free_port()

    @staticmethod
    def available() -> bool:
        if not (shutil.which("initdb") and shutil.which("pg_ctl")):
            return False
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return False
        return True

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        data = self.directory / "data"
        subprocess.run(
            _as_server_user(["initdb", "-D", str(data), "-U", "postgres", "--auth=trust"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        subprocess.run(
            _as_server_user(
                [
                    "pg_ctl",
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(self.directory / "log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_server_user(["pg_ctl", "-D", str(self.directory / "data"), "-m", "fast", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(self.directory, ignore_errors=True)
