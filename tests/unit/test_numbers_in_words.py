"""Numbers and durations written in French words: read right, or refused, never misread."""

from __future__ import annotations

import pytest

from bot.declarations.parsing import parse_count, parse_hours
from bot.text.errors import UserError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quatre-vingt", 80), ("quatre-vingts", 80), ("quatre-vingt-dix", 90),
        ("quatre vingt douze", 92), ("soixante-dix", 70), ("soixante et onze", 71),
        ("vingt et un", 21), ("deux cents", 200), ("douze", 12), ("aucun", 0), ("12", 12),
    ],
)  # fmt: skip
def test_counts_in_words(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deux heures trente", 2.5), ("deux heures et demie", 2.5), ("une heure et quart", 1.25),
        ("deux heures trois quarts", 2.75), ("une demi-heure", 0.5), ("1 heure 45", 1.75),
        ("deux h quinze", 2.25), ("trois", 3.0), ("douze heures", 12.0), ("3h30", 3.5),
        ("90 min", 1.5),
    ],
)  # fmt: skip
def test_durations_in_words(text: str, expected: float) -> None:
    assert parse_hours(text) == expected


@pytest.mark.parametrize("text", ["deux heures soixante", "heures", "deux heures bof"])
def test_a_duration_not_understood_is_refused(text: str) -> None:
    with pytest.raises(UserError):
        parse_hours(text)
