"""The data the bot ships with: its knowledge base and its database migrations.

The repository keeps them at its top (`knowledge/`, `migrations/`); a built package carries
them inside `bot/_shipped/` (pyproject.toml maps them there). Both are read through
`importlib.resources`, so that an installed bot finds them wherever it is installed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped(name: str) -> Path:
    """The folder `name` ("knowledge" or "migrations"): the installed package's copy, else the
    repository's (a development checkout, installed editable or not at all)."""
    packaged = files("bot") / "_shipped" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / name
