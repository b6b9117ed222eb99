"""Exponential backoff with full jitter, for network errors."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import aiohttp

# What a request can raise when the homeserver is down, restarting or unreachable.
NETWORK_ERRORS = (aiohttp.ClientError, OSError, TimeoutError)


@dataclass
class Backoff:
    """Delays that double after each failure up to `cap`, each drawn at random below its ceiling."""

    base: float = 0.5
    cap: float = 60.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2**self.failures)
        self.failures += 1
        # Jitter keeps restarted bots from hitting a recovering homeserver at the same instant.
        return self.rng.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        self.failures = 0
