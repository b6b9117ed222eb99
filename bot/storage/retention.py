"""How long the bot keeps its own bookkeeping: no longer than it is useful."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, and_, col, delete, or_, select

from bot.storage.models import (
    DeclarationPrompt,
    HandledEvent,
    Meeting,
    MeetingAnnouncement,
    OutboxMessage,
    PendingChoice,
    UnansweredQuestion,
)

# A replay after a restart only reaches back to the last saved sync position: a month is ample.
HANDLED_EVENTS_KEPT = timedelta(days=30)
# Sent replies may quote what a professional wrote; a week is enough to look into a problem.
FINISHED_MESSAGES_KEPT = timedelta(days=7)
# Numbered choices expire after 30 minutes; stale rows are only clutter.
CHOICES_KEPT = timedelta(days=1)
# Unanswered questions (scrubbed) are for completing the base: a year covers the yearly review.
UNANSWERED_KEPT = timedelta(days=365)
# A meeting announcement links reactions to attendance until the meeting is over.
ANNOUNCEMENTS_KEPT_AFTER = timedelta(days=1)
# Sent prompts only matter for the current and the previous week.
PROMPTS_KEPT = timedelta(days=60)


def prune(session: Session, now: datetime) -> None:
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
    session.execute(
        delete(UnansweredQuestion).where(col(UnansweredQuestion.asked_at) < now - UNANSWERED_KEPT)
    )
    session.execute(
        delete(DeclarationPrompt).where(col(DeclarationPrompt.sent_at) < now - PROMPTS_KEPT)
    )
