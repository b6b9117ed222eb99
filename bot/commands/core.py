"""The bot's own commands: help, ping, who am I, status."""

from __future__ import annotations

import html

from bot import __version__
from bot.commands.arguments import Text
from bot.commands.context import CommandContext, NotForMeError
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.text.quote import shown

router = Router("core")


@router.command(
    "aide",
    aliases=("?",),
    english="help",
)
async def show_help(ctx: CommandContext, commande: Text | None = None) -> None:
    services, t = ctx.services, ctx.t
    if commande:
        found = services.table.find(commande)
        group = services.table.group(commande.split()[0], ctx.role) if found is None else []
        if group:  # `!aide reunion`: the group's commands (those the caller may use)
            lines = [t("help.group", group=f"{services.prefix}{commande.split()[0]}")]
            lines += [
                t("help.line", usage=c.usage(services.prefix), aliases="", help=c.help)
                for c in group
            ]
            ctx.reply("\n".join(lines))
            return
        if found is None or ctx.role < found[0].role:
            raise NotForMeError("help.unknown", command=shown(commande), prefix=services.prefix)
        command = found[0]
        aliases = ", ".join(f"{services.prefix}{alias}" for alias in command.aliases)
        lines = [t("help.usage", usage=command.usage(services.prefix)), command.help]
        if aliases:
            lines.append(t("help.aliases", aliases=aliases))
        if command.details:
            lines.append(command.details_on(ctx.services.clock().date()))
        ctx.reply("\n".join(lines))
        return
    lines, items = [t("help.title")], []
    for command in services.table.allowed(ctx.role):
        usage = command.usage(services.prefix)
        aliases = ", ".join(f"{services.prefix}{alias}" for alias in command.aliases)
        suffix = f" ({aliases})" if aliases else ""
        lines.append(t("help.line", usage=usage, aliases=suffix, help=command.help))
        items.append(
            f"<li><code>{html.escape(usage)}</code>{html.escape(suffix)} : "
            f"{html.escape(command.help)}</li>"
        )
    footer = t("help.footer", prefix=services.prefix)
    lines.append(footer)
    ctx.reply(
        "\n".join(lines),
        f"<p><strong>{html.escape(t('help.title'))}</strong></p><ul>{''.join(items)}</ul>"
        f"<p>{html.escape(footer)}</p>",
    )


@router.command("ping")
async def ping(ctx: CommandContext) -> None:
    ctx.reply(ctx.t("ping.reply", version=__version__, uptime=ctx.services.uptime()))


@router.command(
    "qui-suis-je",
    aliases=("quisuisje", "moi"),
    english="whoami",
)
async def whoami(ctx: CommandContext) -> None:
    ctx.reply(ctx.t(f"whoami.{ctx.role.key}", user=ctx.sender))


@router.command(
    "etat",
    english="status",
    role=Role.COORDINATOR,
)
async def status(ctx: CommandContext) -> None:
    services = ctx.services
    pending = await services.core.outbox.pending_count()
    ctx.reply(
        ctx.t(
            "status.reply",
            version=__version__,
            uptime=services.uptime(),
            rooms=len(services.core.client.rooms),
            pending=pending,
        )
    )
