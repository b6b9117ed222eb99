"""The bot's features and the order in which a message reaches them, for the running bot and for
tests that drive the dispatcher without a homeserver."""

from __future__ import annotations

from collections.abc import Callable

from bot.admin import commands as admin
from bot.commands import core
from bot.commands.context import Services
from bot.commands.dispatch import CommandDispatcher
from bot.commands.flood import FloodGuard
from bot.commands.roles import Role
from bot.declarations import commands as declarations
from bot.declarations import report_commands
from bot.directory import commands as directory_commands
from bot.knowledge import commands as knowledge
from bot.privacy import commands as privacy
from bot.scheduling import attendance
from bot.scheduling import commands as meetings

ROUTERS = (
    core.router,
    knowledge.router,
    declarations.router,
    report_commands.router,
    meetings.router,
    attendance.router,
    directory_commands.router,
    admin.router,
    privacy.router,
)


def dispatcher(
    services: Services,
    role_of: Callable[[str], Role],
    bot_names: tuple[str, ...],
    flood: FloodGuard | None = None,
) -> CommandDispatcher:
    """Free text is a referral question; a dialogue answer, a number picking an entry or
    `détails` are taken before commands; a message evoking a danger pauses the dialogue."""
    return CommandDispatcher(
        services,
        role_of,
        bot_names,
        free_text=knowledge.FREE_TEXT,
        interceptors=(declarations.continue_dialog, knowledge.follow_up),
        edits=(declarations.edit_answer,),
        reactions=(attendance.react,),
        danger_hooks=(declarations.pause_dialog,),
        flood=flood,
    )
