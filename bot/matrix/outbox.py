"""The outbox: every outgoing message is a row first, and leaves it only once the server has it.

Each row carries its own transaction id, so a message retried after a timeout or a crash is
de-duplicated by the homeserver instead of being posted twice.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass

from nio import AsyncClient, ErrorResponse, LocalProtocolError, RoomSendResponse
from sqlmodel import Session, col, func, select

from bot.matrix.backoff import Backoff
from bot.storage.database import Database
from bot.storage.models import OutboxMessage, utcnow

log = logging.getLogger(__name__)

# Errors after which the same request can never succeed: dropping the message is logged.
PERMANENT_ERRORS = {
    "M_FORBIDDEN",
    "M_NOT_FOUND",
    "M_UNKNOWN",
    "M_BAD_JSON",
    "M_NOT_JSON",
    "M_TOO_LARGE",
    "M_INVALID_PARAM",
}


@dataclass(frozen=True)
class Outgoing:
    """A message a handler wants sent."""

    room_id: str
    content: dict[str, object]
    event_type: str = "m.room.message"


def enqueue(session: Session, messages: list[Outgoing]) -> None:
    """Add messages to the outbox inside the caller's transaction."""
    for message in messages:
        session.add(
            OutboxMessage(
                room_id=message.room_id,
                event_type=message.event_type,
                content=message.content,
                txn_id=f"pdn-{uuid.uuid4().hex}",
            )
        )


def pending_count(session: Session) -> int:
    query = (
        select(func.count())
        .select_from(OutboxMessage)
        .where(col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None))
    )
    return int(session.exec(query).one())


def _pending(session: Session, limit: int = 50) -> list[OutboxMessage]:
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None))
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    return list(session.exec(query).all())


class OutboxSender:
    """Sends outbox rows in order, honouring rate limits and backing off on network errors."""

    def __init__(self, client: AsyncClient, db: Database, backoff_cap: float = 60.0) -> None:
        self._client = client
        self._db = db
        self._wake = asyncio.Event()
        self._backoff = Backoff(cap=backoff_cap)

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        while True:
            self._wake.clear()
            rows = await self._db.run(_pending)
            for row in rows:
                await self._deliver(row)
            if not rows:
                await self._wake.wait()

    async def _deliver(self, row: OutboxMessage) -> None:
        """Try until the row is sent or refused for good; only waits, never gives up on a fault."""
        while True:
            outcome = await self._attempt(row)
            if outcome is None:
                self._backoff.reset()
                return
            await asyncio.sleep(outcome)

    async def _attempt(self, row: OutboxMessage) -> float | None:
        """One send; returns how long to wait before the next try, or None when the row is done."""
        try:
            response = await self._client.room_send(
                row.room_id,
                row.event_type,
                row.content,
                tx_id=row.txn_id,
                ignore_unverified_devices=True,
            )
        except LocalProtocolError as exc:
            # The client has no such room (left, kicked) or cannot encrypt for it at all.
            await self._finish(row, error=str(exc))
            return None
        except (OSError, TimeoutError) as exc:
            log.warning("Envoi vers %s impossible (%s), nouvel essai.", row.room_id, exc)
            await self._count_attempt(row, str(exc))
            return self._backoff.next_delay()
        except Exception as exc:  # nio raises a few odd types on a broken connection
            log.warning("Envoi vers %s en échec (%r), nouvel essai.", row.room_id, exc)
            await self._count_attempt(row, repr(exc))
            return self._backoff.next_delay()
        if isinstance(response, RoomSendResponse):
            await self._finish(row, event_id=response.event_id)
            return None
        assert isinstance(response, ErrorResponse)
        if response.status_code == "M_LIMIT_EXCEEDED" or response.retry_after_ms:
            wait = (response.retry_after_ms or 1000) / 1000
            log.info("Limite de débit atteinte : envoi repris dans %.1f s.", wait)
            return wait
        if response.status_code in PERMANENT_ERRORS:
            log.error("Message refusé par le serveur pour %s : %s", row.room_id, response)
            await self._finish(row, error=f"{response.status_code}: {response.message}")
            return None
        log.warning("Envoi vers %s : erreur %s, nouvel essai.", row.room_id, response)
        await self._count_attempt(row, f"{response.status_code}: {response.message}")
        return self._backoff.next_delay()

    async def _count_attempt(self, row: OutboxMessage, error: str) -> None:
        def update(session: Session) -> None:
            stored = session.get(OutboxMessage, row.id)
            if stored is not None:
                stored.attempts += 1
                stored.last_error = error[:500]

        await self._db.run(update)

    async def _finish(
        self, row: OutboxMessage, event_id: str | None = None, error: str = ""
    ) -> None:
        def update(session: Session) -> None:
            stored = session.get(OutboxMessage, row.id)
            if stored is None:
                return
            stored.attempts += 1
            if event_id:
                stored.sent_at, stored.event_id = utcnow(), event_id
            else:
                stored.failed_at, stored.last_error = utcnow(), error[:500]

        await self._db.run(update)
