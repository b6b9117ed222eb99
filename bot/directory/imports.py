"""A CSV import in chat, for the directory and the register of structures alike: the file is the
message the command answers; without `confirmer` the bot shows what would change, with it the
changes are applied; any error in the file and nothing changes, each error with its line."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bot.commands.audit import differences
from bot.commands.context import CommandContext
from bot.matrix.media import FileUnavailableError, fetch_file
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

PREVIEW_LINES = 20
ERROR_LINES = 30


class Change(NamedTuple):
    """One row an import changes: its record before, the values read, its record after."""

    before: dict[str, str]
    values: dict[str, Any]
    after: dict[str, str]


@dataclass
class ImportPlan:
    """What an import would do: rows added and changed (by their key), and errors."""

    added: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: dict[str, Change] = field(default_factory=dict)
    unchanged: int = 0
    errors: list[UserError] = field(default_factory=list)  # each names its line


def summary(ctx: CommandContext, plan: ImportPlan) -> str:
    return ctx.t(
        "directory.import_summary",
        added=len(plan.added),
        changed=len(plan.changed),
        unchanged=plan.unchanged,
    )


async def confirmed_plan(
    ctx: CommandContext,
    confirmer: str | None,
    usage: str,
    plan: Callable[[bytes], ImportPlan],
    added_name: Callable[[str, dict[str, Any]], str],
    how: str,
) -> ImportPlan | None:
    """The plan to apply, once the file is read without error and `confirmer` was written;
    otherwise None, after answering (the usage, why the file is refused, its errors or the
    preview). `plan` reads the file (off the event loop); `how` says how to apply."""
    apply = confirmer is not None and fold(confirmer) == "confirmer"
    if confirmer is not None and not apply:
        ctx.reply(ctx.t("directory.import_confirm_only", got=shown(confirmer)))
        return None
    if ctx.message.reply_to is None:
        ctx.reply(usage)
        return None
    try:
        _, data = await fetch_file(ctx.core.client, ctx.message.room_id, ctx.message.reply_to)
        planned = await asyncio.to_thread(plan, data)
    except FileUnavailableError as exc:
        ctx.reply(ctx.t("directory.import_unread", reason=str(exc), usage=usage))
        return None
    except UserError as exc:
        ctx.reply(ctx.t("directory.import_refused", reason=exc.text(ctx.t)))
        return None
    if planned.errors:
        listed = "\n".join(f"• {error.text(ctx.t)}" for error in planned.errors[:ERROR_LINES])
        more = len(planned.errors) - ERROR_LINES
        more_line = "\n" + ctx.t("directory.import_more_errors", count=more) if more > 0 else ""
        ctx.reply(
            ctx.t("directory.import_errors", count=len(planned.errors), errors=listed) + more_line
        )
        return None
    if not apply:
        lines = [ctx.t("directory.import_preview", summary=summary(ctx, planned))]
        added = list(planned.added.items())[:PREVIEW_LINES]
        lines += [ctx.t("directory.import_added", user=added_name(k, v)) for k, v in added]
        for key, change in list(planned.changed.items())[:PREVIEW_LINES]:
            lines.append(f"• {key} : {differences(change.before, change.after)}")
        lines.append(how)
        ctx.reply("\n".join(lines))
        return None
    return planned
