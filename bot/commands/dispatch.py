"""From an incoming message to a command call; every failure becomes a French reply."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from enum import Enum

from bot.commands.arguments import parse_arguments
from bot.commands.audit import DONE, FAILED, REFUSED, audit_entries
from bot.commands.context import CommandContext, NotForMeError, Services
from bot.commands.flood import FloodGuard, Verdict
from bot.commands.roles import Role
from bot.commands.router import Command
from bot.matrix.events import IncomingMessage, Response
from bot.safety.danger import detect_danger
from bot.safety.emergency import TITLE as EMERGENCY_TITLE
from bot.safety.emergency import emergency_block
from bot.text.errors import UserError
from bot.text.quote import shown

log = logging.getLogger(__name__)

# Takes a message before command parsing (a dialogue answer, a numbered choice); returns False
# to leave it to the next interceptor and then to the commands.
Interceptor = Callable[[CommandContext], Awaitable[bool]]


class Via(Enum):
    """How a message was addressed to the bot."""

    PREFIX = "prefix"  # `!commande`: meant as a command
    MENTION = "mention"  # `Assistant PdN: ...`: a command or a question
    DIRECT = "direct"  # any text in a direct message: a command or a question


def command_text(
    body: str, prefix: str, bot_names: tuple[str, ...], is_direct: bool, mentioned: bool = False
) -> tuple[str, Via] | None:
    """The text addressed to the bot inside `body`, and how it was addressed; None if it was not.

    A message is addressed by the prefix, by naming the bot first or mentioning it (`m.mentions`,
    what a client's pill adds), or by being sent in the bot's direct message with its sender.
    """
    text = body.strip()
    if text.startswith(prefix):
        return text[len(prefix) :].strip(), Via.PREFIX
    for name in bot_names:
        match = re.match(rf"{re.escape(name)}\s*[:,]?\s+", text + " ", flags=re.IGNORECASE)
        if name and match:
            rest = (text + " ")[match.end() :].strip()
            if rest.startswith(prefix):
                return rest[len(prefix) :].strip(), Via.PREFIX
            return rest, Via.MENTION
    if mentioned:
        return text, Via.MENTION
    if is_direct:
        return text, Via.DIRECT
    return None


def _fits(command: Command, rest: str) -> bool:
    try:
        parse_arguments(command.parameters, rest)
    except UserError:
        return False
    return True


class CommandDispatcher:
    """Answers messages addressed to the bot: commands, numbered choices and free questions.

    Free text that is no command (in a direct message or after a mention) goes to the
    `free_text` command, if there is one. Interceptors see every message first, in order; edits
    of earlier messages go to the `edits` interceptors only.

    Safety comes before everything else. A message addressed to the bot that evokes a danger
    (`detect_danger`, the one function that decides) is not parsed as a command nor as a
    dialogue answer: the `danger_hooks` see it first (a dialogue notes that it waits), then it
    is answered as a referral question. Only a coordination command sent with the prefix still
    runs as such (an announcement about a prevention day must go out). Whatever happens, the
    first reply is then the emergency block.
    """

    def __init__(
        self,
        services: Services,
        role_of: Callable[[str], Role],
        bot_names: tuple[str, ...],
        free_text: str | None = None,
        interceptors: Sequence[Interceptor] = (),
        edits: Sequence[Interceptor] = (),
        reactions: Sequence[Interceptor] = (),
        danger_hooks: Sequence[Interceptor] = (),
        flood: FloodGuard | None = None,
    ) -> None:
        self._services = services
        self._role_of = role_of
        self._bot_names = tuple(sorted(bot_names, key=len, reverse=True))
        found = services.table.find(free_text) if free_text else None
        self._free_text = found[0] if found else None
        self._interceptors = tuple(interceptors)
        self._edits = tuple(edits)
        self._reactions = tuple(reactions)
        self._danger_hooks = tuple(danger_hooks)
        self._flood = flood

    async def __call__(self, message: IncomingMessage) -> Response:
        ctx = CommandContext(message, self._role_of(message.sender), self._services)
        outcome = DONE
        try:
            await self._handle(ctx)
        except UserError as exc:
            _forget(ctx)
            ctx.reply(exc.text(ctx.t))
            outcome = REFUSED
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("Erreur %s en traitant %s", reference, message.event_id)
            _forget(ctx)
            ctx.reply(ctx.t("error.internal", reference=reference))
            outcome = FAILED
        _audit(ctx, outcome)
        if ctx.dangers:
            _emergency_first(ctx)
        for note in ctx.notes:
            ctx.reply(note)
        return Response(ctx.replies, ctx.writes, ctx.after)

    async def _handle(self, ctx: CommandContext) -> None:
        message = ctx.message
        if message.reacts_to is not None or message.withdraws is not None:
            await _first(self._reactions, ctx)  # reactions concern only what tracks them
            return
        found = command_text(
            message.body,
            self._services.prefix,
            self._bot_names,
            message.is_direct,
            message.mentions_bot,
        )
        if found is not None:
            ctx.dangers = detect_danger(message.body)
        if ctx.dangers:
            await self._danger_first(ctx, *found)  # type: ignore[misc]
        elif found is not None and message.is_shared and self._flooding(ctx):
            return
        elif message.replaces is not None:  # edits only concern what tracks them
            await _first(self._edits, ctx)
        elif not await _first(self._interceptors, ctx) and found is not None:
            await self._run(ctx, *found)

    def _flooding(self, ctx: CommandContext) -> bool:
        """Too many commands from this person in shared rooms: one notice, then silence."""
        if self._flood is None:
            return False
        verdict = self._flood.admit(ctx.sender)
        if verdict is Verdict.WARN:
            log.info("Trop de commandes de %s : pause", ctx.sender)
            ctx.reply(ctx.t("flood.slow_down"))
        return verdict is not Verdict.ANSWER

    async def _danger_first(self, ctx: CommandContext, text: str, via: Via) -> None:
        """A message evoking a danger: a hook may take it (a dialogue answer sent again on
        purpose); a coordination command still runs; anything else is a referral question."""
        if await _first(self._danger_hooks, ctx):
            return
        found = self._services.table.find(text) if via is Via.PREFIX else None
        if found is not None and found[0].role is Role.COORDINATOR:
            await self._invoke(ctx, *found)
            return
        if self._free_text is not None and ctx.role >= self._free_text.role:
            await self._invoke(ctx, self._free_text, text)

    async def _run(self, ctx: CommandContext, text: str, via: Via) -> None:
        t, prefix = ctx.t, self._services.prefix
        found = self._services.table.find(text) if text else None
        free = via is not Via.PREFIX and bool(text) and self._free_text is not None
        if free and (found is None or not _fits(found[0], found[1])):
            # "aide pour une jeune harcelée…" is a question, not `aide` with too many words.
            found = self._free_text, text  # type: ignore[assignment]
        if found is None:
            if via is Via.DIRECT or not text:
                ctx.reply(t("dm.hint", prefix=prefix))
                return
            ctx.reply(self._unknown(text, ctx.role))
            return
        try:
            await self._invoke(ctx, *found)
        except NotForMeError:
            if not free or self._free_text is None:
                raise
            _forget(ctx)
            ctx.audited = None
            await self._invoke(ctx, self._free_text, text)

    async def _invoke(self, ctx: CommandContext, command: Command, rest: str) -> None:
        t, prefix = ctx.t, self._services.prefix
        if ctx.role < command.role:
            log.info("Commande %s refusée à %s (%s)", command.name, ctx.sender, ctx.role.name)
            raise UserError(
                "error.forbidden", command=command.name, role=t(f"role.{command.role.key}")
            )
        if command.role is Role.COORDINATOR:
            ctx.audited = (command, rest)
        try:
            arguments = parse_arguments(command.parameters, rest)
        except UserError as exc:
            raise UserError("error.usage", problem=exc, usage=command.usage(prefix)) from None
        await command.handler(ctx, **arguments)

    def _unknown(self, text: str, role: Role) -> str:
        t, prefix = self._services.t, self._services.prefix
        word = text.split()[0] if text.split() else text
        lines = [t("error.unknown_command", command=shown(word))]
        table = self._services.table
        suggestions = [f"{prefix}{c.name}" for c in table.closest(text, role)]
        if len(table.group(word, role)) > 1:  # « !reunion deplacerr » : the group's commands
            suggestions = [f"{prefix}aide {word}", *suggestions]
        if suggestions:
            lines.append(t("error.did_you_mean", suggestions=", ".join(suggestions[:3])))
        lines.append(t("error.see_help", prefix=prefix))
        return "\n".join(lines)


async def _first(interceptors: Sequence[Interceptor], ctx: CommandContext) -> bool:
    """Offer the message to each interceptor in turn; True once one has taken it."""
    for intercept in interceptors:
        if await intercept(ctx):
            return True
    return False


def _emergency_first(ctx: CommandContext) -> None:
    """Put the emergency block first, unless the first reply already starts with it (a referral
    answer gives it merged with the entry's own numbers)."""
    first = str(ctx.replies[0].content.get("body", "")) if ctx.replies else ""
    if not first.startswith(EMERGENCY_TITLE):
        body, html = emergency_block(ctx.dangers)
        ctx.reply(body, html)
        ctx.replies.insert(0, ctx.replies.pop())


def _audit(ctx: CommandContext, outcome: str) -> None:
    """The audit log's entry of a coordination command: what it changed, or for a command made
    to change something, that it was refused or failed (bot/commands/audit.py)."""
    if ctx.audited is None:
        return
    command, rest = ctx.audited
    changed = bool(ctx.writes or ctx.changes)
    if outcome == DONE and not changed:
        outcome = REFUSED  # answered, with the reason, and nothing changed
    if changed or command.changes:  # an error dropped what it had written: never both
        ctx.writes.append(audit_entries(ctx, command.name, rest, outcome))


def _forget(ctx: CommandContext) -> None:
    """Drop what a failed command had prepared: nothing of it is sent, written or done."""
    ctx.replies.clear()
    ctx.writes.clear()
    ctx.after.clear()
    ctx.changes.clear()
