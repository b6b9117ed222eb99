"""French dates and recurring rules, against an injected clock; summer time included."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.french_dates import describe, example_day, examples, parse_when
from bot.scheduling.meetings import usage
from bot.scheduling.recurrence import first_occurrence, occurrences, parse_rule
from bot.text.errors import UserError

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 22, 23, 30, tzinfo=PARIS)  # a Sunday evening


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeudi 3 décembre à 14h", dt.datetime(2026, 12, 3, 14, 0)),
        ("03/12 14h30", dt.datetime(2026, 12, 3, 14, 30)),
        ("demain 9h", dt.datetime(2026, 11, 23, 9, 0)),
        ("2026-12-03 14:00", dt.datetime(2026, 12, 3, 14, 0)),
        ("après-demain à midi", dt.datetime(2026, 11, 24, 12, 0)),
        ("1er décembre 18h", dt.datetime(2026, 12, 1, 18, 0)),
        ("15/01 9h", dt.datetime(2027, 1, 15, 9, 0)),  # the next 15 January
        ("lundi 10h", dt.datetime(2026, 11, 23, 10, 0)),
        ("dimanche prochain 10h", dt.datetime(2026, 11, 29, 10, 0)),
    ],
)
def test_dates_as_people_write_them(text: str, expected: dt.datetime) -> None:
    assert parse_when(text, NOW) == expected.replace(tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("mardi 3 décembre à 14h", "est un jeudi, pas un mardi"),
        ("2026-11-01 10:00", "déjà passé"),
        ("3 décembre", "Heure manquante"),
        ("dimanche 10h", "aujourd'hui ou dans une semaine"),
        ("31/02 10h", "n'existe pas"),
        ("28/03/2027 2h30", "heure d'été"),
        ("bientôt 10h", "Date non reconnue"),
    ],
)
def test_past_impossible_or_ambiguous_dates_are_refused_with_the_reason(
    text: str, reason: str
) -> None:
    with pytest.raises(UserError) as caught:
        parse_when(text, NOW)
    assert reason in caught.value.text()


def test_dates_read_back_in_french() -> None:
    assert describe(parse_when("03/12 14h30", NOW)) == "jeudi 3 décembre 2026 à 14 h 30"
    assert describe(parse_when("01/12 9h", NOW)) == "mardi 1er décembre 2026 à 9 h 00"


def test_the_help_examples_are_valid_dates_on_every_day_of_years() -> None:
    """The examples the help gives (meeting usage, refused dates) hold whatever today is."""
    for offset in range(0, 3 * 366):
        now = NOW + dt.timedelta(days=offset)
        day = example_day(now.date())
        for written in re.findall(r"« ([^»]+) »", examples(now.date())):
            if written != "demain 9h":
                assert parse_when(written, now).date() == day, (now, written)
        example = re.search(r'quand="([^"]+)"', usage(now.date()))
        assert example and parse_when(example[1], now).date() == day


def _next(rule_text: str, count: int = 3, now: dt.datetime = NOW) -> list[dt.datetime]:
    rule = parse_rule(rule_text)
    first = first_occurrence(rule, now)
    return list(itertools.islice(occurrences(rule, first, now), count))


def test_first_tuesday_of_the_month() -> None:
    assert [d.date() for d in _next("tous les premiers mardis du mois à 14h")] == [
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 5),
        dt.date(2027, 2, 2),
    ]


def test_every_two_weeks_starts_at_the_next_matching_day() -> None:
    assert [d.date() for d in _next("toutes les deux semaines le jeudi à 10h")] == [
        dt.date(2026, 11, 26),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 24),
    ]


def test_weekly_meeting_keeps_its_local_time_across_summer_time() -> None:
    before = dt.datetime(2027, 3, 20, 12, 0, tzinfo=PARIS)
    meetings = _next("tous les lundis à 9h", 2, before)
    assert [m.hour for m in meetings] == [9, 9]
    assert [m.astimezone(dt.UTC).hour for m in meetings] == [8, 7]  # 28 March: summer time


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("tous les mardis", "Heure manquante"),
        ("tous les mois le 31 à 9h", "entre 1 et 28"),
        ("toutes les cinq semaines le lundi à 9h", "deux, trois ou quatre"),
        ("de temps en temps à 9h", "Rythme non reconnu"),
    ],
)
def test_unusable_rules_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_rule(text)
    assert reason in caught.value.text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # across the change to summer time (28 March 2027): still 14:00
            "chaque trimestre le premier mardi à 14h",
            [(2026, 12, 1), (2027, 3, 2), (2027, 6, 1), (2027, 9, 7), (2027, 12, 7)],
        ),
        ("tous les trois mois le 15 à 10h", [(2026, 12, 15), (2027, 3, 15), (2027, 6, 15)]),
        ("tous les six mois le 10 à 9h", [(2026, 12, 10), (2027, 6, 10), (2027, 12, 10)]),
        ("semestriel le premier lundi à 10h", [(2026, 12, 7), (2027, 6, 7), (2027, 12, 6)]),
        ("chaque année le 15 mars à 10h", [(2027, 3, 15), (2028, 3, 15)]),
        ("tous les quinze jours le mardi à 9h", [(2026, 11, 24), (2026, 12, 8), (2026, 12, 22)]),
    ],
)
def test_quarterly_half_yearly_and_yearly_rules(
    text: str, expected: list[tuple[int, int, int]]
) -> None:
    found = _next(text, len(expected))
    assert [(w.year, w.month, w.day) for w in found] == expected
    assert len({(w.hour, w.minute) for w in found}) == 1  # the same local time all year


@pytest.mark.parametrize(
    "text", ["tous les six mois à 9h", "chaque trimestre à 14h", "tous les deux ans le 3 mai à 9h"]
)
def test_a_period_without_its_day_is_refused_never_approximated(text: str) -> None:
    with pytest.raises(UserError):
        parse_rule(text)


def test_a_day_just_gone_is_refused_with_the_date_read_back() -> None:
    now = dt.datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)
    with pytest.raises(UserError) as refused:
        parse_when("23/11 10h", now)
    assert "lundi 23 novembre 2026 est passé" in str(refused.value)
    assert "23/11/2027" in str(refused.value)  # what to write for next year
    assert parse_when("15/01 9h", now).year == 2027  # far from today: next January
