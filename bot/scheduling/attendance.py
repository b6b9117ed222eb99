"""Attendance: !presence oui/non/peut-être before a meeting, !reunion presences for the
coordination; after it, !reunion presents to confirm who was there (pre-filled from the
answers), and !participation for each promeneur's yearly participation by kind of meeting."""

from __future__ import annotations

import datetime as dt
import logging

from bot.commands.arguments import Integer, Text
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.matrix.ids import NAMED_USER
from bot.scheduling.commands import invited, meetings, next_start
from bot.scheduling.french_dates import describe
from bot.scheduling.participation import (
    expected_at,
    last_start,
    participation_csv,
    participation_line,
)
from bot.scheduling.reminders import occurrence_key
from bot.scheduling.store import confirm_presence, record_answer, withdraw_reaction
from bot.storage.models import Meeting, MeetingPresence
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


CONFIRM_WORDS = {"confirmer", "confirme", "ok", "oui", "valider", "comme prevu"}


@router.command(
    "reunion presents",
    aliases=("reunion bilan", "reunion participants", "reunion emargement"),
    english="meeting attended",
    role=Role.COORDINATOR,
    changes=True,
)
async def confirm_attendance(
    ctx: CommandContext, numero: Integer, presents: Text | None = None
) -> None:
    now = ctx.services.clock()
    meeting = await meetings(ctx).get(numero)
    if meeting is None or meeting.cancelled_at is not None:
        ctx.reply(ctx.t("meetings.no_such", number=numero))
        return
    start = last_start(meeting, now)
    if start is None:
        ctx.reply(ctx.t("attendance.not_held_yet", number=numero))
        return
    occurrence = occurrence_key(start)
    answers = await meetings(ctx).answers(numero, occurrence)
    said_yes = sorted(r.user_id for r in answers if r.answer == "oui")
    text = (presents or "").strip()
    if not text:
        confirmed = await meetings(ctx).confirmed(numero, occurrence)
        ctx.reply(_shown(ctx, meeting, start, confirmed, said_yes))
        return
    if fold(text) in CONFIRM_WORDS:
        there = said_yes
    else:
        there = list(dict.fromkeys(NAMED_USER.findall(text)))
        left = NAMED_USER.sub(" ", text).replace(",", " ").split()
        if left or not there:
            ctx.reply(
                ctx.t("attendance.bad_list", got=shown(" ".join(left) or text), number=numero)
            )
            return
    expected = expected_at(meeting, ctx.services.network.promeneurs())
    present = {user: user in there for user in sorted(expected | set(there))}
    ctx.writes.append(confirm_presence(meeting, occurrence, start.year, present, ctx.sender))
    ctx.changed(
        f"réunion n° {numero}", {}, {"séance": describe(start), "présents": ", ".join(there)}
    )
    ctx.reply(
        ctx.t(
            "attendance.confirmed",
            title=meeting.title,
            when=describe(start),
            present=len(there),
            expected=len(present),
            people=", ".join(there) or "—",
        )
    )


def _shown(
    ctx: CommandContext,
    meeting: Meeting,
    start: dt.datetime,
    confirmed: list[MeetingPresence],
    said_yes: list[str],
) -> str:
    when = describe(start)
    if confirmed:
        there = sorted(r.user_id for r in confirmed if r.present)
        away = sorted(r.user_id for r in confirmed if not r.present)
        return ctx.t(
            "attendance.already_confirmed",
            title=meeting.title,
            when=when,
            present=", ".join(there) or "—",
            absent=", ".join(away) or "—",
            number=meeting.id,
        )
    return ctx.t(
        "attendance.to_confirm",
        title=meeting.title,
        when=when,
        people=", ".join(said_yes) or "—",
        number=meeting.id,
    )


@router.command(
    "participation",
    aliases=("participations", "assiduite"),
    role=Role.COORDINATOR,
)
async def show_participation(ctx: CommandContext, choix: Text | None = None) -> None:
    words = (choix or "").split()
    person = next((w for w in words if NAMED_USER.fullmatch(w)), None)
    years = [int(w) for w in words if w.isdecimal() and len(w) == 4]
    if len(words) != len(years) + (person is not None):
        ctx.reply(ctx.t("participation.usage"))
        return
    year = years[0] if years else ctx.services.clock().year
    room = await ctx.private_room()
    if room is None:
        return
    if person is not None:
        ctx.say_in(room, await _history(ctx, person, year))
        return
    counts = await meetings(ctx).participation(year)
    if not counts:
        ctx.say_in(room, ctx.t("participation.none", year=year))
        return
    lines = [ctx.t("participation.title", year=year)]
    lines += [f"• {user} : {participation_line(kinds)}" for user, kinds in sorted(counts.items())]
    ctx.say_in(room, "\n".join(lines))
    await ctx.send_file(room, participation_csv(counts), f"participation-{year}.csv", "text/csv")


async def _history(ctx: CommandContext, person: str, year: int) -> str:
    """One person's sessions of the year, each present or absent, and their rate."""
    rows = await meetings(ctx).history(year, person)
    if not rows:
        return ctx.t("participation.none_for", user=person, year=year)
    counts = await meetings(ctx).participation(year, person)
    lines = [ctx.t("participation.history", user=person, year=year,
                   line=participation_line(counts[person]))]  # fmt: skip
    zone = ctx.services.clock().tzinfo
    for start, title, present in rows:
        said = ctx.t("participation.present") if present else ctx.t("participation.absent")
        lines.append(f"• {describe(start.astimezone(zone))} : {title} — {said}")
    return "\n".join(lines)
