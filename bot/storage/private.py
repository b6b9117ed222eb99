"""The bot's files are readable by the bot's user only: its data directory 0700, every file in
it 0600 (database, its journal, the crypto store and its key), whatever the umask of whoever
starts the command. Applied at the start of every command that opens them."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077


def keep_private(data_dir: Path, database_url: str, config: Path | None = None) -> None:
    """Create or tighten `data_dir` and what it holds, and an SQLite database kept elsewhere;
    from now on, whatever this process creates is private too. Warns when `config`, which may
    hold the bot's password, can be read by others."""
    os.umask(PRIVATE_UMASK)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _tighten(data_dir)
    if database_url.startswith("sqlite:///"):
        database = Path(database_url.removeprefix("sqlite:///"))
        for path in (database, *(Path(f"{database}{end}") for end in ("-wal", "-shm", "-journal"))):
            _chmod(path, 0o600)
    if config is not None and config.exists() and config.stat().st_mode & stat.S_IROTH:
        log.warning(
            "%s est lisible par tous les comptes de la machine : s'il contient le mot de passe "
            "du bot, faites chmod 640 (ou passez le secret par l'environnement).",
            config,
        )


def _tighten(directory: Path) -> None:
    _chmod(directory, 0o700)
    for root, folders, names in os.walk(directory):
        for folder in folders:
            _chmod(Path(root) / folder, 0o700)
        for name in names:
            _chmod(Path(root) / name, 0o600)


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.is_symlink() or not path.exists():
            return
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError as exc:  # not ours (a shared mount): say so, do not stop
        log.warning("Droits de %s non restreints : %s", path, exc)
