"""A person on the homeserver, driven by a real matrix-nio client: demo users and test users."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    Event,
    JoinError,
    LoginError,
    RoomCreateError,
    RoomMessage,
    RoomRedactResponse,
    RoomSendResponse,
    RoomVisibility,
    SyncError,
)

from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.media import upload_file
from bot.matrix.shapes import mapping, reply_of


def message_content(
    body: str,
    msgtype: str = "m.text",
    edits: str | None = None,
    reply_to: str | None = None,
    thread: str | None = None,
) -> dict[str, Any]:
    """A message as a person's client writes it: plain, a reply to `reply_to`, in the thread
    whose root is `thread` (with the fallback reply to the root that clients add), or (with
    `edits`) the Matrix edit of an earlier one."""
    if edits is not None:
        return {
            "msgtype": msgtype,
            "body": f"* {body}",
            "m.new_content": {"msgtype": msgtype, "body": body},
            "m.relates_to": {"rel_type": "m.replace", "event_id": edits},
        }
    content: dict[str, Any] = {"msgtype": msgtype, "body": body}
    if reply_to is not None:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
    if thread is not None:
        content["m.relates_to"] = {
            "rel_type": "m.thread",
            "event_id": thread,
            "is_falling_back": reply_to is None,
            "m.in_reply_to": {"event_id": reply_to or thread},
        }
    return content


class PersonError(Exception):
    """The homeserver refused something a demo or test user asked."""


def body(event: Event) -> str:
    """The text of a message event ("" for other events)."""
    return str(getattr(event, "source", {}).get("content", {}).get("body", ""))


class Person:
    """Logs in, syncs in the background, sends messages and waits for the events it expects."""

    def __init__(self, homeserver: str, user_id: str, password: str, store_dir: Path) -> None:
        store_dir.mkdir(parents=True, exist_ok=True)
        self.user_id = user_id
        self.password = password
        self.client = AsyncClient(
            homeserver,
            user_id,
            store_path=str(store_dir),
            # Errors surface at once (the sync loop below retries): nio's own retries wait up
            # to a minute, longer than a test waits after the homeserver comes back.
            config=AsyncClientConfig(
                encryption_enabled=True, store_sync_tokens=True, max_timeouts=0, request_timeout=30
            ),
        )
        self.events: list[tuple[str, Event]] = []
        self.accepts_invitations = True  # at once, as the demo's people do
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._synced = asyncio.Event()

    async def start(self, device_id: str = "", access_token: str = "", timeout: float = 30) -> None:
        """Log in (or restore an earlier login, keeping its device and keys) and start syncing."""
        if device_id and access_token:
            self.client.restore_login(self.user_id, device_id, access_token)
        else:
            response = await self.client.login(self.password, device_name="pdn-demo")
            if isinstance(response, LoginError):
                raise PersonError(f"{self.user_id}: {response.message}")
        self._task = asyncio.create_task(self._sync_forever())
        await asyncio.wait_for(self._synced.wait(), timeout)

    async def stop(self) -> None:
        """Stop syncing and close. The loop also checks a flag: a cancellation swallowed inside
        the client's sync (it returns a SyncError then) once left a test session hanging."""
        self._stopping = True
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, 15)
        await self.client.close()

    async def _sync_forever(self) -> None:
        while not self._stopping:
            try:
                response = await self.client.sync(
                    timeout=5000, full_state=not self._synced.is_set()
                )
            except NETWORK_ERRORS:  # the homeserver is down (tests stop it): keep trying
                await asyncio.sleep(0.5)
                continue
            if isinstance(response, SyncError):
                await asyncio.sleep(0.5)
                continue
            await self._keys()
            async with self._changed:
                for room_id, info in response.rooms.join.items():
                    self.events.extend((room_id, event) for event in info.timeline.events)
                for room_id in response.rooms.invite if self.accepts_invitations else ():
                    await self.client.join(room_id)
                self._changed.notify_all()
            self._synced.set()

    async def _keys(self) -> None:
        client = self.client
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()
        for device in client.device_store:
            if not (device.verified or device.blacklisted):
                client.verify_device(device)

    async def wait_for(self, matches: Callable[[str, Event], bool], timeout: float = 30) -> Event:
        """The first event (already seen or to come) for which `matches(room_id, event)` holds."""

        def found() -> Event | None:
            return next((e for r, e in self.events if matches(r, e)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
            event = found()
            assert event is not None
            return event

    async def wait_after(
        self, start: int, matches: Callable[[str, Event], bool], timeout: float = 30
    ) -> Event:
        """The first event from position `start` of `events` on that `matches` (cheap when the
        history is long: benches)."""

        def found() -> Event | None:
            return next((e for r, e in self.events[start:] if matches(r, e)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
            event = found()
            assert event is not None
            return event

    async def wait_reply(self, room_id: str, event_id: str, timeout: float = 30) -> RoomMessage:
        """The bot's reply to `event_id` in `room_id`."""

        def is_reply(room: str, event: Event) -> bool:
            return room == room_id and _answers(event) == event_id

        event = await self.wait_for(is_reply, timeout)
        assert isinstance(event, RoomMessage)
        return event

    def messages_from(self, sender: str, room_id: str | None = None) -> list[Event]:
        """The messages `sender` posted (in `room_id`, or in any room), in order."""
        return [
            e
            for r, e in self.events
            if (room_id is None or r == room_id)
            and getattr(e, "source", {}).get("sender") == sender
            and "body" in e.source.get("content", {})
        ]

    async def wait_message(
        self, sender: str, room_id: str | None, text: str, timeout: float = 30
    ) -> Event:
        """The first message from `sender` (in `room_id`, or in any room) containing `text`."""

        def matches(room: str, event: Event) -> bool:
            source = getattr(event, "source", {})
            return (
                (room_id is None or room == room_id)
                and source.get("sender") == sender
                and text in source.get("content", {}).get("body", "")
            )

        return await self.wait_for(matches, timeout)

    def replies_to(self, event_id: str) -> list[Event]:
        return [e for _, e in self.events if _answers(e) == event_id]

    async def send(
        self,
        room_id: str,
        body: str,
        msgtype: str = "m.text",
        edits: str | None = None,
        reply_to: str | None = None,
        thread: str | None = None,
    ) -> str:
        """Send a message, or (with `edits`) a Matrix edit of an earlier one, or (with
        `reply_to`) a reply to one, in the thread of root `thread` if given."""
        await self.wait_joined(room_id)
        content = message_content(body, msgtype, edits, reply_to, thread)
        response = await self.client.room_send(
            room_id, "m.room.message", content, ignore_unverified_devices=True
        )
        if not isinstance(response, RoomSendResponse):
            raise PersonError(f"{self.user_id}: envoi refusé : {response}")
        return str(response.event_id)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        """React with `key` (✅, ❌…) to `event_id`; the reaction's event id."""
        relation = {"rel_type": "m.annotation", "event_id": event_id, "key": key}
        response = await self.client.room_send(
            room_id, "m.reaction", {"m.relates_to": relation}, ignore_unverified_devices=True
        )
        if not isinstance(response, RoomSendResponse):
            raise PersonError(f"{self.user_id}: réaction refusée : {response}")
        return str(response.event_id)

    async def redact(self, room_id: str, event_id: str) -> None:
        """Take back one's own event (a reaction removed)."""
        response = await self.client.room_redact(room_id, event_id)
        if not isinstance(response, RoomRedactResponse):
            raise PersonError(f"{self.user_id}: retrait refusé : {response}")

    async def send_file(self, room_id: str, name: str, data: bytes, mimetype: str) -> str:
        """Upload `data` (encrypted in an encrypted room) and post it as an `m.file`."""
        await self.wait_joined(room_id)
        room = self.client.rooms[room_id]
        content = await upload_file(self.client, data, name, mimetype, room.encrypted)
        response = await self.client.room_send(
            room_id, "m.room.message", content, ignore_unverified_devices=True
        )
        if not isinstance(response, RoomSendResponse):
            raise PersonError(f"{self.user_id}: envoi refusé : {response}")
        return str(response.event_id)

    async def ask(
        self, room_id: str, body: str, timeout: float = 30, reply_to: str | None = None
    ) -> str:
        """Send `body` and return the plain text of the bot's reply."""
        event_id = await self.send(room_id, body, reply_to=reply_to)
        reply = await self.wait_reply(room_id, event_id, timeout)
        return str(reply.source["content"]["body"])

    async def ask_all(self, room_id: str, body: str, count: int, timeout: float = 30) -> list[str]:
        """Send `body` and return the plain text of the bot's first `count` replies, in order."""
        event_id = await self.send(room_id, body)
        await self.wait_for(lambda _r, _e: len(self.replies_to(event_id)) >= count, timeout)
        return [str(e.source["content"]["body"]) for e in self.replies_to(event_id)[:count]]

    async def create_room(
        self,
        name: str,
        invite: list[str],
        encrypted: bool = False,
        direct: bool = False,
        space: bool = False,
    ) -> str:
        initial_state: list[dict[str, Any]] = []
        if encrypted:
            initial_state.append(
                {
                    "type": "m.room.encryption",
                    "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                }
            )
        response = await self.client.room_create(
            visibility=RoomVisibility.private,
            name=name,
            invite=invite,
            is_direct=direct,
            initial_state=initial_state,
            space=space,
            preset=None,
        )
        if isinstance(response, RoomCreateError):
            raise PersonError(f"{self.user_id}: création refusée : {response.message}")
        await self.wait_joined(response.room_id)
        return str(response.room_id)

    async def join(self, room_id: str) -> None:
        response = await self.client.join(room_id)
        if isinstance(response, JoinError):
            raise PersonError(
                f"{self.user_id}: impossible de rejoindre {room_id}: {response.message}"
            )
        await self.wait_joined(room_id)

    async def wait_joined(self, room_id: str, timeout: float = 30) -> None:
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: room_id in self.client.rooms), timeout
            )

    async def wait_left(self, room_id: str, user_id: str, timeout: float = 30) -> Event:
        """Until `user_id` leaves `room_id` (or declines its invitation there)."""

        def left(room: str, event: Event) -> bool:
            source = event.source
            return (
                room == room_id
                and source.get("type") == "m.room.member"
                and source.get("state_key") == user_id
                and source.get("content", {}).get("membership") == "leave"
            )

        return await self.wait_for(left, timeout)

    async def wait_member(self, room_id: str, user_id: str, timeout: float = 30) -> None:
        """Until `user_id` has joined `room_id`, as this person's client sees it."""
        await self.wait_joined(room_id, timeout)

        def joined() -> bool:
            room = self.client.rooms.get(room_id)
            return room is not None and user_id in room.users and user_id not in room.invited_users

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(joined), timeout)


def _answers(event: Event) -> str | None:
    """The event that `event` replies to, whatever the shape of its content."""
    return reply_of(mapping(event.source).get("content"), "")[0]
