"""The audit log: every administrative command, who ran it, when, and what it changed.

The dispatcher records it (one place): a command declared for the coordination that completes
adds its entries to the transaction that marks its message handled, so a replay never logs it
twice. Handlers say what they changed with `ctx.changed(target, before, after)`.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.commands.context import CommandContext
from bot.storage.database import Database, Write
from bot.storage.models import AuditEntry

MAX_ARGUMENTS = 500


def audit_entries(ctx: CommandContext, action: str, arguments: str) -> Write:
    changes: list[tuple[str, dict[str, Any], dict[str, Any]]] = list(ctx.changes) or [("", {}, {})]
    event_id, actor = ctx.message.event_id, ctx.sender

    def write(session: Session) -> None:
        for target, before, after in changes:
            session.add(
                AuditEntry(
                    source_event_id=event_id,
                    actor=actor,
                    action=action,
                    target=target,
                    arguments=arguments[:MAX_ARGUMENTS],
                    before=before,
                    after=after,
                )
            )

    return write


def differences(before: dict[str, Any], after: dict[str, Any]) -> str:
    """`structure : MJC Nord → Centre social ; tel : (vide) → 0320000000`."""
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return " ; ".join(
        f"{k} : {before.get(k) or '(vide)'} → {after.get(k) or '(vide)'}" for k in keys
    )


async def latest_entries(db: Database, count: int) -> list[AuditEntry]:
    """The `count` most recent entries of the audit log, newest first."""
    query = select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(count)
    return await db.run(lambda s: list(s.exec(query)))
