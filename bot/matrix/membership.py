"""Bringing a member into the network's rooms and space, and taking them out."""

from __future__ import annotations

import logging
from collections.abc import Callable

from nio import AsyncClient, ErrorResponse, MatrixRoom, RoomInviteError, RoomKickError

from bot.i18n import Translator
from bot.matrix.backoff import NETWORK_ERRORS

log = logging.getLogger(__name__)
_T = Translator()


def joined(room: MatrixRoom) -> set[str]:
    """Who has joined `room`: an invitation not yet accepted makes nobody a member."""
    return {user_id for user_id, user in room.users.items() if not user.invited}


class Membership:
    def __init__(self, client: AsyncClient, rooms: Callable[[], list[str]]) -> None:
        self._client = client
        self._rooms = rooms  # the space first, then the network rooms

    async def invite(self, user_id: str) -> list[str]:
        """Invite to every room they are not in (already in is fine); returns the rooms where
        the homeserver refused, each with the reason."""
        refused = []
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
                refused.append(self._failure(room_id, response))
        return refused

    async def remove(self, user_id: str) -> list[str]:
        """Remove from every room they are in (or invited to); returns the rooms where the
        homeserver refused, each with the reason."""
        refused = []
        for room_id in self._rooms():
            room = self._client.rooms.get(room_id)
            if room is not None and user_id not in room.users:
                log.info("%s n'est pas dans %s : rien à retirer.", user_id, room_id)
                continue
            try:
                response = await self._client.room_kick(
                    room_id, user_id, _T("membership.left_reason")
                )
            except NETWORK_ERRORS as exc:
                response = RoomKickError(repr(exc))
            if isinstance(response, RoomKickError):
                log.warning("Retrait de %s de %s refusé : %s", user_id, room_id, response)
                refused.append(self._failure(room_id, response))
            else:
                log.info("%s retiré·e de %s.", user_id, room_id)
        return refused

    def _failure(self, room_id: str, response: ErrorResponse) -> str:
        room = self._client.rooms.get(room_id)
        name = room.display_name if room is not None else room_id
        forbidden = response.status_code == "M_FORBIDDEN"
        reason = _T("membership.forbidden") if forbidden else _T("membership.error")
        return _T(
            "membership.refused_in",
            room=name,
            reason=reason,
            why=response.message or response.status_code,
        )
