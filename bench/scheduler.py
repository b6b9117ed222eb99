"""Meeting reminders at scale: start-up with 10,000 meetings, then 500 reminders in one minute.

The real bot runs as a process against a local Synapse, on a SQLite file seeded beforehand:
- 10,000 one-off meetings, each with its three reminders (7 days, 1 day, 1 hour) still ahead;
- 500 more meetings at the same hour, whose "in 1 hour" reminders all fall due at the same
  instant, about a minute after the bot starts.
Prints the start-up time (process start to ready, and to reminders planned; target: under 5 s)
and the bot's resident memory, both beside the same bot started on an empty database; then, for
the burst, how many reminders reached the room, how many twice, and the delay between due time
and the message's arrival at the homeserver (median, p99, max).

    .venv/bin/python bench/scheduler.py [--meetings 10000] [--burst 500]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import Account, LocalSynapse
from bot.demo.people import Person, body
from bot.storage.database import make_engine, upgrade
from bot.storage.models import Meeting

TARGET_STARTUP_S = 5.0
LEAD = dt.timedelta(seconds=75)  # from seeding to the burst minute
PLANNED_LINE = "Rappels de réunion planifiés"


def seed(url: str, meetings: int, burst: int, now: dt.datetime) -> dt.datetime:
    """The meetings; returns when the burst minute begins."""
    upgrade(url)
    span = dt.timedelta(days=30).total_seconds()
    rows = [
        {
            "source_event_id": f"$bench-{i}",
            "kind": "reseau",
            "title": f"Réunion {i}",
            # 7 days and 2 hours ahead at least, so that all three reminders are still to come.
            "starts_at": now + dt.timedelta(days=7, hours=2, seconds=span * i / meetings),
            "created_by": "@bench:localhost",
            "created_at": now - dt.timedelta(days=60),
            "audience": [],
        }
        for i in range(meetings)
    ]
    burst_at = (now + LEAD).replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    rows += [
        {
            "source_event_id": f"$burst-{i}",
            "kind": "reseau",
            "title": f"Rafale {i}",
            # All at the same hour, created now: only their "in 1 hour" reminders exist, all due
            # at the same instant.
            "starts_at": burst_at + dt.timedelta(hours=1),
            "created_by": "@bench:localhost",
            "created_at": now,
            "audience": [],
        }
        for i in range(burst)
    ]
    if rows:
        with Session(make_engine(url)) as session:
            session.execute(insert(Meeting), rows)
            session.commit()
    return burst_at


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_bot(
    work: Path, synapse: LocalSynapse, account: Account, room: str, coordinator: str
) -> tuple[BotProcess, float, float, float]:
    """Start the bot; (process, seconds to ready, seconds to reminders planned, RSS in MB)."""
    config = write_config(
        work / "config.toml",
        synapse.url,
        account.user_id,
        account.password,
        network_rooms=[room],
        coordinators=[coordinator],
        allowed_inviters=[coordinator],
        database_url=f"sqlite:///{work / 'bot.sqlite3'}",
    )
    bot = BotProcess(config)
    started = time.perf_counter()
    bot.start(timeout=120)
    ready = time.perf_counter() - started
    bot.wait_for_log(PLANNED_LINE, timeout=120)
    planned = time.perf_counter() - started
    assert bot.process is not None
    return bot, ready, planned, rss_mb(bot.process.pid)


def reminders_posted(person: Person, room: str, sender: str) -> list[tuple[str, int]]:
    return [
        (body(event), int(event.source["origin_server_ts"]))
        for event in person.messages_from(sender, room)
        if body(event).startswith("⏰ Rappel")
    ]


async def run(meetings: int, burst: int, work: Path) -> int:
    synapse = LocalSynapse(work / "synapse")
    await asyncio.to_thread(synapse.start)
    bots: list[BotProcess] = []
    watcher: Person | None = None
    try:
        coordinator = synapse.register("coordination", "coordination-secret")
        watcher = Person(synapse.url, coordinator.user_id, coordinator.password, work / "watcher")
        await watcher.start()
        figures = {}
        for name, count, size in (("vide", 0, 0), ("chargé", meetings, burst)):
            account = synapse.register(f"pdn-bot-{count}", "bot-secret")
            room = await watcher.create_room(name, invite=[account.user_id])
            (work / name).mkdir()
            now = dt.datetime.now(dt.UTC)
            seeded = time.perf_counter()
            burst_at = seed(f"sqlite:///{work / name / 'bot.sqlite3'}", count, size, now)
            seeding = time.perf_counter() - seeded
            bot, ready, planned, rss = await asyncio.to_thread(
                start_bot, work / name, synapse, account, room, coordinator.user_id
            )
            bots.append(bot)
            figures[name] = (ready, planned, rss)
            print(
                f"{name:<7} {count:>6} réunions : prêt en {ready:5.2f} s, rappels planifiés en "
                f"{planned:5.2f} s, mémoire {rss:6.1f} Mo"
                + (f" (base préparée en {seeding:.1f} s)" if count else "")
            )
        deadline = time.monotonic() + (burst_at - dt.datetime.now(dt.UTC)).total_seconds() + 180
        while time.monotonic() < deadline:
            if len(reminders_posted(watcher, room, account.user_id)) >= burst:
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(5)  # anything sent twice would arrive now
        rows = reminders_posted(watcher, room, account.user_id)
        titles = Counter(body.split(" : ", 1)[1].split(",")[0] for body, _ in rows)
        delays = sorted(ts / 1000 - burst_at.timestamp() for _, ts in rows)
        rss_after = rss_mb(bots[-1].process.pid) if bots[-1].process else float("nan")
    finally:
        if watcher is not None:
            await watcher.stop()
        for bot in bots:
            bot.stop()
        synapse.stop()

    twice = sum(1 for n in titles.values() if n > 1)
    print(
        f"Rafale : {len(titles)}/{burst} rappels postés, {twice} en double ; "
        f"mémoire après la rafale {rss_after:.1f} Mo"
    )
    if delays:
        p99 = delays[int(0.99 * (len(delays) - 1))]
        print(
            f"Délai échéance -> message sur le serveur : "
            f"médiane {statistics.median(delays):.2f} s, "
            f"p99 {p99:.2f} s, max {delays[-1]:.2f} s"
        )
    startup = figures["chargé"][1]
    verdict = "OK" if startup < TARGET_STARTUP_S else "TROP LENT"
    print(f"Démarrage avec {meetings} réunions : {startup:.2f} s (cible < {TARGET_STARTUP_S} s) : "
          f"{verdict}")  # fmt: skip
    ok = startup < TARGET_STARTUP_S and len(titles) == burst and twice == 0
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--burst", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdn-bench-") as work:
        return asyncio.run(run(args.meetings, args.burst, Path(work)))


if __name__ == "__main__":
    raise SystemExit(main())
