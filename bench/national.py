"""National scale on PostgreSQL: the annual report of 3,000 promeneurs × 52 weeks.

A local PostgreSQL (the tests' helper) holds the directory of 3,000 promeneurs and their 52
weekly declarations of 2026 (156,000 rows); the annual report is read and built exactly as
`!rapport 2026` and `pdn-bot report --year 2026` do it (`PeriodData.read`, then the summary,
PDF, CSV, XLSX and chart of `report_files`). Prints the time to read and sum (target: under
5 s) and the time of the files, and the process's memory after.

Not measured here yet (issue 19): the Friday prompt burst to 3,000 DMs across 100 network rooms
on one Synapse, and 200 concurrent dialogues at that scale (bench/declarations.py measures 200
dialogues on a small network).

    .venv/bin/python bench/national.py [--promeneurs 3000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' PostgreSQL helper

from bot.declarations.report import Period  # noqa: E402
from bot.declarations.reporting import PeriodData, report_files  # noqa: E402
from bot.settings import CoordinationSettings, DeclarationSettings  # noqa: E402
from bot.storage.database import make_engine, upgrade  # noqa: E402
from bot.storage.models import Declaration, Member  # noqa: E402
from tests.postgres import LocalPostgres  # noqa: E402

TARGET_SECONDS = 5.0
TOPICS = ["Mal-être", "Cyberharcèlement", "Alcool", "Fugue", "Sexualité", "Écrans"]


def seed(url: str, promeneurs: int, period: Period) -> int:
    """The directory and every week of the year declared; how many declarations."""
    rng = random.Random(19)
    engine = make_engine(url)
    people = [f"@pdn{n:04d}:departement{n % 100:02d}.fr" for n in range(promeneurs)]
    joined = dt.datetime(2025, 9, 1, tzinfo=dt.UTC)
    rows = [
        {
            "user_id": user,
            "week": str(week),
            "hours": rng.choice([1.0, 2.5, 4.0]),
            "networks": ["Instagram", "Snapchat"],
            "young_people": rng.randint(0, 20),
            "short_contacts": rng.randint(0, 9),
            "age_groups": {"15-17 ans": 4, "18-21 ans": 2},
            "interactions": {"échanges simples": 3, "demandes de conseil": 1},
            "topics": rng.sample(TOPICS, 2),
            "referrals": {"3018": 1},
            "declared_at": joined + dt.timedelta(weeks=week.number + 17),
        }
        for user in people
        for week in period.weeks()
    ]
    with Session(engine) as session:
        session.execute(
            insert(Member),
            [
                {"user_id": user, "first_name": f"P{n}", "structure": f"Structure {n % 300}",
                 "status": "actif", "created_at": joined, "updated_at": joined}
                for n, user in enumerate(people)
            ],
        )  # fmt: skip
        for start in range(0, len(rows), 10_000):
            session.execute(insert(Declaration), rows[start : start + 10_000])
        session.commit()
    engine.dispose()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--promeneurs", type=int, default=3000)
    args = parser.parse_args()
    postgres = LocalPostgres()
    postgres.start()
    try:
        url = postgres.new_database()
        upgrade(url)
        period = Period(2026)
        started = time.perf_counter()
        count = seed(url, args.promeneurs, period)
        print(f"base : {count} déclarations de {args.promeneurs} promeneurs écrites en "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        engine = make_engine(url)
        started = time.perf_counter()
        with Session(engine) as session:
            data = PeriodData.read(
                session,
                period,
                (),
                dt.date(2027, 1, 10),
                DeclarationSettings().age_groups,
                CoordinationSettings().tasks,
            )
            report = data.report()
        built = time.perf_counter() - started
        started = time.perf_counter()
        files = report_files(data)
        written = time.perf_counter() - started
        engine.dispose()
        sizes = ", ".join(f"{name.rsplit('.', 1)[1].upper()} {len(body) // 1024} Ko"
                          for name, body, _ in files.files)  # fmt: skip
        verdict = "OK" if built < TARGET_SECONDS else "CIBLE MANQUÉE"
        print(f"bilan annuel : {len(data.rows)} déclarations lues et additionnées en "
              f"{built:.2f} s (cible < {TARGET_SECONDS:.0f} s : {verdict}) ; "
              f"{report.network.weeks_expected} semaines attendues")  # fmt: skip
        print(f"fichiers du bilan en {written:.2f} s : {sizes}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"mémoire du processus (pic) : {peak:.0f} Mo")
    finally:
        postgres.stop()


if __name__ == "__main__":
    main()
