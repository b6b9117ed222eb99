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


class Working:
    def __init__(self, client: AsyncClient, slow_seconds: float = SLOW_SECONDS) -> None:
        self._client = client
        self._slow = slow_seconds
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
        """Send a read receipt for `event_id`, in the background."""
        task = asyncio.create_task(
            self._quietly(self._client.update_receipt_marker(room_id, event_id))
        )
        self._receipts.add(task)
        task.add_done_callback(self._receipts.discard)

    @staticmethod
    async def _quietly(call: Awaitable[object]) -> None:
        try:
            await call
        except NETWORK_ERRORS as exc:
            log.debug("Signe d'activité non envoyé (%r).", exc)
