"""Which week a `!declarer semaine …` names, and which weeks can still be declared: the current
year up to this week, and the previous year until the annual deadline (bot/settings.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.declarations.fastpath import looks_like_fast_path
from bot.declarations.weeks import Week, closing_day, parse_week, split_week, week_argument
from bot.settings import DeadlineSettings
from bot.text.errors import UserError

DEADLINES = DeadlineSettings()  # annual deadline on 31 January
NOVEMBER = dt.date(2026, 11, 18)  # 2026-W47
JANUARY = dt.date(2027, 1, 5)  # 2027-W01, before the annual deadline of 2026
FEBRUARY = dt.date(2027, 2, 2)  # after it


def _week(text: str, today: dt.date, deadlines: DeadlineSettings = DEADLINES) -> Week:
    return parse_week(text, today, deadlines)


def _refusal(text: str, today: dt.date, deadlines: DeadlineSettings = DEADLINES) -> UserError:
    with pytest.raises(UserError) as refused:
        parse_week(text, today, deadlines)
    return refused.value


def test_a_week_later_this_year_is_refused_as_future_not_taken_last_year() -> None:
    refused = _refusal("semaine 50", NOVEMBER)

    assert refused.key == "declarations.week_future"
    assert str(refused).startswith("La semaine 50 (07/12 au 13/12/2026) n'est pas encore arrivée")
    assert _refusal("50", NOVEMBER).key == "declarations.week_future"
    assert _refusal("2027-W01", NOVEMBER).key == "declarations.week_future"


@pytest.mark.parametrize("text", ["46", "semaine 46", "s46", "S 46", "sem. 46", "2026-W46"])
def test_a_past_week_of_this_year(text: str) -> None:
    assert _week(text, NOVEMBER) == Week(2026, 46)


def test_every_week_of_this_year_stays_declarable_first_quarter_included() -> None:
    assert _week("10", NOVEMBER) == Week(2026, 10)
    assert _week("semaine 1", NOVEMBER) == Week(2026, 1)
    assert _week("47", NOVEMBER) == Week(2026, 47)  # the current week


def test_in_january_a_number_not_reached_yet_is_last_year() -> None:
    assert _week("1", JANUARY) == Week(2027, 1)  # the current week
    assert _week("52", JANUARY) == Week(2026, 52)
    assert _week("semaine 53", JANUARY) == Week(2026, 53)  # 2027 has no week 53
    assert _week("semaine 2", dt.date(2027, 1, 20)) == Week(2027, 2)  # reached in 2027


@pytest.mark.parametrize("text", ["2026-W50", "semaine 50 2026", "S50 2026", "s50 de 2026"])
def test_the_year_may_be_written_and_is_taken_as_written(text: str) -> None:
    assert _week(text, JANUARY) == Week(2026, 50)
    assert _week(text.replace("2026", "2025"), dt.date(2026, 1, 20)) == Week(2025, 50)


def test_the_previous_year_closes_after_the_annual_deadline() -> None:
    assert _week("2026-W50", JANUARY) == Week(2026, 50)
    assert _week("2026-W50", dt.date(2027, 1, 31)) == Week(2026, 50)  # the deadline day itself

    refused = _refusal("2026-W50", FEBRUARY)
    assert refused.key == "declarations.week_closed"
    assert "le bilan 2026 était à rendre le 31/01/2027" in str(refused)
    assert _refusal("52", FEBRUARY).key == "declarations.week_future"  # 2027-W52, not 2026's


def test_a_week_of_a_closed_year_is_refused_saying_why() -> None:
    assert _week("2025-W50", dt.date(2026, 1, 20)) == Week(2025, 50)  # before 31/01/2026
    assert _refusal("2025-W50", dt.date(2026, 2, 2)).key == "declarations.week_closed"
    refused = _refusal("2025-W50", JANUARY)
    assert refused.key == "declarations.week_closed"
    assert "le bilan 2025 était à rendre le 31/01/2026" in str(refused)
    assert "et toutes celles de 2026 jusqu'au 31/01/2027" in str(refused)
    assert _refusal("semaine 50 2025", NOVEMBER).key == "declarations.week_closed"


def test_the_closing_day_follows_the_deadline_settings() -> None:
    late = DeadlineSettings(annual="15/03")
    assert closing_day(2026, late) == dt.date(2027, 3, 15)
    assert _week("2026-W50", dt.date(2027, 3, 1), late) == Week(2026, 50)
    # Without an annual deadline, the quarterly one of January closes the year.
    quarterly_only = DeadlineSettings(annual=None)
    assert closing_day(2026, quarterly_only) == dt.date(2027, 1, 15)
    assert _refusal("2026-W50", dt.date(2027, 1, 20), quarterly_only).key == (
        "declarations.week_closed"
    )


def test_malformed_or_impossible_weeks() -> None:
    assert _refusal("semaine prochaine", NOVEMBER).key == "declarations.bad_week"
    assert _refusal("0", NOVEMBER).key == "declarations.no_such_week"
    assert _refusal("2025-W53", JANUARY).key == "declarations.no_such_week"


def test_what_to_write_names_the_year_when_the_number_alone_is_another_week() -> None:
    assert week_argument(Week(2026, 46), NOVEMBER, DEADLINES) == "46"
    assert week_argument(Week(2026, 52), JANUARY, DEADLINES) == "52"
    assert week_argument(Week(2026, 1), dt.date(2027, 1, 20), DEADLINES) == "1 2026"
    assert _week("1 2026", dt.date(2027, 1, 20)) == Week(2026, 1)


def test_a_fast_path_may_start_with_its_week() -> None:
    assert split_week("semaine 46 3h reseaux=insta") == ("semaine 46", "3h reseaux=insta")
    assert split_week("S50 2026 2h") == ("S50 2026", "2h")
    assert split_week("4h reseaux=insta") == (None, "4h reseaux=insta")
    assert looks_like_fast_path("semaine 46 3h")
    assert not looks_like_fast_path("semaine 46")
