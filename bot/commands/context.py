"""What a command handler receives: the message, the caller's role, the bot's services, a reply."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.commands.roles import Role
from bot.commands.router import Command, CommandTable
from bot.i18n import Translator
from bot.matrix.content import as_reply, notice
from bot.matrix.events import FollowUp, IncomingMessage
from bot.matrix.ids import RoomId
from bot.matrix.media import upload_for_room
from bot.matrix.outbox import Outgoing
from bot.safety.kinds import Danger
from bot.storage.database import Write
from bot.text.errors import UserError

if TYPE_CHECKING:
    from bot.commands.feature import Core
    from bot.declarations.desk import DeclarationDesk
    from bot.directory.network import NetworkRooms
    from bot.directory.recruitment import Recruitment
    from bot.directory.registry import Directory
    from bot.directory.structures import StructureRegister
    from bot.knowledge.desk import ReferralDesk
    from bot.scheduling.network_deadlines import NetworkDeadlines
    from bot.scheduling.store import MeetingStore
    from bot.scheduling.trainings import TrainingBook


class NotForMeError(UserError):
    """The words after the command name show the message was not meant for it (for example
    `aide pour une ado…`, a question): without the prefix it goes to the free-text command."""


@dataclass
class Services:
    """What handlers may use: the core and each feature's desk, the one way to its data."""

    core: Core
    table: CommandTable
    referrals: ReferralDesk
    declarations: DeclarationDesk
    directory: Directory
    network: NetworkRooms  # the network's rooms, who is in them and who should declare
    meetings: MeetingStore
    deadlines: NetworkDeadlines  # the network's own deadlines and their reminders
    structures: StructureRegister  # the structures that employ promeneurs
    trainings: TrainingBook  # trainings followed elsewhere, training needs
    recruitment: Recruitment  # candidates and the COPIL's target
    started_at: float = field(default_factory=time.monotonic)

    @property
    def t(self) -> Translator:
        return self.core.t

    @property
    def prefix(self) -> str:
        return self.core.prefix

    def clock(self) -> datetime:
        """Now, aware, in the network's zone."""
        return self.core.clock()

    async def direct_rooms_of(self, users: Iterable[str]) -> tuple[set[RoomId], list[str]]:
        """The DMs of those of `users` who are in theirs, and who is only invited so far (their
        DM is opened if need be)."""
        rooms: set[RoomId] = set()
        waiting: list[str] = []
        for user in users:
            room = await self.core.direct_rooms.joined(user)
            if room is None:
                waiting.append(user)
            else:
                rooms.add(room)
        return rooms, waiting

    def uptime(self) -> str:
        seconds = int(time.monotonic() - self.started_at)
        days, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        if days:
            return self.t("duration.days", days=days, hours=hours, minutes=minutes)
        if hours:
            return self.t("duration.hours", hours=hours, minutes=minutes)
        return self.t("duration.minutes", minutes=minutes, seconds=seconds)


@dataclass
class CommandContext:
    """One command call: who asked, where, with which role, and the replies and records it
    produces (kept in the transaction that marks the message handled)."""

    message: IncomingMessage
    role: Role
    services: Services
    replies: list[Outgoing] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    after: list[FollowUp] = field(default_factory=list)  # once committed
    changes: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # The dangers the message evokes, found once before anything else is done with it.
    dangers: list[Danger] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sent after the replies, even after an error
    # The coordination command being run and its arguments: the audit log's entry (dispatch.py).
    audited: tuple[Command, str] | None = None

    def changed(self, target: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Note for the audit log what an administrative command changed on `target`."""
        self.changes.append((target, before, after))

    @property
    def sender(self) -> str:
        return self.message.sender

    @property
    def t(self) -> Translator:
        return self.services.t

    @property
    def core(self) -> Core:
        return self.services.core

    @property
    def declarations(self) -> DeclarationDesk:
        return self.services.declarations

    @property
    def referrals(self) -> ReferralDesk:
        return self.services.referrals

    def reply(self, body: str, html: str | None = None) -> None:
        """Answer the triggering message with a notice (`html`, if given, must be escaped)."""
        message = self.message
        content = as_reply(notice(body, html), message.event_id, message.sender, message.thread)
        self.replies.append(Outgoing(self.message.room_id, content))

    def say_in(self, room_id: RoomId, body: str, html: str | None = None) -> None:
        """A notice in `room_id`: the answer itself there, else a message of its own."""
        if room_id == self.message.room_id:
            self.reply(body, html)
        else:
            self.replies.append(Outgoing(room_id, notice(body, html)))

    async def send_file(self, room_id: RoomId, data: bytes, name: str, mimetype: str) -> None:
        """Post a file in `room_id`, encrypted if the room is."""
        content = await upload_for_room(self.services.core.client, data, name, mimetype, room_id)
        self.replies.append(Outgoing(room_id, content))

    async def private_room(self) -> RoomId | None:
        """Where the sender's personal data may go: this room if it is their private room with
        the bot (encrypted, the two of them only); else that room, said here; None (said here)
        while they have yet to join it (the bot invites them)."""
        if self.message.is_private:
            return self.message.room_id
        room = await self.services.core.direct_rooms.joined(self.sender)
        if room is None:
            self.reply(self.t("private.invited"))
            return None
        self.reply(self.t("private.elsewhere"))
        return room
