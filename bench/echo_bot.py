"""The baseline: a minimal matrix-nio client that answers every text message with a notice reply.

Usage: python bench/echo_bot.py HOMESERVER USER_ID PASSWORD
"""

from __future__ import annotations

import asyncio
import html
import sys

from nio import AsyncClient, MatrixRoom, RoomMessageText


async def main(homeserver: str, user_id: str, password: str) -> None:
    client = AsyncClient(homeserver, user_id)
    await client.login(password)
    await client.sync(timeout=0)  # skip the history, as the bot does on its first start

    async def echo(room: MatrixRoom, event: RoomMessageText) -> None:
        if event.sender == user_id:
            return
        await client.room_send(
            room.room_id,
            "m.room.message",
            {  # the same shape as the bot's replies, so that only the bot's own work differs
                "msgtype": "m.notice",
                "body": event.body,
                "format": "org.matrix.custom.html",
                "formatted_body": html.escape(event.body),
                "m.relates_to": {"m.in_reply_to": {"event_id": event.event_id}},
                "m.mentions": {"user_ids": [event.sender]},
            },
        )

    client.add_event_callback(echo, RoomMessageText)  # type: ignore[arg-type]
    print("echo ready", flush=True)
    await client.sync_forever(timeout=30000)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
