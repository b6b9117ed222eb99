"""Bringing a member into the network's rooms and space, and taking them out."""

from __future__ import annotations

import logging
from collections.abc import Callable

from nio import AsyncClient, MatrixRoom, RoomInviteError, RoomKickError

from bot.matrix.backoff import NETWORK_ERRORS

log = logging.getLogger(__name__)


def joined(room: MatrixRoom) -> set[str]:
    """Who has joined `room`: an invitation not yet accepted makes nobody a member."""
    return {user_id for user_id, user in room.users.items() if not user.invited}


class Membership:
    def __init__(self, client: AsyncClient, rooms: Callable[[], list[str]]) -> None:
        self._client = client
        self._rooms = rooms  # the space first, then the network rooms

    async def invite(self, user_id: str) -> None:
        """Invite to every room they are not in; a refusal is logged (already in is fine)."""
        for room_id in self._rooms():
            room = self._client.rooms.get(room_id)
            if room is not None and user_id in room.users:
                continue
            try:
                response = await self._client.room_invite(room_id, user_id)
            except NETWORK_ERRORS as exc:
                response = RoomInviteError(repr(exc))
            if isinstance(response, RoomInviteError):
                log.warning("Invitation de %s dans %s refusée : %s", user_id, room_id, response)

    async def remove(self, user_id: str) -> None:
        for room_id in self._rooms():
            room = self._client.rooms.get(room_id)
            if room is not None and user_id not in room.users:
                continue
            try:
                response = await self._client.room_kick(room_id, user_id, "a quitté le réseau")
            except NETWORK_ERRORS as exc:
                response = RoomKickError(repr(exc))
            if isinstance(response, RoomKickError):
                log.warning("Retrait de %s de %s refusé : %s", user_id, room_id, response)
