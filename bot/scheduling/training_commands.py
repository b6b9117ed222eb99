"""Trainings in chat: `!formation suivie` (a training followed elsewhere), `!formation besoin`
(a need noted by the coordination), `!formations [année]` (the year's plan and who followed
what, with its CSV file). The network's own sessions are meetings: `!reunion ajouter formation`."""

from __future__ import annotations

from bot.commands.arguments import Integer, Text
from bot.commands.context import CommandContext
from bot.commands.fields import parse_day, split_fields
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.declarations.parsing import format_hours, parse_hours
from bot.declarations.trainings import summary_lines, trainings_csv
from bot.matrix.ids import NAMED_USER
from bot.scheduling.french_dates import describe
from bot.scheduling.trainings import TrainingBook
from bot.text.errors import UserError

router = Router("trainings")
MAX_TITLE = 200


def _book(ctx: CommandContext) -> TrainingBook:
    return ctx.services.trainings


def _person_and_rest(ctx: CommandContext, text: str) -> tuple[str, str]:
    """Whose training it is (the one named, else the sender) and the rest of the text."""
    named = NAMED_USER.search(text)
    if named is None:
        return ctx.sender, text.strip()
    return named[0], (text[: named.start()] + text[named.end() :]).strip()


@router.command(
    "formation suivie",
    aliases=("formation faite", "formation ajouter"),
    english="training followed",
    role=Role.PROMENEUR,
    changes=True,
)
async def followed(ctx: CommandContext, description: Text) -> None:
    user, rest = _person_and_rest(ctx, description)
    if user != ctx.sender and ctx.role < Role.COORDINATOR:
        ctx.reply(ctx.t("trainings.own_only"))
        return
    fields = split_fields(rest, "titre")
    errors: list[UserError] = []
    title = " ".join(fields.pop("titre", "").strip('"«»“” ').split())[:MAX_TITLE]
    if not title:
        errors.append(
            UserError("error.field", field="titre", problem=UserError("trainings.no_title"))
        )
    columns: dict[str, object] = {"user_id": user, "title": title, "recorded_by": ctx.sender}
    for key, column, read in (("date", "day", parse_day), ("duree", "hours", parse_hours)):
        try:
            columns[column] = read(fields.pop(key)) if key in fields else None
        except UserError as exc:
            errors.append(UserError("error.field", field=key, problem=exc))
    if columns.get("day") is None and not any(e.values.get("field") == "date" for e in errors):
        errors.append(
            UserError("error.field", field="date", problem=UserError("trainings.no_date"))
        )
    if fields:
        errors.append(UserError("trainings.unknown_fields", fields=", ".join(fields)))
    if errors:
        ctx.reply(ctx.t("trainings.not_saved", reason=UserError.all_of(errors).text(ctx.t)))
        return
    columns["hours"] = columns["hours"] or 0.0
    row = await _book(ctx).record(ctx.message.event_id, columns)
    ctx.changed(user, {}, {"formation": title, "date": f"{row.day:%d/%m/%Y}"})
    hours = f", {format_hours(row.hours)}" if row.hours else ""
    ctx.reply(
        ctx.t("trainings.saved", title=title, day=f"{row.day:%d/%m/%Y}", hours=hours, user=user)
    )


@router.command(
    "formation besoin",
    aliases=("formation besoins",),
    english="training need",
    role=Role.COORDINATOR,
    changes=True,
)
async def need(ctx: CommandContext, description: Text) -> None:
    user, topic = _person_and_rest(ctx, description)
    topic = " ".join(topic.strip('"«»“” ').split())[:MAX_TITLE]
    if user == ctx.sender or not topic:
        ctx.reply(ctx.t("trainings.need_usage"))
        return
    await _book(ctx).note_need(
        ctx.message.event_id, {"user_id": user, "topic": topic, "noted_by": ctx.sender}
    )
    ctx.changed(user, {}, {"besoin de formation": topic})
    ctx.reply(ctx.t("trainings.need_noted", user=user, topic=topic))


@router.command(
    "formations",
    aliases=("plan de formation", "formation plan"),
    english="trainings",
    role=Role.COORDINATOR,
)
async def trainings(ctx: CommandContext, annee: Integer | None = None) -> None:
    now = ctx.services.clock()
    number = annee or now.year
    room = await ctx.private_room()
    if room is None:
        return
    assert now.tzinfo is not None
    plan = await _book(ctx).plan(number, now.tzinfo)
    lines = summary_lines(plan.figures, ctx.t)
    if plan.sessions:
        lines.append(ctx.t("trainings.plan", count=len(plan.sessions)))
    for session in plan.sessions:
        done = (
            ctx.t("trainings.session_done", present=session.present, expected=session.expected)
            if session.present is not None
            else ctx.t("trainings.session_to_come")
            if session.start > now
            else ctx.t("trainings.session_unconfirmed", number=session.meeting_id)
        )
        lines.append(f"• {describe(session.start)} : {session.title} — {done}")
    ctx.say_in(room, "\n".join(lines))
    if not plan.figures.empty:
        data = trainings_csv(plan.figures, ctx.t)
        await ctx.send_file(room, data, f"formations-{number}.csv", "text/csv")
