"""The directory in chat: `!promeneur ajouter/modifier/retirer/conges`, `!promeneurs`,
`!annuaire <recherche>`, `!annuaire importer/exporter`, `!coordinateur ajouter/retirer`."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any, Literal

from sqlmodel import Session

from bot.commands.arguments import Text, Word
from bot.commands.audit import differences
from bot.commands.context import CommandContext
from bot.commands.fields import parse_day, split_fields
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.directory.csv_io import HEADER, plan_import, to_csv
from bot.directory.fields import (
    MATRIX_ID,
    STATUSES,
    card,
    display_name,
    merged,
    parse_member_fields,
    record,
)
from bot.directory.imports import confirmed_plan, summary
from bot.directory.registry import Directory, search
from bot.matrix.content import notice
from bot.matrix.outbox import Outgoing
from bot.storage.models import AddedCoordinator, Member
from bot.text.errors import FRENCH, UserError
from bot.text.fold import fold
from bot.text.lists import and_list
from bot.text.quote import shown

router = Router("directory")

FIELDS_HELP = FRENCH("directory.fields_help")
ADD_USAGE = FRENCH("directory.add_usage", fields=FIELDS_HELP)
LIST_LIMIT = 60


def directory(ctx: CommandContext) -> Directory:
    return ctx.services.directory


def _user(text: str) -> str | None:
    text = text.strip()
    return text if MATRIX_ID.fullmatch(text) else None


def _bad_id(ctx: CommandContext, text: str) -> None:
    ctx.reply(ctx.t("directory.bad_id", got=shown(text)))


def _save(ctx: CommandContext, user_id: str, values: dict[str, Any], reload: bool = True) -> None:
    """Upsert the member (with the command's transaction) and reload the directory after. An
    arrival, a leave or a departure dates from now on the bot's clock."""
    now = ctx.services.clock().astimezone(dt.UTC)

    def write(session: Session) -> None:
        member = session.get(Member, user_id) or Member(user_id=user_id, created_at=now)
        for column, value in values.items():
            setattr(member, column, value)
        member.updated_at = now
        session.add(member)

    ctx.writes.append(write)
    if reload:
        ctx.after.append(directory(ctx).reload)


def _invite(ctx: CommandContext, user_id: str, name: str) -> None:
    """Once committed, invite `user_id` to the space and the network rooms."""
    _change_membership(ctx, "invite", user_id, name)


def _remove(ctx: CommandContext, user_id: str, name: str) -> None:
    """Once committed, remove `user_id` from the space and the network rooms."""
    _change_membership(ctx, "remove", user_id, name)


def _change_membership(
    ctx: CommandContext, action: Literal["invite", "remove"], user_id: str, name: str
) -> None:
    """Invite or remove once the command is committed; the coordinator hears, where they
    asked, of any room that refused, with the fix."""
    membership, room = ctx.services.network.membership, ctx.message.room_id

    async def change() -> list[Outgoing]:
        refused = await getattr(membership, action)(user_id)
        if not refused:
            return []
        text = ctx.t(
            f"membership.{action}_failed", name=name, rooms=and_list(refused), user=user_id
        )
        return [Outgoing(room, notice(text))]

    ctx.after.append(change)


def _active_member(ctx: CommandContext, user_id: str) -> Member | None:
    """The member, if in the directory and not gone; otherwise say so."""
    member = directory(ctx).snapshot.members.get(user_id)
    if member is None or member.status == "parti":
        ctx.reply(ctx.t("directory.not_active", user=user_id))
        return None
    return member


@router.command(
    "promeneur ajouter",
    english="member add",
    role=Role.COORDINATOR,
    details=ADD_USAGE,
    changes=True,
)
async def add_member(ctx: CommandContext, fiche: Text) -> None:
    fields = split_fields(fiche, "matrix")
    user_id = _user(fields.pop("matrix", ""))
    if user_id is None:
        _bad_id(ctx, fiche.split()[0] if fiche.split() else "")
        return
    existing = directory(ctx).snapshot.members.get(user_id)
    if existing is not None and existing.status != "parti":
        ctx.reply(ctx.t("directory.already_in", user=user_id))
        return
    try:
        values = parse_member_fields(fields)
    except UserError as exc:
        ctx.reply(ctx.t("directory.not_added", reason=exc.text(ctx.t), fields=FIELDS_HELP))
        return
    values.setdefault("status", "actif")
    _save(ctx, user_id, values)
    added = merged(existing, values) if existing else Member(user_id=user_id, **values)
    ctx.changed(user_id, record(existing) if existing else {}, record(added))
    _invite(ctx, user_id, display_name(added))
    ctx.reply(ctx.t("directory.added", name=display_name(added)))


@router.command(
    "promeneur modifier",
    english="member edit",
    role=Role.COORDINATOR,
    details=FIELDS_HELP,
    changes=True,
)
async def edit_member(ctx: CommandContext, changements: Text) -> None:
    fields = split_fields(changements, "matrix")
    user_id = _user(fields.pop("matrix", ""))
    if user_id is None:
        _bad_id(ctx, changements.split()[0] if changements.split() else "")
        return
    member = directory(ctx).snapshot.members.get(user_id)
    if member is None:
        ctx.reply(ctx.t("directory.not_in", user=user_id))
        return
    if not fields:
        ctx.reply(ctx.t("directory.nothing_to_edit", fields=FIELDS_HELP))
        return
    try:
        values = parse_member_fields(fields)
    except UserError as exc:
        ctx.reply(ctx.t("directory.not_edited", reason=exc.text(ctx.t), fields=FIELDS_HELP))
        return
    before, edited = record(member), merged(member, values)
    after = record(edited)
    _save(ctx, user_id, values)
    ctx.changed(user_id, before, after)
    changes = differences(before, after) or ctx.t("directory.no_change")
    ctx.reply(ctx.t("directory.edited", name=display_name(edited), changes=changes))


@router.command(
    "promeneur retirer",
    english="member remove",
    role=Role.COORDINATOR,
    changes=True,
)
async def remove_member(ctx: CommandContext, membre: Word) -> None:
    removing = ctx.core.settings.directory.remove_on_leave
    member = directory(ctx).snapshot.members.get(membre)
    if member is not None and member.status == "parti" and removing:
        _remove(ctx, membre, display_name(member))  # again, once the bot may
        ctx.reply(ctx.t("directory.removed_again", name=display_name(member)))
        return
    member = _active_member(ctx, membre)
    if member is None:
        return
    gone = {"status": "parti", "away_until": None}
    _save(ctx, membre, gone)
    ctx.changed(membre, record(member), record(merged(member, gone)))
    if removing:
        _remove(ctx, membre, display_name(member))
    key = "directory.removed_from_rooms" if removing else "directory.removed"
    ctx.reply(ctx.t(key, name=display_name(member)))


@router.command(
    "promeneur conges",
    aliases=("promeneur absent",),
    english="member leave",
    role=Role.COORDINATOR,
    changes=True,
)
async def member_on_leave(ctx: CommandContext, membre: Word, jusqu_au: Text | None = None) -> None:
    member = _active_member(ctx, membre)
    if member is None:
        return
    until: dt.date | None = None
    if jusqu_au:
        text = re.sub(r"^jusqu\W*(au|a|à)?\s*", "", jusqu_au.strip(), flags=re.IGNORECASE)
        try:
            until = parse_day(text)
        except UserError as exc:
            ctx.reply(ctx.t("directory.leave_refused", reason=exc.text(ctx.t)))
            return
        if until < ctx.services.clock().date():
            ctx.reply(ctx.t("directory.leave_past", day=f"{until:%d/%m/%Y}"))
            return
    _save(ctx, membre, {"status": "conges", "away_until": until})
    period = (
        ctx.t("directory.leave_until", day=f"{until:%d/%m/%Y}")
        if until
        else ctx.t("directory.leave_open")
    )
    ctx.changed(membre, record(member), {**record(member), "statut": f"congés {period}"})
    ctx.reply(ctx.t("directory.on_leave", name=display_name(member), period=period, user=membre))


@router.command(
    "promeneurs",
    english="members",
    role=Role.COORDINATOR,
)
async def list_members(ctx: CommandContext, filtres: Text | None = None) -> None:
    wanted = split_fields(filtres or "", "recherche")
    unknown = [k for k in wanted if k not in ("structure", "territoire", "statut")]
    if unknown:
        ctx.reply(ctx.t("directory.filters"))
        return
    members = list(directory(ctx).snapshot.members.values())
    for key, column in (("structure", "structure"), ("territoire", "territory"),
                        ("statut", "status")):  # fmt: skip
        if key in wanted:
            needle = fold(wanted[key]).replace(" ", "")
            members = [m for m in members if needle in fold(getattr(m, column)).replace(" ", "")]
    if not members:
        ctx.reply(ctx.t("directory.no_match"))
        return
    room = await ctx.private_room()
    if room is None:
        return
    lines = [ctx.t("directory.listed", count=len(members))]
    for m in members[:LIST_LIMIT]:
        where = ", ".join(part for part in (m.structure, m.territory) if part)
        lines.append(f"• {display_name(m)} ({m.user_id}) — {where or '?'} — "
                     f"{STATUSES.get(m.status, m.status)}")  # fmt: skip
    if len(members) > LIST_LIMIT:
        rest = len(members) - LIST_LIMIT
        lines.append(ctx.t("directory.listed_more", count=rest))
    ctx.say_in(room, "\n".join(lines))


@router.command(
    "annuaire",
    english="directory",
    role=Role.PROMENEUR,
)
async def find_members(ctx: CommandContext, recherche: Text) -> None:
    # every field, and those who left, for the coordination in its private room only
    full = ctx.role >= Role.COORDINATOR and ctx.message.is_private
    found = await asyncio.to_thread(search, directory(ctx).snapshot, recherche, include_left=full)
    if not found:
        ctx.reply(ctx.t("directory.nobody", query=shown(recherche)))
        return
    keys: list[str] = HEADER[1:] if full else list(ctx.core.settings.directory.public_fields)
    hint = ""
    if ctx.role >= Role.COORDINATOR and not full:
        hint = "\n\n" + ctx.t("directory.public_only")
    cards = [card(member, keys) for member in found]
    if full:  # and each one's participation in the network's meetings this year
        year = ctx.services.clock().year
        for number, member in enumerate(found):
            line = await ctx.services.meetings.participation_text(year, member.user_id)
            if line:
                cards[number] += "\n" + ctx.t("participation.card", year=year, line=line)
    ctx.reply("\n\n".join(cards) + hint)


@router.command(
    "annuaire exporter",
    english="directory export",
    role=Role.COORDINATOR,
)
async def export_directory(ctx: CommandContext) -> None:
    room = await ctx.private_room()
    if room is None:
        return
    members = list(directory(ctx).snapshot.members.values())
    data = to_csv(members)
    ctx.changed("", {}, {"export": f"{len(members)} fiche(s)"})  # personal data left: logged
    ctx.say_in(room, ctx.t("directory.exported", count=len(members), columns=";".join(HEADER)))
    await ctx.send_file(room, data, "annuaire.csv", "text/csv")


IMPORT_USAGE = FRENCH("directory.import_usage", columns=";".join(HEADER))


@router.command(
    "annuaire importer",
    english="directory import",
    role=Role.COORDINATOR,
    details=IMPORT_USAGE,
)
async def import_directory(ctx: CommandContext, confirmer: Word | None = None) -> None:
    members = directory(ctx).snapshot.members
    plan = await confirmed_plan(
        ctx,
        confirmer,
        IMPORT_USAGE,
        lambda data: plan_import(data, members),
        lambda user, _: user,
        ctx.t("directory.import_how"),
    )
    if plan is None:
        return
    for user, values in plan.added.items():
        values.setdefault("status", "actif")
        _save(ctx, user, values, reload=False)
        ctx.changed(user, {}, record(Member(user_id=user, **values)))
    for user, change in plan.changed.items():
        _save(ctx, user, change.values, reload=False)
        ctx.changed(user, change.before, change.after)
    ctx.after.append(directory(ctx).reload)
    for user, values in plan.added.items():
        _invite(ctx, user, display_name(Member(user_id=user, **values)))
    ctx.reply(ctx.t("directory.import_applied", summary=summary(ctx, plan)))


@router.command(
    "coordinateur ajouter",
    aliases=("coordinatrice ajouter",),
    english="coordinator add",
    role=Role.COORDINATOR,
    changes=True,
)
async def add_coordinator(ctx: CommandContext, personne: Word) -> None:
    user_id = _user(personne)
    if user_id is None:
        _bad_id(ctx, personne)
        return
    if user_id in directory(ctx).coordinators:
        ctx.reply(ctx.t("directory.already_coordinator", user=user_id))
        return
    sender = ctx.sender

    def write(session: Session) -> None:
        session.merge(AddedCoordinator(user_id=user_id, added_by=sender))

    ctx.writes.append(write)
    ctx.after.append(directory(ctx).reload)
    ctx.changed(user_id, {"role": "promeneur"}, {"role": "coordination"})
    ctx.reply(ctx.t("directory.coordinator_added", user=user_id))


@router.command(
    "coordinateur retirer",
    aliases=("coordinatrice retirer",),
    english="coordinator remove",
    role=Role.COORDINATOR,
    changes=True,
)
async def remove_coordinator(ctx: CommandContext, personne: Word) -> None:
    registry = directory(ctx)
    if registry.is_configured_coordinator(personne):
        ctx.reply(ctx.t("directory.coordinator_configured", user=personne))
        return
    if personne not in registry.snapshot.added_coordinators:
        ctx.reply(ctx.t("directory.not_coordinator", user=personne))
        return

    def write(session: Session) -> None:
        row = session.get(AddedCoordinator, personne)
        if row is not None:
            session.delete(row)

    ctx.writes.append(write)
    ctx.after.append(registry.reload)
    ctx.changed(personne, {"role": "coordination"}, {"role": "promeneur"})
    ctx.reply(ctx.t("directory.coordinator_removed", user=personne))
