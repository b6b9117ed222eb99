"""Matrix identifiers as distinct types: a room id cannot be passed where a user id is expected.

They are made at the boundary (what the homeserver or the configuration gives) and stay plain
strings at run time."""

from __future__ import annotations

from typing import NewType

UserId = NewType("UserId", str)  # @localpart:server
RoomId = NewType("RoomId", str)  # !opaque:server
EventId = NewType("EventId", str)  # $opaque
