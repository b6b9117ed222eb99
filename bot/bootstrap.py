"""Creates `.venv` and installs the project into it, using only the standard library.

This lets a fresh machine go from a clone to a running demo or test suite with one command.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".pdn-bot-installed"
DEV_COMMANDS = {"demo", "test"}


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def _installed_elsewhere() -> bool:
    return all(importlib.util.find_spec(name) for name in ("nio", "sqlmodel", "alembic"))


def _install(python: Path) -> None:
    """pip, quietly: its output goes to .venv/install.log and is shown only if it fails."""
    log_path = VENV / "install.log"
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    with log_path.open("w") as log:
        for args in (["install", "--upgrade", "pip"], ["install", "-e", f"{ROOT}[dev]"]):
            if subprocess.run([*pip, *args], stdout=log, stderr=subprocess.STDOUT).returncode:
                sys.stderr.write(log_path.read_text())
                sys.exit(f"L'installation a échoué (journal complet : {log_path}).")


def ensure_environment() -> None:
    """Re-run this command inside `.venv`, creating or updating it first when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036  (this file runs before the venv exists)
        sys.exit("pdn-bot demande Python 3.11 ou plus récent.")
    if _in_project_venv() or os.environ.get("PDN_BOT_NO_BOOTSTRAP"):
        return
    wanted_dev = bool(set(sys.argv[1:2]) & DEV_COMMANDS)
    if not wanted_dev and _installed_elsewhere():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        print("Création de l'environnement virtuel .venv …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not STAMP.exists() or STAMP.read_text() != _wanted_stamp():
        print("Installation des dépendances (une minute environ la première fois) …", flush=True)
        _install(python)
        STAMP.write_text(_wanted_stamp())
    os.execv(python, [str(python), "-m", "bot", *sys.argv[1:]])
