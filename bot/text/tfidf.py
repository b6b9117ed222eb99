"""Weighting features by how telling they are: sublinear term frequency times inverse document
frequency, scaled to unit length (the weighting most text classifiers expect)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.text.ngrams import BUCKETS, Bag

Weighted = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]  # feature ids, weights


@dataclass(frozen=True)
class TfIdf:
    """Inverse document frequency of each feature bucket (0 for a feature never seen)."""

    idf: npt.NDArray[np.float32]

    @classmethod
    def learn(cls, collection: Iterable[Bag]) -> TfIdf:
        frequency = np.zeros(BUCKETS, dtype=np.int64)
        size = 0
        for ids, _ in collection:
            frequency[ids] += 1
            size += 1
        idf = np.where(frequency > 0, np.log((1 + size) / (1 + frequency)) + 1, 0.0)
        return cls(idf.astype(np.float32))

    def weighted(self, found: Bag) -> Weighted:
        """The features of one text and their weights; features never seen are dropped."""
        ids, counts = found
        idf = self.idf[ids].astype(np.float64)
        known = idf > 0
        ids, values = ids[known], (1 + np.log(counts[known])) * idf[known]
        norm = math.sqrt(float(values @ values)) or 1.0
        return ids, values / norm
