"""The network as the bot sees it: its rooms and space (aliases resolved), who is in them, who
has which role, and who should declare."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from nio import AsyncClient, JoinError, RoomResolveAliasResponse

from bot.commands.roles import Role
from bot.directory.registry import Directory
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.ids import RoomId
from bot.matrix.membership import Membership, joined
from bot.settings import Settings

log = logging.getLogger(__name__)


class NetworkRooms:
    """The network's rooms (aliases resolved once ready) and who belongs to them."""

    def __init__(
        self,
        client: AsyncClient,
        settings: Settings,
        directory: Directory,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._client = client
        self._settings = settings
        self._directory = directory
        self._clock = clock
        self.room_ids: set[RoomId] = set()
        self.space_id: RoomId | None = None
        self.membership = Membership(client, self.invitable)

    async def resolve(self) -> None:
        """Learn the ids of the network rooms (before any message is handled: roles need them)."""
        for ref in self._settings.network.rooms:
            try:
                room_id = await self._room_id(ref)
            except NETWORK_ERRORS as exc:
                log.warning("Alias %s non résolu pour l'instant (%r).", ref, exc)
                continue
            if room_id:
                self.room_ids.add(room_id)

    async def join_configured(self) -> None:
        """Join the network rooms and space the bot is not in yet (learning late aliases too)."""
        refs = [*self._settings.network.rooms]
        if self._settings.network.space:
            refs.append(self._settings.network.space)
        for ref in refs:
            room_id = await self._room_id(ref)
            if room_id is None:
                continue
            if ref in self._settings.network.rooms:
                self.room_ids.add(room_id)
            else:
                self.space_id = room_id
            if room_id not in self._client.rooms:
                joined = await self._client.join(room_id)
                if isinstance(joined, JoinError):
                    log.warning("Impossible de rejoindre %s : %s", ref, joined.message)

    async def _room_id(self, ref: str) -> RoomId | None:
        if not ref.startswith("#"):
            return RoomId(ref)
        resolved = await self._client.room_resolve_alias(ref)
        if isinstance(resolved, RoomResolveAliasResponse):
            return RoomId(resolved.room_id)
        log.warning("Alias %s introuvable : %s", ref, resolved)
        return None

    def members(self) -> set[str]:
        users: set[str] = set()
        for room_id in self.room_ids:
            room = self._client.rooms.get(room_id)
            if room is not None:
                users.update(joined(room))
        return users

    def promeneurs(self) -> set[str]:
        """Who should declare now: room members and directory members, less the coordination,
        the bot, those who left and those on leave."""
        directory = self._directory
        away = directory.left() | directory.on_leave(self._clock().date())
        everyone = self.members() | directory.active()
        return everyone - directory.coordinators - {self._settings.bot.user_id} - away

    def rooms(self) -> set[RoomId]:
        """The network rooms known so far (announcements and meeting reminders go there)."""
        return set(self.room_ids)

    def coordinators(self) -> set[str]:
        return set(self._directory.coordinators)

    def role_of(self, user_id: str) -> Role:
        return self._directory.role_of(user_id, lambda user: user in self.members())

    def invitable(self) -> list[str]:
        """Where a new member is invited: the space first, then the network rooms."""
        return [*([self.space_id] if self.space_id else []), *sorted(self.room_ids)]
