"""Saved declarations: writing a confirmed draft, reading weeks back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, delete, select

from bot.declarations.dialog import Draft
from bot.declarations.weeks import Week
from bot.storage.database import Write
from bot.storage.models import Declaration, utcnow

FIELDS = (
    "hours", "networks", "young_people", "short_contacts", "age_groups", "interactions",
    "topics", "referrals", "remark",
)  # fmt: skip


def draft_values(declaration: Declaration) -> dict[str, Any]:
    """A saved declaration as dialogue values, to offer as defaults when it is declared again."""
    return {name: getattr(declaration, name) for name in FIELDS}


def save_declaration(user_id: str, draft: Draft) -> Write:
    """Replace `user_id`'s declaration of `draft.week` by the confirmed draft."""
    values = {name: draft.values[name] for name in FIELDS if name in draft.values}

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


def missing_weeks(
    session: Session, promeneurs: Iterable[str], weeks: Iterable[Week], today: dt.date
) -> dict[str, list[Week]]:
    """For each promeneur with some missing, the weeks among `weeks` up to last week that they
    have not declared (the one definition of "missing", for reminders, lists and dashboard)."""
    due = [week for week in weeks if week < Week.of(today)]
    declared = {(d.user_id, d.week) for d in declarations_in(session, [str(w) for w in due])}
    missing = {
        user: [week for week in due if (user, str(week)) not in declared]
        for user in sorted(promeneurs)
    }
    return {user: absent for user, absent in missing.items() if absent}
