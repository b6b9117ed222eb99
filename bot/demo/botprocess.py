"""The real bot as a subprocess, with a config written for a local Synapse (demo, tests, bench)."""

from __future__ import annotations

import multiprocessing
import os
import runpy
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from multiprocessing.context import ForkServerContext, ForkServerProcess
from pathlib import Path

from bot.clock import OFFSET_FILE_ENV, set_offset_file

CLOCK_LINE = "Horloge déplacée"

ROOT = Path(__file__).resolve().parents[2]
READY_LINE = "Bot prêt"


def write_config(
    path: Path,
    homeserver: str,
    user_id: str,
    password: str,
    network_rooms: list[str],
    coordinators: list[str],
    allowed_inviters: list[str],
    database_url: str = "",
    knowledge_dir: Path | None = None,
    department: str = "",
    declarations: str = "prompts = false",
    extra: str = "",
    space: str = "",
    allowed_servers: tuple[str, ...] = (),
    flood: tuple[int, float] = (10, 20),  # commands_burst, commands_per_minute
) -> Path:
    """A config for the local Synapse; `extra` is appended (more sections, such as [meetings])."""

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""
[homeserver]
url = "{homeserver}"

[bot]
user_id = "{user_id}"
password = "{password}"
display_name = "Assistant PdN"

[network]
rooms = {toml_list(network_rooms)}
{f'space = "{space}"' if space else ""}
coordinators = {toml_list(coordinators)}

[access]
allowed_inviters = {toml_list(allowed_inviters)}
allowed_servers = {toml_list(list(allowed_servers))}
commands_burst = {flood[0]}
commands_per_minute = {flood[1]}

[storage]
data_dir = "data"
database_url = "{database_url}"

[knowledge]
department = "{department}"
{f'directory = "{knowledge_dir}"' if knowledge_dir else ""}

[declarations]
check_interval_seconds = 1
{declarations}

[matrix]
undecryptable_grace_seconds = 3
sync_timeout_seconds = 10
backoff_max_seconds = 2
{extra}
""",
        encoding="utf-8",
    )
    return path


class BotProcess:
    """`python -m bot run` in a subprocess, with its log in a file beside its config.

    With `forked`, the process is forked from a server that has already imported the bot
    (`multiprocessing`'s forkserver, one per test process) and runs the same `pdn-bot run`:
    the test suite starts the bot about a hundred times and so saves the 1.5 s of imports of
    each start. It is still a process of its own, stopped by SIGTERM and killed by SIGKILL."""

    def __init__(
        self,
        config: Path,
        clock_file: Path | None = None,
        python: str = sys.executable,
        forked: bool = False,
    ) -> None:
        self.config = config
        self.python = python  # the environment the bot runs from
        self.clock_file = clock_file  # its number of seconds moves the bot's clock
        self.forked = forked and python == sys.executable
        self.log_path = config.parent / "bot.log"
        self.process: subprocess.Popen[bytes] | _ForkedBot | None = None
        self._log_offset = 0

    def start(self, timeout: float = 60, wait: bool = True) -> None:
        """Start the bot; with `wait`, return once it is ready (its first sync is handled)."""
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        env = {**os.environ, "PDN_BOT_NO_BOOTSTRAP": "1"}
        if self.clock_file is not None:
            env[OFFSET_FILE_ENV] = str(self.clock_file)
        argv = ["run", "-c", str(self.config)]
        if self.forked:
            self.process = _ForkedBot(argv, env, self.log_path)
        else:
            self.process = subprocess.Popen(
                [self.python, "-m", "bot", *argv],
                cwd=ROOT,
                env=env,
                stdout=open(self.log_path, "ab"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C in the demo terminal is ours to pass on
            )
        if wait:
            self.wait_for_log(READY_LINE, timeout)

    def new_log(self) -> str:
        """What the bot logged since its last start."""
        data = self.log_path.read_bytes() if self.log_path.exists() else b""
        return data[self._log_offset :].decode("utf-8", errors="replace")

    def wait_for_log(self, needle: str, timeout: float = 30, times: int = 1) -> None:
        """Until the bot has logged `needle` (`times` times) since its last start."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.new_log().count(needle) >= times:
                return
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"le bot s'est arrêté :\n{self.new_log()}")
            time.sleep(0.1)
        raise AssertionError(f"« {needle} » absent du journal du bot :\n{self.new_log()}")

    def stop(self, timeout: float = 10) -> None:
        """SIGTERM, and fail if the bot is not gone within `timeout` seconds."""
        assert self.process is not None
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("le bot ne s'est pas arrêté sur SIGTERM") from None

    def clock_offset(self) -> timedelta:
        """How far ahead of the real time the bot's clock runs (none without a clock file)."""
        if self.clock_file is None or not self.clock_file.exists():
            return timedelta()
        text = self.clock_file.read_text(encoding="utf-8").strip()
        return timedelta(seconds=float(text or 0))

    def move_clock(self, moment: datetime) -> None:
        """Have the bot's clock show `moment` now; if it runs, wait until its reminders are
        planned again for the new time."""
        assert self.clock_file is not None, "BotProcess(config, clock_file) pour une horloge"
        seen = self.new_log().count(CLOCK_LINE)
        set_offset_file(self.clock_file, moment)
        deadline = time.monotonic() + 30
        while self.running and self.new_log().count(CLOCK_LINE) == seen:
            if time.monotonic() > deadline:
                raise AssertionError(f"horloge non suivie :\n{self.new_log()}")
            time.sleep(0.05)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


def _fork_server() -> ForkServerContext:
    """The forkserver of this process, which imports the bot once for all its starts."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bot.cli", "bot.app"])
    return context


def _run_forked(argv: list[str], env: dict[str, str], log_path: str) -> None:
    """In the forked process: `python -m bot …argv`, its output in `log_path`."""
    os.setsid()
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(ROOT)
    sys.argv = ["bot", *argv]
    runpy.run_module("bot", run_name="__main__", alter_sys=True)  # ends in SystemExit


class _ForkedBot:
    """A forked bot with the part of `subprocess.Popen`'s interface that `BotProcess` uses."""

    def __init__(self, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self._process: ForkServerProcess = _fork_server().Process(
            target=_run_forked, args=(argv, env, str(log_path)), daemon=True
        )
        self._process.start()

    @property
    def pid(self) -> int:
        assert self._process.pid is not None
        return self._process.pid

    def poll(self) -> int | None:
        return self._process.exitcode

    def send_signal(self, sig: int) -> None:
        if self._process.pid is not None and self._process.exitcode is None:
            os.kill(self._process.pid, sig)

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.exitcode is None:
            raise subprocess.TimeoutExpired("pdn-bot run", timeout or 0)
        return self._process.exitcode

    def kill(self) -> None:
        self._process.kill()
