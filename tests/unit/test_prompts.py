"""Who gets the weekly prompt or the reminder, and when."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from bot.declarations.preferences import parse_until
from bot.declarations.prompts import PROMPT, REMINDER, Due, due_messages
from bot.declarations.weeks import Week
from bot.matrix.post_once import record_once
from bot.settings import DeclarationSettings
from bot.storage.database import make_engine, upgrade
from bot.storage.models import Declaration, DeclarationPreference

PARIS = ZoneInfo("Europe/Paris")
FRIDAY_NOON = dt.datetime(2026, 11, 20, 12, 0, tzinfo=PARIS)  # week 47
FRIDAY_AFTERNOON = dt.datetime(2026, 11, 20, 15, 0, tzinfo=PARIS)
MONDAY_MORNING = dt.datetime(2026, 11, 16, 9, 0, tzinfo=PARIS)
MONDAY_NOON = dt.datetime(2026, 11, 16, 12, 0, tzinfo=PARIS)
W46, W47 = Week(2026, 46), Week(2026, 47)
SETTINGS = DeclarationSettings()  # prompt Friday 14:00, reminder Monday 10:00


@pytest.fixture
def session(database_url: str) -> Session:
    url = database_url
    upgrade(url)
    return Session(make_engine(url))


def _due(session: Session, now: dt.datetime, people: set[str] | None = None) -> set[Due]:
    return set(due_messages(session, people or {"@a:x"}, SETTINGS, now))


def test_prompt_is_due_from_friday_afternoon_until_declared(session: Session) -> None:
    assert _due(session, FRIDAY_NOON) == {Due("@a:x", W46, REMINDER)}
    assert Due("@a:x", W47, PROMPT) in _due(session, FRIDAY_AFTERNOON)
    session.add(Declaration(user_id="@a:x", week=str(W47)))
    session.add(Declaration(user_id="@a:x", week=str(W46)))
    session.commit()
    assert _due(session, FRIDAY_AFTERNOON) == set()


def test_reminder_is_about_last_week_from_monday_morning(session: Session) -> None:
    assert _due(session, MONDAY_MORNING) == set()
    assert _due(session, MONDAY_NOON) == {Due("@a:x", W46, REMINDER)}


def test_each_message_is_sent_once(session: Session) -> None:
    due = Due("@a:x", W47, PROMPT)
    assert record_once(session, due.key) is True
    assert record_once(session, due.key) is False
    session.commit()
    assert due not in _due(session, FRIDAY_AFTERNOON)


def test_personal_time_and_turned_off_prompts(session: Session) -> None:
    session.add(DeclarationPreference(user_id="@a:x", weekday=4, time="16:00"))
    session.add(DeclarationPreference(user_id="@off:x", enabled=False))
    session.commit()
    people = {"@a:x", "@off:x", "@b:x"}

    at_three = _due(session, FRIDAY_AFTERNOON, people)
    assert Due("@b:x", W47, PROMPT) in at_three
    assert Due("@a:x", W47, PROMPT) not in at_three
    assert not any(d.user_id == "@off:x" for d in at_three)
    at_five = _due(session, FRIDAY_AFTERNOON + dt.timedelta(hours=2), people)
    assert Due("@a:x", W47, PROMPT) in at_five


def test_nothing_is_sent_while_on_leave(session: Session) -> None:
    session.add(DeclarationPreference(user_id="@a:x", away_until=dt.date(2026, 11, 20)))
    session.commit()
    assert _due(session, FRIDAY_AFTERNOON) == set()
    monday_after = dt.datetime(2026, 11, 23, 12, 0, tzinfo=PARIS)
    assert Due("@a:x", W47, REMINDER) in _due(session, monday_after)


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("jusqu'au 15/12", dt.date(2026, 12, 15)),
        ("15/01", dt.date(2027, 1, 15)),
        ("2027-02-01", dt.date(2027, 2, 1)),
        ("au 3/12/2026", dt.date(2026, 12, 3)),
        ("demain", None),
        ("31/02", None),
    ],
)
def test_return_dates_are_read_in_french(text: str, until: dt.date | None) -> None:
    assert parse_until(text, dt.date(2026, 11, 22)) == until
