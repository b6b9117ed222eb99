"""Counts and choices as promeneurs write them: the number before or after the name, in words
or in digits, abbreviations of a relay; what could mean two things is asked back, never stored
as a guess."""

from __future__ import annotations

import pytest

from bot.declarations.parsing import parse_choices, parse_counted
from bot.text.errors import UserError
from tests.unit.test_dialog_properties import catalog


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("8 échanges, 3 conseils et 1 prévention", (8, 3, 1)),
        ("échanges 8, conseils 3, prévention 1", (8, 3, 1)),
        ("huit échanges, trois conseils et une prévention", (8, 3, 1)),
        ("8 échanges 3 conseils 1 prévention", (8, 3, 1)),
        ("échanges : 8 ; conseils x3 ; prévention=1", (8, 3, 1)),
        ("vingt et un échanges", (21, 0, 0)),
        ("5 3 1", (5, 3, 1)),
        ("cinq trois un", (5, 3, 1)),
    ],
)
def test_each_interaction_gets_its_own_number_in_any_order(
    text: str, counts: tuple[int, int, int]
) -> None:
    found = parse_counted(text, catalog().interactions, allow_none=True)

    labels = ("échanges simples", "demandes de conseil", "actions de prévention")
    assert tuple(found.get(label, 0) for label in labels) == counts, found


@pytest.mark.parametrize("text", ["8 échanges 3", "échanges 8 conseils", "8 3 échanges"])
def test_a_number_without_its_name_is_asked_back(text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_counted(text, catalog().interactions, allow_none=True)

    assert "quel nombre va avec quoi" in refused.value.text()


def test_a_relay_is_found_by_its_usual_short_name() -> None:
    relays = catalog().relays

    assert parse_counted("maison des ados 2", relays, True, positional=False) == {
        "Maison des Adolescents": 2
    }
    assert parse_counted("3018 x2, CRIP", relays, True, positional=False) == {
        "3018": 2, "CRIP": 1
    }  # fmt: skip


def test_a_name_that_fits_several_relays_is_asked_back() -> None:
    with pytest.raises(UserError) as refused:
        parse_counted("info service", catalog().relays, True, positional=False)

    assert "peut vouloir dire" in refused.value.text()
    assert "Alcool Info Service" in refused.value.text()


def test_a_theme_written_in_two_words_is_one_theme() -> None:
    topics, networks = catalog().topics, catalog().networks

    assert parse_choices("cyber harcelement", topics, allow_none=True) == ["Cyberharcèlement"]
    assert parse_choices("insta snap", networks, allow_none=True) == ["Instagram", "Snapchat"]


def _number(label: str) -> str:
    """The position of `label` in the list of relays, as a promeneur types it."""
    return str([choice.label for choice in catalog().relays].index(label) + 1)


def test_relays_by_number_with_their_times_as_the_help_shows() -> None:
    relays = catalog().relays
    fil, cyber = _number("Fil Santé Jeunes"), _number("17Cyber")

    assert parse_counted(f"{fil} {cyber}x2", relays, True, positional=False) == {
        "Fil Santé Jeunes": 1, "17Cyber": 2
    }  # fmt: skip
    assert parse_counted("17Cyber 1, 119 x2", relays, True, positional=False) == {
        "17Cyber": 1, "119 Allô Enfance en Danger": 2
    }  # fmt: skip
    assert parse_counted("2 fois 3018", relays, True, positional=False) == {"3018": 2}


def test_a_number_that_is_a_relay_beside_another_number_is_asked_back() -> None:
    with pytest.raises(UserError) as refused:  # the 3018 twice, or the 3018 and the second?
        parse_counted("3018 2", catalog().relays, True, positional=False)

    assert "quel nombre va avec quoi" in refused.value.text()


def test_a_name_with_et_in_it_is_one_name() -> None:
    long = "Centre national d'assistance et de prévention de la radicalisation"
    assert parse_counted(f"{long} 3, 3018 x2", catalog().relays, True, positional=False) == {
        "3018": 2, long: 3
    }  # fmt: skip
    assert parse_choices("tabac et vapotage et alcool", catalog().topics, True) == [
        "Alcool", "Tabac et vapotage"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("0 5 3 0 1", {"15-17 ans": 5, "18-21 ans": 3, "parents": 1}),
        ("15-17 : 5, 18-21 : 3, parents 1", {"15-17 ans": 5, "18-21 ans": 3, "parents": 1}),
        ("cinq 15-17 ans et trois 18-21", {"15-17 ans": 5, "18-21 ans": 3}),
        ("11-14 x2", {"11-14 ans": 2}),
    ],
)
def test_young_people_per_age_group(text: str, counts: dict[str, int]) -> None:
    assert parse_counted(text, catalog().ages, allow_none=True) == counts
