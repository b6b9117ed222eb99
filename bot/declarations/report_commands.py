"""!rapport: the quarterly, half-year or annual report, in the coordinator's direct message;
!grille: the coordinator's quarterly time grid."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.commands.arguments import Text
from bot.commands.context import CommandContext
from bot.commands.fields import split_fields
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.declarations.grid import grid_lines, parse_hours_by_task, save_hours
from bot.declarations.report import Period, parse_period
from bot.declarations.reporting import report_files
from bot.declarations.weeks import Quarter
from bot.text.errors import UserError

router = Router("reports")


@router.command(
    "rapport",
    aliases=("bilan",),
    english="report",
    role=Role.COORDINATOR,
)
async def report(ctx: CommandContext, periode: Text | None = None) -> None:
    today = ctx.declarations.today()
    try:
        period = (
            parse_period(periode, today)
            if periode
            else _quarter(ctx.declarations.quarter_being_completed())
        )
    except UserError as exc:
        ctx.reply(exc.text(ctx.t))
        return
    room = await ctx.private_room()  # each promeneur's figures
    if room is None:
        return
    figures = await ctx.declarations.period(period, ctx.services.network.promeneurs())
    files = await asyncio.to_thread(report_files, figures)
    ctx.say_in(room, files.summary)
    for name, data, mimetype in files.files:
        await ctx.send_file(room, data, name, mimetype)


@router.command(
    "grille",
    aliases=("grille temps", "temps"),
    english="time grid",
    role=Role.COORDINATOR,
)
async def grid(ctx: CommandContext, saisie: Text | None = None) -> None:
    today = ctx.declarations.today()
    tasks = ctx.core.settings.coordination.tasks
    try:
        fields = split_fields(saisie or "", "periode")  # what comes before the first task=
        head = fields.pop("periode", "")
        quarter = (
            _named_quarter(head, today) if head else ctx.declarations.quarter_being_completed()
        )
        hours = parse_hours_by_task(fields, tasks)
    except UserError as exc:
        ctx.reply(ctx.t("grid.refused", reason=exc.text(ctx.t)))
        return
    saved, facts = await ctx.declarations.grid(quarter)
    if hours:
        ctx.writes.append(save_hours(quarter, hours, ctx.sender))
        saved = {**saved, **hours}
    key = "grid.saved" if hours else "grid.shown"
    lines = "\n".join(grid_lines(tasks, saved, facts))
    ctx.reply(ctx.t(key, quarter=quarter.label(), lines=lines))


def _named_quarter(text: str, today: dt.date) -> Quarter:
    """The quarter `text` names (`T3 2026`, `2026-Q3`, `T3`); anything else is no period, so
    a number of hours with no task (`6`)."""
    try:
        period = parse_period(text, today)
    except UserError:
        raise UserError("grid.no_task", got=text) from None
    if period.quarter is None:
        raise UserError("grid.quarter_only", got=text)
    return Quarter(period.year, period.quarter)


def _quarter(quarter: Quarter) -> Period:
    return Period(quarter.year, quarter.number)
