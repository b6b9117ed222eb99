"""What the bot shows of its work in a room: « en train d'écrire… » while a message takes long to
handle (a report, an export), and a read receipt on each message it answered. Both are courtesy:
a failure to send them is logged and never delays or stops anything."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable

from nio import AsyncClient

from bot.matrix.backoff import NETWORK_ERRORS

log = logging.getLogger(__name__)

SLOW_SECONDS = 1.0  # typing is shown for a handling that lasts longer than this
TYPING_MS = 30_000  # how long clients show it unless stopped sooner
RECEIPT_DELAY = 2.0  # seconds between answering a message and marking it read


class Working:
    def __init__(
        self,
        client: AsyncClient,
        slow_seconds: float = SLOW_SECONDS,
        receipt_delay: float = RECEIPT_DELAY,
    ) -> None:
        self._client = client
        self._slow = slow_seconds
        self._receipt_delay = receipt_delay
        self._latest: dict[str, str] = {}  # room -> the latest answered message, to mark read
        self._receipts: set[asyncio.Task[None]] = set()

    @contextlib.asynccontextmanager
    async def typing_if_slow(self, room_id: str) -> AsyncIterator[None]:
        """Within: if the work lasts over `slow_seconds`, the room sees the bot typing, until
        the work is done."""
        shown = asyncio.Event()
        task = asyncio.create_task(self._type_after(room_id, shown))
        if self._slow <= 0:  # shown at once (tests): no wait for the task to be scheduled
            await task
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            if shown.is_set():
                await self._quietly(self._client.room_typing(room_id, False))

    async def _type_after(self, room_id: str, shown: asyncio.Event) -> None:
        if self._slow > 0:
            await asyncio.sleep(self._slow)
        shown.set()
        await self._quietly(self._client.room_typing(room_id, True, TYPING_MS))

    def read(self, room_id: str, event_id: str) -> None:
        """Mark `event_id` read, a moment later: the answer goes first (a receipt sent at once
        competed with it, a third slower on the homeserver), and a burst in one room gets one
        receipt, on its latest message (a receipt covers what came before)."""
        first = room_id not in self._latest
        self._latest[room_id] = event_id
        if first:
            task = asyncio.create_task(self._receipt_later(room_id))
            self._receipts.add(task)
            task.add_done_callback(self._receipts.discard)

    async def _receipt_later(self, room_id: str) -> None:
        await asyncio.sleep(self._receipt_delay)
        event_id = self._latest.pop(room_id)
        await self._quietly(self._client.update_receipt_marker(room_id, event_id))

    async def close(self) -> None:
        """Drop the receipts not sent yet (at shutdown: they were only courtesy)."""
        for task in list(self._receipts):
            task.cancel()
        await asyncio.gather(*self._receipts, return_exceptions=True)

    @staticmethod
    async def _quietly(call: Awaitable[object]) -> None:
        try:
            await call
        except NETWORK_ERRORS as exc:
            log.debug("Signe d'activité non envoyé (%r).", exc)
