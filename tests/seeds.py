"""Seeds for tests that draw at random: a failure can always be replayed."""

from __future__ import annotations

import os
import random

VARIABLE = "PDN_TEST_SEED"


def replayable_seed() -> int:
    """The seed in PDN_TEST_SEED, or a new one; printed (pytest shows it when the test fails)."""
    given = os.environ.get(VARIABLE, "").strip()
    seed = int(given) if given else random.SystemRandom().randrange(2**32)
    print(f"graine {seed} : {VARIABLE}={seed} python3 -m bot test … pour rejouer")
    return seed
