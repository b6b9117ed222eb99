"""The bot's features, built over the core in the order they depend on each other, and put
together: the command table, the dispatcher, the jobs. The running bot (`bot/app.py`) and the
in-process test harness (`tests/harness.py`) both call `assemble`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from bot.admin import feature as admin
from bot.commands import core as core_commands
from bot.commands.context import Services
from bot.commands.dispatch import CommandDispatcher
from bot.commands.feature import Core, Feature, Job
from bot.commands.flood import FloodGuard
from bot.commands.router import CommandTable
from bot.declarations import feature as declarations
from bot.directory import feature as directory
from bot.directory.network import NetworkRooms
from bot.knowledge import feature as knowledge
from bot.privacy import feature as privacy
from bot.scheduling import feature as scheduling
from bot.storage.retention import prune_now

DAY = 24 * 3600


@dataclass(frozen=True)
class Bot:
    """Everything the features made: the dispatcher a message goes to, the network's rooms, the
    jobs to run every so often and what to plan again when the clock jumps."""

    dispatcher: CommandDispatcher
    network: NetworkRooms
    features: tuple[Feature, ...]
    table: CommandTable

    @property
    def jobs(self) -> list[Job]:
        return [job for feature in self.features for job in feature.jobs]

    async def replan(self) -> None:
        for feature in self.features:
            for plan in feature.replan:
                await plan()


async def assemble(core: Core, flood: FloodGuard | None = None) -> Bot:
    people = await directory.build(core)
    network = people.network
    referrals = await knowledge.build(core)
    declaring = await declarations.build(core, referrals.referrals, network.promeneurs)
    meetings = scheduling.build(core, network, declaring.summary)
    kept = Job("retention", partial(prune_now, core.db, core.settings.retention), DAY)
    framework = Feature(routers=(core_commands.router,), jobs=(kept,))
    # `!aide` lists the commands in this order.
    features = (
        framework,
        referrals.feature,
        declaring.feature,
        meetings.feature,
        people.feature,
        admin.build(core),
        privacy.build(core),
    )
    services = Services(
        core,
        CommandTable([router for feature in features for router in feature.routers]),
        referrals.referrals,
        declaring.desk,
        people.directory,
        network,
        meetings.meetings,
        meetings.deadlines,
        people.structures,
        meetings.trainings,
        people.recruitment,
    )
    # A message goes to a dialogue under way before it may pick a referral entry by its number.
    in_turn = (declaring.feature, *(f for f in features if f is not declaring.feature))
    dispatcher = CommandDispatcher(
        services,
        network.role_of,
        _names(core),
        free_text=next((f.free_text for f in features if f.free_text), None),
        interceptors=[hook for f in in_turn for hook in f.interceptors],
        edits=[hook for f in in_turn for hook in f.edits],
        reactions=[hook for f in in_turn for hook in f.reactions],
        danger_hooks=[hook for f in in_turn for hook in f.danger_hooks],
        flood=flood,
    )
    return Bot(dispatcher, network, features, services.table)


def _names(core: Core) -> tuple[str, ...]:
    """What a message may start with to address the bot: its id, its name, its localpart."""
    user_id = core.settings.bot.user_id
    return (user_id, core.settings.bot.display_name, user_id[1:].partition(":")[0])
