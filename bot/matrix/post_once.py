"""Messages that must go out once whatever happens (restarts, replays, two jobs at once): the
record that it was sent and the message itself are committed together."""

from __future__ import annotations

import logging

from sqlmodel import Session

from bot.matrix.content import notice
from bot.matrix.ids import RoomId
from bot.matrix.outbox import OutboxSender, Outgoing, queue_messages, store
from bot.storage.database import Database
from bot.storage.models import ReminderSent

log = logging.getLogger(__name__)


class PostOnce:
    """Posts a message at most once per key (a reminder, a welcome, a deadline notice): its record
    and its outbox row are written in one transaction; `send=False` only records it as dropped (and
    logs it)."""

    def __init__(self, db: Database, outbox: OutboxSender) -> None:
        self._db = db
        self._outbox = outbox

    async def post_once(
        self, key: tuple[str, str, str, str], room: RoomId, text: str, send: bool
    ) -> bool:
        cause = "reminder:" + ":".join(key)
        queued = queue_messages([Outgoing(room, notice(text))], cause)

        def record(session: Session) -> bool:
            if session.get(ReminderSent, key) is not None:
                return False
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
            if send:
                store(session, queued)
            return True

        recorded = await self._db.run(record)
        if recorded and not send:
            log.info("Rappel %s abandonné : trop tard pour être utile.", cause)
        elif recorded:
            self._outbox.submit(queued)
            log.info("Rappel %s envoyé.", cause)
        return recorded and send
