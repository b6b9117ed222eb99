"""The whole dispatcher without a homeserver: every router, a real database, the shipped
knowledge base. Behaviour tests send it messages and read its replies and writes."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot import features
from bot.commands.context import Services
from bot.commands.dispatch import CommandDispatcher
from bot.commands.roles import Role
from bot.commands.router import CommandTable
from bot.declarations.desk import DeclarationDesk
from bot.directory.registry import Directory
from bot.i18n import Translator
from bot.knowledge.desk import ReferralDesk
from bot.matrix.events import IncomingMessage, Response
from bot.matrix.ids import RoomId
from bot.matrix.media import FileUnavailableError
from bot.settings import DEFAULT_KNOWLEDGE_DIR, DeclarationSettings
from bot.storage.database import Database, upgrade

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
COORDINATOR, PROMENEUR, STRANGER = "@coord:x", "@camille:x", "@intrus:x"
ROLES = {COORDINATOR: Role.COORDINATOR, PROMENEUR: Role.PROMENEUR, STRANGER: Role.GUEST}
NETWORK_ROOM, DIRECT_ROOM = "!reseau:x", "!dm:x"
_numbers = itertools.count()


@dataclass
class Rig:
    """A dispatcher and its database; `say` sends a message and keeps what it wrote."""

    loop: asyncio.AbstractEventLoop
    dispatcher: CommandDispatcher
    db: Database

    def say(
        self,
        body: str,
        sender: str = PROMENEUR,
        direct: bool = True,
        replaces: str | None = None,
    ) -> tuple[Response, list[str]]:
        """The response to `body`, its writes applied as the bot would, and the replies' texts."""
        message = IncomingMessage(
            event_id=f"$rig{next(_numbers)}",
            room_id=DIRECT_ROOM if direct else NETWORK_ROOM,
            sender=sender,
            body=body,
            is_direct=direct,
            encrypted=False,
            replaces=replaces,
        )
        response = self.loop.run_until_complete(self.dispatcher(message))

        def apply(session: object) -> None:
            for write in response.writes:
                write(session)  # type: ignore[arg-type]

        self.loop.run_until_complete(self.db.run(apply))
        return response, [str(r.content.get("body", "")) for r in response.replies]


async def _upload(data: bytes, name: str, mimetype: str, room_id: str) -> dict[str, Any]:
    """What a file message would show (the rig talks to no homeserver)."""
    return {"msgtype": "m.file", "body": name, "info": {"mimetype": mimetype, "size": len(data)}}


async def _direct_room(user_id: str) -> RoomId:
    return RoomId(f"!dm-{user_id}")


async def _no_file(room_id: str, event_id: str) -> tuple[str, bytes]:
    raise FileUnavailableError("pas de fichier dans ce banc de test")


class _NoRooms:
    """Invitations and removals the rig does not carry out (they run after the commit)."""

    async def invite(self, user_id: str) -> list[str]:
        return []

    async def remove(self, user_id: str) -> list[str]:
        return []


def build_rig(database_url: str) -> Rig:
    """A rig on a new database (building one takes a couple of seconds: share it)."""
    loop = asyncio.new_event_loop()
    upgrade(database_url)
    db = Database(database_url)
    referrals = ReferralDesk(DEFAULT_KNOWLEDGE_DIR, "exemple", "la coordination", db)
    loop.run_until_complete(referrals.load())
    directory = Directory(db, {COORDINATOR})
    loop.run_until_complete(directory.reload())
    desk = DeclarationDesk(
        db, DeclarationSettings().networks, dt.timedelta(hours=48), lambda: NOW, referrals
    )
    services = Services(
        t=Translator("fr"),
        prefix="!",
        table=CommandTable(features.ROUTERS),
        db=db,
        version="test",
        joined_rooms=lambda: 1,
        referrals=referrals,
        declarations=desk,
        promeneurs=lambda: {PROMENEUR},
        network_rooms=lambda: {NETWORK_ROOM},
        clock=lambda: NOW,
        directory=directory,
        upload=_upload,
        direct_room=_direct_room,
        membership=_NoRooms(),
        fetch_file=_no_file,
    )
    dispatcher = features.dispatcher(
        services, lambda user: ROLES.get(user, Role.GUEST), ("@pdn-bot:x", "Assistant PdN")
    )
    return Rig(loop, dispatcher, db)


def close(rig: Rig) -> None:
    rig.db.close()
    rig.loop.close()
