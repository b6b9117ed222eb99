"""The coordination's weekly tools: `!annonce`, `!rappel-charte`, `!tableau-de-bord`,
`!journal`."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter

from bot.commands.arguments import Integer, Text
from bot.commands.audit import DONE, differences, latest_entries
from bot.commands.context import CommandContext
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.declarations.report import Period
from bot.directory.commands import directory
from bot.directory.fields import STATUSES, display_name
from bot.matrix.content import to_act_on
from bot.matrix.outbox import Outgoing
from bot.scheduling.commands import meetings, next_start
from bot.scheduling.deadlines import deadlines
from bot.scheduling.french_dates import describe
from bot.storage.models import as_utc
from bot.text.fold import fold

router = Router("admin")

MAX_ANNOUNCEMENT = 4000
DM_WORDS = {"dm", "mp", "--dm", "prive"}


@router.command(
    "annonce",
    english="announce",
    role=Role.COORDINATOR,
    changes=True,
)
async def announce(ctx: CommandContext, texte: Text) -> None:
    first, _, rest = texte.strip().partition(" ")
    also_dm = fold(first) in DM_WORDS and bool(rest.strip())
    text = rest.strip() if also_dm else texte.strip()
    if len(text) > MAX_ANNOUNCEMENT:
        ctx.reply(ctx.t("announce.too_long", length=len(text), most=MAX_ANNOUNCEMENT))
        return
    body = ctx.t("announce.body", text=text)
    promeneurs = sorted(ctx.services.network.promeneurs()) if also_dm else []
    direct, waiting = await ctx.services.direct_rooms_of(promeneurs)
    rooms = sorted(set(ctx.services.network.room_ids) | direct)
    for room in rooms:
        ctx.replies.append(Outgoing(room, to_act_on(body)))
    ctx.changed("", {}, {"annonce": text[:200], "salons": str(len(rooms))})
    line = ctx.t("announce.posted", count=len(rooms))
    if waiting:
        line += " " + ctx.t("announce.waiting", count=len(waiting), people=", ".join(waiting))
    ctx.reply(line)


@router.command(
    "rappel-charte",
    aliases=("charte",),
    english="charter-check",
    role=Role.COORDINATOR,
)
async def charter_check(ctx: CommandContext) -> None:
    validity = ctx.core.settings.directory.charter_validity_days
    today = ctx.services.clock().date()
    oldest = today - dt.timedelta(days=validity) if validity else dt.date.min
    missing, old = [], []
    for member in directory(ctx).snapshot.members.values():
        if member.status == "parti":
            continue
        name = display_name(member)
        if member.charter_date is None:
            missing.append(ctx.t("charter.missing", name=name, user=member.user_id))
        elif member.charter_date < oldest:
            signed = f"{member.charter_date:%d/%m/%Y}"
            old.append(ctx.t("charter.old", name=name, user=member.user_id, day=signed))
    lasts = (
        ctx.t("charter.lasts_days", days=validity) if validity else ctx.t("charter.lasts_always")
    )
    if not missing and not old:
        ctx.reply(ctx.t("charter.all_signed", lasts=lasts))
        return
    ctx.reply(
        ctx.t(
            "charter.to_sign",
            count=len(missing) + len(old),
            lasts=lasts,
            people="\n".join(missing + old),
        )
    )


@router.command(
    "tableau-de-bord",
    aliases=("tdb",),
    english="dashboard",
    role=Role.COORDINATOR,
)
async def dashboard(ctx: CommandContext) -> None:
    now = ctx.services.clock()
    today = now.date()
    quarter = ctx.declarations.quarter_being_completed()
    promeneurs = ctx.services.network.promeneurs()

    unanswered, _ = await ctx.referrals.unanswered(limit=0)
    data = await ctx.declarations.period(Period(quarter.year, quarter.number), promeneurs)
    report = await asyncio.to_thread(data.report)  # the figures !rapport gives, the same way
    open_meetings = await meetings(ctx).open_meetings()
    statuses = Counter(m.status for m in directory(ctx).snapshot.members.values())
    expected = report.network.weeks_expected
    done = expected - report.network.weeks_missing
    late = sum(1 for person in report.promeneurs if person.weeks_missing)
    upcoming = sorted(
        (start, m.title) for m in open_meetings if (start := next_start(m, now)) is not None
    )[:3]
    settings = ctx.core.settings.deadlines
    coming = [d for d in deadlines(settings, (today.year, today.year + 1)) if d.day >= today]
    t = ctx.t
    members = ", ".join(f"{n} {STATUSES.get(s, s)}" for s, n in sorted(statuses.items()))
    meetings_ahead = " ; ".join(f"{title}, {describe(start)}" for start, title in upcoming)
    lines = [
        t("dashboard.title"),
        t("dashboard.directory", members=members or t("dashboard.empty")),
        t(
            "dashboard.declarations",
            quarter=quarter.label(),
            done=done,
            expected=expected,
            late=late,
        ),
        t("dashboard.meetings", meetings=meetings_ahead or t("dashboard.none")),
        t(
            "dashboard.deadline",
            deadline=(
                t("dashboard.deadline_of", day=coming[0].label, period=coming[0].period.label)
                if coming
                else t("dashboard.none")
            ),
        ),
        await ctx.services.recruitment.dashboard_line(today.year, len(promeneurs), t),
        t("dashboard.unanswered", count=unanswered),
    ]
    ctx.reply("\n".join(lines))


@router.command(
    "journal",
    english="audit",
    role=Role.COORDINATOR,
)
async def audit_log(ctx: CommandContext, nombre: Integer | None = None) -> None:
    count = max(1, min(int(nombre or 15), 100))
    entries = await latest_entries(ctx.core.db, count)
    if not entries:
        ctx.reply(ctx.t("audit.empty"))
        return
    room = await ctx.private_room()  # who changed whose e-mail, phone…
    if room is None:
        return
    zone = ctx.services.clock().tzinfo
    lines = [ctx.t("audit.title", count=len(entries))]
    for entry in reversed(entries):
        when = as_utc(entry.at).astimezone(zone)
        change = differences(entry.before, entry.after)
        target = f" {entry.target}" if entry.target else ""
        outcome = "" if entry.outcome == DONE else f" — {entry.outcome}"
        lines.append(
            f"• {when:%d/%m/%Y %H:%M} — {entry.actor} — {entry.action}{target}"
            + (f" : {change}" if change else (f" ({entry.arguments})" if entry.arguments else ""))
            + outcome
        )
    ctx.say_in(room, "\n".join(lines))
