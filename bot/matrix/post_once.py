"""Messages that must go out once whatever happens (restarts, replays, two jobs at once): the
record that it was sent and the message itself are committed together."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlmodel import Session

from bot.matrix.content import to_act_on
from bot.matrix.direct import DirectRooms
from bot.matrix.ids import RoomId
from bot.matrix.outbox import OutboxSender, Outgoing
from bot.storage.models import ReminderSent

log = logging.getLogger(__name__)


# What a message sent once is known by: (reminder, occurrence, offset, target).
Key = tuple[str, str, str, str]


def record_once(session: Session, key: Key, dropped: bool = False) -> bool:
    """Record `key` as posted (or dropped); False if it already was: then nothing is sent."""
    if session.get(ReminderSent, key) is not None:
        return False
    reminder, occurrence, offset, target = key
    session.add(
        ReminderSent(
            reminder=reminder, occurrence=occurrence, offset=offset, target=target, dropped=dropped
        )
    )
    return True


class PostOnce:
    """Posts a message at most once per key (a reminder, a welcome, a deadline message): its record
    and its outbox row are written in one transaction; `send=False` only records it as dropped (and
    logs it)."""

    def __init__(self, outbox: OutboxSender) -> None:
        self._outbox = outbox

    async def post_once(
        self,
        key: Key,
        room: RoomId,
        text: str | Callable[[Session], str],
        send: bool,
        mentions: Sequence[str] = (),
    ) -> bool:
        """Post `text` in `room` unless `key` was posted (or dropped) already; `text` may be
        composed in the transaction that records it (and make its own changes there). It is a
        message to act on (`to_act_on`): it notifies, and highlights for those `mentions`
        names."""
        cause = "reminder:" + ":".join(key)

        def record(session: Session) -> list[Outgoing] | None:
            if not record_once(session, key, dropped=not send):
                return None
            if not send:
                return []
            body = text(session) if callable(text) else text
            return [Outgoing(room, to_act_on(body, mentions))]

        recorded = await self._outbox.commit(cause, record) is not None
        if recorded and not send:
            log.info("Rappel %s abandonné : trop tard pour être utile.", cause)
        elif recorded:
            log.info("Rappel %s envoyé.", cause)
        return recorded and send

    async def to_person(self, rooms: DirectRooms, key: Key, user_id: str, text: str) -> bool:
        """`text` once in `user_id`'s direct message, naming them; False (and nothing recorded,
        so that the next run tries again) while they have yet to join a DM just opened."""
        room = await rooms.joined(user_id)
        if room is None:
            return False
        return await self.post_once(key, room, text, send=True, mentions=[user_id])
