"""Someone's direct-message room with the bot: the only place for their personal data.

A room is private to someone when it was created by the bot for them, or when they invited the
bot to it as a direct message (recorded in `direct_room`), and, at the time of sending, it is
encrypted with exactly the two of them in it (joined or invited). The bot creates one, encrypted,
when there is none."""

from __future__ import annotations

import logging

from nio import AsyncClient, EnableEncryptionBuilder, MatrixRoom, RoomCreateResponse, RoomPreset
from sqlmodel import Session, select

from bot.matrix.ids import RoomId
from bot.storage.database import Database
from bot.storage.models import DirectRoom

log = logging.getLogger(__name__)


class DirectRoomError(Exception):
    """The room could not be created."""


class DirectRooms:
    """Finds the bot's private room with someone; creates one the first time."""

    def __init__(self, client: AsyncClient, db: Database) -> None:
        self._client = client
        self._db = db
        self._recorded: dict[RoomId, str] = {}  # room id -> the person it is with
        self._created: dict[str, RoomId] = {}  # person -> room created, until a sync shows it

    async def load(self) -> None:
        rows = await self._db.run(lambda s: list(s.exec(select(DirectRoom))))
        self._recorded = {RoomId(row.room_id): row.user_id for row in rows}

    async def record(self, room_id: RoomId, user_id: str) -> None:
        """Note that `room_id` is `user_id`'s direct message with the bot."""

        def write(session: Session) -> None:
            session.merge(DirectRoom(room_id=room_id, user_id=user_id))

        await self._db.run(write)
        self._recorded[room_id] = user_id

    def is_private(self, room_id: RoomId, user_id: str) -> bool:
        """Whether `room_id` is, right now, a private room between the bot and `user_id`."""
        room = self._client.rooms.get(room_id)
        return (
            self._recorded.get(room_id) == user_id
            and room is not None
            and _private(room, self._client.user_id, user_id)
        )

    def is_with(self, room_id: RoomId, user_id: str) -> bool:
        """Whether `room_id` is the bot's direct message with `user_id`: one they invited it to as
        such, or the bot opened with them (not any room of two)."""
        return self._recorded.get(room_id) == user_id or self._created.get(user_id) == room_id

    def find(self, user_id: str) -> RoomId | None:
        """`user_id`'s private room with the bot, if there is one (the oldest known first)."""
        for room_id, person in self._recorded.items():
            if person == user_id and self.is_private(room_id, user_id):
                return room_id
        return None

    def _synced_with(self, room_id: str, user_id: str) -> bool:
        """Whether the sync has shown `room_id` with `user_id` in it (joined or invited): until
        then a room just created is still theirs, and no second one is made."""
        room = self._client.rooms.get(room_id)
        return room is not None and (user_id in room.users or user_id in room.invited_users)

    def has_joined(self, room_id: str, user_id: str) -> bool:
        """Whether `user_id` is in the room (not only invited): messages can be encrypted for
        their devices only then."""
        room = self._client.rooms.get(room_id)
        return room is not None and user_id in room.users and user_id not in room.invited_users

    async def joined(self, user_id: str) -> RoomId | None:
        """The private room once `user_id` is in it; None while they are only invited (the room
        is created if need be)."""
        room_id = await self.get(user_id)
        return room_id if self.has_joined(room_id, user_id) else None

    async def get(self, user_id: str) -> RoomId:
        room_id = self.find(user_id)
        if room_id is not None:
            return room_id
        created = self._created.get(user_id)
        if created is not None and not self._synced_with(created, user_id):
            return created  # created a moment ago, its members not synced yet
        response = await self._client.room_create(
            is_direct=True,
            invite=[user_id],
            preset=RoomPreset.trusted_private_chat,
            initial_state=[EnableEncryptionBuilder().as_dict()],
        )
        if not isinstance(response, RoomCreateResponse):
            raise DirectRoomError(str(response))
        log.info("Message direct créé avec %s : %s", user_id, response.room_id)
        room_id = RoomId(response.room_id)
        await self.record(room_id, user_id)
        self._created[user_id] = room_id
        return room_id


def _private(room: MatrixRoom, me: str, user_id: str) -> bool:
    return room.encrypted and set(room.users) | set(room.invited_users) == {me, user_id}
