"""Everything the bot keeps about one person: gathered for `!mes-donnees`, erased (or
anonymised, for declarations) for `!supprimer-mes-donnees`.

Erasure leaves: their declarations' figures under a random name with the remarks emptied (the
network's totals owed to the Caf), audit entries with the name replaced, and, for someone who
had left the network, a record with only their Matrix ID and "parti" (so that erasing does not
give them the promeneur role back)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import Any

from sqlalchemy import Delete
from sqlmodel import Session, SQLModel, col, delete, or_, select

from bot.storage.database import Database
from bot.storage.models import (
    ANONYMOUS,
    AddedCoordinator,
    AuditEntry,
    Candidate,
    Declaration,
    DeclarationPreference,
    DialogState,
    DirectRoom,
    Meeting,
    MeetingAttendance,
    MeetingPresence,
    Member,
    NetworkDeadline,
    OutboxMessage,
    PendingChoice,
    PendingEncryptedEvent,
    RecruitmentTarget,
    ReminderSent,
    TrainingNeed,
    TrainingRecord,
)

ERASED = "[personne supprimée]"
# Rows keyed by the person's Matrix ID: shown in the export, deleted on erasure.
OWN_ROWS: tuple[tuple[str, type[SQLModel]], ...] = (
    ("annuaire", Member),
    ("coordination", AddedCoordinator),
    ("preferences_de_declaration", DeclarationPreference),
    ("dialogues_en_cours", DialogState),
    ("choix_proposes", PendingChoice),
    ("presences_aux_reunions", MeetingAttendance),
    ("presences_confirmees", MeetingPresence),
    ("formations_suivies", TrainingRecord),
    ("besoins_de_formation", TrainingNeed),
    ("messages_directs_avec_le_bot", DirectRoom),
)

# Rows about others that name the person as who did it: kept, the name replaced on erasure.
ACTORS: tuple[tuple[type[SQLModel], str], ...] = (
    (MeetingPresence, "confirmed_by"),
    (TrainingRecord, "recorded_by"),
    (TrainingNeed, "noted_by"),
    (Candidate, "created_by"),
    (RecruitmentTarget, "set_by"),
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _rows(rows: list[Any]) -> list[dict[str, Any]]:
    return [_plain(row.model_dump()) for row in rows]


def _messages_to(session: Session, user_id: str) -> list[OutboxMessage]:
    """The bot's messages kept for `user_id`: to their direct messages, or naming them."""
    rooms = {
        room
        for room in session.exec(
            select(DeclarationPreference.dm_room_id).where(
                col(DeclarationPreference.user_id) == user_id
            )
        )
        if room
    }
    rooms |= set(
        session.exec(select(DialogState.room_id).where(col(DialogState.user_id) == user_id))
    )
    rooms |= set(session.exec(select(DirectRoom.room_id).where(col(DirectRoom.user_id) == user_id)))
    return [
        row
        for row in session.exec(select(OutboxMessage))
        if row.room_id in rooms or user_id in json.dumps(row.content, ensure_ascii=False)
    ]


def personal_data(session: Session, user_id: str) -> dict[str, Any]:
    """What the bot stores about `user_id`, table by table, as JSON-ready values."""
    data: dict[str, Any] = {"identifiant": user_id}
    for name, table in OWN_ROWS:
        data[name] = _rows(list(session.exec(select(table).where(table.user_id == user_id))))  # type: ignore[attr-defined]
    data["declarations"] = _rows(
        list(session.exec(select(Declaration).where(col(Declaration.user_id) == user_id)))
    )
    data["rappels_recus"] = _rows(
        list(session.exec(select(ReminderSent).where(col(ReminderSent.target) == user_id)))
    )
    meetings = session.exec(select(Meeting)).all()
    data["reunions_creees_ou_destinataire"] = _rows(
        [m for m in meetings if m.created_by == user_id or user_id in m.audience]
    )
    data["messages_du_bot_gardes"] = _rows(_messages_to(session, user_id))
    data["journal_d_administration"] = _rows(
        list(
            session.exec(
                select(AuditEntry).where(
                    or_(col(AuditEntry.actor) == user_id, col(AuditEntry.target) == user_id)
                )
            )
        )
    )
    return data


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE; how many rows it removed."""
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def erase(session: Session, user_id: str, now: dt.datetime) -> int:
    """Delete what is about `user_id`; their declarations stay in the network's totals under a
    random name. A promeneur's directory card is kept blank, with their status and `now` as
    their arrival, so that no week before the erasure is expected of them again (the
    declarations that covered it no longer name them). Returns how many rows were deleted or
    anonymised."""
    count = 0
    for message in _messages_to(session, user_id):  # before their rooms are forgotten below
        session.delete(message)
        count += 1
    member = session.get(Member, user_id)
    kept = Member(user_id=user_id, created_at=now, updated_at=now)
    if member is not None:  # what is not about them as a person: their status and PdN type
        kept.status, kept.away_until, kept.pdn_type = (
            member.status,
            member.away_until,
            member.pdn_type,
        )
    for _, table in OWN_ROWS:
        count += _deleted(session, delete(table).where(table.user_id == user_id))  # type: ignore[attr-defined]
    count += _deleted(session, delete(ReminderSent).where(col(ReminderSent.target) == user_id))
    alias = ANONYMOUS + hashlib.sha256(secrets.token_bytes(16)).hexdigest()[:10]
    declared = False
    for row in session.exec(select(Declaration).where(col(Declaration.user_id) == user_id)):
        row.user_id, row.remark = alias, ""  # figures stay in the totals; their words do not
        session.add(row)
        count += 1
        declared = True
    if member is not None or declared:  # a promeneur: neither back, nor asked for past weeks
        session.add(kept)
    for entry in session.exec(
        select(AuditEntry).where(
            or_(col(AuditEntry.actor) == user_id, col(AuditEntry.target) == user_id)
        )
    ):
        if entry.target == user_id:
            entry.target, entry.before, entry.after = ERASED, {}, {}
            entry.arguments = ""
        if entry.actor == user_id:
            entry.actor = ERASED
        session.add(entry)
        count += 1
    planned: list[Meeting | NetworkDeadline] = [
        *session.exec(select(Meeting)),
        *session.exec(select(NetworkDeadline)),
    ]
    for table, column in ACTORS:  # what they did for others stays, without their name
        for done in session.exec(select(table).where(getattr(table, column) == user_id)):
            setattr(done, column, ERASED)
            session.add(done)
            count += 1
    for plan in planned:
        if user_id in plan.audience or plan.created_by == user_id:
            plan.audience = [u for u in plan.audience if u != user_id]
            plan.created_by = ERASED if plan.created_by == user_id else plan.created_by
            session.add(plan)
            count += 1
    for pending in session.exec(select(PendingEncryptedEvent)):
        if pending.source.get("sender") == user_id:
            session.delete(pending)
            count += 1
    return count


async def read_personal_data(db: Database, user_id: str) -> dict[str, Any]:
    """`personal_data`, off the event loop."""
    return await db.run(lambda s: personal_data(s, user_id))
