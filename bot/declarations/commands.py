"""Declaration commands: !declarer (dialogue, fast path, prompt preferences), !mes-declarations,
!declarations manquantes; and the interceptor that passes DM answers to the dialogue."""

from __future__ import annotations

import datetime as dt

from bot.commands.arguments import Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.declarations.desk import Turn
from bot.declarations.dialog import NOTHING, Draft, summary
from bot.declarations.fastpath import USAGE, looks_like_fast_path, parse_fast_path
from bot.declarations.parsing import format_hours
from bot.declarations.preferences import change_absence, change_prompt
from bot.declarations.records import save_declaration
from bot.declarations.weeks import Week
from bot.dialogs.store import end_dialog
from bot.text.errors import FRENCH, UserError
from bot.text.fold import fold

router = Router("declarations")


def default_week(today: dt.date) -> Week:
    """The week a bare `!declarer` is about: this one, or the last one on a Monday."""
    week = Week.of(today)
    return week.shifted(-1) if today.weekday() == 0 else week


@router.command(
    "declarer",
    aliases=("activite",),
    english="declare",
    role=Role.PROMENEUR,
    details=FRENCH("command.declarer.details", usage=USAGE),
)
async def declare(ctx: CommandContext, details: Text | None = None) -> None:
    text = (details or "").strip()
    if fold(text).startswith("rappel"):
        ctx.reply(await change_prompt(ctx, text[len("rappel") :].strip()))
        return
    if fold(text).startswith(("absent", "absente")):
        rest = text.split(maxsplit=1)[1] if len(text.split()) > 1 else ""
        ctx.reply(await change_absence(ctx, rest, ctx.declarations.today()))
        return
    if not ctx.message.is_direct:
        ctx.reply(ctx.t("declarations.direct_only"))
        return
    desk, today = ctx.declarations, ctx.declarations.today()
    try:
        if fold(text) in NOTHING:  # "!declarer congés": this week, empty, in one step
            week = default_week(today)
            _save_now(ctx, Draft(str(week), {}, inactive=True))
            return
        if looks_like_fast_path(text):
            await _fast_path(ctx, text)
            return
        week = desk.week(text) if text else default_week(today)
    except UserError as exc:
        ctx.reply(ctx.t("declarations.not_saved", reason=exc.text(ctx.t)))
        return
    turn = await desk.start(ctx.sender, ctx.message.room_id, week)
    _apply(ctx, turn)


async def _fast_path(ctx: CommandContext, text: str) -> None:
    desk, today = ctx.declarations, ctx.declarations.today()
    values, week_text = parse_fast_path(text, desk.catalog())
    week = desk.week(week_text) if week_text else default_week(today)
    _save_now(ctx, Draft(str(week), values))


def _save_now(ctx: CommandContext, draft: Draft) -> None:
    ctx.writes.append(save_declaration(ctx.sender, draft))
    ctx.writes.append(end_dialog(ctx.sender, ctx.message.room_id))
    number = ctx.declarations.week_argument(Week.parse(draft.week))
    ctx.reply(ctx.t("declarations.saved_at_once", summary=summary(draft), number=number))


def _apply(ctx: CommandContext, turn: Turn) -> None:
    for message in turn.messages:
        ctx.reply(message)
    ctx.writes.extend(turn.writes)


async def continue_dialog(ctx: CommandContext) -> bool:
    """In a direct message, an answer (not a `!` command) goes to the dialogue in progress."""
    services = ctx.services
    if not ctx.message.is_direct:
        return False
    if ctx.message.body.lstrip().startswith(services.prefix):
        return False
    message = ctx.message
    if ctx.role < Role.PROMENEUR:  # the role is checked at every step, not only at the start
        turn = await services.declarations.close(ctx.sender, message.room_id)
    else:
        turn = await services.declarations.answer(
            ctx.sender, message.room_id, message.body, message.event_id
        )
    if turn is None:
        return False
    _apply(ctx, turn)
    return True


async def pause_dialog(ctx: CommandContext) -> bool:
    """A message evoking a danger during the dialogue: the dialogue waits (a note says so after
    the emergency answer), unless the message repeats the one held back just before."""
    services, message = ctx.services, ctx.message
    if not message.is_direct:
        return False
    if message.replaces is not None or message.body.lstrip().startswith(services.prefix):
        return False
    if ctx.role < Role.PROMENEUR:
        closed = await services.declarations.close(ctx.sender, message.room_id)
        if closed is not None:
            ctx.notes.extend(closed.messages)
            ctx.writes.extend(closed.writes)
        return False
    turn = await services.declarations.hold(
        ctx.sender, message.room_id, message.body, message.event_id
    )
    if turn is None:
        return False
    if turn.held:
        ctx.notes.extend(turn.messages)
        ctx.writes.extend(turn.writes)
        return False
    _apply(ctx, turn)
    return True


async def edit_answer(ctx: CommandContext) -> bool:
    """A Matrix edit of an answer given during the dialogue updates that answer in the draft."""
    message, desk = ctx.message, ctx.services.declarations
    if message.replaces is None or not message.is_direct:
        return False
    if ctx.role < Role.PROMENEUR:
        turn = await desk.close(ctx.sender, message.room_id)
    else:
        turn = await desk.edit(ctx.sender, message.room_id, message.replaces, message.body)
    if turn is None:
        return False
    _apply(ctx, turn)
    return True


@router.command(
    "mes-declarations",
    aliases=("mesdeclarations",),
    english="my-declarations",
    role=Role.PROMENEUR,
)
async def my_declarations(ctx: CommandContext) -> None:
    room = await ctx.private_room()
    if room is None:
        return
    today = ctx.declarations.today()
    quarter = ctx.declarations.quarter_being_completed()
    weeks = [w for w in quarter.weeks() if w <= Week.of(today)]
    saved = await ctx.declarations.declarations_of(ctx.sender, weeks)
    by_week = {d.week: d for d in saved}
    lines = [ctx.t("declarations.mine_title", quarter=quarter.label())]
    for week in weeks:
        found = by_week.get(str(week))
        if found is None:
            state = ctx.t(
                "declarations.mine_due" if week < Week.of(today) else "declarations.mine_open"
            )
        elif found.inactive:
            state = ctx.t("declarations.mine_nothing")
        else:
            state = ctx.t(
                "declarations.mine_declared",
                hours=format_hours(found.hours),
                young_people=found.young_people,
            )
        lines.append(ctx.t("declarations.mine_week", number=week.number, state=state))
    ctx.say_in(room, "\n".join(lines))


@router.command(
    "declarations manquantes",
    english="declarations missing",
    role=Role.COORDINATOR,
)
async def missing_declarations(ctx: CommandContext) -> None:
    quarter = ctx.declarations.quarter_being_completed()
    promeneurs = ctx.services.network.promeneurs()
    missing = await ctx.declarations.missing(promeneurs, quarter.weeks())
    lines = [ctx.t("declarations.missing_title", quarter=quarter.label())]
    for user, absent in missing.items():
        weeks = ", ".join(str(w.number) for w in absent)
        lines.append(ctx.t("declarations.missing_line", user=user, weeks=weeks))
    if len(lines) == 1:
        lines.append(ctx.t("declarations.missing_none"))
    ctx.reply("\n".join(lines))
