"""`!echeances`: the deadlines ahead, the Caf's (with the period each closes) and the network's
own; `!echeance ajouter / modifier / annuler` for the network's own."""

from __future__ import annotations

from bot.commands.arguments import Integer, Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.scheduling.deadlines import deadlines
from bot.scheduling.french_dates import spoken_day
from bot.scheduling.network_deadlines import (
    DeadlineFields,
    NetworkDeadlines,
    describe_audience,
    fields_of,
    parse_fields,
)
from bot.text.errors import UserError

router = Router("deadlines")
AHEAD = 4  # the Caf's deadlines listed
OWN_AHEAD = 10  # the network's own deadlines listed


def _days(ctx: CommandContext, days: int) -> str:
    return ctx.t("deadlines.today") if days == 0 else ctx.t("deadlines.in", days=days)


@router.command(
    "echeances",
    aliases=("echeance", "calendrier", "echeance liste", "echeances liste"),
    english="deadlines",
    role=Role.PROMENEUR,
)
async def coming_deadlines(ctx: CommandContext) -> None:
    today = ctx.services.clock().date()
    settings = ctx.core.settings.deadlines
    coming = [d for d in deadlines(settings, (today.year, today.year + 1)) if d.day >= today]
    lines = [ctx.t("deadlines.title") if coming else ctx.t("deadlines.none")]
    for deadline in coming[:AHEAD]:
        days = _days(ctx, (deadline.day - today).days)
        lines.append(
            ctx.t("deadlines.line", day=deadline.label, period=deadline.period.label, days=days)
        )
    if coming:
        lines.append(ctx.t("deadlines.footer"))
    desk = _desk(ctx)
    coordination = ctx.role >= Role.COORDINATOR
    own = [r for r in await desk.open() if desk.concerns(r, ctx.sender, coordination)]
    if own:
        lines.append(ctx.t("network_deadlines.title"))
    for row in own[:OWN_AHEAD]:
        lines.append(
            ctx.t(
                "network_deadlines.line",
                number=row.id,
                title=row.title,
                day=spoken_day(row.day, year=True),
                days=_days(ctx, (row.day - today).days),
                audience=describe_audience(row.audience, ctx.t) if coordination else "",
            ).rstrip(" —")
        )
    ctx.reply("\n".join(lines))


def _desk(ctx: CommandContext) -> NetworkDeadlines:
    return ctx.services.deadlines


@router.command(
    "echeance ajouter",
    aliases=("echeance creer", "echeance nouvelle"),
    english="deadline add",
    role=Role.COORDINATOR,
    changes=True,
)
async def add_deadline(ctx: CommandContext, description: Text) -> None:
    today = ctx.services.clock().date()
    offsets = ctx.core.settings.deadlines.reminder_offsets
    try:
        fields = parse_fields(description, today, offsets)
    except UserError as exc:
        ctx.reply(ctx.t("network_deadlines.not_created", reason=exc.text(ctx.t)))
        return
    columns = {"created_by": ctx.sender, **fields.as_columns()}
    row = await _desk(ctx).create(ctx.message.event_id, columns)
    ctx.changed(f"échéance n° {row.id}", {}, fields.for_audit())
    ctx.reply(_saved(ctx, "network_deadlines.created", row.id or 0, fields))


def _saved(ctx: CommandContext, key: str, number: int, fields: DeadlineFields) -> str:
    return ctx.t(
        key,
        number=number,
        title=fields.title,
        day=spoken_day(fields.day, year=True),
        audience=describe_audience(fields.audience, ctx.t),
        offsets=", ".join(fields.offsets) or ctx.t("network_deadlines.no_reminder"),
    )


@router.command(
    "echeance modifier",
    aliases=("echeance changer", "echeance deplacer", "echeance reporter"),
    english="deadline edit",
    role=Role.COORDINATOR,
    changes=True,
)
async def edit_deadline(ctx: CommandContext, numero: Integer, changements: Text) -> None:
    row = await _desk(ctx).get(numero)
    if row is None:
        ctx.reply(ctx.t("network_deadlines.no_such", number=numero))
        return
    before = fields_of(row)
    today = ctx.services.clock().date()
    offsets = ctx.core.settings.deadlines.reminder_offsets
    try:
        fields = parse_fields(changements, today, offsets, before)
    except UserError as exc:
        ctx.reply(ctx.t("network_deadlines.not_changed", reason=exc.text(ctx.t)))
        return
    await _desk(ctx).change(numero, fields.as_columns())
    ctx.changed(f"échéance n° {numero}", before.for_audit(), fields.for_audit())
    ctx.reply(_saved(ctx, "network_deadlines.edited", numero, fields))


@router.command(
    "echeance annuler",
    aliases=("echeance supprimer", "echeance effacer"),
    english="deadline cancel",
    role=Role.COORDINATOR,
    changes=True,
)
async def cancel_deadline(ctx: CommandContext, numero: Integer) -> None:
    row = await _desk(ctx).get(numero)
    if row is None:
        ctx.reply(ctx.t("network_deadlines.no_such", number=numero))
        return
    await _desk(ctx).change(numero, {"cancelled_at": ctx.services.clock()})
    ctx.changed(f"échéance n° {numero}", {"titre": row.title}, {"annulée": "oui"})
    ctx.reply(ctx.t("network_deadlines.cancelled", number=numero, title=row.title))
