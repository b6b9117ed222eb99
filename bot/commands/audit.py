"""The audit log: every change made by the coordination, who asked, when, what it changed and
what came of it.

The dispatcher records it (one place), in the transaction that marks the message handled, so a
replay never logs it twice: a coordination command that changed something (it wrote, or said
what it changed with `ctx.changed(target, before, after)`) is « fait »; a command declared as a
change (`changes=True`) that changed nothing is « refusé » (its reply said why) or, after an
error of the bot, « échec ». Reading commands (lists, reports, the dashboard) are not logged.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.commands.context import CommandContext
from bot.storage.database import Database, Write
from bot.storage.models import AuditEntry

MAX_ARGUMENTS = 500


DONE, REFUSED, FAILED = "fait", "refusé", "échec"


def audit_entries(ctx: CommandContext, action: str, arguments: str, outcome: str = DONE) -> Write:
    changes: list[tuple[str, dict[str, Any], dict[str, Any]]] = (
        list(ctx.changes) if outcome == DONE and ctx.changes else [("", {}, {})]
    )
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
                    outcome=outcome,
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
