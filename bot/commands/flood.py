"""Flood control: how many commands one person may send in shared rooms.

Each person has a bucket of `burst` commands that refills at `per_minute`. A command arriving
with the bucket empty gets one calm notice; the ones after it get nothing until the bucket has
refilled by one. Direct messages are not counted (a dialogue must never be cut), nor is any
message that evokes a danger (the dispatcher answers those first, always).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_PEOPLE = 10_000  # above this, people with a full bucket are forgotten


class Verdict(enum.Enum):
    ANSWER = "answer"
    WARN = "warn"  # the first one over the limit: say so, once
    IGNORE = "ignore"


@dataclass
class _Bucket:
    tokens: float
    at: float
    warned: bool = False


class FloodGuard:
    def __init__(
        self, burst: int, per_minute: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._burst = float(burst)
        self._rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def admit(self, sender: str) -> Verdict:
        now = self._clock()
        bucket = self._buckets.get(sender)
        if bucket is None:
            if len(self._buckets) >= MAX_PEOPLE:
                self._forget_the_calm(now)
            bucket = self._buckets[sender] = _Bucket(self._burst, now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.at) * self._rate)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return Verdict.ANSWER
        if bucket.warned:
            return Verdict.IGNORE
        bucket.warned = True
        return Verdict.WARN

    def _forget_the_calm(self, now: float) -> None:
        full = [
            sender
            for sender, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.at) * self._rate >= self._burst
        ]
        for sender in full:
            del self._buckets[sender]
