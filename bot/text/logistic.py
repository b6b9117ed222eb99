"""A yes-or-no text classifier: logistic regression over tf-idf weighted features, trained with
numpy alone (so no training library is needed) and stored as two flat arrays."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from bot.text.ngrams import BUCKETS, Bag
from bot.text.tfidf import TfIdf


@dataclass(frozen=True)
class LinearModel:
    """A weight per feature bucket, and an intercept."""

    tfidf: TfIdf
    weights: npt.NDArray[np.float32]
    intercept: float

    def probability(self, found: Bag) -> float:
        ids, values = self.tfidf.weighted(found)
        z = self.intercept + float(values @ self.weights[ids])
        return 1 / (1 + math.exp(-max(min(z, 50.0), -50.0)))


def train_logistic(
    examples: Sequence[tuple[Bag, bool]],
    strength: float = 10.0,
    iterations: int = 300,
) -> LinearModel:
    """Logistic regression with L2 regularisation (inverse strength `strength`, as in the usual
    libraries), both answers weighted alike whatever their counts, fitted by Nesterov-accelerated
    gradient descent on the whole set."""
    tfidf = TfIdf.learn(found for found, _ in examples)
    rows, columns, values = [], [], []
    for row, (found, _) in enumerate(examples):
        ids, weights = tfidf.weighted(found)
        rows.append(np.full(len(ids) + 1, row, dtype=np.int64))
        columns.append(np.append(ids, BUCKETS))  # the intercept, as a column of ones
        values.append(np.append(weights, 1.0))
    # Only the features some example has get a weight (the others stay at zero whatever the
    # data): the fit works on those columns alone, renumbered, the intercept last.
    used, renumbered = np.unique(np.concatenate(columns), return_inverse=True)
    matrix = _Sparse(
        np.concatenate(rows), renumbered, np.concatenate(values), len(examples), len(used)
    )
    labels = np.array([1.0 if urgent else 0.0 for _, urgent in examples])
    positives = max(labels.sum(), 1.0)
    negatives = max(len(labels) - positives, 1.0)
    balance = np.where(labels == 1, len(labels) / (2 * positives), len(labels) / (2 * negatives))
    penalty = np.full(len(used), 1 / strength)
    penalty[-1] = 0.0  # the intercept is not held back
    fitted = _fit(matrix, labels, balance, penalty, iterations)
    weights = np.zeros(BUCKETS + 1)
    weights[used] = fitted
    return LinearModel(tfidf, weights[:BUCKETS].astype(np.float32), float(weights[BUCKETS]))


@dataclass(frozen=True)
class _Sparse:
    """A matrix by its non-zero entries, row after row; every row has one (the intercept)."""

    rows: npt.NDArray[np.int64]
    columns: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]
    height: int
    width: int

    @cached_property
    def _row_starts(self) -> npt.NDArray[np.int64]:
        return np.flatnonzero(np.r_[True, self.rows[1:] != self.rows[:-1]])

    def times(self, vector: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        # Sums over runs of one row: twice as fast as a weighted bincount here.
        return np.add.reduceat(self.values * vector[self.columns], self._row_starts)

    def transposed_times(self, vector: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.bincount(
            self.columns, weights=self.values * vector[self.rows], minlength=self.width
        ).astype(np.float64, copy=False)


def _fit(
    matrix: _Sparse,
    labels: npt.NDArray[np.float64],
    balance: npt.NDArray[np.float64],
    penalty: npt.NDArray[np.float64],
    iterations: int,
) -> npt.NDArray[np.float64]:
    """Minimise sum(penalty * w^2) / 2 + sum(balance * log-loss) by accelerated gradient descent
    (Nesterov), with the step given by the loss's curvature bound."""
    curvature = 0.25 * float(balance.max()) * _largest_eigenvalue(matrix) + float(penalty.max())
    step = 1.0 / curvature
    weights = np.zeros(matrix.width)
    previous = weights
    for k in range(1, iterations + 1):
        ahead = weights + (k - 1) / (k + 2) * (weights - previous)
        margin = np.clip(matrix.times(ahead), -50, 50)
        error = balance * (1 / (1 + np.exp(-margin)) - labels)
        gradient = matrix.transposed_times(error) + penalty * ahead
        previous, weights = weights, ahead - step * gradient
    return weights


def _largest_eigenvalue(matrix: _Sparse, rounds: int = 30) -> float:
    """The largest eigenvalue of X'X, by power iteration (a few per cent over is harmless)."""
    vector = np.ones(matrix.width) / math.sqrt(matrix.width)
    value = 1.0
    for _ in range(rounds):
        product = matrix.transposed_times(matrix.times(vector))
        value = float(np.linalg.norm(product))
        vector = product / (value or 1.0)
    return value * 1.05
