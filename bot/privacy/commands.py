"""`!mes-donnees` and `!supprimer-mes-donnees`: each member's own data, seen or erased."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import Session

from bot.commands.arguments import Word
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.privacy.data import ERASED, erase, read_personal_data
from bot.storage.models import AuditEntry
from bot.text.fold import fold

router = Router("privacy")


@router.command(
    "mes-donnees",
    aliases=("mes donnees",),
    english="my-data",
    role=Role.GUEST,
)
async def my_data(ctx: CommandContext) -> None:
    room = await ctx.private_room()
    if room is None:
        return
    user = ctx.sender
    data = await read_personal_data(ctx.core.db, user)
    stored = sum(len(v) for v in data.values() if isinstance(v, list))
    ctx.say_in(room, ctx.t("privacy.my_data", count=stored))
    raw = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await ctx.send_file(room, raw, "mes-donnees.json", "application/json")


@router.command(
    "supprimer-mes-donnees",
    aliases=("supprimer mes donnees", "effacer-mes-donnees"),
    english="erase-my-data",
    role=Role.GUEST,
)
async def erase_my_data(ctx: CommandContext, confirmation: Word | None = None) -> None:
    if confirmation is None or fold(confirmation) != "confirmer":
        ctx.reply(ctx.t("privacy.erase_confirm"))
        return
    user = ctx.sender
    directory = ctx.services.directory
    event_id = ctx.message.event_id
    now = ctx.services.clock().astimezone(dt.UTC)

    def write(session: Session) -> None:
        count = erase(session, user, now)
        session.add(
            AuditEntry(
                source_event_id=event_id,
                actor=ERASED,
                action="supprimer-mes-donnees",
                arguments=f"{count} ligne(s) effacée(s) ou anonymisée(s)",
            )
        )

    ctx.writes.append(write)
    if directory is not None:
        ctx.after.append(directory.reload)
    coordinator = directory is not None and directory.is_configured_coordinator(user)
    ctx.reply(ctx.t("privacy.erased_coordinator" if coordinator else "privacy.erased"))
