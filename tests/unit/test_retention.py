from datetime import timedelta

from sqlmodel import Session, select

from bot.settings import RetentionSettings
from bot.storage.database import make_engine, upgrade
from bot.storage.models import (
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
from bot.storage.retention import prune


def test_old_bookkeeping_is_pruned_and_pending_messages_kept(database_url: str) -> None:
    url = database_url
    upgrade(url)
    now = utcnow()
    old = now - timedelta(days=40)
    with Session(make_engine(url)) as session:
        session.add(HandledEvent(event_id="$old", room_id="!r", handled_at=old))
        session.add(HandledEvent(event_id="$new", room_id="!r", handled_at=now))
        session.add(OutboxMessage(room_id="!r", content={}, txn_id="sent-old", sent_at=old))
        session.add(OutboxMessage(room_id="!r", content={}, txn_id="sent-new", sent_at=now))
        session.add(OutboxMessage(room_id="!r", content={}, txn_id="pending-old", created_at=old))
        session.add(PendingChoice(user_id="@a:x", room_id="!r", entry_ids=["a"], offered_at=old))
        session.add(PendingChoice(user_id="@b:x", room_id="!r", entry_ids=["a"], offered_at=now))
        session.add(UnansweredQuestion(text="ancienne", asked_at=now - timedelta(days=400)))
        session.add(UnansweredQuestion(text="récente", asked_at=old))
        for week, sent_at in (("2026-W30", old - timedelta(days=30)), ("2026-W47", now)):
            session.add(
                ReminderSent(reminder="declaration-prompt", occurrence=week, offset="",
                             target="@a:x", sent_at=sent_at)
            )  # fmt: skip
        session.add(  # other messages sent once are kept
            ReminderSent(reminder="meeting-1", occurrence="x", offset="1j", target="!r",
                         sent_at=old - timedelta(days=300))
        )  # fmt: skip
        for days in (40, 1):
            session.add(
                DialogState(
                    user_id=f"@{days}:x",
                    room_id="!r",
                    kind="declaration",
                    step="hours",
                    data={},
                    updated_at=now - timedelta(days=days),
                )
            )
            session.add(
                AuditEntry(
                    source_event_id=f"${days}",
                    actor="@c:x",
                    action="annonce",
                    at=now - timedelta(days=days * 20),
                )
            )
        # Announcements of a meeting still ahead keep their message (reactions answer it).
        for number, starts in ((1, now + timedelta(days=3)), (2, now - timedelta(days=3))):
            session.add(
                Meeting(
                    id=number,
                    source_event_id=f"$m{number}",
                    kind="copil",
                    title="COPIL",
                    starts_at=starts,
                    created_by="@c:x",
                )
            )
            session.add(MeetingAnnouncement(txn_id=f"announce-{number}", meeting_id=number))
            session.add(
                OutboxMessage(room_id="!r", content={}, txn_id=f"announce-{number}", sent_at=old)
            )
        session.commit()

        prune(session, now, RetentionSettings())
        session.commit()

        assert [e.event_id for e in session.exec(select(HandledEvent))] == ["$new"]
        kept = sorted(m.txn_id for m in session.exec(select(OutboxMessage)))
        assert kept == ["announce-1", "pending-old", "sent-new"]
        assert [a.meeting_id for a in session.exec(select(MeetingAnnouncement))] == [1]
        assert [d.user_id for d in session.exec(select(DialogState))] == ["@1:x"]  # 30 days
        assert [a.source_event_id for a in session.exec(select(AuditEntry))] == ["$1"]  # 730
        assert [c.user_id for c in session.exec(select(PendingChoice))] == ["@b:x"]
        assert [q.text for q in session.exec(select(UnansweredQuestion))] == ["récente"]
        assert sorted(r.occurrence for r in session.exec(select(ReminderSent))) == [
            "2026-W47", "x",
        ]  # fmt: skip
