"""Meetings as the coordination writes them: `!reunion ajouter copil quand="03/12 14h" …`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.commands.fields import split_fields
from bot.declarations.parsing import format_hours, parse_hours
from bot.i18n import Translator
from bot.matrix.ids import NAMED_USER
from bot.scheduling.french_dates import describe, example_day, parse_when, spoken_day
from bot.scheduling.recurrence import describe_rule, first_occurrence, looks_recurring, parse_rule
from bot.storage.models import Meeting, as_utc
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown


class MeetingKind(StrEnum):
    COPIL = "copil"
    TECHNICAL = "comite-technique"
    NETWORK = "reseau"
    INTER = "inter-structures"
    TRAINING = "formation"
    PRACTICE = "analyse-de-pratiques"
    DAY = "journee-departementale"
    REGIONAL = "rencontre-regionale"
    CHECK_IN = "point-individuel"
    OTHER = "autre"


LABELS = {
    MeetingKind.COPIL: "COPIL",
    MeetingKind.TECHNICAL: "comité technique",
    MeetingKind.NETWORK: "réunion de réseau",
    MeetingKind.INTER: "rencontre inter-structures",
    MeetingKind.TRAINING: "formation",
    MeetingKind.PRACTICE: "analyse de pratiques",
    MeetingKind.DAY: "journée départementale",
    MeetingKind.REGIONAL: "rencontre régionale Caf et coordinateurs",
    MeetingKind.CHECK_IN: "point individuel",
    MeetingKind.OTHER: "autre",
}
_KIND_WORDS = {
    "copil": MeetingKind.COPIL, "comite de pilotage": MeetingKind.COPIL,
    "comite technique": MeetingKind.TECHNICAL, "technique": MeetingKind.TECHNICAL,
    "reseau": MeetingKind.NETWORK, "reunion de reseau": MeetingKind.NETWORK,
    "inter structures": MeetingKind.INTER, "inter": MeetingKind.INTER,
    "rencontre inter structures": MeetingKind.INTER,
    "formation": MeetingKind.TRAINING,
    "analyse de pratiques": MeetingKind.PRACTICE, "analyse": MeetingKind.PRACTICE,
    "app": MeetingKind.PRACTICE,
    "journee departementale": MeetingKind.DAY, "journee": MeetingKind.DAY,
    # The seeds' own words and their common variants.
    "comite de pilotage departemental": MeetingKind.COPIL, "pilotage": MeetingKind.COPIL,
    "comite": MeetingKind.TECHNICAL, "cotech": MeetingKind.TECHNICAL,
    "rencontre entre promeneurs": MeetingKind.NETWORK, "rencontre pdn": MeetingKind.NETWORK,
    "rencontre des promeneurs": MeetingKind.NETWORK, "temps de coordination": MeetingKind.NETWORK,
    "interstructures": MeetingKind.INTER, "inter structure": MeetingKind.INTER,
    "rencontre interstructures": MeetingKind.INTER,
    "rencontre trimestrielle interstructures": MeetingKind.INTER,
    "analyse des pratiques": MeetingKind.PRACTICE, "analyse de la pratique": MeetingKind.PRACTICE,
    "analyse des pratiques professionnelles": MeetingKind.PRACTICE,
    "formations": MeetingKind.TRAINING, "sensibilisation": MeetingKind.TRAINING,
    "journee departementale des promeneurs": MeetingKind.DAY,
    "regionale": MeetingKind.REGIONAL, "rencontre regionale": MeetingKind.REGIONAL,
    "rencontres regionales": MeetingKind.REGIONAL, "regional": MeetingKind.REGIONAL,
    "point": MeetingKind.CHECK_IN, "point individuel": MeetingKind.CHECK_IN,
    "point regulier": MeetingKind.CHECK_IN, "entretien": MeetingKind.CHECK_IN,
    "autre": MeetingKind.OTHER,
}  # fmt: skip
KEYS = {
    "type": "kind", "titre": "title", "quand": "when", "date": "when", "duree": "duration",
    "lieu": "place", "lien": "place", "odj": "agenda", "ordre_du_jour": "agenda",
    "pour": "audience",
}  # fmt: skip


def usage(today: dt.date | None = None) -> str:
    """How to write a meeting, with a date valid from `today` (the real date by default)."""
    return _T("meetings.usage", day=spoken_day(example_day(today)))


_T = Translator()


@dataclass
class MeetingFields:
    kind: MeetingKind
    title: str
    starts_at: dt.datetime
    duration_minutes: int = 120
    place: str = ""
    agenda: str = ""
    rule: str = ""
    audience: list[str] = field(default_factory=list)

    def as_columns(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "title": self.title,
            "starts_at": self.starts_at.astimezone(dt.UTC),
            "duration_minutes": self.duration_minutes,
            "place": self.place,
            "agenda": self.agenda,
            "rule": self.rule,
            "audience": self.audience,
        }


def _kind(text: str) -> MeetingKind:
    found = _KIND_WORDS.get(fold(text))
    if found is None:
        raise UserError("meetings.unknown_kind", got=shown(text), kinds=", ".join(LABELS.values()))
    return found


def _duration(text: str) -> int:
    minutes = round(parse_hours(text) * 60)
    if not 15 <= minutes <= 12 * 60:
        raise UserError("meetings.bad_duration")
    return minutes


def _when(text: str, now: dt.datetime) -> tuple[dt.datetime, str]:
    if looks_recurring(text):
        rule = parse_rule(text)
        return first_occurrence(rule, now), rule
    return parse_when(text, now), ""


def _audience(text: str) -> list[str]:
    users = NAMED_USER.findall(text)
    if not users or NAMED_USER.sub("", text).strip(" ,;") != "":
        raise UserError("meetings.bad_audience")
    return sorted(set(users))


def parse_fields(text: str) -> dict[str, str]:
    """The raw fields, keys checked; UserError names an unknown key."""
    fields = split_fields(text, "type")
    unknown = [key for key in fields if key not in KEYS]
    if unknown:
        raise UserError(
            "meetings.unknown_fields",
            unknown=", ".join(unknown),
            known=", ".join(sorted(set(KEYS))),
        )
    return {KEYS[key]: value for key, value in fields.items()}


def apply_fields(
    fields: dict[str, str], now: dt.datetime, base: MeetingFields | None = None
) -> MeetingFields:
    """New meeting fields (or `base` changed by `fields`), every value checked."""
    if base is None:
        missing = [name for name in ("kind", "title", "when") if not fields.get(name)]
        if missing:
            names = {"kind": "type", "title": "titre", "when": "quand"}
            raise UserError(
                "meetings.missing",
                missing=", ".join(names[m] for m in missing),
                usage=usage(now.date()),
            )
        starts_at, rule = _when(fields["when"], now)
        result = MeetingFields(_kind(fields["kind"]), fields["title"], starts_at, rule=rule)
    else:
        result = MeetingFields(**vars(base))
        if "kind" in fields:
            result.kind = _kind(fields["kind"])
        if "title" in fields:
            result.title = fields["title"]
        if "when" in fields:
            result.starts_at, result.rule = _when(fields["when"], now)
    if "duration" in fields:
        result.duration_minutes = _duration(fields["duration"])
    if "place" in fields:
        result.place = fields["place"]
    if "agenda" in fields:
        result.agenda = fields["agenda"]
    if "audience" in fields:
        result.audience = _audience(fields["audience"]) if fields["audience"] else []
    if not result.title.strip():
        raise UserError("meetings.empty_title")
    for name, value, limit in (
        ("titre", result.title, 200),
        ("lieu", result.place, 500),
        ("odj", result.agenda, 2000),
    ):
        if len(value) > limit:
            raise UserError("meetings.too_long", field=name, length=len(value), most=limit)
    return result


def fields_of(meeting: Meeting, zone: dt.tzinfo) -> MeetingFields:
    return MeetingFields(
        MeetingKind(meeting.kind),
        meeting.title,
        as_utc(meeting.starts_at).astimezone(zone),
        meeting.duration_minutes,
        meeting.place,
        meeting.agenda,
        meeting.rule,
        list(meeting.audience),
    )


def summary(number: int, fields: MeetingFields) -> str:
    """How a meeting reads in an announcement or a list."""
    when = describe(fields.starts_at)
    if fields.rule:
        when = _T("meetings.summary.repeated", rule=describe_rule(fields.rule), first=when)
    duration = format_hours(fields.duration_minutes / 60)
    lines = [
        _T("meetings.summary.title", number=number, title=fields.title, kind=LABELS[fields.kind]),
        _T("meetings.summary.when", when=when, duration=duration),
    ]
    if fields.place:
        lines.append(_T("meetings.summary.place", place=fields.place))
    if fields.agenda:
        lines.append(_T("meetings.summary.agenda", agenda=fields.agenda))
    if fields.audience:
        lines.append(_T("meetings.summary.audience", people=", ".join(fields.audience)))
    return "\n".join(lines)
