"""!rapport: the quarterly, half-year or annual report, in the coordinator's direct message."""

from __future__ import annotations

import asyncio

from bot.commands.arguments import Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
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
    help="Bilan trimestriel, semestriel ou annuel (résumé, CSV, XLSX, graphique), en message "
    "direct : !rapport T4 2026, !rapport S1 2026, !rapport 2026 ; sans précision, le trimestre "
    "en cours.",
    details="Périodes : un trimestre (« T4 2026 », « 2026-Q4 », « 4e trimestre 2026 »), un "
    "semestre (« S1 2026 », « 2026-S2 », « 1er semestre 2026 », « 2e semestre 2026 ») ou une "
    "année (« 2026 ») ; sans année, le dernier trimestre ou semestre commencé. Le classeur "
    "XLSX a une feuille par promeneur, par structure, par type de PdN, la synthèse "
    "départementale dans l'ordre des champs de la Caf et, pour un semestre ou une année, les "
    "heures et les jeunes par trimestre.",
)
async def report(ctx: CommandContext, periode: Text | None = None) -> None:
    today = ctx.declarations.today()
    try:
        period = parse_period(periode, today) if periode else _quarter(Quarter.of(today))
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


def _quarter(quarter: Quarter) -> Period:
    return Period(quarter.year, quarter.number)
