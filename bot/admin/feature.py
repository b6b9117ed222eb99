"""The coordination feature: announcements, charters, deadlines, the audit log, the dashboard."""

from __future__ import annotations

from bot.admin import commands
from bot.commands.feature import Core, Feature


def build(core: Core) -> Feature:
    return Feature(routers=(commands.router,))
