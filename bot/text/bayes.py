"""A text classifier that learns in about a second from labelled examples: tf-idf weighted
n-grams and complement naive Bayes (Rennie et al., 2003), which stays reliable with few
examples per class and many classes.

Complement naive Bayes scores a class by how unlike the other classes' examples a text is. Its
weight for feature f and class c is -log((T_f + a - n_cf) / Z_c), where T_f is the feature's
total weight over all examples, n_cf its weight in class c, a the smoothing and Z_c the sum of
the numerators over all features. Up to a term that is the same for every class, a text x then
scores |x| log Z_c + sum over its features of x_f (log(T_f + a) - log(T_f + a - n_cf)), and the
last term is zero for the classes that never saw f. So the model keeps, for each feature, only
the classes that saw it (in flat arrays, one slice per feature): scoring costs what the text's
features' slices cost, and a base of 10,000 entries stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.text.ngrams import BUCKETS, Bag
from bot.text.tfidf import TfIdf

Features = Callable[[str], Bag]
SMOOTHING = 0.05
MIN_GAIN = 0.05  # smaller gains change no ranking and would only slow scoring down


class ComplementBayes:
    """Scores texts against classes learnt from `(text, class)` examples; immutable once built."""

    def __init__(
        self,
        examples: Iterable[tuple[str, str]],
        features: Features,
        smoothing: float = SMOOTHING,
    ) -> None:
        self._features = features
        counted = [(features(text), label) for text, label in examples]
        self.classes: list[str] = sorted({label for _, label in counted})
        number = {label: i for i, label in enumerate(self.classes)}
        self._tfidf = TfIdf.learn(found for found, _ in counted)
        ids, labels, values = [], [], []
        for found, label in counted:
            weighted_ids, weights = self._tfidf.weighted(found)
            ids.append(weighted_ids)
            labels.append(np.full(len(weighted_ids), number[label], dtype=np.int64))
            values.append(weights)
        del counted
        self._build(np.concatenate(ids), np.concatenate(labels), np.concatenate(values), smoothing)

    def _build(
        self,
        ids: npt.NDArray[np.int64],
        labels: npt.NDArray[np.int64],
        values: npt.NDArray[np.float64],
        smoothing: float,
    ) -> None:
        size = len(self.classes)
        total = np.bincount(ids, weights=values, minlength=BUCKETS)
        in_class = np.bincount(labels, weights=values, minlength=size)
        all_weight = total.sum() + smoothing * int((total > 0).sum())
        self._log_z = np.log(np.maximum(all_weight - in_class, 1e-9))
        pairs, where = np.unique(ids * size + labels, return_inverse=True)
        seen = np.bincount(where, weights=values)
        feature, label = pairs // size, pairs % size
        base = total[feature] + smoothing
        gains = np.log(base) - np.log(np.maximum(base - seen, 1e-12))
        kept = gains >= MIN_GAIN
        feature, label, gains = feature[kept], label[kept], gains[kept]
        self._starts = np.zeros(BUCKETS + 1, dtype=np.int32)
        np.cumsum(np.bincount(feature, minlength=BUCKETS), out=self._starts[1:])
        self._labels = label.astype(np.int32)
        self._gains = gains.astype(np.float32)

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """The learnt model as plain arrays, for `restore`."""
        return {
            "classes": np.array(self.classes, dtype=str),
            "idf": self._tfidf.idf,
            "log_z": self._log_z,
            "starts": self._starts,
            "labels": self._labels,
            "gains": self._gains,
        }

    @classmethod
    def restore(cls, state: Mapping[str, npt.NDArray[Any]], features: Features) -> ComplementBayes:
        """The model `state` describes; ValueError if the arrays do not fit together."""
        model = cls.__new__(cls)
        model._features = features
        model.classes = [str(label) for label in state["classes"]]
        model._tfidf = TfIdf(state["idf"].astype(np.float32))
        model._log_z = state["log_z"].astype(np.float64)
        model._starts = state["starts"].astype(np.int32)
        model._labels = state["labels"].astype(np.int32)
        model._gains = state["gains"].astype(np.float32)
        stored = len(model._labels)
        if (
            model._tfidf.idf.shape != (BUCKETS,)
            or model._starts.shape != (BUCKETS + 1,)
            or model._log_z.shape != (len(model.classes),)
            or model._gains.shape != (stored,)
            or int(model._starts[0]) != 0
            or int(model._starts[-1]) != stored
            or bool((np.diff(model._starts) < 0).any())
            or (
                stored
                and not 0
                <= int(model._labels.min())
                <= int(model._labels.max())
                < len(model.classes)
            )
        ):
            raise ValueError("arrays of another model or of another version")
        return model

    def scores(self, text: str) -> npt.NDArray[np.float64]:
        """One score per class (in `classes` order), per unit of the text's weight so that
        short and long texts compare; higher is likelier. Only differences between the scores
        of one text mean something; all are zero for a text with no known feature."""
        ids, values = self._tfidf.weighted(self._features(text))
        size = float(values.sum())
        if not size:
            return np.zeros(len(self.classes))
        starts = self._starts[ids].astype(np.int64)
        lengths = self._starts[ids + 1] - starts
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        slots = offsets + np.arange(int(lengths.sum()))
        gained = np.bincount(
            self._labels[slots],
            weights=self._gains[slots] * np.repeat(values, lengths),
            minlength=len(self.classes),
        )
        scores: npt.NDArray[np.float64] = (size * self._log_z + gained) / size
        return scores


def best(scores: npt.NDArray[np.float64], count: int) -> list[int]:
    """The indexes of the `count` highest scores, highest first, without sorting them all."""
    every = np.arange(len(scores))
    top = np.argpartition(-scores, count)[:count] if count < len(scores) else every
    return [int(i) for i in top[np.argsort(-scores[top], kind="stable")]]
