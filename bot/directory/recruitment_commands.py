"""Recruitment in chat (coordination): `!candidat ajouter`, `!candidat 3 présélectionné`,
`!candidat retirer 3`, `!candidats`, `!recrutement objectif 40`."""

from __future__ import annotations

from bot.commands.arguments import Integer, Text
from bot.commands.context import CommandContext
from bot.commands.fields import split_fields
from bot.commands.roles import Role
from bot.commands.router import Router
from bot.directory.fields import parse_email
from bot.directory.recruitment import STATUSES, Recruitment, status_of
from bot.text.errors import UserError

router = Router("recruitment")
MAX_TEXT = 200
_KNOWN = {"nom", "structure", "email", "note"}


def _desk(ctx: CommandContext) -> Recruitment:
    return ctx.services.recruitment


def _status(ctx: CommandContext, key: str) -> str:
    return ctx.t(f"recruitment.status.{key}")


@router.command(
    "candidat ajouter",
    aliases=("candidature ajouter", "candidature recue"),
    english="candidate add",
    role=Role.COORDINATOR,
    changes=True,
)
async def add_candidate(ctx: CommandContext, description: Text) -> None:
    fields = split_fields(description, "nom")
    name = " ".join(fields.get("nom", "").strip('"«»“” ').split())[:MAX_TEXT]
    errors = []
    if not name:
        errors.append(UserError("recruitment.no_name"))
    unknown = sorted(set(fields) - _KNOWN)
    if unknown:
        errors.append(UserError("recruitment.unknown_fields", fields=", ".join(unknown)))
    try:
        email = parse_email(fields.get("email", ""))
    except UserError as exc:
        errors.append(UserError("error.field", field="email", problem=exc))
    if errors:
        ctx.reply(ctx.t("recruitment.not_saved", reason=UserError.all_of(errors).text(ctx.t)))
        return
    columns = {
        "name": name,
        "structure": " ".join(fields.get("structure", "").split())[:MAX_TEXT],
        "email": email,
        "note": fields.get("note", "")[:MAX_TEXT],
        "created_by": ctx.sender,
    }
    row = await _desk(ctx).add(ctx.message.event_id, columns)
    ctx.changed(f"candidat n° {row.id}", {}, {"nom": name, "statut": _status(ctx, "recu")})
    ctx.reply(ctx.t("recruitment.added", number=row.id, name=name))


@router.command(
    "candidat",
    aliases=("candidature",),
    english="candidate",
    role=Role.COORDINATOR,
    changes=True,
)
async def change_status(ctx: CommandContext, numero: Integer, statut: Text) -> None:
    row = await _desk(ctx).get(numero)
    if row is None:
        ctx.reply(ctx.t("recruitment.no_such", number=numero))
        return
    try:
        status = status_of(statut)
    except UserError as exc:
        ctx.reply(exc.text(ctx.t))
        return
    await _desk(ctx).set_status(numero, status)
    before, after = _status(ctx, row.status), _status(ctx, status)
    ctx.changed(f"candidat n° {numero}", {"statut": before}, {"statut": after})
    hint = ctx.t("recruitment.then_add") if status == "labellise" else ""
    ctx.reply(ctx.t("recruitment.changed", number=numero, name=row.name, status=after) + hint)


@router.command(
    "candidats",
    aliases=("candidatures", "recrutement"),
    english="candidates",
    role=Role.COORDINATOR,
)
async def list_candidates(ctx: CommandContext) -> None:
    room = await ctx.private_room()
    if room is None:
        return
    year, count = ctx.services.clock().year, len(ctx.services.network.promeneurs())
    lines = [await _desk(ctx).progress(year, count, ctx.t)]
    rows = await _desk(ctx).candidates()
    for status in STATUSES:
        chosen = sorted((r for r in rows if r.status == status), key=lambda r: r.id or 0)
        if chosen:
            lines.append(f"{_status(ctx, status)} ({len(chosen)}) :")
            lines += [
                f"• n° {r.id} : {r.name}" + (f", {r.structure}" if r.structure else "")
                for r in chosen
            ]
    if not rows:
        lines.append(ctx.t("recruitment.none"))
    ctx.say_in(room, "\n".join(lines))


@router.command(
    "candidat retirer",
    aliases=("candidature retirer", "candidat supprimer"),
    english="candidate remove",
    role=Role.COORDINATOR,
    changes=True,
)
async def remove_candidate(ctx: CommandContext, numero: Integer) -> None:
    row = await _desk(ctx).get(numero)
    if row is None:
        ctx.reply(ctx.t("recruitment.no_such", number=numero))
        return
    await _desk(ctx).remove(numero)
    ctx.changed(f"candidat n° {numero}", {"nom": row.name}, {})
    ctx.reply(ctx.t("recruitment.removed", number=numero))


@router.command(
    "recrutement objectif",
    aliases=("objectif recrutement", "objectif"),
    english="recruitment target",
    role=Role.COORDINATOR,
    changes=True,
)
async def set_target(ctx: CommandContext, nombre: Integer, annee: Integer | None = None) -> None:
    year = annee or ctx.services.clock().year
    if not 0 < nombre <= 10_000:
        ctx.reply(ctx.t("recruitment.bad_target", got=nombre))
        return
    before = await _desk(ctx).target(year)
    await _desk(ctx).set_target(year, nombre, ctx.sender)
    ctx.changed(f"objectif {year}", {"objectif": str(before or "")}, {"objectif": str(nombre)})
    count = len(ctx.services.network.promeneurs())
    ctx.reply(await _desk(ctx).progress(year, count, ctx.t))
