"""Referral commands: `!orienter` for everyone in the network, `!kb ...` for the coordination."""

from __future__ import annotations

import re

from bot.commands.arguments import Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.knowledge.desk import DETAILS_WORDS
from bot.knowledge.index import is_question
from bot.text.fold import fold

router = Router("knowledge")

_CHOICE = re.compile(r"\s*(\d{1,2})\s*[.)]?\s*")

FREE_TEXT = "orienter"  # what a question without a command is taken to be


@router.command(
    "orienter",
    aliases=("relais", "orientation"),
    english="refer",
    role=Role.PROMENEUR,
)
async def refer(ctx: CommandContext, question: Text) -> None:
    if not is_question(question) and not ctx.dangers:
        ctx.reply(ctx.t("kb.ask_a_question", prefix=ctx.services.prefix))
        return
    answer = ctx.referrals.answer(question, ctx.sender, ctx.message.room_id)
    ctx.reply(answer.body, answer.html)
    ctx.writes.extend(answer.writes)


async def follow_up(ctx: CommandContext) -> bool:
    """Answer a number picking one of the entries offered, or `détails` after a short answer;
    False if nothing is pending here or the message is something else."""
    text = ctx.message.body.strip()
    choice = _CHOICE.fullmatch(text)
    if choice is None and fold(text) not in DETAILS_WORDS:
        return False
    asked = choice.group(1) if choice is not None else text
    answer = await ctx.referrals.follow_up(asked, ctx.sender, ctx.message.room_id)
    if answer is None:
        return False
    ctx.reply(answer.body, answer.html)
    ctx.writes.extend(answer.writes)
    return True


@router.command(
    "kb recharger",
    english="kb reload",
    role=Role.COORDINATOR,
    changes=True,
)
async def reload(ctx: CommandContext) -> None:
    errors = await ctx.referrals.load()
    if errors:
        ctx.reply(
            ctx.t(
                "kb.reload_failed",
                count=len(errors),
                errors="\n".join(ctx.t("kb.reload_error", problem=p) for p in errors),
            )
        )
        return
    count = len(ctx.referrals.index.entries)
    ctx.changed("", {}, {"fiches": str(count)})
    ctx.reply(ctx.t("kb.reloaded", count=count))


@router.command(
    "kb stats",
    role=Role.COORDINATOR,
)
async def stats(ctx: CommandContext) -> None:
    top = await ctx.referrals.most_consulted()
    total, _ = await ctx.referrals.unanswered(limit=0)
    entries = ctx.referrals.index.base.entries
    lines = [ctx.t("kb.stats_title")]
    for entry_id, count in top:
        title = entries[entry_id].title if entry_id in entries else entry_id
        lines.append(ctx.t("kb.stats_line", title=title, count=count))
    if not top:
        lines.append(ctx.t("kb.stats_empty"))
    lines.append(ctx.t("kb.stats_unanswered", count=total, prefix=ctx.services.prefix))
    ctx.reply("\n".join(lines))


@router.command(
    "kb non-resolues",
    aliases=("kb sans-reponse",),
    english="kb unanswered",
    role=Role.COORDINATOR,
)
async def show_unanswered(ctx: CommandContext) -> None:
    total, questions = await ctx.referrals.unanswered()
    if not questions:
        ctx.reply(ctx.t("kb.unanswered_empty"))
        return
    lines = [ctx.t("kb.unanswered_title", shown=len(questions), count=total)]
    lines += [
        ctx.t("kb.unanswered_line", day=f"{q.asked_at:%d/%m/%Y}", text=q.text) for q in questions
    ]
    ctx.reply("\n".join(lines))
