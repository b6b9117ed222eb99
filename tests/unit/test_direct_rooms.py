"""A person's private room with the bot is created once, even while the sync has shown the new
room but not yet its members (two checks a moment apart used to make two rooms)."""

from __future__ import annotations

from typing import Any

from nio import MatrixRoom, RoomCreateResponse

from bot.matrix.direct import DirectRooms
from bot.storage.database import Database, upgrade


class _Client:
    user_id = "@bot:x"

    def __init__(self) -> None:
        self.rooms: dict[str, MatrixRoom] = {}
        self.created: list[str] = []

    async def room_create(self, **_: Any) -> RoomCreateResponse:
        room_id = f"!dm{len(self.created)}:x"
        self.created.append(room_id)
        return RoomCreateResponse(room_id)


async def test_a_room_just_created_is_not_created_again_before_its_members_are_known(
    database_url: str,
) -> None:
    upgrade(database_url)
    db = Database(database_url)
    client = _Client()
    rooms = DirectRooms(client, db)  # type: ignore[arg-type]
    try:
        first = await rooms.get("@camille:x")
        client.rooms[first] = MatrixRoom(first, "@bot:x", encrypted=True)  # synced, no members
        again = await rooms.get("@camille:x")
        client.rooms[first].add_member("@bot:x", None, None)
        client.rooms[first].add_member("@camille:x", None, None, invited=True)
        once_synced = await rooms.get("@camille:x")
    finally:
        db.close()

    assert first == again == once_synced
    assert client.created == [first]
