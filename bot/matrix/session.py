"""Logging in once and restoring that login (device, token, crypto store) on every later start."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from nio import AsyncClient, AsyncClientConfig, LoginError, WhoamiError
from sqlmodel import Session

from bot.matrix.backoff import NETWORK_ERRORS, Backoff
from bot.matrix.store_key import rekey, store_key
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import MatrixSession

log = logging.getLogger(__name__)


class LoginFailedError(Exception):
    """The homeserver refused the bot's credentials."""


def client_config(pickle_key: str) -> AsyncClientConfig:
    # Retries are ours (outbox, sync loop: backoff with jitter, retry_after_ms): nio must not loop.
    return AsyncClientConfig(
        pickle_key=pickle_key,
        encryption_enabled=True,
        store_sync_tokens=False,
        max_limit_exceeded=0,
        max_timeouts=0,
        request_timeout=45,
    )


def crypto_store_file(settings: Settings, device_id: str) -> Path:
    return settings.crypto_dir / f"{settings.bot.user_id}_{device_id}.db"


async def open_client(settings: Settings, db: Database) -> AsyncClient:
    """A logged-in client whose crypto store is loaded; logs in with the password only once."""
    settings.crypto_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    user_id = settings.bot.user_id
    key = await asyncio.to_thread(store_key, settings.bot.store_key, settings.crypto_dir)
    client = AsyncClient(
        settings.homeserver.url,
        user_id,
        store_path=str(settings.crypto_dir),
        config=client_config(key),
    )
    try:
        return await _log_in(client, settings, db, key)
    except BaseException:
        await client.close()
        raise


async def _log_in(client: AsyncClient, settings: Settings, db: Database, key: str) -> AsyncClient:
    user_id = settings.bot.user_id
    stored = await db.run(lambda s: s.get(MatrixSession, user_id))
    token = settings.bot.access_token or (stored.access_token if stored else "")
    if token:
        client.access_token = token
        who = await client.whoami()
        if not isinstance(who, WhoamiError) and who.device_id:
            seen_before = stored is not None and stored.device_id == who.device_id
            await asyncio.to_thread(
                rekey, user_id, who.device_id, settings.crypto_dir, key
            )  # a store of an earlier version, written with matrix-nio's default passphrase
            _restore(client, settings, who.device_id, token, seen_before)
            await db.run(lambda s: _save(s, user_id, who.device_id, token))
            return client
        if getattr(who, "status_code", "") != "M_UNKNOWN_TOKEN":
            # A proxy error while the server restarts is no reason to create a new device.
            raise ConnectionError(f"whoami : {who}")
        if settings.bot.access_token:
            raise LoginFailedError(f"jeton d'accès refusé : {who.message}")
        log.warning("Session enregistrée refusée (%s) : nouvelle connexion.", who.message)
        client.access_token = ""

    response = await client.login(settings.bot.password, device_name=settings.bot.device_name)
    if isinstance(response, LoginError):
        raise LoginFailedError(f"connexion refusée : {response.message}")
    await db.run(lambda s: _save(s, user_id, response.device_id, response.access_token))
    log.info("Connecté comme %s, nouvel appareil %s.", user_id, response.device_id)
    return client


def _save(session: Session, user_id: str, device_id: str, access_token: str) -> None:
    row = session.get(MatrixSession, user_id) or MatrixSession(
        user_id=user_id, device_id=device_id, access_token=access_token
    )
    row.device_id, row.access_token = device_id, access_token
    session.add(row)


def _restore(
    client: AsyncClient, settings: Settings, device_id: str, token: str, seen_before: bool
) -> None:
    if seen_before and not crypto_store_file(settings, device_id).exists():
        log.warning(
            "Magasin de chiffrement introuvable (%s) : les salons chiffrés ne pourront pas être "
            "lus tant qu'il n'est pas restauré ; les salons non chiffrés fonctionnent.",
            crypto_store_file(settings, device_id),
        )
    client.restore_login(settings.bot.user_id, device_id, token)
    log.info("Session restaurée : %s, appareil %s.", settings.bot.user_id, device_id)


async def open_client_patiently(
    settings: Settings, db: Database, stop: asyncio.Event
) -> AsyncClient | None:
    """Log in, waiting out an unreachable homeserver; None if asked to stop meanwhile."""
    backoff = Backoff(cap=settings.matrix.backoff_max_seconds)
    while not stop.is_set():
        try:
            return await open_client(settings, db)
        except NETWORK_ERRORS as exc:
            delay = backoff.next_delay()
            log.warning("Serveur injoignable (%r) : nouvel essai dans %.1f s.", exc, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
    return None
