"""The directory feature: the members, who should declare, the network's rooms, the welcome."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.feature import Core, Feature, Job
from bot.directory import commands, recruitment_commands, structure_commands
from bot.directory.network import NetworkRooms
from bot.directory.onboarding import Welcomer
from bot.directory.recruitment import Recruitment
from bot.directory.registry import Directory
from bot.directory.structures import StructureRegister


@dataclass(frozen=True)
class DirectoryFeature:
    feature: Feature
    directory: Directory
    structures: StructureRegister
    recruitment: Recruitment
    network: NetworkRooms  # what other features may ask: who should declare, the rooms


async def build(core: Core) -> DirectoryFeature:
    directory = Directory(core.db, set(core.settings.network.coordinators))
    await directory.reload()
    network = NetworkRooms(core.client, core.settings, directory, core.clock)
    welcomer = Welcomer(core.db, core.poster, core.direct_rooms, directory, core.prefix)
    every = core.settings.declarations.check_interval_seconds
    feature = Feature(
        routers=(commands.router, structure_commands.router, recruitment_commands.router),
        jobs=(Job("welcome", welcomer.check, every),),
    )
    return DirectoryFeature(
        feature, directory, StructureRegister(core.db), Recruitment(core.db), network
    )
