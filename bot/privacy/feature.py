"""The privacy feature: what the bot keeps about you (`!mes-donnees`), and erasure."""

from __future__ import annotations

from bot.commands.feature import Core, Feature
from bot.privacy import commands


def build(core: Core) -> Feature:
    return Feature(routers=(commands.router,))
