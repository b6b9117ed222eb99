"""Time to answer a referral question: the real base, and a synthetic base of 10,000 entries.

Prints the median and p99 of `KnowledgeIndex.match` over the labelled questions (each asked
several times), and the time to build each index. Target: p99 under 5 ms with 10,000 entries.

    .venv/bin/python bench/kb_match.py [--entries 10000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import time
import tomllib
from pathlib import Path

from bot.knowledge.desk import load_index
from bot.knowledge.entries import Entry, EntryHeader, KnowledgeBase
from bot.knowledge.index import KnowledgeIndex
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.text.fold import fold

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = "ba be bi bo bu da de di do du fa fe fi fo la le li lo ma me mi mo na ne ni no pa pe "
SYLLABLES += "pi po ra re ri ro sa se si so ta te ti to va ve vi vo cha che chi on an in ou oi"


def labelled_questions() -> list[str]:
    questions: list[str] = []
    for name in ("projet-1.toml", "projet-2.toml"):
        data = tomllib.loads((ROOT / "knowledge" / "exemples" / name).read_text(encoding="utf-8"))
        questions += [q["text"] for q in data["question"]]
    return questions


def synthetic_base(real: KnowledgeBase, size: int, seed: int = 7) -> KnowledgeBase:
    """`size` entries mixing the real base's words with invented ones, shaped like real entries."""
    rng = random.Random(seed)
    real_words = sorted(
        {
            w
            for e in real.entries.values()
            for text in (e.header.titre, *e.header.mots_cles, *e.header.questions)
            for w in fold(text).split()
            if len(w) > 3
        }
    )
    syllables = SYLLABLES.split()
    invented = sorted(
        {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size * 3)}
    )

    def word() -> str:
        return rng.choice(real_words) if rng.random() < 0.3 else rng.choice(invented)

    def phrase(n: int) -> str:
        return " ".join(word() for _ in range(n))

    base = KnowledgeBase()
    for number in range(size):
        header = EntryHeader(
            id=f"synthetique-{number}",
            titre=phrase(3),
            themes=[phrase(1)],
            mots_cles=[phrase(rng.randint(1, 2)) for _ in range(8)],
            synonymes=[phrase(2) for _ in range(4)],
            questions=[phrase(rng.randint(6, 12)) for _ in range(5)],
            verifie_le=dt.date(2026, 11, 22),
            source="synthétique",
        )
        base.entries[header.id] = Entry(header, "Réponse.", f"synthetique-{number}.md")
    return base


def timed(index: KnowledgeIndex, questions: list[str], rounds: int) -> list[float]:
    """Milliseconds per question, questions shuffled in each round."""
    rng = random.Random(1)
    durations: list[float] = []
    for _ in range(rounds):
        order = questions[:]
        rng.shuffle(order)
        for question in order:
            start = time.perf_counter()
            index.match(question)
            durations.append((time.perf_counter() - start) * 1000)
    return durations


def report(name: str, durations: list[float], build_seconds: float) -> None:
    p99 = statistics.quantiles(durations, n=100)[98]
    print(
        f"{name:<28} median {statistics.median(durations):6.3f} ms   p99 {p99:6.3f} ms   "
        f"max {max(durations):6.2f} ms   ({len(durations)} questions; index built in "
        f"{build_seconds:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    questions = labelled_questions()

    start = time.perf_counter()
    real, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "exemple")
    real_build = time.perf_counter() - start
    report(f"real base ({len(real.entries)} entries)", timed(real, questions, args.rounds),
           real_build)  # fmt: skip

    base = synthetic_base(real.base, args.entries)
    start = time.perf_counter()
    synthetic = KnowledgeIndex(base)
    synthetic_build = time.perf_counter() - start
    gc.collect()
    gc.freeze()  # as the bot does once its base is loaded (bot/app.py)
    durations = timed(synthetic, questions, args.rounds)
    report(f"synthetic ({args.entries} entries)", durations, synthetic_build)
    p99 = statistics.quantiles(durations, n=100)[98]
    print(f"target p99 < 5 ms with {args.entries} entries: {'met' if p99 < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
