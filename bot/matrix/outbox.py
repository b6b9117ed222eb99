"""The outbox: every outgoing message is a row first, and leaves it only once the server has it.

Each row carries its own transaction id, so a message retried after a timeout or a crash is
de-duplicated by the homeserver instead of being posted twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from nio import AsyncClient, ErrorResponse, LocalProtocolError, RoomSendResponse
from sqlmodel import Session, col, func, select

from bot.matrix.backoff import NETWORK_ERRORS, Backoff
from bot.matrix.counters import COUNTS
from bot.matrix.ids import RoomId
from bot.storage.database import STORAGE_ERRORS, Database
from bot.storage.models import OutboxMessage, ServiceNote, utcnow

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

    room_id: RoomId
    content: dict[str, object]
    event_type: str = "m.room.message"


# In a relation, the event id of a message the bot has yet to send, by its transaction id: the
# outbox fills in the real id once that message is sent (it goes first: one room, in order).
SENT_AS = "txn:"


def reaction_to_sent(room_id: RoomId, txn: str, key: str) -> Outgoing:
    """The bot's own reaction `key` under the message it sends with transaction id `txn`,
    queued before it in the same room."""
    relation = {"rel_type": "m.annotation", "event_id": SENT_AS + txn, "key": key}
    return Outgoing(room_id, {"m.relates_to": relation}, "m.reaction")


@dataclass(frozen=True)
class QueuedMessage:
    """An outgoing message with the transaction id that makes every retry of it idempotent."""

    txn_id: str
    room_id: str
    event_type: str
    content: dict[str, object]


def queue_messages(messages: list[Outgoing], cause: str) -> list[QueuedMessage]:
    """Messages with transaction ids derived from `cause` (the event or job that produced them).

    The same cause always gives the same ids: if the bot crashes after sending but before
    recording, the replayed event's reply is recognised by the homeserver instead of posted twice.
    """
    return [
        QueuedMessage(txn_id(cause, index), m.room_id, m.event_type, m.content)
        for index, m in enumerate(messages)
    ]


def txn_id(cause: str, index: int) -> str:
    """The transaction id of the `index`-th message caused by `cause`."""
    return f"pdn-{hashlib.sha256(cause.encode()).hexdigest()[:32]}-{index}"


def store(session: Session, messages: list[QueuedMessage]) -> None:
    """Add messages to the outbox inside the caller's transaction (one already there is kept as
    it is: a cause produces its messages once)."""
    ids = [m.txn_id for m in messages]
    known = (
        set(session.exec(select(OutboxMessage.txn_id).where(col(OutboxMessage.txn_id).in_(ids))))
        if ids
        else set()
    )
    session.add_all(
        OutboxMessage(
            txn_id=m.txn_id, room_id=m.room_id, event_type=m.event_type, content=m.content
        )
        for m in messages
        if m.txn_id not in known
    )


def pending_count(session: Session) -> int:
    query = (
        select(func.count())
        .select_from(OutboxMessage)
        .where(col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None))
    )
    return int(session.exec(query).one())


def _pending(session: Session) -> list[QueuedMessage]:
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None))
        .order_by(col(OutboxMessage.id))
    )
    return [
        QueuedMessage(row.txn_id, row.room_id, row.event_type, row.content)
        for row in session.exec(query)
    ]


PARALLEL_ROOMS = 8


class OutboxSender:
    """Sends queued messages, honouring rate limits and backing off on network errors.

    Messages to one room go out one at a time, in order; up to `PARALLEL_ROOMS` rooms are served
    at once, so that many conversations do not wait behind each other. New messages are handed
    over in memory as soon as they are queued (their transaction ids make sending before the
    outbox row is committed safe); messages left by an earlier run are read from the database
    when sending starts.
    """

    def __init__(self, client: AsyncClient, db: Database, backoff_cap: float = 60.0) -> None:
        self._client = client
        self._db = db
        self._queue: list[QueuedMessage] = []
        self._queued: set[str] = set()
        self._arrived = asyncio.Event()
        self._idle = asyncio.Event()  # nothing handed over is still to be sent
        self._idle.set()
        self._busy: set[str] = set()  # rooms with a message on its way
        self._backoff = Backoff(cap=backoff_cap)
        self._noted_rate_limit = 0.0  # when the throttling was last noted in the database

    def submit(self, messages: list[QueuedMessage], first: bool = False) -> None:
        """Queue messages for sending, each once; `first` puts them ahead (older backlog)."""
        fresh = [m for m in messages if m.txn_id not in self._queued]
        self._queued.update(m.txn_id for m in fresh)
        self._queue = [*fresh, *self._queue] if first else [*self._queue, *fresh]
        if fresh:
            self._arrived.set()
            self._idle.clear()

    async def commit(
        self, cause: str, prepare: Callable[[Session], list[Outgoing] | None]
    ) -> list[QueuedMessage] | None:
        """The one way to send from a job or a follow-up: in one transaction, `prepare` makes
        its changes and returns the messages they call for (None: nothing to do); the messages
        are stored with ids derived from `cause` in that same transaction, and sent once it is
        committed, never before. Returns what was queued (None when `prepare` declined)."""

        def transaction(session: Session) -> list[QueuedMessage] | None:
            messages = prepare(session)
            if messages is None:
                return None
            queued = queue_messages(messages, cause)
            store(session, queued)
            return queued

        queued = await self._db.run(transaction)
        if queued:
            self.submit(queued)
        return queued

    async def sent_all(self) -> None:
        """Return once every message handed over so far has been sent (or refused for good)."""
        await self._idle.wait()

    async def pending_count(self) -> int:
        """How many messages are still to be sent (`!etat`)."""
        return await self._db.run(pending_count)

    def drop_room(self, room_id: str) -> None:
        """Forget what was still to be sent to a room the bot is no longer in."""
        dropped = {m.txn_id for m in self._queue if m.room_id == room_id}
        self._queue = [m for m in self._queue if m.txn_id not in dropped]
        self._queued -= dropped
        if not self._queue and not self._busy:
            self._idle.set()

    async def run(self) -> None:
        self.submit(await self._db.run(_pending), first=True)
        workers = [asyncio.create_task(self._work()) for _ in range(PARALLEL_ROOMS)]
        try:
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    def _take(self) -> QueuedMessage | None:
        """The oldest message for a room no other worker is sending to."""
        for index, message in enumerate(self._queue):
            if message.room_id not in self._busy:
                del self._queue[index]
                self._busy.add(message.room_id)
                return message
        return None

    async def _work(self) -> None:
        while True:
            message = self._take()
            if message is None:
                self._arrived.clear()
                await self._arrived.wait()
                continue
            try:
                await self._deliver(message)
            finally:
                self._busy.discard(message.room_id)
                self._queued.discard(message.txn_id)
                self._arrived.set()  # the room is free for its next message
                if not self._queue and not self._busy:
                    self._idle.set()

    async def _deliver(self, message: QueuedMessage) -> None:
        """Try until the message is sent or refused for good; waits, never gives up on a fault."""
        while True:
            outcome = await self._attempt(message)
            if outcome is None:
                self._backoff.reset()
                return
            await asyncio.sleep(outcome)

    async def _attempt(self, message: QueuedMessage) -> float | None:
        """One send; returns how long to wait before the next try, or None when it is done."""
        content = await self._resolved(message)
        if content is None:
            return None
        try:
            response = await self._client.room_send(
                message.room_id,
                message.event_type,
                content,
                tx_id=message.txn_id,
                ignore_unverified_devices=True,
            )
        except LocalProtocolError as exc:
            # The client has no such room (left, kicked) or cannot encrypt for it at all.
            await self._record(message.txn_id, error=str(exc), done=True)
            return None
        except NETWORK_ERRORS as exc:
            log.warning("Envoi vers %s impossible (%r), nouvel essai.", message.room_id, exc)
            await self._record(message.txn_id, error=repr(exc))
            return self._backoff.next_delay()
        except Exception as exc:  # e.g. nio's SendRetryError; a message is never dropped silently
            log.exception("Envoi vers %s en échec, nouvel essai.", message.room_id)
            await self._record(message.txn_id, error=repr(exc))
            return self._backoff.next_delay()
        if isinstance(response, RoomSendResponse):
            await self._record(message.txn_id, event_id=response.event_id, done=True)
            COUNTS.replies_sent += 1
            return None
        assert isinstance(response, ErrorResponse)
        error = f"{response.status_code}: {response.message}"
        if response.status_code == "M_LIMIT_EXCEEDED" or response.retry_after_ms:
            wait = (response.retry_after_ms or 1000) / 1000
            await self._rate_limited(wait)
            return wait
        if response.status_code in PERMANENT_ERRORS:
            log.error("Message refusé par le serveur pour %s : %s", message.room_id, error)
            await self._record(message.txn_id, error=error, done=True)
            return None
        log.warning("Envoi vers %s : erreur %s, nouvel essai.", message.room_id, error)
        await self._record(message.txn_id, error=error)
        return self._backoff.next_delay()

    async def _rate_limited(self, wait: float) -> None:
        """Count it; the first time, say what throttles the bot and how the server's
        administrator lifts it; note it (at most once a minute) for `pdn-bot health`."""
        COUNTS.rate_limited_sends += 1
        if COUNTS.rate_limited_sends == 1:
            log.warning(
                "Le serveur Matrix limite le débit des messages du bot (M_LIMIT_EXCEEDED) : les "
                "envois attendent. Pour un bot, l'administrateur du serveur lève la limite par "
                "l'API d'administration de Synapse : POST /_synapse/admin/v1/users/%s/"
                'override_ratelimit avec {"messages_per_second": 0, "burst_count": 0}.',
                self._client.user_id,
            )
        log.info("Limite de débit atteinte : envoi repris dans %.1f s.", wait)
        now = time.time()
        if now - self._noted_rate_limit >= 60:
            self._noted_rate_limit = now
            await self._db.run(note_rate_limited)

    async def _resolved(self, message: QueuedMessage) -> dict[str, object] | None:
        """The content to send, with the event id a relation names by `SENT_AS` filled in; None
        (and the message recorded as dropped) if that message was never sent."""
        relation = message.content.get("m.relates_to")
        if not isinstance(relation, dict):
            return message.content
        target = relation.get("event_id")
        if not isinstance(target, str) or not target.startswith(SENT_AS):
            return message.content
        txn = target.removeprefix(SENT_AS)
        event_id = await self._db.run(
            lambda s: s.exec(
                select(OutboxMessage.event_id).where(col(OutboxMessage.txn_id) == txn)
            ).first()
        )
        if event_id is None:
            await self._record(message.txn_id, error=f"{txn} jamais envoyé", done=True)
            return None
        return {**message.content, "m.relates_to": {**relation, "event_id": event_id}}

    async def _record(
        self, txn_id: str, event_id: str | None = None, error: str = "", done: bool = False
    ) -> None:
        """Note an attempt; `done` with an event id means sent, without one refused for good."""

        def update(session: Session) -> None:
            row = session.exec(select(OutboxMessage).where(OutboxMessage.txn_id == txn_id)).first()
            if row is None:
                return
            row.attempts += 1
            if event_id:
                row.sent_at, row.event_id = utcnow(), event_id
            elif done:
                row.failed_at = utcnow()
            if event_id or done:  # the text now lives on the homeserver only, or nowhere
                row.content = {}
            if error:
                row.last_error = error[:500]

        try:
            await self._db.run(update)
        except STORAGE_ERRORS as exc:
            # Not noted: after a restart it is sent again under the same transaction id, which
            # the homeserver recognises.
            log.error("Envoi de %s non noté en base : %r", txn_id, exc)


RATE_LIMITED = "rate_limited"


def note_rate_limited(session: Session) -> None:
    session.merge(ServiceNote(name=RATE_LIMITED, at=utcnow()))
