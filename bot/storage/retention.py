"""How long the bot keeps its own bookkeeping: no longer than it is useful.

Run at start and then daily. Dialogue states, unanswered questions and audit entries follow
`[retention]`; the rest are fixed below.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, and_, col, delete, or_, select

from bot.settings import RetentionSettings
from bot.storage.database import Database
from bot.storage.models import (
    DECLARATION_REMINDERS,
    AuditEntry,
    DialogState,
    HandledEvent,
    Meeting,
    MeetingAnnouncement,
    OutboxMessage,
    PendingChoice,
    ReminderSent,
    UnansweredQuestion,
    utcnow,
)

# A replay after a restart only reaches back to the last saved sync position: a month is ample.
HANDLED_EVENTS_KEPT = timedelta(days=30)
# Sent replies may quote what a professional wrote; a week is enough to look into a problem.
FINISHED_MESSAGES_KEPT = timedelta(days=7)
# Numbered choices expire after 30 minutes; stale rows are only clutter.
CHOICES_KEPT = timedelta(days=1)
# A meeting announcement links reactions to attendance until the meeting is over.
ANNOUNCEMENTS_KEPT_AFTER = timedelta(days=1)
# Sent prompts only matter for the current and the previous week.
PROMPTS_KEPT = timedelta(days=60)


def prune(session: Session, now: datetime, retention: RetentionSettings) -> None:
    """Delete bookkeeping rows past their retention."""
    session.execute(
        delete(HandledEvent).where(col(HandledEvent.handled_at) < now - HANDLED_EVENTS_KEPT)
    )
    over = select(Meeting.id).where(
        or_(
            col(Meeting.cancelled_at).is_not(None),
            and_(Meeting.rule == "", col(Meeting.starts_at) < now - ANNOUNCEMENTS_KEPT_AFTER),
        )
    )
    session.execute(
        delete(MeetingAnnouncement).where(col(MeetingAnnouncement.meeting_id).in_(over))
    )
    cutoff = now - FINISHED_MESSAGES_KEPT
    session.execute(
        delete(OutboxMessage).where(
            or_(col(OutboxMessage.sent_at) < cutoff, col(OutboxMessage.failed_at) < cutoff),
            col(OutboxMessage.txn_id).not_in(select(MeetingAnnouncement.txn_id)),
        )
    )
    session.execute(delete(PendingChoice).where(col(PendingChoice.offered_at) < now - CHOICES_KEPT))
    unanswered = now - timedelta(days=retention.unanswered_days)
    session.execute(delete(UnansweredQuestion).where(col(UnansweredQuestion.asked_at) < unanswered))
    dialogs = now - timedelta(days=retention.dialog_days)
    session.execute(delete(DialogState).where(col(DialogState.updated_at) < dialogs))
    audit = now - timedelta(days=retention.audit_days)
    session.execute(delete(AuditEntry).where(col(AuditEntry.at) < audit))
    session.execute(
        delete(ReminderSent).where(
            col(ReminderSent.reminder).startswith(DECLARATION_REMINDERS),
            col(ReminderSent.sent_at) < now - PROMPTS_KEPT,
        )
    )


async def prune_now(db: Database, retention: RetentionSettings) -> None:
    """`prune` as of now, off the event loop."""
    await db.run(lambda session: prune(session, utcnow(), retention))
