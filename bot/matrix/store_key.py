"""The passphrase of the bot's crypto store (its device keys and the room keys it has received):
from the configuration or the environment, else a random one the bot writes beside the store on
its first start (0600). A store written with matrix-nio's default passphrase, as before this
version, is written again with it the first time."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from nio.store import DefaultStore

log = logging.getLogger(__name__)

KEY_FILE = "store.key"
NIO_DEFAULT_KEY = "DEFAULT_KEY"


def store_key(configured: str, crypto_dir: Path) -> str:
    """`configured` if set; else the key kept in `crypto_dir`, made on first use."""
    if configured:
        return configured
    path = crypto_dir / KEY_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    crypto_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_urlsafe(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key + "\n")
    log.info("Clé du magasin de chiffrement créée : %s", path)
    return key


def rekey(user_id: str, device_id: str, crypto_dir: Path, key: str) -> None:
    """Make the store of `device_id` readable with `key`: if it was written with matrix-nio's
    default passphrase, write its account and sessions again with `key` (blocking: run it in a
    thread). Raises ValueError when neither passphrase opens it."""
    store_file = crypto_dir / f"{user_id}_{device_id}.db"
    if not store_file.exists() or key == NIO_DEFAULT_KEY:
        return
    store = DefaultStore(user_id, device_id, str(crypto_dir), pickle_key=key)
    try:
        store.load_account()
        return  # already ours (or no account yet)
    except Exception:  # olm says "wrong key" with exception types of its own
        pass
    old = DefaultStore(user_id, device_id, str(crypto_dir), pickle_key=NIO_DEFAULT_KEY)
    try:
        account = old.load_account()
    except Exception as exc:
        raise ValueError(
            f"{store_file} : ni la clé configurée ni celle par défaut ne l'ouvrent ({exc!r})"
        ) from None
    if account is None:
        return
    sessions = old.load_sessions()
    groups = old.load_inbound_group_sessions()
    store.save_account(account)
    for sender_key, held in sessions.items():
        for session in held:
            store.save_session(sender_key, session)
    for group in groups:
        store.save_inbound_group_session(group)
    log.warning("Magasin de chiffrement %s réécrit avec sa nouvelle clé.", store_file)
