"""Our bot beside matrix-reminder-bot (a public matrix-nio + APScheduler bot), in the same run.

Starts a local Synapse, our bot and matrix-reminder-bot 0.4.0 (installed on first use into its
own environment, `~/.cache/pdn-bot/peer-venv`), each in an unencrypted room with one asker.
Prints for both: start-up time (process start to the first answered `!help`), the median and
p99 round trip of `!help` over N alternating rounds, resident memory after start and after the
rounds; then our referral-answer round trip (`!orienter …`). Targets: our median help round
trip no slower than the peer's (the 95 % bootstrap interval of the difference of medians
reaches zero), our memory no larger. Our schema is upgraded before our bot starts, as the
systemd unit does.

    .venv/bin/python bench/compare_peer.py [--rounds 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import LocalSynapse
from bot.demo.people import Person

PEER = "matrix-reminder-bot==0.4.0"
PEER_VENV = Path.home() / ".cache" / "pdn-bot" / "peer-venv"
# Our bot as a SQLite network installs it (`pip install -e .`, no development extras: in .venv,
# peewee would also import psycopg, 9 MB the bot never uses on SQLite).
OUR_VENV = Path.home() / ".cache" / "pdn-bot" / "bench-venv"
ROOT = Path(__file__).resolve().parents[1]
QUESTION = "!orienter une ado se fait harceler sur snap"


def peer_executable() -> Path:
    binary = PEER_VENV / "bin" / "matrix-reminder-bot"
    if not binary.exists():
        print(f"Installation de {PEER} dans {PEER_VENV}…", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(PEER_VENV / "bin" / "pip"), "install", "-q", PEER], check=True)
    return binary


def our_python() -> Path:
    python = OUR_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(OUR_VENV)], check=True)
    print(f"Installation de pdn-bot (sans extras) dans {OUR_VENV}…", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", str(ROOT)], check=True)
    return python


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def round_trip(asker: Person, room: str, bot: str, text: str, timeout: float = 30) -> float:
    """Send `text`; milliseconds until the bot's next message in the room."""
    start_index = len(asker.events)  # only what arrives from now on is looked at
    started = time.perf_counter()
    await asker.send(room, text)

    await asker.wait_after(
        start_index, lambda r, e: r == room and getattr(e, "sender", "") == bot, timeout
    )
    return (time.perf_counter() - started) * 1000


async def first_answer(asker: Person, room: str, bot: str, started: float) -> float:
    """Seconds from `started` until the bot, once in the room, answers `!help`."""
    await asker.wait_member(room, bot, timeout=120)
    while True:
        try:
            await round_trip(asker, room, bot, "!help", timeout=0.3)
            return time.perf_counter() - started
        except TimeoutError:
            continue


def median_difference(ours: list[float], peer: list[float]) -> tuple[float, float, float]:
    """Median of ours minus median of the peer's, with a 95 % bootstrap interval."""
    rng = random.Random(1)
    draws = sorted(
        statistics.median(rng.choices(ours, k=len(ours)))
        - statistics.median(rng.choices(peer, k=len(peer)))
        for _ in range(2000)
    )
    difference = statistics.median(ours) - statistics.median(peer)
    return difference, draws[50], draws[1949]


def describe(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    return f"{name:<22} médiane {statistics.median(samples):6.1f} ms   p99 {p99:6.1f} ms"


def peer_config(work: Path, homeserver: str, user_id: str, password: str) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    path = work / "config.yaml"
    path.write_text(
        f"""command_prefix: "!"
matrix:
  user_id: "{user_id}"
  user_password: "{password}"
  homeserver_url: {homeserver}
  device_id: REMINDERBENCH
  device_name: Reminder Bot
storage:
  database: "sqlite://{work / "bot.db"}"
  store_path: "{work / "store"}"
reminders:
  timezone: "Europe/Paris"
allowlist:
  enabled: false
  regexes: []
blocklist:
  enabled: false
  regexes: []
logging:
  level: WARNING
  file_logging:
    enabled: false
    filepath: bot.log
  console_logging:
    enabled: true
""",
        encoding="utf-8",
    )
    (work / "store").mkdir(exist_ok=True)
    return path


async def run(rounds: int, work: Path) -> int:
    binary = peer_executable()
    python = our_python()
    synapse = LocalSynapse(work / "synapse")
    await asyncio.to_thread(synapse.start)
    peer: subprocess.Popen[bytes] | None = None
    ours: BotProcess | None = None
    asker: Person | None = None
    try:
        peer_account = synapse.register("rappels", "peer-secret")
        our_account = synapse.register("pdn-bot", "bot-secret")
        asker_account = synapse.register("camille", "camille-secret")
        asker = Person(synapse.url, asker_account.user_id, asker_account.password, work / "asker")
        await asker.start()
        peer_room = await asker.create_room("pair", invite=[peer_account.user_id])
        our_room = await asker.create_room("nous", invite=[our_account.user_id])

        config = peer_config(work / "peer", synapse.url, peer_account.user_id, "peer-secret")
        started = time.perf_counter()
        peer = subprocess.Popen(  # noqa: ASYNC220  (starting it is quick; it runs apart)
            [str(binary), str(config)],
            cwd=config.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        peer_start = await first_answer(asker, peer_room, peer_account.user_id, started)
        peer_rss = rss_mb(peer.pid)

        ours = BotProcess(
            write_config(
                work / "bot" / "config.toml",
                synapse.url,
                our_account.user_id,
                our_account.password,
                network_rooms=[our_room],
                coordinators=[asker_account.user_id],
                allowed_inviters=[asker_account.user_id],
            ),
            python=str(python),
        )
        # As deploy/pdn-bot.service does: the schema is brought up to date before the bot starts.
        started = time.perf_counter()
        subprocess.run(  # noqa: ASYNC221  (nothing else runs meanwhile)
            [str(python), "-m", "bot", "db", "upgrade", "-c", str(ours.config)],
            cwd=ours.config.parent,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        migrated = time.perf_counter() - started
        started = time.perf_counter()
        ours.start(wait=False)
        our_start = await first_answer(asker, our_room, our_account.user_id, started)
        assert ours.process is not None
        our_rss = rss_mb(ours.process.pid)

        peer_ms: list[float] = []
        our_ms: list[float] = []
        for number in range(rounds):  # alternate who goes first
            pair = [
                (peer_room, peer_account.user_id, peer_ms),
                (our_room, our_account.user_id, our_ms),
            ]
            for room, bot, samples in pair if number % 2 else reversed(pair):
                samples.append(await round_trip(asker, room, bot, "!help"))
        peer_after, our_after = rss_mb(peer.pid), rss_mb(ours.process.pid)
        referral = [await round_trip(asker, our_room, our_account.user_id, QUESTION)
                    for _ in range(50)]  # fmt: skip
    finally:
        if asker is not None:
            await asker.stop()
        if ours is not None and ours.running:
            ours.stop()
        if peer is not None:
            peer.terminate()
            peer.wait(timeout=20)
        synapse.stop()

    print(f"Comparaison sur le même Synapse local, {rounds} allers-retours de !help chacun :")
    print(describe("matrix-reminder-bot", peer_ms))
    print(describe("pdn-bot", our_ms))
    print(describe("pdn-bot !orienter", referral))
    difference, low, high = median_difference(our_ms, peer_ms)
    print(f"Écart des médianes pdn-bot − pair : {difference:+.1f} ms "
          f"(intervalle à 95 % : {low:+.1f} à {high:+.1f} ms)")  # fmt: skip
    print(f"Démarrage (jusqu'au premier !help répondu) : pair {peer_start:.1f} s, "
          f"pdn-bot {our_start:.1f} s (après `pdn-bot db upgrade` : {migrated:.1f} s)")  # fmt: skip
    print(
        f"Mémoire après démarrage : pair {peer_rss:.0f} Mo, pdn-bot {our_rss:.0f} Mo ; après "
        f"les allers-retours : pair {peer_after:.0f} Mo, pdn-bot {our_after:.0f} Mo"
    )
    fast = low <= 0  # not measurably slower: the interval reaches zero or below
    small = our_after <= peer_after
    print(f"Aller-retour de !help pas plus lent que le pair : {'OK' if fast else 'NON'} ; "
          f"mémoire pas plus grande : {'OK' if small else 'NON'}")  # fmt: skip
    return 0 if fast and small else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdn-bench-") as work:
        return asyncio.run(run(args.rounds, Path(work)))


if __name__ == "__main__":
    raise SystemExit(main())
