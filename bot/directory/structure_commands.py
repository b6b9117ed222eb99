"""The register of structures in chat: `!structures`, `!structure ajouter / modifier / retirer`,
`!structures exporter / importer` (coordination; contacts shown in its private room only)."""

from __future__ import annotations

from bot.commands.arguments import Text, Word
from bot.commands.audit import differences
from bot.commands.context import CommandContext
from bot.commands.fields import parse_day, split_fields
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.directory.imports import confirmed_plan, summary
from bot.directory.structures import (
    HEADER,
    StructureRegister,
    key_of,
    parse_structure_fields,
    plan_import,
    promeneurs_of,
    record,
    to_csv,
    warnings,
)
from bot.storage.models import Structure
from bot.text.errors import FRENCH, UserError
from bot.text.quote import shown

router = Router("structures")
IMPORT_USAGE = FRENCH("structures.import_usage", columns=";".join(HEADER))


def _register(ctx: CommandContext) -> StructureRegister:
    return ctx.services.structures


@router.command(
    "structures",
    aliases=("structure liste", "structures liste"),
    role=Role.COORDINATOR,
)
async def list_structures(ctx: CommandContext) -> None:
    room = await ctx.private_room()
    if room is None:
        return
    register = await _register(ctx).all()
    members = ctx.services.directory.snapshot.members.values()
    staff = promeneurs_of(members)
    today = ctx.services.clock().date()
    settings = ctx.core.settings
    deadline = parse_day(f"{settings.deadlines.annual or '31/01'}/{today.year}")
    charter_days = settings.directory.charter_validity_days
    if not register and not staff:
        ctx.say_in(room, ctx.t("structures.none"))
        return
    lines = [ctx.t("structures.title", count=len(register))]
    for key, structure in register.items():
        people = len(staff.get(key, []))
        said = [ctx.t(k, **v) for k, v in warnings(structure, today, charter_days, deadline)]
        lines.append(_line(ctx, structure, people) + "".join(f"\n   ⚠️ {w}" for w in said))
    unknown = sorted({m[0].structure for k, m in staff.items() if k not in register})
    if unknown:
        lines.append(ctx.t("structures.not_registered", names=", ".join(unknown)))
    ctx.say_in(room, "\n".join(lines))


def _line(ctx: CommandContext, structure: Structure, people: int) -> str:
    shown_fields = record(structure)
    details = [
        f"{spec} : {shown_fields[key]}"
        for key, spec in (
            ("convention_debut", ctx.t("structures.from")),
            ("convention_fin", ctx.t("structures.until")),
            ("charte", ctx.t("structures.charter")),
            ("bilan", ctx.t("structures.report")),
            ("contact", ctx.t("structures.contact")),
            ("email", "e-mail"),
            ("tel", "tél."),
        )
        if shown_fields[key]
    ]
    kind = f" ({structure.kind})" if structure.kind else ""
    head = ctx.t("structures.line", name=structure.name, kind=kind, count=people)
    return head + (" — " + " ; ".join(details) if details else "")


@router.command(
    "structure ajouter",
    aliases=("structure creer", "structure nouvelle"),
    english="structure add",
    role=Role.COORDINATOR,
    changes=True,
)
async def add_structure(ctx: CommandContext, description: Text) -> None:
    try:
        values = parse_structure_fields(split_fields(description, "nom"))
        if "name" not in values:
            raise UserError("structures.no_name")
    except UserError as exc:
        ctx.reply(ctx.t("structures.not_saved", reason=exc.text(ctx.t)))
        return
    key = key_of(values["name"])
    if await _register(ctx).get(values["name"]) is not None:
        ctx.reply(ctx.t("structures.exists", name=values["name"]))
        return
    saved = await _register(ctx).save(key, values, ctx.sender)
    ctx.changed(saved.name, {}, record(saved))
    ctx.reply(ctx.t("structures.added", name=saved.name))


@router.command(
    "structure modifier",
    aliases=("structure changer",),
    english="structure edit",
    role=Role.COORDINATOR,
    changes=True,
)
async def edit_structure(ctx: CommandContext, changements: Text) -> None:
    fields = split_fields(changements, "structure")
    name = fields.pop("structure", "").strip().strip('"«»“”')
    current = await _register(ctx).get(name) if name else None
    if current is None:
        ctx.reply(ctx.t("structures.no_such", name=shown(name or changements)))
        return
    try:
        values = parse_structure_fields(fields)
    except UserError as exc:
        ctx.reply(ctx.t("structures.not_saved", reason=exc.text(ctx.t)))
        return
    before = record(current)
    if "name" in values and key_of(values["name"]) != current.key:
        ctx.reply(ctx.t("structures.rename", name=current.name))
        return
    saved = await _register(ctx).save(current.key, values, ctx.sender)
    ctx.changed(saved.name, before, record(saved))
    ctx.reply(
        ctx.t("structures.edited", name=saved.name, changes=differences(before, record(saved)))
    )


@router.command(
    "structure retirer",
    aliases=("structure supprimer",),
    english="structure remove",
    role=Role.COORDINATOR,
    changes=True,
)
async def remove_structure(ctx: CommandContext, nom: Text) -> None:
    name = nom.strip().strip('"«»“”')
    current = await _register(ctx).get(name)
    if current is None:
        ctx.reply(ctx.t("structures.no_such", name=shown(name)))
        return
    await _register(ctx).remove(current.key)
    ctx.changed(current.name, record(current), {})
    ctx.reply(ctx.t("structures.removed", name=current.name))


@router.command(
    "structures exporter",
    english="structures export",
    role=Role.COORDINATOR,
)
async def export_structures(ctx: CommandContext) -> None:
    room = await ctx.private_room()
    if room is None:
        return
    register = await _register(ctx).all()
    ctx.changed("", {}, {"export": f"{len(register)} structure(s)"})
    ctx.say_in(room, ctx.t("structures.exported", count=len(register), columns=";".join(HEADER)))
    await ctx.send_file(room, to_csv(register.values()), "structures.csv", "text/csv")


@router.command(
    "structures importer",
    english="structures import",
    role=Role.COORDINATOR,
    details=IMPORT_USAGE,
)
async def import_structures(ctx: CommandContext, confirmer: Word | None = None) -> None:
    register = await _register(ctx).all()
    plan = await confirmed_plan(
        ctx,
        confirmer,
        IMPORT_USAGE,
        lambda data: plan_import(data, register),
        lambda _, values: str(values["name"]),
        ctx.t("structures.import_how"),
    )
    if plan is None:
        return
    for key, values in plan.added.items():
        saved = await _register(ctx).save(key, values, ctx.sender)
        ctx.changed(saved.name, {}, record(saved))
    for key, change in plan.changed.items():
        await _register(ctx).save(key, change.values, ctx.sender)
        ctx.changed(change.after["nom"], change.before, change.after)
    ctx.reply(ctx.t("directory.import_applied", summary=summary(ctx, plan)))
