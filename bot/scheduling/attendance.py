"""Attendance: !presence oui/non/peut-être, and !reunion presences for the coordination."""

from __future__ import annotations

import datetime as dt
import logging

from bot.commands.arguments import Integer, Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.scheduling.commands import invited, meetings, next_start
from bot.scheduling.french_dates import describe
from bot.scheduling.reminders import occurrence_key
from bot.scheduling.store import record_answer, withdraw_reaction
from bot.storage.models import (
    Meeting,
)
from bot.text.fold import fold
from bot.text.quote import shown

log = logging.getLogger(__name__)
router = Router("attendance")
ANSWERS = {
    "oui": "oui", "o": "oui", "present": "oui", "presente": "oui", "je viens": "oui",
    "non": "non", "n": "non", "absent": "non", "absente": "non",
    "peut etre": "peut-etre", "peutetre": "peut-etre", "?": "peut-etre", "sais pas": "peut-etre",
}  # fmt: skip
SHOWN = {"oui": "✅ oui", "non": "❌ non", "peut-etre": "❔ peut-être"}
REACTIONS = {
    "✅": "oui", "✔️": "oui", "✔": "oui", "👍": "oui",
    "❌": "non", "👎": "non", "✖️": "non",
    "❔": "peut-etre", "❓": "peut-etre", "🤔": "peut-etre",
}  # fmt: skip


def _upcoming(
    rows: list[Meeting], user: str, role: Role, now: dt.datetime
) -> list[tuple[dt.datetime, Meeting]]:
    found = [
        (start, row) for row in rows if invited(row, user, role) and (start := next_start(row, now))
    ]
    return sorted(found, key=lambda pair: pair[0])


@router.command(
    "presence",
    english="attendance",
    role=Role.PROMENEUR,
)
async def answer(ctx: CommandContext, reponse: Text) -> None:
    words = reponse.split()  # « peut être 3 »: an answer of any words, then a meeting's number
    numero = int(words.pop()) if len(words) > 1 and words[-1].isdecimal() else None
    said = ANSWERS.get(fold(" ".join(words)))
    if said is None:
        ctx.reply(ctx.t("attendance.bad_answer", got=shown(" ".join(words))))
        return
    now = ctx.services.clock()
    upcoming = _upcoming(await meetings(ctx).open_meetings(), ctx.sender, ctx.role, now)
    chosen = [(s, m) for s, m in upcoming if numero is None or m.id == numero][:1]
    if not chosen:
        where = f"n° {numero}" if numero is not None else ctx.t("attendance.upcoming")
        ctx.reply(ctx.t("attendance.none_for_you", which=where))
        return
    ((start, meeting),) = chosen
    assert meeting.id is not None
    key = (meeting.id, occurrence_key(start), ctx.sender)

    ctx.writes.append(record_answer(key, said))
    ctx.reply(
        ctx.t("attendance.noted", said=SHOWN[said], title=meeting.title, when=describe(start))
    )


async def react(ctx: CommandContext) -> bool:
    """A ✅ ❌ ❔ reaction to a meeting announcement answers for its next session (silently); a
    new one replaces it, and removing the one that answered withdraws the answer."""
    message = ctx.message
    if message.withdraws is not None:
        ctx.writes.append(withdraw_reaction(ctx.sender, message.withdraws))
        return True
    said = REACTIONS.get(message.body.strip())
    if message.reacts_to is None or said is None:
        return False

    meeting = await meetings(ctx).announced_by(message.reacts_to)
    start = next_start(meeting, ctx.services.clock()) if meeting else None
    if meeting is None or meeting.cancelled_at is not None or start is None:
        return False
    if not invited(meeting, ctx.sender, ctx.role):
        log.info("Réaction de %s ignorée : pas invité·e à la réunion %s", ctx.sender, meeting.id)
        return True  # taken, and ignored: only those the meeting is for answer
    assert meeting.id is not None
    key = (meeting.id, occurrence_key(start), ctx.sender)
    ctx.writes.append(record_answer(key, said, reaction=message.event_id))
    return True


@router.command(
    "reunion presences",
    english="meeting attendance",
    role=Role.COORDINATOR,
)
async def attendance(ctx: CommandContext, numero: Integer) -> None:
    now = ctx.services.clock()
    meeting = await meetings(ctx).get(numero)
    start = next_start(meeting, now) if meeting and meeting.cancelled_at is None else None
    if meeting is None or start is None:
        ctx.reply(ctx.t("meetings.no_such", number=numero))
        return
    rows = await meetings(ctx).answers(numero, occurrence_key(start))
    lines = [ctx.t("attendance.title", title=meeting.title, when=describe(start))]
    for value, label in SHOWN.items():
        people = sorted(r.user_id for r in rows if r.answer == value)
        lines.append(f"• {label} ({len(people)}) : {', '.join(people) or '—'}")
    ctx.reply("\n".join(lines))
