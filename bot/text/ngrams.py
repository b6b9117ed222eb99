"""The features a text is compared by: pieces of words (3 to 5 letters, so that typos, SMS
spellings and inflections still share most of them), whole words and runs of two or three words,
and 6-letter pieces that straddle two words ("e pont", "se ta"), which catch short expressions
however they are spelt.

Each feature is hashed into one of `BUCKETS` numbers, so that models hold flat arrays instead of
dictionaries of strings (a few megabytes, whatever the vocabulary); a collision of two rare
features costs nothing measurable.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt

WORD_PIECES = (3, 4, 5)
RUNS = (2, 3)
STRADDLE = 6
BUCKETS = 1 << 19
# A text as its feature buckets (sorted, distinct) and how often each occurs: compact enough to
# keep thousands of examples in memory at once.
Bag = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]


def pieces(words: str) -> list[str]:
    """The features of `words` (already folded, words separated by single spaces), as text."""
    found: list[str] = []
    tokens = words.split()
    for token in tokens:
        padded = f" {token} "
        for size in WORD_PIECES:
            found += [padded[i : i + size] for i in range(len(padded) - size + 1)]
    found += [f"w:{token}" for token in tokens]
    for size in RUNS:
        found += ["w:" + " ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    line = f" {' '.join(tokens)} "
    found += [
        f"x:{line[i : i + STRADDLE]}"
        for i in range(len(line) - STRADDLE + 1)
        if " " in line[i + 1 : i + STRADDLE - 1]
    ]
    return found


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)


def bag(features: list[str]) -> Bag:
    hashed = np.fromiter((bucket(f) for f in features), dtype=np.int64, count=len(features))
    ids, counts = np.unique(hashed, return_counts=True)
    return ids, counts


def ngrams(words: str) -> Bag:
    """The feature buckets of `words` and how often each occurs."""
    return bag(pieces(words))
