"""Matrix identifiers as distinct types: a room id cannot be passed where a user id is expected.

They are made at the boundary (what the homeserver or the configuration gives) and stay plain
strings at run time."""

from __future__ import annotations

import re
from typing import NewType

UserId = NewType("UserId", str)  # @localpart:server
RoomId = NewType("RoomId", str)  # !opaque:server
EventId = NewType("EventId", str)  # $opaque

# A Matrix user id written among other words (`pour=@a:x,@b:y`, `!reunion presents 3 @a:x`):
# up to the next space or comma. The commands that name people find them with it.
NAMED_USER = re.compile(r"@[^:\s,]+:[^\s,]+")
