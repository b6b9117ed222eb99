"""Where the bot's memory goes: resident memory of a fresh interpreter after importing, step by
step, what the bot is made of, beside matrix-reminder-bot's own imports.

Each line is a new process (imports cannot be undone), so the figures add up honestly. Both are
measured in the environments `bench/compare_peer.py` installs: ours without development extras
(as a SQLite network installs it), the peer's from the package registry.

    .venv/bin/python bench/memory_floor.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from compare_peer import PEER_VENV, our_python  # bench/ is on the path of a script run here

MEASURE = (
    "import importlib, sys\n"
    "for name in sys.argv[1:]: importlib.import_module(name)\n"
    "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS')))"
)
STEPS: list[tuple[str, list[str]]] = [
    ("interpréteur seul", []),
    ("+ matrix-nio (chiffrement compris)", ["nio"]),
    ("+ SQLModel / SQLAlchemy / pydantic", ["nio", "sqlmodel"]),
    (
        "+ APScheduler, rapidfuzz",
        ["nio", "sqlmodel", "apscheduler.schedulers.asyncio", "rapidfuzz"],
    ),
    ("+ tout le bot (bot.app)", ["bot.app"]),
    ("(Alembic, importé seulement pour migrer)", ["bot.app", "alembic.command"]),
]


def resident_mb(python: Path | str, modules: list[str]) -> float:
    done = subprocess.run(
        [str(python), "-c", MEASURE, *modules], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def main() -> int:
    python = our_python()
    print("Mémoire résidente après import (un processus neuf par ligne) :")
    for label, modules in STEPS:
        print(f"  pdn-bot  {label:<44} {resident_mb(python, modules):6.1f} Mo")
    peer_python = PEER_VENV / "bin" / "python"
    if peer_python.exists():
        for label, modules in (
            ("interpréteur seul", []),
            ("+ matrix-nio", ["nio"]),
            ("+ tout le pair (matrix_reminder_bot.main)", ["matrix_reminder_bot.main"]),
        ):
            print(f"  pair     {label:<44} {resident_mb(peer_python, modules):6.1f} Mo")
    else:
        print("  (pair absent : lancez d'abord bench/compare_peer.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
