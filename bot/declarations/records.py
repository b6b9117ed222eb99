"""Saved declarations: writing a confirmed draft, reading weeks back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, delete, select

from bot.declarations.dialog import PARENTS, YOUTH, Draft
from bot.declarations.weeks import Week
from bot.storage.database import Write
from bot.storage.models import (
    ANONYMOUS,
    AddedCoordinator,
    Declaration,
    Member,
    age_counts,
    as_utc,
    utcnow,
)

FIELDS = (
    "hours", "networks", "young_friends", "young_people", "short_contacts", "age_groups",
    "interactions", "topics", "referrals", "remark",
)  # fmt: skip


def draft_values(declaration: Declaration) -> dict[str, Any]:
    """A saved declaration as dialogue values, to offer as defaults when it is declared again
    (the quarter's number of friends only if it was given)."""
    values = {name: getattr(declaration, name) for name in FIELDS}
    if values["young_friends"] is None:
        del values["young_friends"]
    return values


def new_draft(session: Session, user_id: str, week: Week) -> Draft:
    """The draft a dialogue for `week` starts from: the previous declaration of that week if
    any, the questions for parents if the directory says PdN Parentalité, and the quarter's
    question if no other week of the quarter answered it."""
    previous = declaration_of(session, user_id, str(week))
    member = session.get(Member, user_id)
    others = [str(w) for w in week.quarter.weeks() if w != week]
    answered = session.exec(
        select(Declaration.id).where(
            col(Declaration.user_id) == user_id,
            col(Declaration.week).in_(others),
            col(Declaration.young_friends).is_not(None),
        )
    ).first()
    return Draft(
        str(week),
        draft_values(previous) if previous is not None else {},
        replacing=previous is not None,
        public=PARENTS if member is not None and member.pdn_type == "parentalite" else YOUTH,
        friends=answered is None,
    )


def save_declaration(user_id: str, draft: Draft) -> Write:
    """Replace `user_id`'s declaration of `draft.week` by the confirmed draft."""
    values = {name: draft.values[name] for name in FIELDS if name in draft.values}
    if "age_groups" in values:
        values["age_groups"] = age_counts(values["age_groups"])

    def write(session: Session) -> None:
        session.execute(
            delete(Declaration).where(
                col(Declaration.user_id) == user_id, col(Declaration.week) == draft.week
            )
        )
        session.flush()
        session.add(
            Declaration(
                user_id=user_id,
                week=draft.week,
                inactive=draft.inactive,
                declared_at=utcnow(),
                **values,
            )
        )

    return write


def declaration_of(session: Session, user_id: str, week: str) -> Declaration | None:
    query = select(Declaration).where(
        col(Declaration.user_id) == user_id, col(Declaration.week) == week
    )
    return session.exec(query).first()


def declarations_in(
    session: Session, weeks: Iterable[str], user_id: str | None = None
) -> list[Declaration]:
    query = select(Declaration).where(col(Declaration.week).in_(list(weeks)))
    if user_id is not None:
        query = query.where(col(Declaration.user_id) == user_id)
    return list(session.exec(query.order_by(col(Declaration.week))))


def declared_weeks(session: Session, weeks: Iterable[str]) -> set[tuple[str, str]]:
    """Who declared which of `weeks`: (person, week) pairs, read without the declarations'
    contents (a national year is 150,000 rows of JSON the question does not need)."""
    query = select(Declaration.user_id, Declaration.week).where(
        col(Declaration.week).in_(list(weeks))
    )
    return {(user, week) for user, week in session.exec(query)}


def expected_weeks(
    session: Session,
    people: Iterable[str],
    weeks: Iterable[Week],
    today: dt.date,
    directory: Iterable[Member] | None = None,
) -> dict[str, list[Week]]:
    """Who should have declared which of `weeks` (those ended by `today`): `people` (the
    network's promeneurs as the bot sees them), the directory's promeneurs (those who left too,
    until they left) and whoever declared one of the weeks; each from their arrival (label
    date, else their entry in the directory), not during their leave, not after they left.
    Declarations kept anonymously after an erasure count in the totals and are expected of
    nobody. The one definition, for the reports, the dashboard, the lists of missing weeks and
    the deadline messages."""
    wanted = list(weeks)
    due = [week for week in wanted if week < Week.of(today)]
    listed = session.exec(select(Member)) if directory is None else directory  # read once
    members = {m.user_id: m for m in listed}
    added = set(session.exec(select(AddedCoordinator.user_id)))
    declared = {user for user, _ in declared_weeks(session, [str(w) for w in wanted])}
    expected = {
        person: []
        if person.startswith(ANONYMOUS)
        else [week for week in due if _expected_of(members.get(person), week)]
        for person in sorted(set(people) | (set(members) - added) | declared)
    }
    # Who left before the period (or arrives after it) and declared nothing is not part of it.
    return {person: weeks for person, weeks in expected.items() if weeks or person in declared}


def _expected_of(member: Member | None, week: Week) -> bool:
    if member is None:  # in the network rooms only: nothing known of their arrival
        return True
    arrival = member.label_date or as_utc(member.created_at).date()
    changed = as_utc(member.updated_at).date()  # when they left or went on leave
    if week.monday + dt.timedelta(days=6) < arrival:
        return False
    if member.status == "parti":
        return week.monday <= changed
    if member.status == "conges":
        back = member.away_until
        return not (week.monday > changed and (back is None or week.monday <= back))
    return True


def missing_weeks(
    session: Session, people: Iterable[str], weeks: Iterable[Week], today: dt.date
) -> dict[str, list[Week]]:
    """For each person with some missing, the expected weeks (`expected_weeks`) they have not
    declared."""
    wanted = list(weeks)
    expected = expected_weeks(session, people, wanted, today)
    declared = declared_weeks(session, [str(w) for w in wanted])
    missing = {
        user: [week for week in due if (user, str(week)) not in declared]
        for user, due in expected.items()
    }
    return {user: absent for user, absent in missing.items() if absent}
