"""The whole bot without a homeserver, in milliseconds.

The features are assembled by `bot.features.assemble`, as in `bot/app.py`; an event goes through
the real sync loop's handling (parsing, danger first, the dispatcher, the commit of the writes
with the handled-event row), the real outbox sends the replies, and a recording client stands
for the homeserver: it keeps the rooms in memory and what the bot sends. Command and dialogue
behaviour is tested here; tests/integration keeps what needs Synapse (sync, encryption,
federation, rate limits, restarts, media)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import (
    AsyncClient,
    AsyncClientConfig,
    Event,
    JoinResponse,
    MatrixRoom,
    MemoryDownloadResponse,
    ProfileSetDisplayNameResponse,
    RoomCreateResponse,
    RoomGetEventError,
    RoomGetEventResponse,
    RoomInviteResponse,
    RoomKickResponse,
    RoomMemberEvent,
    RoomSendResponse,
    RoomTypingResponse,
    UpdateReceiptMarkerResponse,
    UploadResponse,
)

from bot.clock import Clock
from bot.commands.feature import Core
from bot.demo.people import message_content
from bot.features import Bot, assemble
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.ids import RoomId
from bot.matrix.outbox import OutboxSender
from bot.matrix.sync import SyncLoop
from bot.matrix.working import Working
from bot.settings import Settings
from bot.storage.database import Database

ZONE = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=ZONE)  # a Wednesday
BOT_ID = "@pdn-bot:x"
COORDINATOR, PROMENEUR, STRANGER = "@coord:x", "@camille:x", "@intrus:x"
NETWORK_ROOM = RoomId("!reseau:x")


@dataclass(frozen=True)
class Sent:
    """A message the bot sent."""

    room_id: RoomId
    content: dict[str, Any]
    event_id: str
    event_type: str = "m.room.message"

    @property
    def body(self) -> str:
        return str(self.content.get("body", ""))

    @property
    def answers(self) -> str | None:
        """The event this message replies to, if it is a reply."""
        relation = self.content.get("m.relates_to") or {}
        return (relation.get("m.in_reply_to") or {}).get("event_id")


class RecordingClient(AsyncClient):
    """Stands for the homeserver: rooms live in `rooms` as nio keeps them, what the bot sends is
    appended to `sent`, invitations are accepted at once (unless `accept_invites` is False),
    files keep their bytes (`stored`, by content URI) and the events people sent can be fetched
    again (`events`), as the bot does for a file it must read."""

    def __init__(self) -> None:
        super().__init__(
            "http://127.0.0.1:9", BOT_ID, config=AsyncClientConfig(encryption_enabled=False)
        )
        self.user_id = BOT_ID  # as after a login
        self.sent: list[Sent] = []
        self.stored: dict[str, bytes] = {}  # content URI -> bytes
        self.events: dict[str, dict[str, Any]] = {}  # event id -> the event as people sent it
        self.kicked: list[tuple[str, str]] = []
        self.typing: list[tuple[str, bool]] = []  # (room, shown or stopped)
        self.receipts: list[tuple[str, str]] = []  # (room, event read)
        self.accept_invites = True
        self._numbers = itertools.count(1)

    def add_room(self, room_id: str, members: set[str], encrypted: bool = False) -> MatrixRoom:
        room = MatrixRoom(room_id, BOT_ID, encrypted)
        for user in {BOT_ID, *members}:
            room.add_member(user, None, None)
        self.rooms[room_id] = room
        return room

    async def room_send(  # type: ignore[override]
        self,
        room_id: str,
        message_type: str,
        content: dict[str, Any],
        tx_id: str | None = None,
        ignore_unverified_devices: bool = False,
    ) -> RoomSendResponse:
        event_id = f"$sent{next(self._numbers)}"
        self.sent.append(Sent(RoomId(room_id), content, event_id, message_type))
        return RoomSendResponse(event_id, room_id)

    async def room_typing(  # type: ignore[override]
        self, room_id: str, typing_state: bool = True, timeout: int = 30_000
    ) -> RoomTypingResponse:
        self.typing.append((room_id, typing_state))
        return RoomTypingResponse(room_id)

    async def update_receipt_marker(  # type: ignore[override]
        self, room_id: str, event_id: str, *args: Any, **kwargs: Any
    ) -> UpdateReceiptMarkerResponse:
        self.receipts.append((room_id, event_id))
        return UpdateReceiptMarkerResponse()

    async def upload(  # type: ignore[override]
        self, data_provider: Any, *args: Any, **kwargs: Any
    ) -> tuple[UploadResponse, dict[str, Any] | None]:
        """Kept in clear whether or not it is "encrypted": tests read what people would."""
        keys = {"key": {"k": "x"}, "iv": "x", "hashes": {"sha256": "x"}, "v": "v2"}
        uri = f"mxc://x/{next(self._numbers)}"
        self.stored[uri] = data_provider(0, 0).read()
        return UploadResponse(uri), keys if kwargs.get("encrypt") else None

    async def room_get_event(  # type: ignore[override]
        self, room_id: str, event_id: str
    ) -> RoomGetEventResponse | RoomGetEventError:
        source = self.events.get(event_id)
        if source is None or source["room_id"] != room_id:
            return RoomGetEventError("not found", "M_NOT_FOUND")
        return RoomGetEventResponse.from_dict(source)

    async def download(self, mxc: str, *args: Any, **kwargs: Any) -> MemoryDownloadResponse:  # type: ignore[override]
        return MemoryDownloadResponse(self.stored[mxc], "application/octet-stream", None)

    def stored_file(self, sent: Sent) -> bytes:
        """The bytes of a file the bot posted."""
        content = sent.content
        return self.stored[content.get("url") or content["file"]["url"]]

    async def room_create(self, *args: Any, **kwargs: Any) -> RoomCreateResponse:  # type: ignore[override]
        room_id = f"!dm{next(self._numbers)}:x"
        room = self.add_room(room_id, set(), encrypted=True)
        for user in kwargs.get("invite", ()):
            room.add_member(user, None, None, invited=not self.accept_invites)
        return RoomCreateResponse(room_id)

    async def room_invite(self, room_id: str, user_id: str) -> RoomInviteResponse:  # type: ignore[override]
        self.rooms[room_id].add_member(user_id, None, None, invited=not self.accept_invites)
        return RoomInviteResponse()

    async def room_kick(
        self, room_id: str, user_id: str, reason: str | None = None
    ) -> RoomKickResponse:  # type: ignore[override]
        self.rooms[room_id].remove_member(user_id)
        self.kicked.append((room_id, user_id))
        return RoomKickResponse()

    async def join(self, room_id: str) -> JoinResponse:  # type: ignore[override]
        return JoinResponse(room_id)

    async def set_displayname(self, displayname: str) -> ProfileSetDisplayNameResponse:  # type: ignore[override]
        return ProfileSetDisplayNameResponse()


def settings_for_tests(**sections: dict[str, Any]) -> Settings:
    """Settings as a network would write them, with `sections` merged over the defaults."""
    data: dict[str, Any] = {
        "homeserver": {"url": "http://127.0.0.1:9"},
        "bot": {"user_id": BOT_ID, "password": "x"},
        "network": {"rooms": [NETWORK_ROOM], "coordinators": [COORDINATOR]},
        "knowledge": {"department": "exemple", "contact": "la coordination"},
    }
    for name, values in sections.items():
        data[name] = {**data.get(name, {}), **values}
    return Settings.model_validate(data)


class Harness:
    """One bot on its own database; `say` sends a message as someone and returns what the bot
    sent in answer (replies, and whatever its follow-ups sent)."""

    def __init__(self, database_url: str, settings: Settings | None = None) -> None:
        self.settings = settings or settings_for_tests()
        self.client = RecordingClient()
        self.db = Database(database_url)
        self.clock = Clock.stopped_at(NOW)
        self.core = Core(
            self.settings,
            self.db,
            self.clock,
            Translator(self.settings.locale.language),
            self.client,
            OutboxSender(self.client, self.db),
            DirectRooms(self.client, self.db),
            AsyncIOScheduler(timezone=self.settings.locale.timezone),  # never started here
        )
        self.bot: Bot
        self.sync: SyncLoop
        self._numbers = itertools.count(1)
        self._sending: asyncio.Task[None] | None = None

    async def start(self) -> Harness:
        await self.db.upgrade()
        await self.core.direct_rooms.load()
        self.client.add_room(NETWORK_ROOM, {COORDINATOR, PROMENEUR})
        self.bot = await assemble(self.core)
        self.working = Working(self.client, slow_seconds=0.0, receipt_delay=0.0)  # at once here
        self.sync = SyncLoop(
            self.client,
            self.db,
            self.settings,
            self.core.outbox,
            self.bot.dispatcher,
            self.core.t("undecryptable"),
            self.core.t("storage.down"),
            lambda reference: self.core.t("error.internal", reference=reference),
            self.core.direct_rooms,
            self.working,
        )
        await self.bot.network.resolve()
        self._sending = asyncio.create_task(self.core.outbox.run())
        return self

    async def stop(self) -> None:
        await self.working.close()
        if self._sending is not None:
            self._sending.cancel()
            await asyncio.gather(self._sending, return_exceptions=True)
        self.db.close()

    async def dm(self, person: str) -> RoomId:
        """`person`'s private room with the bot (created and joined the first time)."""
        return await self.core.direct_rooms.get(person)

    async def say(
        self,
        body: str,
        sender: str = PROMENEUR,
        room: str | None = None,
        content: dict[str, Any] | None = None,
    ) -> list[Sent]:
        """Send `body` (or the whole `content`) as `sender` in `room` (by default their private
        room with the bot); what the bot sent because of it."""
        room_id = room or await self.dm(sender)
        message = content or {"msgtype": "m.text", "body": body}
        return await self.send_event(room_id, sender, "m.room.message", message)

    async def react(self, room_id: str, sender: str, event_id: str, key: str) -> list[Sent]:
        relation = {"rel_type": "m.annotation", "event_id": event_id, "key": key}
        return await self.send_event(room_id, sender, "m.reaction", {"m.relates_to": relation})

    async def send_event(
        self,
        room_id: str,
        sender: str,
        event_type: str,
        content: dict[str, Any],
        event_id: str | None = None,
        redacts: str | None = None,
    ) -> list[Sent]:
        source = {
            "event_id": event_id or f"$in{next(self._numbers)}",
            "sender": sender,
            "origin_server_ts": int(self.clock().timestamp() * 1000),
            "type": event_type,
            "room_id": room_id,
            "content": content,
            **({"redacts": redacts} if redacts else {}),
        }
        self.client.events[source["event_id"]] = source
        event = Event.parse_event(source)
        before = len(self.client.sent)
        await self.sync.handle_event(self.client.rooms[room_id], event)
        await self.sent_all()
        return self.client.sent[before:]

    async def run_job(self, name: str) -> list[Sent]:
        """Run one of the features' periodic jobs now; what it sent."""
        before = len(self.client.sent)
        (job,) = [job for job in self.bot.jobs if job.name == name]
        await job.run()
        await self.sent_all()
        return self.client.sent[before:]

    async def sent_all(self, timeout: float = 10.0) -> None:
        """Wait until the outbox has sent everything queued (bounded)."""
        async with asyncio.timeout(timeout):
            await self.core.outbox.sent_all()

    def move_clock(self, moment: dt.datetime) -> None:
        self.clock.stop_at(moment)

    def membership(self, room_id: str, user_id: str, state: str, sender: str) -> None:
        """A membership change of `room_id` (invite, join, leave…) as the bot's sync hands it
        to matrix-nio."""
        event = Event.parse_event(
            {
                "event_id": f"$membre{next(self._numbers)}",
                "sender": sender,
                "origin_server_ts": int(self.clock().timestamp() * 1000),
                "type": "m.room.member",
                "state_key": user_id,
                "room_id": room_id,
                "content": {"membership": state},
            }
        )
        assert isinstance(event, RoomMemberEvent), event
        self.client.rooms[room_id].handle_membership(event)


class Speaker:
    """Someone talking to the bot through the harness, with the calls of the integration tests'
    `Person` (bot/demo/people.py): `send`, `ask`, `ask_all`, `react`."""

    def __init__(self, harness: Harness, user_id: str) -> None:
        self.harness = harness
        self.user_id = user_id
        self._numbers = itertools.count(1)

    async def send(
        self,
        room_id: str,
        body: str,
        msgtype: str = "m.text",
        edits: str | None = None,
        reply_to: str | None = None,
        thread: str | None = None,
    ) -> str:
        """Send a message (or the edit of `edits`, or a reply to `reply_to`, in the thread of
        root `thread`); its event id."""
        content = message_content(body, msgtype, edits, reply_to, thread)
        event_id = f"${self.user_id[1:].partition(':')[0]}{next(self._numbers)}"
        await self.harness.send_event(room_id, self.user_id, "m.room.message", content, event_id)
        return event_id

    async def send_file(self, room_id: str, name: str, data: bytes, mimetype: str) -> str:
        """Post a file (its bytes kept by the recording client); its event id."""
        client = self.harness.client
        uri = f"mxc://x/envoi{next(self._numbers)}"
        client.stored[uri] = data
        content = {
            "msgtype": "m.file",
            "body": name,
            "filename": name,
            "url": uri,
            "info": {"mimetype": mimetype, "size": len(data)},
        }
        event_id = f"${self.user_id[1:].partition(':')[0]}-fichier{next(self._numbers)}"
        await self.harness.send_event(room_id, self.user_id, "m.room.message", content, event_id)
        return event_id

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        """React with `key` to `event_id`; the reaction's event id."""
        relation = {"rel_type": "m.annotation", "event_id": event_id, "key": key}
        reaction = f"${self.user_id[1:].partition(':')[0]}-reaction{next(self._numbers)}"
        await self.harness.send_event(
            room_id, self.user_id, "m.reaction", {"m.relates_to": relation}, reaction
        )
        return reaction

    async def redact(self, room_id: str, event_id: str) -> None:
        """Remove one's own event (a reaction taken back)."""
        await self.harness.send_event(
            room_id, self.user_id, "m.room.redaction", {}, redacts=event_id
        )

    def replies_to(self, event_id: str) -> list[Sent]:
        return [sent for sent in self.harness.client.sent if sent.answers == event_id]

    async def ask(self, room_id: str, body: str, reply_to: str | None = None) -> str:
        """Send `body` and return the text of the bot's reply to it."""
        event_id = await self.send(room_id, body, reply_to=reply_to)
        replies = self.replies_to(event_id)
        assert replies, f"pas de réponse à {body!r} ; envoyé : {self.harness.client.sent[-3:]}"
        return replies[0].body

    async def ask_all(self, room_id: str, body: str, count: int) -> list[str]:
        """Send `body` and return the texts of the bot's first `count` replies, in order."""
        event_id = await self.send(room_id, body)
        replies = self.replies_to(event_id)
        assert len(replies) >= count, [reply.body for reply in replies]
        return [reply.body for reply in replies[:count]]


@dataclass
class LocalNetwork:
    """The integration tests' `Network`, in process: a coordinator and a promeneur in the
    network room, an outsider, and each one's private room with the bot."""

    harness: Harness
    coordinator: Speaker
    promeneur: Speaker
    outsider: Speaker
    room: RoomId
    dm: RoomId
    coordinator_dm: RoomId

    @property
    def bot_id(self) -> str:
        return BOT_ID

    @property
    def database_url(self) -> str:
        return self.harness.db.url

    def bot_messages(self, room_id: str) -> list[Sent]:
        return [sent for sent in self.harness.client.sent if sent.room_id == room_id]


async def local_network(database_url: str, settings: Settings | None = None) -> LocalNetwork:
    harness = await Harness(database_url, settings).start()
    return LocalNetwork(
        harness,
        Speaker(harness, COORDINATOR),
        Speaker(harness, PROMENEUR),
        Speaker(harness, STRANGER),
        NETWORK_ROOM,
        await harness.dm(PROMENEUR),
        await harness.dm(COORDINATOR),
    )
