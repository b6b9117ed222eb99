"""The sync layer against events it cannot handle: a malformed event, a handler that fails, writes
that cannot be committed. None of them stops the loop, answers twice, or announces what was not
kept. The loop runs with a real database; only the homeserver is absent."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nio import Event, MatrixRoom
from sqlmodel import Session, select

from bot.matrix.events import IncomingMessage, Response
from bot.matrix.outbox import OutboxSender, Outgoing
from bot.matrix.shapes import edit_of, reply_of
from bot.matrix.sync import SyncLoop
from bot.matrix.working import Working
from bot.settings import parse_settings
from bot.storage.database import Database, upgrade
from bot.storage.models import HandledEvent, OutboxMessage, SyncState
from tests.databases import Databases

BOT, ROOM = "@pdn-bot:x", "!salon:x"
SETTINGS = parse_settings(
    {
        "homeserver": {"url": "http://127.0.0.1:1"},
        "bot": {"user_id": BOT, "password": "x"},
        "network": {"coordinators": ["@coord:x"], "rooms": [ROOM]},
    },
    Path("config.toml"),
    env={},
)


class _Client:
    """What the sync loop reads of a client when it handles one event."""

    def __init__(self) -> None:
        self.user_id = BOT
        self.rooms: dict[str, MatrixRoom] = {}


class _Rig:
    def __init__(self, url: str) -> None:
        self.loop = asyncio.new_event_loop()
        upgrade(url)
        self.db = Database(url)
        self.handled: list[IncomingMessage] = []
        self.outbox = OutboxSender(_Client(), self.db)  # type: ignore[arg-type]
        self.working = Working(_Client())  # type: ignore[arg-type]
        self.sync = SyncLoop(
            _Client(),  # type: ignore[arg-type]
            self.db,
            SETTINGS,
            self.outbox,
            self.answer,
            "indéchiffrable",
            error_text=lambda reference: f"Désolé, erreur {reference}.",
            working=self.working,
        )
        self.sync._replaying = False
        self.room = MatrixRoom(ROOM, BOT)
        self.writes: list[Any] = []

    async def answer(self, message: IncomingMessage) -> Response:
        self.handled.append(message)
        content = {"msgtype": "m.notice", "body": f"vu : {message.body[:20]}"}
        return Response([Outgoing(message.room_id, content)], list(self.writes))

    def deliver(self, content: Any, event_id: str) -> None:
        source = {
            "type": "m.room.message",
            "event_id": event_id,
            "sender": "@camille:x",
            "origin_server_ts": 1,
            "content": content,
        }
        event = Event.parse_event(source)
        self.loop.run_until_complete(self.sync.handle_event(self.room, event))

    def rows(self, model: type) -> list[Any]:
        query = select(model)
        return self.loop.run_until_complete(self.db.run(lambda s: list(s.exec(query).all())))

    def sent(self) -> list[str]:
        return [str(m.content.get("body")) for m in self.outbox._queue]


@pytest.fixture(scope="module")
def rig(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Rig]:
    rig = _Rig(databases.new(tmp_path_factory.mktemp("sync")))
    yield rig
    rig.loop.run_until_complete(rig.working.close())
    rig.db.close()
    rig.loop.close()


@pytest.mark.parametrize(
    "relations",
    [
        {"m.relates_to": "chaîne"},
        {"m.relates_to": ["liste"]},
        {"m.relates_to": {"m.in_reply_to": "chaîne"}},
        {"m.relates_to": {"m.in_reply_to": ["liste"]}},
        {"m.relates_to": {"m.in_reply_to": {"event_id": 12}}},
        {"m.relates_to": {"rel_type": "m.replace", "event_id": "$x"}, "m.new_content": ["l"]},
        {"m.relates_to": {"rel_type": "m.replace", "event_id": ["$x"]}, "m.new_content": "t"},
        {"m.relates_to": {"rel_type": "m.replace", "event_id": "$x"}, "m.new_content": {"body": 3}},
    ],
)
def test_a_malformed_relation_is_read_as_absent(rig: _Rig, relations: dict[str, Any]) -> None:
    event_id = f"$malformed{abs(hash(json.dumps(relations)))}"
    rig.deliver({"msgtype": "m.text", "body": "!ping", **relations}, event_id)

    message = rig.handled[-1]
    assert message.event_id == event_id
    assert message.body in ("!ping", "t", "* !ping".removeprefix("* "))


def test_writes_that_cannot_be_kept_are_dropped_and_the_sender_told(rig: _Rig) -> None:
    def broken(session: Session) -> None:
        session.add(SyncState(user_id="@nul:x", next_batch=None))  # type: ignore[arg-type]

    rig.writes = [broken]
    before = len(rig.outbox._queue)
    rig.deliver({"msgtype": "m.text", "body": "!annuaire importer confirmer"}, "$broken")
    rig.writes = []

    replies = rig.sent()[before:]
    assert len(replies) == 1 and replies[0].startswith("Désolé, erreur ")  # never "vu : …"
    assert "$broken" in {row.event_id for row in rig.rows(HandledEvent)}
    assert "@nul:x" not in {row.user_id for row in rig.rows(SyncState)}
    stored = [row for row in rig.rows(OutboxMessage) if "Désolé" in str(row.content)]
    assert len(stored) == 1

    rig.deliver({"msgtype": "m.text", "body": "!ping"}, "$after")
    assert rig.sent()[-1].startswith("vu : !ping")  # the loop goes on


def test_a_failing_handler_is_isolated(rig: _Rig) -> None:
    async def explode(message: IncomingMessage) -> Response:
        raise RuntimeError("boum")

    rig.sync._on_message = explode
    try:
        rig.deliver({"msgtype": "m.text", "body": "!ping"}, "$boum")
    finally:
        rig.sync._on_message = rig.answer
    assert rig.sent()[-1].startswith("Désolé, erreur ")
    assert "$boum" in {row.event_id for row in rig.rows(HandledEvent)}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    ["msgtype", "body", "m.relates_to", "m.new_content", "m.in_reply_to", "rel_type", "event_id",
     "format", "formatted_body", "key", "m.mentions"]
)  # fmt: skip
RELATION = JSON | st.dictionaries(KEYS, JSON | st.dictionaries(KEYS, JSON, max_size=3), max_size=4)
# A readable text message (else the client library drops it) with relations of any shape, or
# anything at all.
CONTENT = st.fixed_dictionaries(
    {"msgtype": st.just("m.text"), "body": st.text(max_size=40)},
    optional={"m.relates_to": RELATION, "m.new_content": RELATION, "format": JSON},
) | st.dictionaries(KEYS, RELATION, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=CONTENT, number=st.integers(min_value=0, max_value=10**9))
def test_any_content_goes_through_the_sync_layer_once(
    rig: _Rig, content: dict[str, Any], number: int
) -> None:
    event_id = f"$fuzz{number}-{abs(hash(json.dumps(content, sort_keys=True, default=str)))}"
    rig.deliver(content, event_id)
    first = len(rig.outbox._queue)
    rig.sync._replaying = True  # the same event again, as after a restart
    try:
        rig.deliver(content, event_id)
    finally:
        rig.sync._replaying = False
    assert len(rig.outbox._queue) == first  # never answered twice


@given(content=JSON, body=st.text(max_size=40))
def test_relations_of_any_shape_never_raise(content: Any, body: str) -> None:
    edited, text = edit_of(content, body)
    answered, rest = reply_of(content, text)
    assert edited is None or isinstance(edited, str)
    assert answered is None or isinstance(answered, str)
    assert isinstance(rest, str)
