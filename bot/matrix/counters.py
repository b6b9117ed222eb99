"""What the running bot counts for its `/metrics` (Prometheus counters, since its start)."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class Counters:
    messages_handled: int = 0  # events answered or otherwise handled and recorded
    replies_sent: int = 0  # messages the homeserver accepted
    errors: int = 0  # events whose handling failed (answered with an error reference)
    rate_limited_sends: int = 0  # sends the homeserver refused for their rate
    started_at: float = time.time()


COUNTS = Counters()
