"""Declarations under load, and the cost of a large report.

1. 200 simulated promeneurs (real matrix-nio clients) declare their week at the same moment,
   each in their own direct message with the bot, through a local Synapse. Prints how many
   dialogues completed, the p50 and p99 latency of one step (answer sent -> next question
   received), and checks in the bot's database that every declaration was saved.
2. Builds a quarterly report for 2,000 promeneurs x 13 weeks from a SQLite file: prints the
   time to read and sum the declarations (target: under 2 s), then the time of the exports.

    .venv/bin/python bench/declarations.py [--promeneurs 200] [--report-promeneurs 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, col, func, select

from bot.declarations.chart import chart_png
from bot.declarations.export import to_csv, to_xlsx
from bot.declarations.report import Period, build_report, load_rows
from bot.declarations.weeks import Week
from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import LocalSynapse
from bot.demo.people import Person
from bot.storage.database import make_engine, upgrade
from bot.storage.models import Declaration

# a first declaration of the quarter: the quarter's question (young friends) comes third
ANSWERS = [
    "3h30",
    "insta, snap",
    "240",
    "12",
    "4",
    "0 2 3",
    "5 2 1 0",
    "1 5",
    "aucune",
    "passer",
    "oui",
]
PARALLEL_SETUP = 10


async def _setup_person(
    synapse: LocalSynapse, index: int, store: Path, bot_id: str, room: str, gate: asyncio.Semaphore
) -> tuple[Person, str]:
    async with gate:
        account = await asyncio.to_thread(synapse.register, f"pdn{index:03d}", "secret")
        person = Person(synapse.url, account.user_id, account.password, store / str(index))
        await person.start(timeout=300)
        await person.join(room)
        dm = await person.create_room("", invite=[bot_id], direct=True)
        return person, dm


async def _declare(person: Person, dm: str, week: Week, latencies: list[float]) -> bool:
    reply = await person.ask(dm, f"!declarer {week}", timeout=120)
    for answer in ANSWERS:
        started = time.perf_counter()
        reply = await person.ask(dm, answer, timeout=120)
        latencies.append((time.perf_counter() - started) * 1000)
    return "Déclaration enregistrée" in reply


async def dialogues(count: int, workdir: Path) -> None:
    synapse = LocalSynapse(workdir / "synapse")
    await asyncio.to_thread(synapse.start)
    people: list[tuple[Person, str]] = []
    bot: BotProcess | None = None
    try:
        bot_account = synapse.register("pdn-bot", "bot-secret")
        coordinator = Person(
            synapse.url, *_account(synapse, "coordination"), workdir / "people" / "coordination"
        )
        await coordinator.start()
        room = await coordinator.create_room("Réseau PdN", invite=[])
        ids = [f"@pdn{i:03d}:localhost" for i in range(count)]
        for user in ids:
            await coordinator.client.room_invite(room, user)
        await coordinator.client.room_invite(room, bot_account.user_id)
        config = write_config(
            workdir / "bot" / "config.toml",
            synapse.url,
            bot_account.user_id,
            bot_account.password,
            network_rooms=[room],
            coordinators=[coordinator.user_id],
            allowed_inviters=[coordinator.user_id, *ids],
        )
        bot = BotProcess(config)
        await asyncio.to_thread(bot.start)
        gate = asyncio.Semaphore(PARALLEL_SETUP)
        started = time.perf_counter()
        people = await asyncio.gather(
            *(
                _setup_person(synapse, i, workdir / "people", bot_account.user_id, room, gate)
                for i in range(count)
            )
        )
        await asyncio.gather(*(p.wait_member(dm, bot_account.user_id, 120) for p, dm in people))
        print(f"setup: {count} promeneurs with their DM in {time.perf_counter() - started:.0f} s")

        week = Week.of(dt.date.today()).shifted(-1)
        latencies: list[float] = []
        bot_cpu = _cpu_seconds(bot)
        started = time.perf_counter()
        results = await asyncio.gather(
            *(_declare(p, dm, week, latencies) for p, dm in people), return_exceptions=True
        )
        elapsed = time.perf_counter() - started
        bot_cpu = _cpu_seconds(bot) - bot_cpu
        completed = sum(1 for r in results if r is True)
        errors = [r for r in results if isinstance(r, BaseException)]
        saved = _saved(workdir / "bot" / "data" / "pdn-bot.sqlite3", str(week))
        p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) > 1 else 0.0
        print(
            f"dialogues: {completed}/{count} completed in {elapsed:.1f} s; "
            f"{len(latencies)} steps; step latency p50 {statistics.median(latencies):.0f} ms, "
            f"p99 {p99:.0f} ms; declarations saved: {saved}/{count}"
        )
        print(
            f"the bot itself used {bot_cpu:.1f} s of CPU for those {elapsed:.0f} s: the latency "
            "is that of the simulated clients and of Synapse on SQLite sharing this machine"
        )
        for error in errors[:3]:
            print(f"  error: {error!r}")
        print(f"nothing lost: {'yes' if completed == saved == count else 'NO'}")
    finally:
        await asyncio.gather(*(p.stop() for p, _ in people), return_exceptions=True)
        if bot is not None and bot.running:
            await asyncio.to_thread(bot.stop, 30)
        await asyncio.to_thread(synapse.stop)


def _cpu_seconds(bot: BotProcess) -> float:
    """User + system CPU time of the bot process (Linux)."""
    assert bot.process is not None
    fields = Path(f"/proc/{bot.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _account(synapse: LocalSynapse, localpart: str) -> tuple[str, str]:
    account = synapse.register(localpart, f"{localpart}-secret")
    return account.user_id, account.password


def _saved(database: Path, week: str) -> int:
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        query = select(func.count()).select_from(Declaration).where(col(Declaration.week) == week)
        count = int(session.exec(query).one())
    engine.dispose()
    return count


def report_timing(promeneurs: int, workdir: Path) -> None:
    url = f"sqlite:///{workdir / 'report.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    period = Period(2026, 4)
    weeks = period.weeks()[:13]
    rng = random.Random(5)
    topics = ["Mal-être", "Cyberharcèlement", "Alcool", "Fugue", "Sexualité", "Écrans"]
    with Session(engine) as session:
        session.add_all(
            Declaration(
                user_id=f"@p{p:04d}:localhost",
                week=str(week),
                hours=rng.choice([1.0, 2.5, 4.0]),
                networks=["Instagram", "Snapchat"],
                young_people=rng.randint(0, 20),
                short_contacts=rng.randint(0, 9),
                age_groups={"15-17 ans": 4, "18-21 ans": 2},
                interactions={"échanges simples": 3, "demandes de conseil": 1},
                topics=rng.sample(topics, 2),
                referrals={"3018": 1},
            )
            for p in range(promeneurs)
            for week in weeks
        )
        session.commit()
    today = dt.date(2027, 1, 10)
    started = time.perf_counter()
    with Session(engine) as session:
        rows = load_rows(session, [str(w) for w in period.weeks()])
    report = build_report(period, rows, today)
    built = time.perf_counter() - started
    started = time.perf_counter()
    csv_data, xlsx_data, png_data = to_csv(report), to_xlsx(report), chart_png(report)
    exported = time.perf_counter() - started
    print(
        f"report: {promeneurs} promeneurs x {len(weeks)} weeks = {len(rows)} declarations read "
        f"and summed in {built:.2f} s (target < 2 s: {'met' if built < 2 else 'NOT met'}); "
        f"CSV {len(csv_data) // 1024} KB, XLSX {len(xlsx_data) // 1024} KB, "
        f"PNG {len(png_data) // 1024} KB written in {exported:.2f} s"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--promeneurs", type=int, default=200)
    parser.add_argument("--report-promeneurs", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        report_timing(args.report_promeneurs, workdir)
        asyncio.run(dialogues(args.promeneurs, workdir))


if __name__ == "__main__":
    main()
