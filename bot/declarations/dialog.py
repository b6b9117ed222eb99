"""The weekly declaration as a dialogue: typed steps, one question each, a pure transition.

`advance` takes the saved draft, the current step and what the person wrote, and returns the
next step (or the end), the messages to send and, once confirmed, the declaration to save. It
touches nothing else, so every transition is a unit test and the caller saves the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot.declarations.catalog import Catalog
from bot.declarations.parsing import (
    MAX_FRIENDS,
    Choice,
    format_hours,
    parse_choices,
    parse_count,
    parse_counted,
    parse_hours,
    parse_remark,
)
from bot.declarations.weeks import Week
from bot.i18n import Translator
from bot.text.errors import UserError
from bot.text.fold import fold

KIND = "declaration"


class Step(StrEnum):
    HOURS = "hours"
    NETWORKS = "networks"
    YOUNG_FRIENDS = "young_friends"  # once a quarter (Draft.friends)
    YOUNG_PEOPLE = "young_people"
    SHORT_CONTACTS = "short_contacts"
    AGE_GROUPS = "age_groups"
    INTERACTIONS = "interactions"
    TOPICS = "topics"
    REFERRALS = "referrals"
    REMARK = "remark"
    CONFIRM = "confirm"


QUESTIONS = list(Step)[:-1]  # every step but the confirmation (see questions())
YOUTH, PARENTS = "jeunes", "parents"  # whom a promeneur works with (PdN Jeunesse, Parentalité)
BACK = {"retour", "precedent", "precedente", "revenir"}
_T = Translator()  # the dialogue is pure code: it speaks the catalogue's French directly
SKIP = {"passer", "suivant", "skip"}
CANCEL = {"annuler", "stop", "abandonner", "arreter"}
NOTHING = {"rien cette semaine", "conges", "conge", "vacances", "en conges", "absent", "absente",
           "rien", "pas cette semaine"}  # fmt: skip
KEEP = {"garder", "idem", "=", "pareil", "inchange"}
YES = {"oui", "o", "ok", "valider", "confirmer", "je confirme", "c est bon", "yes", "ouais"}
NO = {"non", "n", "modifier", "corriger"}


def _numbered(choices: tuple[Choice, ...]) -> str:
    return "  ".join(f"{i}. {c.label}" for i, c in enumerate(choices, 1))


def _listed(value: Any, none: str = "aucun") -> str:
    """A list or counts as the summary shows them; `none` when empty (« aucun » or « aucune »,
    agreeing with the line's noun)."""
    if isinstance(value, dict):
        return ", ".join(f"{k} : {v}" for k, v in value.items()) or none
    if isinstance(value, list):
        return ", ".join(value) or none
    return str(value)


def _listed_feminine(value: Any) -> str:
    return _listed(value, "aucune")


@dataclass(frozen=True)
class Question:
    title: str
    help: Callable[[Catalog], str]
    parse: Callable[[str, Catalog], Any]
    show: Callable[[Any], str] = _listed
    optional: bool = False
    parents_title: str = ""  # the question for a PdN Parentalité, when it differs


SPECS: dict[Step, Question] = {
    Step.HOURS: Question(
        _T("dialog.hours.title"),
        lambda c: _T("dialog.hours.help"),
        lambda text, c: parse_hours(text),
        format_hours,
    ),
    Step.NETWORKS: Question(
        _T("dialog.networks.title"),
        lambda c: _T("dialog.networks.help", choices=_numbered(c.networks)),
        lambda text, c: parse_choices(text, c.networks, allow_none=True),
    ),
    Step.YOUNG_FRIENDS: Question(
        _T("dialog.young_friends.title"),
        lambda c: _T("dialog.young_friends.help", most=MAX_FRIENDS),
        lambda text, c: parse_count(text, MAX_FRIENDS),
        parents_title=_T("dialog.young_friends.parents_title"),
    ),
    Step.YOUNG_PEOPLE: Question(
        _T("dialog.young_people.title"),
        lambda c: _T("dialog.young_people.help"),
        lambda text, c: parse_count(text),
        parents_title=_T("dialog.young_people.parents_title"),
    ),
    Step.SHORT_CONTACTS: Question(
        _T("dialog.short_contacts.title"),
        lambda c: _T("dialog.short_contacts.help"),
        lambda text, c: parse_count(text),
    ),
    Step.AGE_GROUPS: Question(
        _T("dialog.age_groups.title"),
        lambda c: _T("dialog.age_groups.help", choices=_numbered(c.ages)),
        lambda text, c: parse_counted(text, c.ages, allow_none=True),
        _listed_feminine,
        parents_title=_T("dialog.age_groups.parents_title"),
    ),
    Step.INTERACTIONS: Question(
        _T("dialog.interactions.title"),
        lambda c: _T("dialog.interactions.help", choices=_numbered(c.interactions)),
        lambda text, c: parse_counted(text, c.interactions, allow_none=True),
    ),
    Step.TOPICS: Question(
        _T("dialog.topics.title"),
        lambda c: _T("dialog.topics.help", choices=_numbered(c.topics)),
        lambda text, c: parse_choices(text, c.topics, allow_none=True),
        _listed_feminine,
    ),
    Step.REFERRALS: Question(
        _T("dialog.referrals.title"),
        lambda c: _T("dialog.referrals.help", choices=_numbered(c.relays)),
        lambda text, c: parse_counted(text, c.relays, allow_none=True, positional=False),
        _listed_feminine,
    ),
    Step.REMARK: Question(
        _T("dialog.remark.title"),
        lambda c: _T("dialog.remark.help"),
        lambda text, c: parse_remark(text),
        lambda v: v or "aucune",
        optional=True,
    ),
}
LABELS = {
    Step.HOURS: _T("dialog.label.hours"),
    Step.NETWORKS: _T("dialog.label.networks"),
    Step.YOUNG_FRIENDS: _T("dialog.label.young_friends"),
    Step.YOUNG_PEOPLE: _T("dialog.label.young_people"),
    Step.SHORT_CONTACTS: _T("dialog.label.short_contacts"),
    Step.AGE_GROUPS: _T("dialog.label.age_groups"),
    Step.INTERACTIONS: _T("dialog.label.interactions"),
    Step.TOPICS: _T("dialog.label.topics"),
    Step.REFERRALS: _T("dialog.label.referrals"),
    Step.REMARK: _T("dialog.label.remark"),
}
CONTROLS = _T("dialog.controls")


@dataclass
class Draft:
    """What the dialogue has gathered so far; saved as JSON at every step."""

    week: str
    values: dict[str, Any] = field(default_factory=dict)
    inactive: bool = False
    replacing: bool = False  # the week was already declared: its values are the defaults
    answers: dict[str, str] = field(default_factory=dict)  # event id -> step it answered
    # A fingerprint of the last message held back because it evoked a danger: sent again, it is
    # taken as the answer (the emergency numbers were shown first both times).
    held: str = ""
    public: str = YOUTH  # PARENTS: the questions speak of parents and families
    friends: bool = False  # ask the quarter's number of young friends (first week declared)

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "values": self.values,
            "inactive": self.inactive,
            "replacing": self.replacing,
            "answers": self.answers,
            "held": self.held,
            "public": self.public,
            "friends": self.friends,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        return cls(
            data["week"],
            dict(data["values"]),
            data["inactive"],
            data["replacing"],
            dict(data.get("answers", {})),
            data.get("held", ""),
            data.get("public", YOUTH),
            data.get("friends", False),
        )


@dataclass(frozen=True)
class Outcome:
    """The result of one answer: where the dialogue goes, and what to say."""

    step: Step | None  # None: the dialogue is over
    draft: Draft
    messages: list[str]
    saved: Draft | None = None
    cancelled: bool = False
    answered: Step | None = None  # the question this message answered, if it was accepted


def questions(draft: Draft) -> list[Step]:
    """The questions of this draft, in order: the quarter's one only when it is asked."""
    return [step for step in QUESTIONS if step is not Step.YOUNG_FRIENDS or draft.friends]


def title(step: Step, draft: Draft) -> str:
    spec = SPECS[step]
    return spec.parents_title if draft.public == PARENTS and spec.parents_title else spec.title


def _number(step: Step, draft: Draft) -> str:
    asked = questions(draft)
    return f"{asked.index(step) + 1}/{len(asked)}"


def prompt(step: Step, draft: Draft, catalog: Catalog) -> str:
    if step is Step.CONFIRM:
        return summary(draft) + "\n" + _T("dialog.confirm")
    spec = SPECS[step]
    lines = [f"({_number(step, draft)}) {title(step, draft)}", spec.help(catalog)]
    if step.value in draft.values:
        lines.append(_T("dialog.current", value=spec.show(draft.values[step.value])))
    lines.append(CONTROLS)
    return "\n".join(lines)


def waiting_notice(step: Step, draft: Draft) -> str:
    """What a dialogue held back by a danger says: where it waits, and how to answer anyway."""
    if step is Step.CONFIRM:
        where = _T("dialog.waits_confirmation")
    else:
        where = _T("dialog.waits_answer", number=_number(step, draft), title=title(step, draft))
    return _T("dialog.paused", week=week_label(draft.week), where=where)


def summary(draft: Draft) -> str:
    heading = _T("dialog.summary_heading", week=week_label(draft.week))
    if draft.inactive:
        return _T("dialog.summary_inactive", heading=heading)
    lines = [f"{heading} :"]
    for step in questions(draft):
        if step.value in draft.values:
            lines.append(f"• {LABELS[step]} : {SPECS[step].show(draft.values[step.value])}")
    return "\n".join(lines)


def week_label(week: str) -> str:
    return Week.parse(week).label()


def _next(step: Step, draft: Draft) -> Step:
    steps = [*questions(draft), Step.CONFIRM]
    return steps[steps.index(step) + 1]


def _previous(step: Step, draft: Draft) -> Step:
    steps = [*questions(draft), Step.CONFIRM]
    return steps[max(steps.index(step) - 1, 0)]


def advance(step: Step, draft: Draft, text: str, catalog: Catalog) -> Outcome:
    """One answer: the next step and its question, the same question with the reason, or the end."""
    said = fold(text)
    if said in CANCEL:
        return Outcome(None, draft, [_T("dialog.cancelled")], cancelled=True)
    if said in BACK:
        if step is QUESTIONS[0]:
            first = _T("dialog.first_question") + "\n" + prompt(step, draft, catalog)
            return Outcome(step, draft, [first])
        back = _previous(step, draft)
        return Outcome(back, draft, [prompt(back, draft, catalog)])
    if said in NOTHING:
        emptied = replace(draft, values={}, inactive=True, held="")
        return Outcome(Step.CONFIRM, emptied, [prompt(Step.CONFIRM, emptied, catalog)])
    if step is Step.CONFIRM:
        return _confirm(draft, said, catalog)
    spec = SPECS[step]
    if said in SKIP:
        if not spec.optional:
            return Outcome(
                step,
                draft,
                [_T("dialog.not_optional") + "\n" + prompt(step, draft, catalog)],
            )
        value: Any = ""
    elif said in KEEP and step.value in draft.values:
        value = draft.values[step.value]
    else:
        try:
            value = spec.parse(text, catalog)
        except UserError as exc:
            return Outcome(step, draft, [f"{exc.text()}\n{prompt(step, draft, catalog)}"])
    updated = replace(draft, values={**draft.values, step.value: value}, inactive=False, held="")
    following = _next(step, updated)
    return Outcome(following, updated, [prompt(following, updated, catalog)], answered=step)


def _confirm(draft: Draft, said: str, catalog: Catalog) -> Outcome:
    if said in YES:
        key = "dialog.replaced" if draft.replacing else "dialog.saved"
        return Outcome(None, draft, [_T(key, week=week_label(draft.week))], saved=draft)
    if said in NO:
        restarted = replace(draft, inactive=False, held="")
        return Outcome(Step.HOURS, restarted, [prompt(Step.HOURS, restarted, catalog)])
    return Outcome(
        Step.CONFIRM,
        draft,
        [_T("dialog.yes_or_no") + "\n" + prompt(Step.CONFIRM, draft, catalog)],
    )


def reanswer(step: Step, draft: Draft, text: str, catalog: Catalog) -> tuple[Draft, str]:
    """An edited earlier answer: the draft with that answer replaced, and what to tell."""
    if step is Step.CONFIRM or step not in SPECS:
        return draft, ""
    try:
        value = SPECS[step].parse(text, catalog)
    except UserError as exc:
        return draft, _T("dialog.edit_ignored", reason=exc.text())
    values = {**draft.values, step.value: value}
    updated = replace(draft, values=values, held="")
    return updated, _T("dialog.edited", label=LABELS[step], value=SPECS[step].show(value))
