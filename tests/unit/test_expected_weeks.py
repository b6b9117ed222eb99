"""Who should have declared which weeks: one computation for every figure (reports, dashboard,
missing weeks, deadline messages), from arrival, not during leave, not after leaving."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from bot.declarations.records import expected_weeks, missing_weeks
from bot.declarations.report import Period, build_report
from bot.declarations.weeks import Quarter, Week
from bot.storage.database import make_engine, upgrade
from bot.storage.models import ANONYMOUS, AddedCoordinator, Declaration, Member

TODAY = dt.date(2026, 11, 25)  # week 48: weeks 40 to 47 of T4 2026 have ended
UTC = dt.UTC
ENDED = [w for w in Quarter(2026, 4).weeks() if w < Week.of(TODAY)]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=UTC)


def _expected(url: str, people: set[str]) -> dict[str, list[Week]]:
    upgrade(url)
    with Session(make_engine(url)) as session:
        session.add_all(
            [
                Member(user_id="@ancien:x", created_at=_at(dt.date(2025, 1, 6))),
                Member(user_id="@nouveau:x", created_at=_at(dt.date(2026, 11, 18))),  # week 47
                Member(
                    user_id="@labellise:x",
                    created_at=_at(dt.date(2026, 11, 18)),
                    label_date=dt.date(2026, 1, 10),  # labelled long before their entry here
                ),
                Member(
                    user_id="@conges:x",
                    created_at=_at(dt.date(2025, 1, 6)),
                    status="conges",
                    updated_at=_at(dt.date(2026, 11, 3)),  # week 45: away from week 46
                    away_until=dt.date(2027, 1, 31),
                ),
                Member(
                    user_id="@parti:x",
                    created_at=_at(dt.date(2025, 1, 6)),
                    status="parti",
                    updated_at=_at(dt.date(2026, 10, 14)),  # week 42
                ),
                Member(user_id="@coordination:x", created_at=_at(dt.date(2025, 1, 6))),
                AddedCoordinator(user_id="@coordination:x", added_by="@coord:x"),
                Declaration(user_id=ANONYMOUS + "abc", week="2026-W41", hours=2),
                Declaration(user_id="@ancien:x", week="2026-W41", hours=2),
            ]
        )
        session.commit()
        expected = expected_weeks(session, people, Quarter(2026, 4).weeks(), TODAY)
        assert missing_weeks(session, people, Quarter(2026, 4).weeks(), TODAY) == {
            person: [w for w in weeks if not (person == "@ancien:x" and str(w) == "2026-W41")]
            for person, weeks in expected.items()
            if weeks
        }
    return expected


def test_each_person_is_expected_from_arrival_to_departure_and_not_on_leave(
    database_url: str,
) -> None:
    expected = _expected(database_url, {"@salon:x"})

    numbers = {person: [w.number for w in weeks] for person, weeks in expected.items()}
    assert numbers["@ancien:x"] == [w.number for w in ENDED]  # 40 … 47
    assert numbers["@salon:x"] == [w.number for w in ENDED]  # in the rooms only: every week
    assert numbers["@nouveau:x"] == [47]  # not « missing » since the quarter began
    assert numbers["@labellise:x"] == [w.number for w in ENDED]
    assert numbers["@conges:x"] == [40, 41, 42, 43, 44, 45]
    assert numbers["@parti:x"] == [40, 41, 42]
    assert numbers[ANONYMOUS + "abc"] == []  # erased: in the totals, expected of nobody
    assert "@coordination:x" not in expected


def test_the_report_counts_what_missing_weeks_count(database_url: str) -> None:
    expected = _expected(database_url, set())
    rows = [
        {"user_id": "@ancien:x", "week": "2026-W41", "inactive": False, "hours": 2.0,
         "networks": [], "young_people": 0, "short_contacts": 0, "age_groups": [],
         "interactions": {}, "topics": [], "referrals": {}, "remark": ""},
    ]  # fmt: skip
    report = build_report(Period(2026, 4), rows, TODAY, expected)

    assert report.network.weeks_expected == sum(len(weeks) for weeks in expected.values())
    assert report.network.weeks_missing == report.network.weeks_expected - 1
    late = {person.name for person in report.promeneurs if person.weeks_missing}
    assert late == {person for person, weeks in expected.items() if weeks}
