"""Dialogue state rows: one per (person, room), written with the message that moved them on."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, delete, select

from bot.storage.database import Write
from bot.storage.models import DialogState, as_utc, utcnow


def current_dialog(session: Session, user_id: str, room_id: str) -> DialogState | None:
    return session.get(DialogState, (user_id, room_id))


def is_idle(state: DialogState, idle_for: timedelta, now: datetime | None = None) -> bool:
    return as_utc(state.updated_at) < (now or utcnow()) - idle_for


def save_dialog(
    user_id: str,
    room_id: str,
    kind: str,
    step: str,
    data: dict[str, Any],
    started_at: datetime | None = None,
) -> Write:
    """Start or move on a dialogue (in the transaction of the message that did it)."""

    def write(session: Session) -> None:
        now = utcnow()
        session.merge(
            DialogState(
                user_id=user_id,
                room_id=room_id,
                kind=kind,
                step=step,
                data=data,
                started_at=started_at or now,
                updated_at=now,
            )
        )

    return write


def end_dialog(user_id: str, room_id: str) -> Write:
    def write(session: Session) -> None:
        session.execute(
            delete(DialogState).where(
                col(DialogState.user_id) == user_id, col(DialogState.room_id) == room_id
            )
        )

    return write


def idle_dialogs(session: Session, idle_for: timedelta) -> list[DialogState]:
    cutoff = utcnow() - idle_for
    return list(session.exec(select(DialogState).where(col(DialogState.updated_at) < cutoff)))
