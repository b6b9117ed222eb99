"""`pdn-bot test`: ruff and mypy, then the whole test suite on SQLite and again on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASES = ("sqlite", "postgresql")


def run_suite(database: str, pytest_args: list[str]) -> int:
    """Exit status 0 only when the lint, the type check and every run passed; every run goes
    to the end."""
    status = subprocess.call([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT)
    print("\n=== Types (mypy, strict, bot/) ===", flush=True)
    status = subprocess.call([sys.executable, "-m", "mypy"], cwd=ROOT) or status
    for kind in DATABASES if database == "both" else (database,):
        print(f"\n=== Tests sur {kind} ===", flush=True)
        command = [sys.executable, "-m", "pytest", f"--database={kind}", *_parallel(), *pytest_args]
        status = subprocess.call(command, cwd=ROOT) or status
    return status


def _parallel() -> list[str]:
    """One worker per processor and one more (at most 4: integration tests spend much of their
    time waiting for the homeserver), each test module on one worker: a module's tests share
    its homeserver network."""
    workers = min(4, (os.cpu_count() or 1) + 1)
    return ["-n", str(workers), "--dist", "loadfile"]
