"""Messages that must go out once whatever happens (restarts, replays, two jobs at once): the
record that it was sent and the message itself are committed together."""

from __future__ import annotations

import logging

from sqlmodel import Session

from bot.matrix.content import notice
from bot.matrix.ids import RoomId
from bot.matrix.outbox import OutboxSender, Outgoing
from bot.storage.models import ReminderSent

log = logging.getLogger(__name__)


class PostOnce:
    """Posts a message at most once per key (a reminder, a welcome, a deadline notice): its record
    and its outbox row are written in one transaction; `send=False` only records it as dropped (and
    logs it)."""

    def __init__(self, outbox: OutboxSender) -> None:
        self._outbox = outbox

    async def post_once(
        self, key: tuple[str, str, str, str], room: RoomId, text: str, send: bool
    ) -> bool:
        cause = "reminder:" + ":".join(key)

        def record(session: Session) -> list[Outgoing] | None:
            if session.get(ReminderSent, key) is not None:
                return None
            reminder, occurrence, offset, target = key
            session.add(
                ReminderSent(
                    reminder=reminder,
                    occurrence=occurrence,
                    offset=offset,
                    target=target,
                    dropped=not send,
                )
            )
            return [Outgoing(room, notice(text))] if send else []

        recorded = await self._outbox.commit(cause, record) is not None
        if recorded and not send:
            log.info("Rappel %s abandonné : trop tard pour être utile.", cause)
        elif recorded:
            log.info("Rappel %s envoyé.", cause)
        return recorded and send
