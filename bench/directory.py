"""Directory search on 5,000 members: `!annuaire` look-ups with typos.

Builds the in-memory directory the bot searches (from a SQLite file seeded with synthetic
members, read back as the bot reads it), then times 1,000 searches: exact names, names with a
typo, structures, territories, no accents. Prints the build time, the median and p99 of one
search (target: p99 under 20 ms) and how often the intended member came first.

    .venv/bin/python bench/directory.py [--members 5000] [--searches 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from bot.directory.registry import Directory, search
from bot.storage.database import Database, make_engine, upgrade
from bot.storage.models import Member

TARGET_P99_MS = 20.0
FIRST = [
    "Camille",
    "Dominique",
    "Alix",
    "Sacha",
    "Yanis",
    "Inès",
    "Léa",
    "Mehdi",
    "Chloé",
    "Hugo",
    "Manon",
    "Nathan",
    "Sarah",
    "Louis",
    "Jade",
    "Rayan",
    "Zoé",
    "Noah",
    "Emma",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
]
KINDS = [
    "MJC",
    "Centre social",
    "Maison de quartier",
    "Mission locale",
    "Espace jeunes",
    "Point information jeunesse",
    "Club de prévention",
    "Maison des adolescents",
]
TOWNS = ["Lille", "Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Dunkerque", "Valenciennes",
         "Douai", "Cambrai", "Maubeuge", "Armentières", "Wattrelos", "Marcq-en-Barœul"]  # fmt: skip


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def seed(url: str, count: int, rng: random.Random) -> list[dict[str, object]]:
    upgrade(url)
    now = dt.datetime.now(dt.UTC)
    rows: list[dict[str, object]] = []
    for i in range(count):
        town = rng.choice(TOWNS)
        rows.append(
            {
                "user_id": f"@pdn{i}:exemple.fr",
                "first_name": rng.choice(FIRST),
                "last_name": f"{rng.choice(LAST)}-{i}" if i % 3 == 0 else rng.choice(LAST),
                "structure": f"{rng.choice(KINDS)} {town} {i % 40}",
                "territory": town,
                "email": f"pdn{i}@exemple.fr",
                "profiles": f"PdN {i}",
                "created_at": now,
                "updated_at": now,
            }
        )
    with Session(make_engine(url)) as session:
        session.execute(insert(Member), rows)
        session.commit()
    return rows


def queries(rows: list[dict[str, Any]], count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(query, the user it is about, or "" when several members match equally)."""
    found = []
    for _ in range(count):
        row = rng.choice(rows)
        kind = rng.randrange(4)
        if kind == 0:
            found.append((f"{row['first_name']} {row['last_name']}", row["user_id"]))
        elif kind == 1:
            found.append((f"{row['first_name']} {typo(row['last_name'], rng)}", row["user_id"]))
        elif kind == 2:
            found.append((row["structure"].lower(), ""))
        else:
            found.append((row["territory"].replace("è", "e").replace("œ", "oe"), ""))
    return found


async def run(members: int, searches: int, work: Path) -> int:
    rng = random.Random(7)
    url = f"sqlite:///{work / 'bench.sqlite3'}"
    rows = seed(url, members, rng)
    db = Database(url)
    try:
        directory = Directory(db, set())
        started = time.perf_counter()
        await directory.reload()
        built = time.perf_counter() - started
    finally:
        db.close()
    timings, first, listed, named = [], 0, 0, 0
    for query, user in queries(rows, searches, rng):
        started = time.perf_counter()
        found = search(directory.snapshot, query)
        timings.append((time.perf_counter() - started) * 1000)
        if user:
            named += 1
            first += bool(found) and found[0].user_id == user
            listed += user in {m.user_id for m in found}
    timings.sort()
    p99 = timings[int(0.99 * (len(timings) - 1))]
    print(f"Annuaire de {members} membres chargé et indexé en {built:.2f} s")
    print(f"Recherche ({searches}) : médiane {statistics.median(timings):.2f} ms, "
          f"p99 {p99:.2f} ms, max {timings[-1]:.2f} ms")  # fmt: skip
    print(
        f"Nom cherché (avec ou sans faute) : parmi les résultats {listed}/{named}, en premier "
        f"{first}/{named} (des homonymes existent)"
    )
    verdict = "OK" if p99 < TARGET_P99_MS else "TROP LENT"
    print(f"p99 {p99:.2f} ms (cible < {TARGET_P99_MS:.0f} ms) : {verdict}")
    return 0 if p99 < TARGET_P99_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--searches", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdn-bench-") as work:
        return asyncio.run(run(args.members, args.searches, Path(work)))


if __name__ == "__main__":
    raise SystemExit(main())
