"""The declaration feature: the weekly dialogue, its prompts and reminders, the reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.commands.feature import Core, Feature, Job
from bot.declarations import commands, report_commands
from bot.declarations.desk import DeclarationDesk
from bot.declarations.reminders import DeclarationReminders
from bot.declarations.reporting import PeriodSummary
from bot.knowledge.desk import ReferralDesk


@dataclass(frozen=True)
class DeclarationFeature:
    feature: Feature
    desk: DeclarationDesk
    summary: PeriodSummary  # what the deadline messages say about a period


async def build(
    core: Core, referrals: ReferralDesk, promeneurs: Callable[[], set[str]]
) -> DeclarationFeature:
    settings = core.settings.declarations
    expiry = timedelta(hours=settings.idle_expiry_hours)
    desk = DeclarationDesk(
        core.db,
        settings,
        expiry,
        core.clock,
        referrals,
        core.settings.deadlines,
        core.settings.coordination.tasks,
    )
    reminders = DeclarationReminders(
        core.db, core.outbox, core.t, desk, settings, core.direct_rooms, promeneurs
    )
    feature = Feature(
        routers=(commands.router, report_commands.router),
        interceptors=(commands.continue_dialog,),
        edits=(commands.edit_answer,),
        danger_hooks=(commands.pause_dialog,),
        jobs=(Job("declaration-prompts", reminders.check, settings.check_interval_seconds),),
    )
    return DeclarationFeature(
        feature, desk, PeriodSummary(core.db, core.clock, promeneurs, settings.age_groups)
    )
