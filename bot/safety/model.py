"""The learnt part of the danger detector: a logistic regression over the message's wording and
the cues it contains, trained on labelled messages and shipped as weights.

Written cues catch what we thought of; the model catches the many other ways people say the
same things, which cues alone missed on authors they were not written from. It is trained by
`python -m tests.knowledge.train_danger` on the tuning part of the labelled corpus only; a unit
test fails when the corpus changed and the weights were not trained again.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from bot.safety.cues import Finding
from bot.text.logistic import LinearModel
from bot.text.ngrams import BUCKETS, Bag, bag, pieces
from bot.text.tfidf import TfIdf

WEIGHTS = "urgency.npz"
CUE_WEIGHT = 3  # how many times a cue's kind and strength count among the message's features


def signals(words: str, found: list[Finding]) -> Bag:
    """What the model reads: the normalized message's n-grams, and the kinds and strengths of
    the cues found in it."""
    cues = [f"cue:{finding.danger.value}" for finding in found]
    cues += ["cue:strong" if finding.score >= 1 else "cue:weak" for finding in found]
    return bag(pieces(words) + cues * CUE_WEIGHT)


def save(model: LinearModel, trained_on: str, path: Path) -> None:
    """The model's non-zero values only, in half precision (plenty for weights and idf)."""
    seen = np.flatnonzero(model.tfidf.idf)
    weighted = np.flatnonzero(np.abs(model.weights) >= 1e-4)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        trained_on=np.array(trained_on),
        intercept=np.array(model.intercept),
        seen=seen.astype(np.int32),
        idf=model.tfidf.idf[seen].astype(np.float16),
        weighted=weighted.astype(np.int32),
        weights=model.weights[weighted].astype(np.float16),
    )
    path.write_bytes(buffer.getvalue())


@cache
def shipped() -> tuple[LinearModel, str]:
    """The model shipped with the bot, and the fingerprint of the corpus it was trained on."""
    raw = resources.files("bot.safety").joinpath(WEIGHTS).read_bytes()
    with np.load(io.BytesIO(raw)) as data:
        idf = np.zeros(BUCKETS, dtype=np.float32)
        idf[data["seen"]] = data["idf"]
        weights = np.zeros(BUCKETS, dtype=np.float32)
        weights[data["weighted"]] = data["weights"]
        return LinearModel(TfIdf(idf), weights, float(data["intercept"])), str(data["trained_on"])
