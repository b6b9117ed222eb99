"""The incoming-event model the features see, and what they answer, independent of matrix-nio."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.matrix.ids import EventId, RoomId, UserId
from bot.matrix.outbox import Outgoing
from bot.storage.database import Write

# Work done once a message's writes are committed (reload, invite, kick…); what it returns is
# sent too (a failure the sender must hear about), through the outbox.
FollowUp = Callable[[], Awaitable[list[Outgoing] | None]]


@dataclass(frozen=True)
class IncomingMessage:
    """A text message someone sent in a room the bot is in."""

    event_id: EventId
    room_id: RoomId
    sender: UserId
    body: str
    # Its sender's direct message with the bot (one they invited it to as such, or the bot
    # opened): a conversation, commands need no prefix.
    is_direct: bool
    encrypted: bool
    # Its sender's direct message with the bot, encrypted, with only the two of them in it:
    # the one place for their personal data (bot/matrix/direct.py).
    is_private: bool = False
    # More than its sender and the bot in the room: one person's flood would disturb others.
    is_shared: bool = True
    # an edit (m.replace) of this earlier event; body is the new text
    replaces: EventId | None = None
    reacts_to: EventId | None = None  # a reaction (m.reaction) to this event; body is its key
    withdraws: EventId | None = None  # a redaction of this event (a reaction removed); no body
    reply_to: EventId | None = None  # the event this message answers (m.in_reply_to)
    thread: EventId | None = None  # the root of the thread it was sent in: answered there
    mentions_bot: bool = False  # its `m.mentions` names the bot: addressed to it

    def __post_init__(self) -> None:
        # No text column of PostgreSQL can hold NUL, and no reader needs it: drop it here, once.
        if "\x00" in self.body:
            object.__setattr__(self, "body", self.body.replace("\x00", ""))


@dataclass
class Response:
    """What handling a message produced: replies to send, and database changes to keep."""

    replies: list[Outgoing] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    after: list[FollowUp] = field(default_factory=list)  # once the writes are committed
