"""Flood control, on a clock the test moves."""

from __future__ import annotations

from bot.commands.flood import FloodGuard, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_notice_then_silence_until_it_refills() -> None:
    clock = Clock()
    guard = FloodGuard(burst=3, per_minute=6, clock=clock)  # one more every 10 s
    verdicts = [guard.admit("@a:x") for _ in range(6)]
    assert verdicts == [Verdict.ANSWER] * 3 + [Verdict.WARN] + [Verdict.IGNORE] * 2
    assert guard.admit("@b:x") is Verdict.ANSWER  # others are not held back
    clock.now = 9.0
    assert guard.admit("@a:x") is Verdict.IGNORE
    clock.now = 10.5
    assert guard.admit("@a:x") is Verdict.ANSWER
    assert guard.admit("@a:x") is Verdict.WARN  # warned again after an answer


def test_memory_stays_bounded() -> None:
    clock = Clock()
    guard = FloodGuard(burst=2, per_minute=60, clock=clock)
    for index in range(25_000):
        clock.now = index * 0.001
        guard.admit(f"@p{index}:x")
    assert len(guard._buckets) <= 10_001
