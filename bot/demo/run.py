"""`pdn-bot demo`: a local Synapse, demo accounts and rooms, the bot, and a terminal chat.

Everything lives under one state folder and is reused when the demo runs again.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import secrets
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from nio import RoomMessage

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import LocalSynapse, free_port
from bot.demo.people import Person
from bot.scheduling.french_dates import describe
from bot.scheduling.reminders import parse_offset

BOT = "pdn-bot"
DEMO_ZONE = "Europe/Paris"  # the configuration's default
SPACE_ALIAS, ROOM_ALIAS = "promeneurs-du-net", "reseau-pdn"
PEOPLE = {
    "camille": "Camille (promeneuse, centre social)",
    "yanis": "Yanis (promeneur, PIJ)",
    "coordination": "la coordination départementale",
}
WATCH_SECONDS = 0.5  # how often the chat looks for what the bot posted meanwhile
HELP = """Commandes du chat de démonstration :
  /camille, /yanis     parler en tant que promeneur ou promeneuse
  /coordination        parler en tant que coordinatrice du réseau
  /salon               écrire dans le salon du réseau
  /dm                  écrire en message direct (chiffré) au bot
  /avancer 14j         avancer l'horloge du bot (14j, 3h, 30min) : invitations à
                       déclarer, rappels de réunion et d'échéance arrivent
  /aide                revoir cette aide
  /quitter             arrêter (Ctrl-C aussi)
Tout le reste est envoyé tel quel. Essayez : !aide, !ping, !etat (coordination),
  !orienter une jeune se fait harceler sur snap, vers qui l'orienter ?
  ou, en /dm, la question seule : il boit beaucoup le week-end"""


@dataclass
class DemoState:
    """What the demo keeps between runs (in demo.json)."""

    port: int = 0
    passwords: dict[str, str] = field(default_factory=dict)
    devices: dict[str, tuple[str, str]] = field(default_factory=dict)
    space: str = ""
    room: str = ""
    dms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> DemoState:
        if path.exists():
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        return cls()

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")


def run_demo(state_dir: Path) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_demo(state_dir.resolve()))
    print("\nDémonstration arrêtée. Relancez la même commande pour reprendre où vous en étiez.")
    return 0


async def _demo(state_dir: Path) -> None:
    await asyncio.to_thread(state_dir.mkdir, parents=True, exist_ok=True)
    state_path = state_dir / "demo.json"
    state = DemoState.load(state_path)
    state.port = state.port or free_port()
    synapse = LocalSynapse(state_dir / "synapse", port=state.port)
    print(f"Démarrage du serveur Matrix local ({synapse.url}) …", flush=True)
    try:
        await asyncio.to_thread(synapse.start)
    except Exception:
        synapse.port = state.port = free_port()  # the saved port may be taken now
        await asyncio.to_thread(synapse.start)
    people: dict[str, Person] = {}
    bot: BotProcess | None = None
    try:
        for name in (BOT, *PEOPLE):
            password = state.passwords.setdefault(name, secrets.token_urlsafe(12))
            await asyncio.to_thread(synapse.register, name, password)
        for name in PEOPLE:
            person = Person(
                synapse.url,
                f"@{name}:localhost",
                state.passwords[name],
                state_dir / "people" / name,
            )
            device_id, token = state.devices.get(name, ("", ""))
            await person.start(device_id, token)
            state.devices[name] = (person.client.device_id or "", person.client.access_token)
            people[name] = person
        bot_id = f"@{BOT}:localhost"
        await _create_rooms(state, people, bot_id)
        state.save(state_path)
        config = write_config(
            state_dir / "bot" / "config.toml",
            synapse.url,
            bot_id,
            state.passwords[BOT],
            network_rooms=[state.room],
            coordinators=["@coordination:localhost"],
            allowed_inviters=[p.user_id for p in people.values()],
            department="exemple",
            declarations="prompts = true",  # the weekly prompt, seen with /avancer
        )
        print(
            f"Serveur Matrix : {synapse.url} (port {synapse.port}) ; comptes et mots de passe "
            f"des personnes et du bot : {state_path} ; journal du bot : "
            f"{state_dir / 'bot' / 'bot.log'}. Un autre client Matrix (Element…) peut s'y "
            f"connecter et rejoindre #{ROOM_ALIAS}:localhost.",
            flush=True,
        )
        print("Démarrage du bot …", flush=True)
        bot = BotProcess(config, state_dir / "horloge")  # `/avancer` moves the bot's clock
        await asyncio.to_thread(bot.start)
        await people["camille"].wait_member(state.room, bot_id)
        await _chat(people, state, bot_id, bot)
    finally:
        if bot is not None:
            await asyncio.to_thread(bot.stop)
        for person in people.values():
            await person.stop()
        await asyncio.to_thread(synapse.stop)


async def _create_rooms(state: DemoState, people: dict[str, Person], bot_id: str) -> None:
    coordination = people["coordination"]
    if not state.room:
        print("Création de l'espace et du salon du réseau …", flush=True)
        state.space = await coordination.create_room(
            "Promeneurs du Net (démo)", invite=[], space=True
        )
        state.room = await coordination.create_room(
            "Réseau PdN",
            invite=[bot_id, *(p.user_id for n, p in people.items() if n != "coordination")],
        )
        await coordination.client.room_put_state(
            state.space, "m.space.child", {"via": ["localhost"]}, state_key=state.room
        )
        await coordination.client.room_put_state(
            state.room,
            "m.space.parent",
            {"via": ["localhost"], "canonical": True},
            state_key=state.space,
        )
    for alias, room in ((SPACE_ALIAS, state.space), (ROOM_ALIAS, state.room)):
        await _give_alias(coordination, alias, room)
    for name, person in people.items():
        if name != "coordination" and state.room not in person.client.rooms:
            await person.join(state.room)
        if name not in state.dms:
            state.dms[name] = await person.create_room(
                "", invite=[bot_id], encrypted=True, direct=True
            )


async def _give_alias(person: Person, alias: str, room_id: str) -> None:
    """`#alias:localhost` for `room_id` (what clients that reject long room ids need), once."""
    full = f"#{alias}:localhost"
    resolved = await person.client.room_resolve_alias(full)
    if getattr(resolved, "room_id", None) == room_id:
        return
    await person.client.room_put_alias(full, room_id)
    await person.client.room_put_state(
        room_id, "m.room.canonical_alias", {"alias": full}, state_key=""
    )


class _Lines:
    """Standard input read by a daemon thread, so Ctrl-C never waits for a pending line."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        def read() -> None:
            for line in sys.stdin:
                loop.call_soon_threadsafe(self.queue.put_nowait, line.rstrip("\n"))
            loop.call_soon_threadsafe(self.queue.put_nowait, None)

        threading.Thread(target=read, daemon=True).start()


@dataclass
class _View:
    """Who the demo user speaks as, and where."""

    me: str = "camille"
    where: str = "salon"

    def room(self, state: DemoState) -> str:
        return state.room if self.where == "salon" else state.dms[self.me]

    def prompt(self) -> str:
        return f"[{self.me} · {self.where}] > "


async def _chat(people: dict[str, Person], state: DemoState, bot_id: str, bot: BotProcess) -> None:
    view = _View()
    print(
        f"\nC'est prêt. Vous êtes {PEOPLE[view.me]}, dans le salon « Réseau PdN » "
        f"(#{ROOM_ALIAS}:localhost).\n{HELP}\n",
        flush=True,
    )
    lines = _Lines()
    shown = {event.event_id for person in people.values() for _, event in person.events}
    # What the bot posts while you type (an announcement, a reminder, a file) shows at once.
    watcher = asyncio.create_task(_watch(people, state, bot_id, view, shown))
    try:
        await _converse(people, state, bot_id, bot, view, lines, shown)
    finally:
        watcher.cancel()


async def _watch(
    people: dict[str, Person], state: DemoState, bot_id: str, view: _View, shown: set[str]
) -> None:
    while True:
        await asyncio.sleep(WATCH_SECONDS)
        if _show_new(people[view.me], view.room(state), bot_id, shown, above_prompt=True):
            print(view.prompt(), end="", flush=True)


async def _converse(
    people: dict[str, Person],
    state: DemoState,
    bot_id: str,
    bot: BotProcess,
    view: _View,
    lines: _Lines,
    shown: set[str],
) -> None:
    while True:
        me, where = view.me, view.where
        room = view.room(state)
        print(view.prompt(), end="", flush=True)
        line = await lines.queue.get()
        if line is None or line.strip() in ("/quitter", "/quit"):
            return
        text = line.strip()
        if not text:
            continue
        if text.lstrip("/") in PEOPLE and text.startswith("/"):
            view.me = text[1:]
            print(f"Vous êtes maintenant {PEOPLE[view.me]}.")
            continue
        if text in ("/salon", "/dm"):
            view.where = text[1:]
            continue
        if text == "/aide":
            print(HELP)
            continue
        if text.startswith("/avancer"):
            await _advance(bot, text.removeprefix("/avancer").strip())
            continue
        if not bot.running:
            print("Le bot s'est arrêté : voir", bot.log_path)
            return
        person = people[me]
        event_id = await person.send(room, text)
        with contextlib.suppress(TimeoutError):
            await person.wait_reply(
                room, event_id, timeout=15 if where == "dm" or text[:1] == "!" else 2
            )
        _show_new(person, room, bot_id, shown)


async def _advance(bot: BotProcess, written: str) -> None:
    """Move the bot's clock forward (`14j`, `3h`, `30min`): the prompts, meeting reminders and
    deadline messages of that time come, as a newcomer would otherwise wait days for."""
    if not re.fullmatch(r"\d+(j|h|min)", written):
        print("Écrivez par exemple /avancer 14j, /avancer 3h ou /avancer 30min.")
        return
    offset = bot.clock_offset() + parse_offset(written)
    moment = (dt.datetime.now(dt.UTC) + offset).astimezone(ZoneInfo(DEMO_ZONE))
    await asyncio.to_thread(bot.move_clock, moment)
    print(f"Horloge du bot : {describe(moment)}.")


def _show_new(
    person: Person, room_id: str, bot_id: str, shown: set[str], above_prompt: bool = False
) -> bool:
    """Print what the bot posted in `room_id` not shown yet; whether there was any."""
    found = False
    for room, event in list(person.events):
        if room != room_id or event.sender != bot_id or event.event_id in shown:
            continue
        shown.add(event.event_id)
        if isinstance(event, RoomMessage):
            print(("\n" if above_prompt and not found else "") + _render(event), flush=True)
            found = True
    return found


def _render(event: RoomMessage) -> str:
    content = event.source.get("content", {})
    body = content.get("body", "")
    if content.get("msgtype") == "m.file":
        body = f"📎 fichier joint : {body}"
    indented = "\n".join("    " + line for line in str(body).split("\n"))
    return f"  Assistant PdN :\n{indented}"
