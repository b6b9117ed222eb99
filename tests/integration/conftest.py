"""A real Synapse on loopback for the session, real users, and the bot as a real process."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import AsyncIterator, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from nio import Event, PushNotify, PushRuleset

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import Account, LocalSynapse
from bot.demo.people import Person
from bot.matrix.media import fetch_file
from tests.databases import Databases
from tests.postgres import LocalPostgres, need_postgres

pytestmark = pytest.mark.integration

LOG_TAIL = 60  # lines of each bot's log shown under a failed test


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    """Under a failed test, the end of the log of every bot it ran: what the bot saw and did is
    what explains a failure that happens once in many runs."""
    report = yield
    result = report.get_result()  # type: ignore[attr-defined]
    if result.when != "call" or not result.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    logs = sorted(Path(funcargs["tmp_path"]).rglob("bot.log")) if "tmp_path" in funcargs else []
    if "network" in funcargs:
        logs.append(funcargs["network"].bot.log_path)
    for log in logs:
        lines = log.read_text("utf-8", errors="replace").splitlines()[-LOG_TAIL:]
        result.sections.append((f"journal du bot ({log})", "\n".join(lines)))


BOT = "pdn-bot"
# The suite sends many commands in a row on purpose (test_flood.py checks the limit itself).
NO_FLOOD_CONTROL = (1000, 6000.0)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSynapse]:
    server = LocalSynapse(tmp_path_factory.mktemp("synapse"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> Iterator[LocalPostgres]:
    """A throw-away PostgreSQL cluster on loopback, of this test's own."""
    need_postgres(request.config)
    server = LocalPostgres()
    server.start()
    yield server
    server.stop()


@dataclass
class Network:
    """The session's people, rooms and running bot."""

    synapse: LocalSynapse
    databases: Databases
    database_url: str  # the bot's
    bot_account: Account
    bot: BotProcess
    coordinator: Person
    promeneur: Person
    outsider: Person
    room: str
    dm: str  # Camille's direct message with the bot, encrypted
    coordinator_dm: str  # the coordinator's


async def open_dm(person: Person, bot_id: str) -> str:
    """An encrypted direct message between `person` and the bot, once the bot is in."""
    room = await person.create_room("", invite=[bot_id], encrypted=True, direct=True)
    await person.wait_member(room, bot_id)
    return room


async def file_reply(person: Person, room: str, bot_id: str, name: str) -> bytes:
    """The file named `name` that the bot sent in `room`, downloaded (and decrypted)."""
    event = await person.wait_message(bot_id, room, name)
    _, data = await fetch_file(person.client, room, event.event_id)  # type: ignore[attr-defined]
    return data


def client_api(person: Person, path: str) -> dict[str, Any]:
    """`GET /_matrix/client/{path}` as `person` (what matrix-nio has no call for)."""
    request = urllib.request.Request(
        f"{person.client.homeserver}/_matrix/client/{path}",
        headers={"Authorization": f"Bearer {person.client.access_token}"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return dict(json.load(answer))


async def server_notifications(person: Person) -> dict[str, bool]:
    """The events the homeserver notified `person` of (`GET /notifications`: what its push rules
    made notify), each with whether it was highlighted. Only unencrypted events can be judged
    there: an encrypted one notifies whatever it holds, the client decides."""
    found = await asyncio.to_thread(client_api, person, "v3/notifications?limit=100")
    return {
        item["event"]["event_id"]: any(
            isinstance(action, dict) and action.get("set_tweak") == "highlight"
            and action.get("value", True)
            for action in item["actions"]
        )
        for item in found["notifications"]
    }  # fmt: skip


async def notifies_in_client(person: Person, room_id: str, event: Event) -> bool:
    """Whether `person`'s push rules make `event` (decrypted) notify, evaluated as a client does
    in an encrypted room."""
    rules = await asyncio.to_thread(client_api, person, "v3/pushrules/")
    ruleset = PushRuleset.from_dict(rules["global"])
    room = person.client.rooms[room_id]
    rule = ruleset.matching_rule(event, room, room.user_name(person.user_id) or person.user_id)
    return rule is not None and any(isinstance(action, PushNotify) for action in rule.actions)


async def new_person(synapse: LocalSynapse, localpart: str, store: Path) -> Person:
    account = synapse.register(localpart, f"{localpart}-secret")
    person = Person(synapse.url, account.user_id, account.password, store / localpart)
    await person.start()
    return person


@pytest.fixture(scope="session")
async def network(
    synapse: LocalSynapse, databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Network]:
    stores = tmp_path_factory.mktemp("people")
    bot_account = synapse.register(BOT, "bot-secret")
    coordinator, promeneur, outsider = await asyncio.gather(
        new_person(synapse, "coordination", stores),
        new_person(synapse, "camille", stores),
        new_person(synapse, "intrus", stores),
    )
    people = (coordinator, promeneur, outsider)
    try:
        network = await _build_network(synapse, databases, tmp_path_factory, bot_account, people)
        yield network
        if network.bot.running:
            network.bot.stop()
    finally:
        await asyncio.gather(*(person.stop() for person in people))


async def _build_network(
    synapse: LocalSynapse,
    databases: Databases,
    tmp_path_factory: pytest.TempPathFactory,
    bot_account: Account,
    people: tuple[Person, Person, Person],
) -> Network:
    coordinator, promeneur, outsider = people
    room = await coordinator.create_room(
        "Réseau PdN", invite=[bot_account.user_id, promeneur.user_id]
    )
    await promeneur.join(room)
    dm = await promeneur.create_room("", invite=[bot_account.user_id], encrypted=True, direct=True)
    directory = tmp_path_factory.mktemp("bot")
    database_url = databases.new(directory / "data", "pdn-bot")
    config = write_config(
        directory / "config.toml",
        synapse.url,
        bot_account.user_id,
        bot_account.password,
        database_url=database_url,
        network_rooms=[room],
        coordinators=[coordinator.user_id],
        allowed_inviters=[coordinator.user_id, promeneur.user_id],
        flood=NO_FLOOD_CONTROL,
    )
    bot = BotProcess(config, forked=True)
    await asyncio.to_thread(bot.start)
    await coordinator.wait_member(room, bot_account.user_id)
    await promeneur.wait_member(dm, bot_account.user_id)
    coordinator_dm = await open_dm(coordinator, bot_account.user_id)
    return Network(
        synapse,
        databases,
        database_url,
        bot_account,
        bot,
        coordinator,
        promeneur,
        outsider,
        room,
        dm,
        coordinator_dm,
    )


@dataclass
class SecondBot:
    """Another bot process, with its own account and room, for tests that stop or kill it."""

    account: Account
    process: BotProcess
    room: str
    database_url: str


async def start_second_bot(
    network: Network,
    localpart: str,
    directory: Path,
    database_url: str = "",
    knowledge_dir: Path | None = None,
    declarations: str = "prompts = false",
    extra: str = "",
    clock_file: Path | None = None,
    members: tuple[Person, ...] = (),
    space: str = "",
    encrypted: bool = False,
    flood: tuple[int, float] = NO_FLOOD_CONTROL,
) -> SecondBot:
    """Register `localpart`, give it a room with the promeneur (and `members`), start it and
    wait until it is in. Everyone in the room may invite it (to a direct message). Its database
    is a new one on the suite's database unless `database_url` names one."""
    synapse = network.synapse
    database_url = database_url or network.databases.new(directory / "data", "pdn-bot")
    account = synapse.register(localpart, "bot-secret")
    people = (network.promeneur, *members)
    room = await network.coordinator.create_room(
        localpart, invite=[account.user_id, *(p.user_id for p in people)], encrypted=encrypted
    )
    await asyncio.gather(*(person.join(room) for person in people))
    config = write_config(
        directory / "config.toml",
        synapse.url,
        account.user_id,
        account.password,
        network_rooms=[room],
        coordinators=[network.coordinator.user_id],
        allowed_inviters=[network.coordinator.user_id, *(p.user_id for p in people)],
        database_url=database_url,
        knowledge_dir=knowledge_dir,
        declarations=declarations,
        extra=extra,
        space=space,
        flood=flood,
    )
    process = BotProcess(config, clock_file, forked=True)
    await asyncio.to_thread(process.start)
    await network.promeneur.wait_member(room, account.user_id)
    return SecondBot(account, process, room, database_url)


@pytest.fixture
async def second_bot(
    network: Network, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[SecondBot]:
    """A bot account of its own, in a room of its own, so it can be stopped and killed freely."""
    localpart = f"pdn-bot-{request.node.name.split('[')[-1].strip(']')[:20]}".lower()
    localpart = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in localpart)
    bot = await start_second_bot(network, localpart, tmp_path / "bot")
    yield bot
    if bot.process.running:
        bot.process.stop()


def admin_token(synapse: LocalSynapse) -> str:
    """A token of the homeserver's administrator (registered on first use)."""
    return synapse.login(synapse.register("admin", "admin-secret", admin=True)).access_token
