"""The in-process harness driven from synchronous tests (hypothesis calls plain functions): one
event loop of its own, `say` returns what the bot sent and the texts of it."""

from __future__ import annotations

import asyncio

from bot.demo.people import message_content
from tests.harness import COORDINATOR, NETWORK_ROOM, PROMENEUR, STRANGER, Harness, Sent

SENDERS = (COORDINATOR, PROMENEUR, STRANGER)


class Rig:
    def __init__(self, database_url: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.harness = self.loop.run_until_complete(Harness(database_url).start())

    def say(
        self,
        body: str,
        sender: str = PROMENEUR,
        direct: bool = True,
        replaces: str | None = None,
    ) -> tuple[list[Sent], list[str]]:
        """What the bot sent in answer to `body`, sent in `sender`'s private room or in the
        network room, as a new message or as the edit of `replaces`."""
        content = message_content(body, edits=replaces)
        room = None if direct else NETWORK_ROOM
        sent = self.loop.run_until_complete(self.harness.say(body, sender, room, content))
        return sent, [message.body for message in sent]

    def close(self) -> None:
        self.loop.run_until_complete(self.harness.stop())
        self.loop.close()
