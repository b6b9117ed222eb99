"""`!echeances`: the Caf's deadlines ahead, with the period each closes and how to get ready."""

from __future__ import annotations

from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.scheduling.deadlines import deadlines

router = Router("deadlines")
AHEAD = 4  # deadlines listed


@router.command(
    "echeances",
    aliases=("echeance", "calendrier"),
    english="deadlines",
    role=Role.PROMENEUR,
)
async def coming_deadlines(ctx: CommandContext) -> None:
    today = ctx.services.clock().date()
    settings = ctx.core.settings.deadlines
    coming = [d for d in deadlines(settings, (today.year, today.year + 1)) if d.day >= today]
    if not coming:
        ctx.reply(ctx.t("deadlines.none"))
        return
    lines = [ctx.t("deadlines.title")]
    for deadline in coming[:AHEAD]:
        days = (deadline.day - today).days
        lines.append(
            ctx.t(
                "deadlines.line",
                day=deadline.label,
                period=deadline.period.label,
                days=ctx.t("deadlines.today") if days == 0 else ctx.t("deadlines.in", days=days),
            )
        )
    lines.append(ctx.t("deadlines.footer"))
    ctx.reply("\n".join(lines))
