"""The sync loop: reads the event stream, hands messages to the bot, and records progress.

Progress is saved only after every event of a sync batch has been handled (its replies safely in
the outbox), so a crash replays the batch; the handled-event table makes the replay answer nothing
twice. On the very first start the history is skipped: the bot answers what comes after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial

from nio import (
    AsyncClient,
    EncryptionError,
    Event,
    LocalProtocolError,
    MatrixRoom,
    MegolmEvent,
    ReactionEvent,
    RedactionEvent,
    RoomMessagesResponse,
    RoomMessageText,
    SyncError,
    SyncResponse,
)
from sqlmodel import Session, col, delete, select

from bot.matrix.backoff import NETWORK_ERRORS, Backoff
from bot.matrix.content import as_reply, notice
from bot.matrix.counters import COUNTS
from bot.matrix.direct import DirectRooms
from bot.matrix.encryption import manage_keys
from bot.matrix.events import IncomingMessage, Response
from bot.matrix.ids import EventId, RoomId
from bot.matrix.invites import LateDeclines, answer_invite, own_join
from bot.matrix.outbox import OutboxSender, Outgoing
from bot.matrix.shapes import edit_of, mapping, mentioned, reply_of, thread_of
from bot.matrix.working import Working
from bot.settings import Settings
from bot.storage.database import STORAGE_ERRORS, Database, Write
from bot.storage.models import HandledEvent, OutboxMessage, PendingEncryptedEvent, SyncState, utcnow

log = logging.getLogger(__name__)

MessageHandler = Callable[[IncomingMessage], Awaitable[Response]]


# How far back a limited timeline is filled in: 20 pages of 100 events.
GAP_PAGES = 20


SYNC_FILTER = {
    "room": {"timeline": {"limit": 100}, "state": {"lazy_load_members": False}},
    "presence": {"types": []},
}


@dataclass
class _Pending:
    event: MegolmEvent
    room_id: str
    first_seen: float


class SyncLoop:
    """Drives one bot account's sync stream until cancelled."""

    def __init__(
        self,
        client: AsyncClient,
        db: Database,
        settings: Settings,
        outbox: OutboxSender,
        on_message: MessageHandler,
        undecryptable_text: str,
        storage_text: str = "",
        error_text: Callable[[str], str] = lambda reference: reference,
        direct_rooms: DirectRooms | None = None,
        working: Working | None = None,
    ) -> None:
        self._client = client
        self._db = db
        self._settings = settings
        self._outbox = outbox
        self._on_message = on_message
        self._undecryptable_text = undecryptable_text
        self._direct_rooms = direct_rooms
        self._backoff = Backoff(cap=settings.matrix.backoff_max_seconds)
        self._declines = LateDeclines(client)
        self._working = working or Working(client)
        self._pending: dict[str, _Pending] = {}
        self._flushing = asyncio.Lock()
        self._replaying = True
        self._storage_down = False
        self._storage_text = storage_text
        self._error_text = error_text
        self.ready = asyncio.Event()

    @property
    def user_id(self) -> str:
        return self._settings.bot.user_id

    async def run(self) -> None:
        token = await self._db.run(lambda s: _load_token(s, self.user_id))
        await self._load_pending()
        first = True
        while True:
            response = await self._sync_once(token, full_state=first)
            if response is None:
                continue
            try:
                await self._handle(response, since=token)
            except NETWORK_ERRORS as exc:
                # The position is not saved: the batch comes again, and what was already
                # answered in it is recognised.
                self._replaying = True
                await self._wait_after_error(f"réseau : {exc!r}")
                continue
            except STORAGE_ERRORS as exc:
                # Nothing of the batch is kept as handled: it comes again once the database can
                # be written, and what was already answered is recognised.
                self._replaying = True
                await self._storage_failed(response, exc)
                continue
            self._replaying = False
            if self._storage_down:
                self._storage_down = False
                log.warning("La base de données est de nouveau accessible en écriture.")
            token = response.next_batch
            try:
                await self._db.run(partial(_save_token, user_id=self.user_id, token=str(token)))
            except STORAGE_ERRORS as exc:  # handled events are recorded: a replay skips them
                log.error("Position de synchronisation non enregistrée : %r", exc)
            await manage_keys(self._client)
            if first:
                first = False
                self.ready.set()
                log.info("Bot prêt.")

    async def _sync_once(self, token: str | None, full_state: bool) -> SyncResponse | None:
        timeout_ms = 0 if full_state else int(self._settings.matrix.sync_timeout_seconds * 1000)
        try:
            response = await self._client.sync(
                timeout=timeout_ms, since=token, full_state=full_state, sync_filter=SYNC_FILTER
            )
        except NETWORK_ERRORS as exc:
            await self._wait_after_error(f"réseau : {exc!r}")
            return None
        if isinstance(response, SyncError):
            if response.status_code == "M_UNKNOWN_TOKEN":
                raise RuntimeError("Le serveur a révoqué la session du bot (M_UNKNOWN_TOKEN).")
            if response.retry_after_ms:
                await asyncio.sleep(response.retry_after_ms / 1000)
            else:
                await self._wait_after_error(f"{response.status_code} {response.message}")
            return None
        self._backoff.reset()
        return response

    async def _storage_failed(self, response: SyncResponse, exc: Exception) -> None:
        """Tell the rooms with new messages, once per outage, that nothing can be saved now;
        then wait before trying the batch again."""
        delay = self._backoff.next_delay()
        log.error("Base de données non modifiable (%r) : nouvel essai dans %.1f s.", exc, delay)
        if not self._storage_down:
            self._storage_down = True
            rooms = [
                room_id
                for room_id, info in response.rooms.join.items()
                if any(
                    getattr(e, "sender", self.user_id) != self.user_id for e in info.timeline.events
                )
            ]
            for room_id in rooms:
                with contextlib.suppress(Exception):  # best effort: the outbox needs the database
                    await self._client.room_send(
                        room_id, "m.room.message", notice(self._storage_text),
                        ignore_unverified_devices=True,
                    )  # fmt: skip
        await asyncio.sleep(delay)

    async def _wait_after_error(self, reason: str) -> None:
        delay = self._backoff.next_delay()
        log.warning("Synchronisation impossible (%s) : nouvel essai dans %.1f s.", reason, delay)
        await asyncio.sleep(delay)

    async def _handle(self, response: SyncResponse, since: str | None) -> None:
        for room_id, info in response.rooms.invite.items():
            inviter = await answer_invite(
                self._client, self._settings, room_id, info.invite_state, self._declines
            )
            if inviter is not None and self._direct_rooms is not None:
                await self._direct_rooms.record(room_id, inviter)
        for room_id in response.rooms.leave:
            await self._forget(room_id)
        await self.flush_pending()
        if since is None:
            return  # the very first start: the history is not ours to answer
        for room_id, info in response.rooms.join.items():
            room = self._client.rooms.get(room_id)
            if room is None:
                continue
            events = list(info.timeline.events)
            joined = own_join(events, self.user_id)
            if joined is not None:
                events = events[joined + 1 :]  # what came before the bot was there is not its own
            elif info.timeline.limited:
                events = await self._gap(room_id, info.timeline.prev_batch, since) + events
            for event in events:
                await self.handle_event(room, event)

    async def _gap(self, room_id: str, start: str, since: str) -> list[Event]:
        """The events a limited timeline left out since `since`, oldest first."""
        older: list[Event] = []
        for _ in range(GAP_PAGES):
            page = await self._client.room_messages(room_id, start=start, end=since, limit=100)
            if not isinstance(page, RoomMessagesResponse) or not page.chunk:
                break
            older.extend(page.chunk)
            if not page.end or page.end == start:
                break
            start = page.end
        else:
            log.warning(
                "Plus de %d pages manquées dans %s : les plus anciennes sont ignorées.",
                GAP_PAGES,
                room_id,
            )
        log.info("%d message(s) rattrapé(s) dans %s.", len(older), room_id)
        return older[::-1]

    async def handle_event(self, room: MatrixRoom, event: Event) -> None:
        """One event of a synced batch (the in-process test harness hands them here too).
        Whatever goes wrong with it is logged, answered if it can be, and the event is marked
        handled: no event can stop the loop or come back at every restart. Only an
        unreachable server or an unwritable database (the whole batch comes again) go up."""
        if event.sender == self.user_id:
            return
        if isinstance(event, MegolmEvent):
            await self._safely(room.room_id, event, self._hold_undecrypted(room.room_id, event))
        elif isinstance(event, RoomMessageText | ReactionEvent | RedactionEvent):
            await self._safely(room.room_id, event, self._dispatch(room, event))

    async def _safely(self, room_id: RoomId, event: Event, work: Awaitable[None]) -> None:
        """Run the handling of `event`; a failure of its own (bad data, a bug) is isolated."""
        try:
            await work
        except (*NETWORK_ERRORS, *STORAGE_ERRORS):
            raise
        except Exception:
            await self._failed(room_id, event, answer=isinstance(event, RoomMessageText))

    async def _failed(self, room_id: RoomId, event: Event, answer: bool) -> None:
        """Log a failure with a reference, say so to the sender, and mark the event handled."""
        reference = uuid.uuid4().hex[:8]
        COUNTS.errors += 1
        log.exception("Erreur %s en traitant %s : événement abandonné", reference, event.event_id)
        replies = []
        if answer:
            text = notice(self._error_text(reference))
            thread = thread_of(mapping(getattr(event, "source", None)).get("content"))
            reply = as_reply(text, event.event_id, event.sender, thread)
            replies.append(Outgoing(room_id, reply))
        try:
            await self._record(event.event_id, room_id, replies)
        except STORAGE_ERRORS:
            raise
        except Exception:  # it will be tried again with the batch, and fail the same way
            log.exception("Erreur %s : événement %s non noté", reference, event.event_id)

    async def _dispatch(
        self, room: MatrixRoom, event: RoomMessageText | ReactionEvent | RedactionEvent
    ) -> None:
        # Only the first batch after a start (or an event held for its key) can have been handled
        # already: later batches hold new events only, so they skip the look-up.
        may_be_handled = self._replaying or event.event_id in self._pending
        if may_be_handled and await self._db.run(
            lambda s: s.get(HandledEvent, event.event_id) is not None
        ):
            if event.event_id in self._pending:
                await self._record(event.event_id, room.room_id, [])
            return
        reply_to = withdraws = None
        content = mapping(event.source).get("content")
        if isinstance(event, ReactionEvent):
            replaces, reacts_to, body = None, event.reacts_to, event.key
        elif isinstance(event, RedactionEvent):
            replaces, reacts_to, body = None, None, ""
            withdraws = EventId(event.redacts) if isinstance(event.redacts, str) else None
            if withdraws is None:
                return
        else:
            (replaces, body), reacts_to = edit_of(content, event.body), None
            reply_to, body = reply_of(content, body)
        message = IncomingMessage(
            event_id=event.event_id,
            room_id=room.room_id,
            sender=event.sender,
            body=body,
            is_direct=(
                self._direct_rooms.is_with(room.room_id, event.sender)
                if self._direct_rooms is not None
                else room.member_count <= 2
            ),
            is_shared=room.member_count > 2,
            encrypted=room.encrypted,
            is_private=(
                self._direct_rooms is not None
                and self._direct_rooms.is_private(room.room_id, event.sender)
            ),
            replaces=replaces,
            reacts_to=reacts_to,
            withdraws=withdraws,
            reply_to=reply_to,
            thread=thread_of(content),
            mentions_bot=self.user_id in mentioned(content),
        )
        async with self._working.typing_if_slow(room.room_id):
            response = await self._on_message(message)
        await self._record(message.event_id, room.room_id, response.replies, response.writes)
        if response.replies:  # answered: the sender sees the bot has read it
            self._working.read(room.room_id, message.event_id)
        said: list[Outgoing] = []
        for follow_up in response.after:
            try:
                said += await follow_up() or []
            except Exception:  # the message is handled; what follows is only logged if it fails
                log.exception("Suite du message %s en échec", message.event_id)
        if said:
            await self._send_later(f"{message.event_id}/suite", said)

    async def _send_later(self, cause: str, messages: list[Outgoing]) -> None:
        """Queue messages that follow a handled event (each once, whatever replays)."""
        await self._outbox.commit(cause, lambda _session: messages)

    async def _record(
        self,
        event_id: str,
        room_id: str,
        replies: list[Outgoing],
        writes: Sequence[Write] = (),
    ) -> None:
        """Mark the event handled and put its replies in the outbox, with its writes, in one
        transaction; the replies go to the sender once it is committed, never before (a reply
        must not announce what a failed commit did not keep)."""
        was_pending = event_id in self._pending

        def write(session: Session) -> list[Outgoing]:
            if was_pending:
                session.execute(
                    delete(PendingEncryptedEvent).where(
                        col(PendingEncryptedEvent.event_id) == event_id
                    )
                )
            if session.get(HandledEvent, event_id) is None:
                session.add(HandledEvent(event_id=event_id, room_id=room_id))
                for change in writes:
                    change(session)
            return replies  # stored once: a replay finds them already there

        await self._outbox.commit(event_id, write)
        self._pending.pop(event_id, None)
        COUNTS.messages_handled += 1

    # Invitations and departures

    async def _forget(self, room_id: str) -> None:
        """The bot was kicked, banned or left: drop what was still meant for that room."""
        log.info(
            "Le bot ne fait plus partie du salon %s : messages en attente abandonnés.", room_id
        )

        def drop(session: Session) -> None:
            for row in session.exec(
                select(OutboxMessage).where(
                    col(OutboxMessage.room_id) == room_id,
                    col(OutboxMessage.sent_at).is_(None),
                    col(OutboxMessage.failed_at).is_(None),
                )
            ):
                row.failed_at, row.last_error = utcnow(), "bot retiré du salon"
            session.execute(
                delete(PendingEncryptedEvent).where(col(PendingEncryptedEvent.room_id) == room_id)
            )

        await self._db.run(drop)
        self._outbox.drop_room(room_id)
        self._pending = {k: p for k, p in self._pending.items() if p.room_id != room_id}
        await self._client.room_forget(room_id)

    # Encrypted events whose key has not arrived yet

    async def _load_pending(self) -> None:
        rows = await self._db.run(lambda s: list(s.exec(select(PendingEncryptedEvent)).all()))
        for row in rows:
            event = Event.parse_encrypted_event(row.source)
            if isinstance(event, MegolmEvent):
                event.room_id = row.room_id
                # The grace restarts with the process: keys often arrive right after a restart.
                self._pending[row.event_id] = _Pending(event, row.room_id, time.monotonic())

    async def _hold_undecrypted(self, room_id: str, event: MegolmEvent) -> None:
        if event.event_id in self._pending:
            return
        if await self._db.run(lambda s: s.get(HandledEvent, event.event_id) is not None):
            return
        log.info("Message %s indéchiffrable pour l'instant : demande de clé.", event.event_id)

        def hold(session: Session) -> None:
            if session.get(PendingEncryptedEvent, event.event_id) is None:
                session.add(
                    PendingEncryptedEvent(
                        event_id=event.event_id, room_id=room_id, source=event.source
                    )
                )

        await self._db.run(hold)
        self._pending[event.event_id] = _Pending(event, room_id, time.monotonic())
        with contextlib.suppress(LocalProtocolError):  # already requested for this session
            await self._client.request_room_key(event)

    async def flush_pending(self) -> None:
        """Decrypt what can be now; answer with a notice what stayed unreadable past the grace."""
        async with self._flushing:  # the sync loop and the grace watcher both call this
            grace = self._settings.matrix.undecryptable_grace_seconds
            for event_id, pending in list(self._pending.items()):
                room = self._client.rooms.get(pending.room_id)
                try:
                    decrypted = self._client.decrypt_event(pending.event)
                except EncryptionError:
                    decrypted = None
                if room is not None and isinstance(decrypted, RoomMessageText | ReactionEvent):
                    await self._safely(room.room_id, decrypted, self._dispatch(room, decrypted))
                elif room is not None and decrypted is not None:
                    await self._record(event_id, pending.room_id, [])
                elif time.monotonic() - pending.first_seen >= grace:
                    log.warning(
                        "Message %s de %s indéchiffrable après %.0f s : demande de renvoi.",
                        event_id,
                        pending.event.sender,
                        grace,
                    )
                    text = notice(self._undecryptable_text)
                    # a thread's relation stays outside the encrypted content, readable
                    thread = thread_of(mapping(pending.event.source).get("content"))
                    reply = as_reply(text, event_id, pending.event.sender, thread)
                    await self._record(
                        event_id, pending.room_id, [Outgoing(RoomId(pending.room_id), reply)]
                    )

    async def watch_pending(self) -> None:
        """Checks the grace of undecrypted events every second (sync may be idle meanwhile)."""
        while True:
            await asyncio.sleep(1)
            if self._pending and self.ready.is_set():
                await self.flush_pending()


def _load_token(session: Session, user_id: str) -> str | None:
    row = session.get(SyncState, user_id)
    return row.next_batch if row else None


def _save_token(session: Session, user_id: str, token: str) -> None:
    row = session.get(SyncState, user_id) or SyncState(user_id=user_id, next_batch=token)
    row.next_batch, row.updated_at = token, utcnow()
    session.add(row)
