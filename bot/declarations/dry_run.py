"""`pdn-bot declare --dry-run`: the weekly declaration offline, and what it would store.

Each line of standard input is one message of the promeneur, in order. The lines go through the
dialogue's own transition (`advance` in bot/declarations/dialog.py) or, when the first line is a
one-message declaration, through `parse_fast_path`: there is one way to read an answer, the
bot's. What would be stored is what `save_declaration` writes, read back from a throwaway
in-memory SQLite database: no Matrix, no database of the network, nothing kept.

The offline mirror of the dialogue, as `pdn-bot ask` is for referrals. It does not know what was
already declared (a week is always declared for the first time here), and it does not hold back a
message that evokes a danger as the bot does once before taking it as the answer.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, SQLModel, create_engine

from bot.declarations.catalog import Catalog
from bot.declarations.commands import default_week
from bot.declarations.dialog import YOUTH, Draft, Step, advance, prompt, summary
from bot.declarations.fastpath import looks_like_fast_path, parse_fast_path
from bot.declarations.records import declaration_of, draft_values, save_declaration
from bot.declarations.weeks import Week, parse_week
from bot.i18n import Translator
from bot.knowledge.loader import load_knowledge
from bot.settings import DeclarationSettings, KnowledgeSettings
from bot.text.errors import UserError

t = Translator("fr")

READY, INCOMPLETE, REFUSED, CANCELLED = "ready", "incomplete", "refused", "cancelled"
DIALOGUE, FAST_PATH = "dialogue", "fast_path"
NOBODY = "@dry-run:invalid"  # the author of the row written to the throwaway database


class ExtraLinesError(Exception):
    """Lines after the end of the declaration: the dialogue would never read them."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


@dataclass
class DryRun:
    """What the dialogue made of the lines, and what it would store."""

    mode: str  # DIALOGUE or FAST_PATH
    week: Week
    status: str = INCOMPLETE
    confirmed: bool = False
    draft: dict[str, Any] = field(default_factory=dict)
    summary: str | None = None
    questions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    transcript: list[tuple[str, str]] = field(default_factory=list)  # (who, text): bot or you

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "mode": self.mode,
            "week": str(self.week),
            "confirmed": self.confirmed,
            "draft": self.draft,
            "summary": self.summary,
            "questions": self.questions,
            "errors": self.errors,
        }


def offline_catalog(
    declarations: DeclarationSettings, knowledge: KnowledgeSettings
) -> tuple[Catalog, list[str]]:
    """The lists the running bot offers (DeclarationDesk.catalog), and the problems of the base."""
    loaded = load_knowledge(knowledge.directory, knowledge.department)  # no matching: no index
    catalog = Catalog.build(declarations, loaded.base)
    return catalog, [str(problem) for problem in loaded.errors]


def stored(draft: Draft) -> dict[str, Any]:
    """The declaration row `save_declaration` writes for a confirmed `draft`, field by field."""
    engine = create_engine("sqlite://")
    try:
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            save_declaration(NOBODY, draft)(session)
            session.commit()
        with Session(engine) as session:
            row = declaration_of(session, NOBODY, draft.week)
            assert row is not None, "save_declaration wrote no row"
            return {"young_friends": None, **draft_values(row), "inactive": row.inactive}
    finally:
        engine.dispose()


def _is_fast_path(lines: Sequence[str]) -> bool:
    """A first line with `key=value` fields, or a lone line such as `3h30`, is what `!declarer`
    would take as a declaration in one message; otherwise `3h30` answers the first question."""
    first = lines[0]
    return looks_like_fast_path(first) and ("=" in first.strip("= ") or len(lines) == 1)


@dataclass(frozen=True)
class Start:
    """What the bot would know of the person from its database: whom they work with (the
    directory's type of PdN) and whether the quarter's question is due (records.new_draft)."""

    public: str = YOUTH
    friends: bool = False


def simulate(
    lines: Sequence[str], catalog: Catalog, week: Week, today: dt.date, start: Start = Start()
) -> DryRun:
    """Blank lines are skipped (a chat sends no empty message); raises ExtraLinesError."""
    messages = [line for line in lines if line.strip()]
    if messages and _is_fast_path(messages):
        if len(messages) > 1:
            raise ExtraLinesError(len(messages) - 1)
        return _fast_path(messages[0], catalog, week, today)
    return _dialogue(
        messages, catalog, Draft(str(week), public=start.public, friends=start.friends)
    )


def _fast_path(line: str, catalog: Catalog, week: Week, today: dt.date) -> DryRun:
    run = DryRun(FAST_PATH, week, transcript=[("you", line)])
    try:
        values, week_text = parse_fast_path(line, catalog)
        if week_text:
            run.week = parse_week(week_text, today)
    except UserError as exc:
        run.status, run.errors = REFUSED, [exc.text()]
        run.transcript.append(("bot", t("declarations.not_saved", reason=exc.text())))
        return run
    draft = Draft(str(run.week), values)
    run.status, run.confirmed = READY, True
    run.draft, run.summary = stored(draft), summary(draft)
    saved = t("declarations.saved_at_once", summary=run.summary, number=run.week.number)
    run.transcript.append(("bot", saved))
    return run


def _refusal(messages: list[str], asked: str) -> str | None:
    """The reason, when the dialogue asks the same question again after it."""
    if len(messages) == 1 and messages[0].endswith(f"\n{asked}"):
        return messages[0].removesuffix(f"\n{asked}")
    return None


def _dialogue(messages: Sequence[str], catalog: Catalog, draft: Draft) -> DryRun:
    step = Step.HOURS
    first = prompt(step, draft, catalog)
    run = DryRun(DIALOGUE, Week.parse(draft.week), questions=[first], transcript=[("bot", first)])
    refused = cancelled = False
    saved: Draft | None = None
    for index, text in enumerate(messages):
        outcome = advance(step, draft, text, catalog)
        run.transcript += [("you", text), *(("bot", message) for message in outcome.messages)]
        refused = False
        if outcome.step is not None:
            asked = prompt(outcome.step, outcome.draft, catalog)
            run.questions.append(asked)
            reason = _refusal(outcome.messages, asked) if outcome.answered is None else None
            if reason is not None:
                run.errors.append(reason)
                refused = True
        draft, saved, cancelled = outcome.draft, outcome.saved, outcome.cancelled
        if outcome.step is None:
            if index + 1 < len(messages):
                raise ExtraLinesError(len(messages) - index - 1)
            break
        step = outcome.step
    if cancelled:
        run.status = CANCELLED
    elif refused:
        run.status, run.draft = REFUSED, dict(draft.values)
    elif saved is not None or step is Step.CONFIRM:
        run.status, run.confirmed = READY, saved is not None
        run.draft, run.summary = stored(saved or draft), summary(saved or draft)
    else:
        run.draft = dict(draft.values)
    return run


def _print_transcript(run: DryRun) -> None:
    print(t("declarations.dry_run_title", week=run.week.label()))
    for who, text in run.transcript:
        name = t("declarations.dry_run_bot" if who == "bot" else "declarations.dry_run_you")
        lines = text.splitlines() or [""]
        print(f"{name} : {lines[0]}")
        for line in lines[1:]:
            print(f"{' ' * (len(name) + 3)}{line}")
    print()
    if run.status == READY:
        key = "declarations.dry_run_saved" if run.confirmed else "declarations.dry_run_unconfirmed"
    else:
        key = f"declarations.dry_run_{run.status}"
    print(t(key))


def declare(
    lines: Sequence[str],
    declarations: DeclarationSettings,
    knowledge: KnowledgeSettings,
    week_text: str | None,
    timezone: str,
    as_json: bool,
    start: Start | None = None,
) -> int:
    """Print what the dialogue would make of `lines`: 0 if ready, 1 if not, 2 on bad input."""
    today = dt.datetime.now(ZoneInfo(timezone)).date()
    try:
        week = _week(week_text, today)
    except UserError as exc:
        print(exc.text(), file=sys.stderr)
        return 2
    catalog, problems = offline_catalog(declarations, knowledge)
    for problem in problems:
        print(f"Attention : {problem}", file=sys.stderr)
    try:
        run = simulate(lines, catalog, week, today, start or Start())
    except ExtraLinesError as exc:
        print(t("declarations.dry_run_extra_lines", count=exc.count), file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(run.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_transcript(run)
    return 0 if run.status == READY else 1


def _week(text: str | None, today: dt.date) -> Week:
    """`2026-W46` as given (any week); `46` or `semaine 46` as `!declarer semaine 46` reads it;
    none: the week a bare `!declarer` is about."""
    if not text:
        return default_week(today)
    try:
        return Week.parse(text)
    except ValueError:
        return parse_week(text, today)
