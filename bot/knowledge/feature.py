"""The referral feature: the knowledge base, free questions, numbered choices and `détails`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.feature import Core, Feature
from bot.knowledge import commands
from bot.knowledge.desk import ReferralDesk


@dataclass(frozen=True)
class KnowledgeFeature:
    feature: Feature
    referrals: ReferralDesk  # what declarations ask: the topics a remark is about


async def build(core: Core) -> KnowledgeFeature:
    knowledge = core.settings.knowledge
    referrals = ReferralDesk(
        knowledge.directory,
        knowledge.department,
        core.settings.coordination_contact,
        core.db,
        knowledge.cache,
    )
    await referrals.load()
    feature = Feature(
        routers=(commands.router,),
        interceptors=(commands.follow_up,),
        free_text=commands.FREE_TEXT,
    )
    return KnowledgeFeature(feature, referrals)
