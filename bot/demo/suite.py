"""`pdn-bot test`: ruff and mypy, then the whole test suite on SQLite and again on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASES = ("sqlite", "postgresql")
# The cache folder of a test run (tests/conftest.py): the runs on both databases share one.
TEST_CACHE_ENV = "PDN_BOT_TESTS_CACHE"


def run_suite(database: str, pytest_args: list[str]) -> int:
    """Exit status 0 only when the lint, the type check and every run passed; every run goes
    to the end."""
    status = subprocess.call([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT)
    print("\n=== Types (mypy, strict, bot/) ===", flush=True)
    status = subprocess.call([sys.executable, "-m", "mypy"], cwd=ROOT) or status
    # The suite starts the bot about a hundred times: compiled once here, even where the
    # environment says not to write bytecode (PYTHONDONTWRITEBYTECODE), it loads faster.
    subprocess.call([sys.executable, "-m", "compileall", "-q", "bot"], cwd=ROOT)
    with tempfile.TemporaryDirectory(prefix="pdn-bot-tests-cache-") as cache:
        env = {**os.environ, TEST_CACHE_ENV: cache}
        for kind in DATABASES if database == "both" else (database,):
            print(f"\n=== Tests sur {kind} ===", flush=True)
            command = [
                sys.executable,
                "-m",
                "pytest",
                f"--database={kind}",
                *_parallel(),
                *pytest_args,
            ]
            status = subprocess.call(command, cwd=ROOT, env=env) or status
    return status


def _parallel() -> list[str]:
    """One worker per processor and one more (at most 4: integration tests spend much of their
    time waiting for the homeserver), each test module on one worker (a module's tests share
    its homeserver network), handed out in the order of collection: the longest first
    (tests/conftest.py)."""
    workers = min(4, (os.cpu_count() or 1) + 1)
    return ["-n", str(workers), "--dist", "loadfile", "--no-loadscope-reorder"]
