"""How long the bot keeps its own bookkeeping: no longer than it is useful."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, or_

from bot.storage.models import HandledEvent, OutboxMessage

# A replay after a restart only reaches back to the last saved sync position: a month is ample.
HANDLED_EVENTS_KEPT = timedelta(days=30)
# Sent replies may quote what a professional wrote; a week is enough to look into a problem.
FINISHED_MESSAGES_KEPT = timedelta(days=7)


def prune(session: Session, now: datetime) -> None:
    """Delete bookkeeping rows past their retention."""
    session.execute(
        delete(HandledEvent).where(col(HandledEvent.handled_at) < now - HANDLED_EVENTS_KEPT)
    )
    cutoff = now - FINISHED_MESSAGES_KEPT
    session.execute(
        delete(OutboxMessage).where(
            or_(col(OutboxMessage.sent_at) < cutoff, col(OutboxMessage.failed_at) < cutoff)
        )
    )
