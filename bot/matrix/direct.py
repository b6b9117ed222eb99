"""The direct-message room between the bot and one person: found, or created (encrypted)."""

from __future__ import annotations

import logging

from nio import AsyncClient, EnableEncryptionBuilder, RoomCreateResponse, RoomPreset

log = logging.getLogger(__name__)


class DirectRoomError(Exception):
    """The room could not be created."""


class DirectRooms:
    """Finds the bot's DM with someone among its rooms; creates one the first time."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
        self._created: dict[str, str] = {}  # until the next sync shows the new room

    def find(self, user_id: str) -> str | None:
        me = self._client.user_id
        found = [
            room
            for room in self._client.rooms.values()
            if set(room.users) | set(room.invited_users) == {me, user_id}
        ]
        found.sort(key=lambda room: (not room.encrypted, room.room_id))
        return found[0].room_id if found else self._created.get(user_id)

    def has_joined(self, room_id: str, user_id: str) -> bool:
        """Whether `user_id` is in the room (not only invited): messages can be encrypted for
        their devices only then."""
        room = self._client.rooms.get(room_id)
        return room is not None and user_id in room.users and user_id not in room.invited_users

    async def joined(self, user_id: str) -> str | None:
        """The DM once `user_id` is in it; None while they are only invited (created if need be)."""
        room_id = await self.get(user_id)
        return room_id if self.has_joined(room_id, user_id) else None

    async def get(self, user_id: str) -> str:
        room_id = self.find(user_id)
        if room_id is not None:
            return room_id
        response = await self._client.room_create(
            is_direct=True,
            invite=[user_id],
            preset=RoomPreset.trusted_private_chat,
            initial_state=[EnableEncryptionBuilder().as_dict()],
        )
        if not isinstance(response, RoomCreateResponse):
            raise DirectRoomError(str(response))
        log.info("Message direct créé avec %s : %s", user_id, response.room_id)
        self._created[user_id] = response.room_id
        return response.room_id
