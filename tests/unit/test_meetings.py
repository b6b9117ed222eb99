"""Meetings as the coordination writes them, and their .ics."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bot.commands.roles import Role
from bot.scheduling.commands import invited
from bot.scheduling.ics import meeting_ics
from bot.scheduling.meetings import MeetingKind, apply_fields, parse_fields, summary
from bot.storage.models import Meeting
from bot.text.errors import UserError

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 22, 23, 30, tzinfo=PARIS)


def test_a_meeting_in_one_line() -> None:
    fields = apply_fields(
        parse_fields(
            'copil titre="Comité de pilotage" quand="jeudi 3 décembre à 14h" durée=2h30 '
            'lieu="Caf, salle 2" odj="bilan annuel; budget"'
        ),
        NOW,
    )
    assert fields.kind is MeetingKind.COPIL
    assert fields.starts_at == dt.datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    assert fields.duration_minutes == 150
    assert fields.place == "Caf, salle 2"
    assert summary(4, fields).splitlines()[:2] == [
        "Réunion n° 4 : Comité de pilotage (COPIL)",
        "• Quand : jeudi 3 décembre 2026 à 14 h 00, durée 2 h 30",
    ]


def test_a_recurring_meeting_keeps_its_rule() -> None:
    fields = apply_fields(
        parse_fields('réseau titre="Permanence" quand="tous les premiers mardis du mois à 14h"'),
        NOW,
    )
    assert fields.rule == "FREQ=MONTHLY;BYDAY=1TU;BYHOUR=14;BYMINUTE=0;BYSECOND=0"
    assert fields.starts_at == dt.datetime(2026, 12, 1, 14, 0, tzinfo=PARIS)
    assert "le premier mardi du mois à 14 h 00" in summary(1, fields)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('titre="X" quand="demain 9h"', "Il manque : type"),
        ('copil titre="X" quand="hier 9h"', "Date non reconnue"),
        ('copil titre="X" quand="2026-01-01 9h"', "déjà passé"),
        ('pique-nique titre="X" quand="demain 9h"', "Type « pique-nique » inconnu"),
        ('copil titre="X" quand="demain 9h" duree=20h', "entre 15 min et 12 h"),
        ('copil titre="X" quand="demain 9h" salle=2', "Champ inconnu : salle"),
        ('copil titre="X" quand="demain 9h" pour=camille', "identifiants Matrix"),
    ],
)
def test_bad_meetings_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(UserError) as caught:
        apply_fields(parse_fields(text), NOW)
    assert reason in caught.value.text()


def test_changing_one_field_keeps_the_others() -> None:
    base = apply_fields(parse_fields('formation titre="RGPD" quand="03/12 9h" lieu=BIJ'), NOW)
    changed = apply_fields(parse_fields('quand="04/12 10h"'), NOW, base)
    assert (changed.title, changed.place) == ("RGPD", "BIJ")
    assert changed.starts_at == dt.datetime(2026, 12, 4, 10, 0, tzinfo=PARIS)


def test_ics_has_the_time_zone_the_rule_and_escaped_text() -> None:
    fields = apply_fields(
        parse_fields(
            'réseau titre="Réunion, de; réseau" quand="toutes les deux semaines le jeudi à 10h" '
            'lieu="Salle 1"'
        ),
        NOW,
    )
    data = meeting_ics("pdn-meeting-7@pdn-bot", fields, 2, NOW)
    text = data.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Paris" in text
    assert "DTSTART;TZID=Europe/Paris:20261126T100000" in text
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    rule = event["RRULE"]
    assert (rule["FREQ"], rule["INTERVAL"], rule["BYDAY"]) == (["WEEKLY"], [2], ["TH"])
    assert str(event["SUMMARY"]) == "Réunion, de; réseau"
    assert int(event["SEQUENCE"]) == 2


@pytest.mark.parametrize(
    ("audience", "user", "role", "expected"),
    [
        ([], "@camille:x", Role.PROMENEUR, True),
        ([], "@inconnu:x", Role.GUEST, False),
        (["@camille:x"], "@camille:x", Role.PROMENEUR, True),
        (["@camille:x"], "@yanis:x", Role.PROMENEUR, False),
        (["@camille:x"], "@coord:x", Role.COORDINATOR, True),
    ],
)
def test_who_may_see_and_answer_a_meeting(
    audience: list[str], user: str, role: Role, expected: bool
) -> None:
    meeting = Meeting(kind="reseau", title="Réseau", starts_at=NOW, audience=audience)
    assert invited(meeting, user, role) is expected


def test_long_fields_are_refused_with_their_length() -> None:
    with pytest.raises(UserError, match="« titre » est trop long \\(201 caractères"):
        apply_fields(parse_fields(f'copil titre="{"x" * 201}" quand="demain 9h"'), NOW)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("analyse des pratiques", MeetingKind.PRACTICE),
        ("interstructures", MeetingKind.INTER),
        ("rencontre trimestrielle interstructures", MeetingKind.INTER),
        ("Rencontres régionales", MeetingKind.REGIONAL),
        ("point individuel", MeetingKind.CHECK_IN),
        ("temps de coordination", MeetingKind.NETWORK),
        ("COTECH", MeetingKind.TECHNICAL),
    ],
)
def test_the_seeds_words_name_meeting_types(written: str, kind: MeetingKind) -> None:
    fields = apply_fields(
        {"kind": written, "title": "X", "when": "03/12/2099 14h"},
        dt.datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Paris")),
    )
    assert fields.kind is kind
