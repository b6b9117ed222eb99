"""From an incoming message to a command call; every failure becomes a French reply."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from rapidfuzz import fuzz, process

from bot.commands.arguments import UsageError, parse_arguments
from bot.commands.context import CommandContext, CommandError, Services
from bot.directory.roles import Role
from bot.matrix.events import IncomingMessage
from bot.matrix.outbox import Outgoing

log = logging.getLogger(__name__)


def command_text(
    body: str, prefix: str, bot_names: tuple[str, ...], is_direct: bool
) -> tuple[str, bool] | None:
    """The command line inside `body`, and whether it was explicitly addressed to the bot.

    A command is addressed by the prefix, by mentioning the bot first, or by any text in a
    direct message (where it is not explicit).
    """
    text = body.strip()
    if text.startswith(prefix):
        return text[len(prefix) :].strip(), True
    for name in bot_names:
        match = re.match(rf"{re.escape(name)}\s*[:,]?\s+", text + " ", flags=re.IGNORECASE)
        if name and match:
            rest = (text + " ")[match.end() :].strip()
            return rest.removeprefix(prefix).strip(), True
    if is_direct:
        return text, False
    return None


class CommandDispatcher:
    """Answers messages that carry a command."""

    def __init__(
        self,
        services: Services,
        role_of: Callable[[str], Role],
        bot_names: tuple[str, ...],
    ) -> None:
        self._services = services
        self._role_of = role_of
        self._bot_names = tuple(sorted(bot_names, key=len, reverse=True))

    async def __call__(self, message: IncomingMessage) -> list[Outgoing]:
        found = command_text(
            message.body, self._services.prefix, self._bot_names, message.is_direct
        )
        if found is None:
            return []
        text, explicit = found
        ctx = CommandContext(message, self._role_of(message.sender), self._services)
        try:
            await self._run(ctx, text, explicit)
        except CommandError as exc:
            ctx.replies.clear()
            ctx.reply(ctx.t(exc.key, **exc.values))
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("Erreur %s en traitant %s", reference, message.event_id)
            ctx.replies.clear()
            ctx.reply(ctx.t("error.internal", reference=reference))
        return ctx.replies

    async def _run(self, ctx: CommandContext, text: str, explicit: bool) -> None:
        t, prefix = ctx.t, self._services.prefix
        found = self._services.table.find(text) if text else None
        if found is None:
            if not explicit:
                ctx.reply(t("dm.hint", prefix=prefix))
                return
            ctx.reply(self._unknown(text, ctx.role))
            return
        command, rest = found
        if ctx.role < command.role:
            log.info("Commande %s refusée à %s (%s)", command.name, ctx.sender, ctx.role.name)
            raise CommandError(
                "error.forbidden", command=command.name, role=t(f"role.{command.role.key}")
            )
        try:
            arguments = parse_arguments(command.parameters, rest)
        except UsageError as exc:
            raise CommandError(
                "error.usage", problem=t(exc.key, **exc.values), usage=command.usage(prefix)
            ) from None
        await command.handler(ctx, **arguments)

    def _unknown(self, text: str, role: Role) -> str:
        t, prefix = self._services.t, self._services.prefix
        word = text.split()[0] if text.split() else text
        lines = [t("error.unknown_command", command=word)]
        names = self._services.table.names_for(role)
        matches = process.extract(word, list(names), scorer=fuzz.WRatio, limit=6, score_cutoff=60)
        suggestions: list[str] = []
        for name, _, _ in matches:
            canonical = f"{prefix}{names[name].name}"
            if canonical not in suggestions:
                suggestions.append(canonical)
        if suggestions:
            lines.append(t("error.did_you_mean", suggestions=", ".join(suggestions[:3])))
        lines.append(t("error.see_help", prefix=prefix))
        return "\n".join(lines)
