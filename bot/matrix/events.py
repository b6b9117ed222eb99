"""The incoming-event model the features see, independent of matrix-nio's classes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IncomingMessage:
    """A text message someone sent in a room the bot is in."""

    event_id: str
    room_id: str
    sender: str
    body: str
    is_direct: bool
    encrypted: bool
