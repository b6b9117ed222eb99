"""Meeting commands: !reunion ajouter / modifier / annuler, !reunions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.commands.arguments import Integer, Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.matrix.content import to_act_on
from bot.matrix.outbox import Outgoing, reaction_to_sent, txn_id
from bot.scheduling.french_dates import describe
from bot.scheduling.ics import meeting_ics
from bot.scheduling.meetings import (
    MeetingFields,
    apply_fields,
    fields_of,
    parse_fields,
    summary,
    usage,
)
from bot.scheduling.recurrence import occurrences
from bot.scheduling.store import MeetingStore, link_announcement
from bot.storage.models import Meeting, as_utc, utcnow
from bot.text.errors import UserError

router = Router("meetings")
ICS = "text/calendar"


def _now(ctx: CommandContext) -> dt.datetime:
    return ctx.services.clock()


def _zone(ctx: CommandContext) -> ZoneInfo:
    zone = _now(ctx).tzinfo
    assert isinstance(zone, ZoneInfo)
    return zone


def invited(meeting: Meeting, user_id: str, role: Role) -> bool:
    """Whether `user_id` may see and answer `meeting`: the coordination always; a meeting for
    some people only (« pour »), those people; any other, the promeneurs."""
    if role >= Role.COORDINATOR:
        return True
    if meeting.audience:
        return user_id in meeting.audience
    return role >= Role.PROMENEUR


def next_start(meeting: Meeting, now: dt.datetime) -> dt.datetime | None:
    """The next time the meeting starts after `now` (None: it is over)."""
    first = as_utc(meeting.starts_at).astimezone(now.tzinfo)
    if not meeting.rule:
        return first if first > now else None
    return next(occurrences(meeting.rule, first, now), None)


# The reactions the bot places under a meeting's announcement: yes, no, maybe (attendance.py
# reads them, and a few look-alikes, as answers).
ANSWER_KEYS = ("✅", "❌", "❔")


async def _announce(
    ctx: CommandContext, title: str, number: int, fields: MeetingFields, meeting: Meeting
) -> None:
    """Post the change, with the .ics, in the network rooms; a meeting for some people only,
    in their direct messages only."""
    services = ctx.services
    direct, waiting = await services.direct_rooms_of(fields.audience)
    rooms = direct if fields.audience else set(services.network.room_ids)
    if waiting:  # invited to a DM: their reminders will reach them there
        ctx.reply(ctx.t("meetings.not_in_dm_yet", people=", ".join(waiting)))
    cancelled = meeting.cancelled_at is not None
    ics = meeting_ics(
        f"pdn-meeting-{meeting.id}@pdn-bot", fields, meeting.sequence, utcnow(), cancelled
    )
    text = f"{title}\n{summary(number, fields)}"
    if not cancelled:
        text += "\n" + ctx.t("meetings.how_to_answer", number=number)
    for room in sorted(rooms):
        # The announcement's transaction id links reactions to it with the meeting.
        announced = txn_id(ctx.message.event_id, len(ctx.replies))
        ctx.writes.append(link_announcement(announced, number))
        ctx.replies.append(Outgoing(room, to_act_on(text)))
        if not cancelled:  # the answers to tap, placed by the bot
            ctx.replies += [reaction_to_sent(room, announced, key) for key in ANSWER_KEYS]
        await ctx.send_file(room, ics, f"reunion-{number}.ics", ICS)  # encrypted if the room is


@router.command(
    "reunion ajouter",
    aliases=("reunion creer", "reunion nouvelle", "reunion planifier"),
    english="meeting add",
    role=Role.COORDINATOR,
    details=usage,
    changes=True,
)
async def add_meeting(ctx: CommandContext, description: Text) -> None:
    try:
        fields = apply_fields(parse_fields(description), _now(ctx))
    except UserError as exc:
        ctx.reply(ctx.t("meetings.not_created", reason=exc.text(ctx.t)))
        return

    columns = {
        "created_by": ctx.sender,
        "created_at": _now(ctx).astimezone(dt.UTC),
        **fields.as_columns(),
    }
    meeting = await meetings(ctx).create(ctx.message.event_id, columns)
    assert meeting.id is not None
    ctx.reply(ctx.t("meetings.created", number=meeting.id))
    await _announce(ctx, ctx.t("meetings.new_title"), meeting.id, fields, meeting)


def meetings(ctx: CommandContext) -> MeetingStore:
    return ctx.services.meetings


async def _meeting(ctx: CommandContext, number: int) -> Meeting | None:
    meeting = await meetings(ctx).get(number)
    if meeting is None or meeting.cancelled_at is not None:
        ctx.reply(ctx.t("meetings.no_such", number=number))
        return None
    return meeting


async def _change(
    ctx: CommandContext, meeting: Meeting, change: Callable[[Meeting], None]
) -> Meeting:
    """Apply `change`, bump the calendar sequence, and have the reminders rebuilt."""
    return await meetings(ctx).change(meeting, change)


@router.command(
    "reunion modifier",
    aliases=("reunion changer", "reunion deplacer"),
    english="meeting edit",
    role=Role.COORDINATOR,
    details=usage,
    changes=True,
)
async def edit_meeting(ctx: CommandContext, numero: Integer, changements: Text) -> None:
    meeting = await _meeting(ctx, numero)
    if meeting is None:
        return
    try:
        fields = apply_fields(
            parse_fields(changements),
            _now(ctx),
            fields_of(meeting, _zone(ctx)),
        )
    except UserError as exc:
        ctx.reply(ctx.t("meetings.not_changed", reason=exc.text(ctx.t)))
        return

    def update(row: Meeting) -> None:
        for name, value in fields.as_columns().items():
            setattr(row, name, value)

    updated = await _change(ctx, meeting, update)
    ctx.reply(ctx.t("meetings.edited", number=numero))
    await _announce(ctx, ctx.t("meetings.edited_title"), numero, fields, updated)


@router.command(
    "reunion annuler",
    aliases=("reunion supprimer", "reunion effacer"),
    english="meeting cancel",
    role=Role.COORDINATOR,
    changes=True,
)
async def cancel_meeting(ctx: CommandContext, numero: Integer) -> None:
    meeting = await _meeting(ctx, numero)
    if meeting is None:
        return

    def cancel(row: Meeting) -> None:
        row.cancelled_at = row.cancelled_at or utcnow()

    cancelled = await _change(ctx, meeting, cancel)
    ctx.reply(ctx.t("meetings.cancelled", number=numero))
    await _announce(
        ctx, ctx.t("meetings.cancelled_title"), numero, fields_of(cancelled, _zone(ctx)), cancelled
    )


@router.command(
    "reunions",
    aliases=("reunion liste", "reunions liste", "reunion lister"),
    english="meetings",
    role=Role.PROMENEUR,
)
async def list_meetings(ctx: CommandContext) -> None:
    now = _now(ctx)
    rows = await meetings(ctx).open_meetings()
    mine = [row for row in rows if invited(row, ctx.sender, ctx.role)]
    # A meeting for some people only is not listed where others read.
    shown = [row for row in mine if ctx.message.is_private or not row.audience]
    upcoming = sorted(
        ((start, row) for row in shown if (start := next_start(row, now)) is not None),
        key=lambda pair: (pair[0], pair[1].id or 0),
    )
    hidden = sum(1 for row in mine if row not in shown and next_start(row, now) is not None)
    title = "meetings.upcoming" if upcoming else None if hidden else "meetings.none"
    lines = [ctx.t(title)] if title else []
    for start, row in upcoming[:20]:
        where = f" — {row.place}" if row.place else ""
        again = " " + ctx.t("meetings.recurring") if row.rule else ""
        lines.append(f"• n° {row.id} : {row.title}, {describe(start)}{again}{where}")
    if hidden:
        lines.append(ctx.t("meetings.hidden", count=hidden))
    ctx.reply("\n".join(lines))
