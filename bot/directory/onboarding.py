"""The welcome message: sent once to each new member, in their DM, once they have joined it."""

from __future__ import annotations

import logging

from sqlmodel import Session, col, select

from bot.directory.registry import Directory
from bot.i18n import Translator
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.direct import DirectRoomError, DirectRooms
from bot.matrix.post_once import PostOnce
from bot.storage.database import Database
from bot.storage.models import ReminderSent

log = logging.getLogger(__name__)

KEY = "welcome"
_T = Translator()


def welcome_text(first_name: str, prefix: str) -> str:
    hello = _T("welcome.hello_named", name=first_name) if first_name else _T("welcome.hello")
    return _T("welcome.text", hello=hello, p=prefix)


class Welcomer:
    """Checked with the declaration reminders: opens the DM, then welcomes once joined."""

    def __init__(
        self,
        db: Database,
        poster: PostOnce,
        rooms: DirectRooms,
        directory: Directory,
        prefix: str,
    ) -> None:
        self._db = db
        self._poster = poster
        self._rooms = rooms
        self._directory = directory
        self._prefix = prefix
        self._failed: set[str] = set()  # no DM possible (unknown account): not retried each time

    async def check(self) -> None:
        members = [m for m in self._directory.snapshot.members.values() if m.status == "actif"]
        if not members:
            return
        welcomed = await self._db.run(_welcomed)
        for member in members:
            if member.user_id in welcomed or member.user_id in self._failed:
                continue
            try:
                room = await self._rooms.joined(member.user_id)
            except (DirectRoomError, *NETWORK_ERRORS) as exc:
                log.warning("Pas de message direct possible avec %s : %r", member.user_id, exc)
                self._failed.add(member.user_id)
                continue
            if room is None:
                continue  # invited: welcomed at a later check, once in
            text = welcome_text(member.first_name, self._prefix)
            await self._poster.post_once(
                (KEY, "", "", member.user_id), room, text, send=True, mentions=[member.user_id]
            )


def _welcomed(session: Session) -> set[str]:
    rows = session.exec(select(ReminderSent.target).where(col(ReminderSent.reminder) == KEY))
    return set(rows)
