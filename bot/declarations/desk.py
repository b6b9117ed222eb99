"""The declaration service of the running bot: starting, continuing and saving dialogues."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.declarations.catalog import Catalog
from bot.declarations.dialog import (
    KIND,
    Draft,
    Step,
    advance,
    prompt,
    questions,
    reanswer,
    waiting_notice,
)
from bot.declarations.grid import Facts, read_facts, read_grid
from bot.declarations.records import (
    declarations_in,
    missing_weeks,
    new_draft,
    save_declaration,
)
from bot.declarations.report import Period
from bot.declarations.reporting import PeriodData
from bot.declarations.weeks import (
    Quarter,
    Week,
    parse_week,
    quarter_being_completed,
    week_argument,
)
from bot.dialogs.store import current_dialog, end_dialog, is_idle, save_dialog
from bot.knowledge.desk import ReferralDesk
from bot.knowledge.entries import KnowledgeBase
from bot.settings import DeadlineSettings, DeclarationSettings
from bot.storage.database import Database, Write
from bot.storage.models import Declaration
from bot.text.errors import FRENCH
from bot.text.fold import fold


@dataclass(frozen=True)
class Turn:
    """What one message to the declaration desk produced."""

    messages: list[str]
    writes: list[Write]
    held: bool = False  # the message was held back: the dialogue waits where it was


class DeclarationDesk:
    """Runs the weekly dialogue for each promeneur, in their direct message with the bot."""

    def __init__(
        self,
        db: Database,
        settings: DeclarationSettings,
        idle_expiry: timedelta,
        clock: Callable[[], dt.datetime],
        referrals: ReferralDesk | None = None,
        deadlines: DeadlineSettings | None = None,
        tasks: Sequence[str] = (),
    ) -> None:
        self._db = db
        self.deadlines = deadlines or DeadlineSettings()  # the annual one closes a year's weeks
        self.settings = settings  # networks, age groups and themes offered
        self.tasks = list(tasks)  # of the coordinator's time grid
        self.idle_expiry = idle_expiry
        self.now = clock  # aware, in the network's time zone
        self._referrals = referrals
        self._catalog: tuple[object, Catalog] | None = None

    def today(self) -> dt.date:
        return self.now().date()

    def quarter_being_completed(self) -> Quarter:
        """The quarter the dashboard and the list of missing weeks are about (`weeks.py`)."""
        return quarter_being_completed(self.today(), self.deadlines)

    def week(self, text: str) -> Week:
        """The week `text` names, if it can be declared today (else a UserError saying why)."""
        return parse_week(text, self.today(), self.deadlines)

    def week_argument(self, week: Week) -> str:
        """What to write after `!declarer semaine` for `week` today (`52`, `1 2026`)."""
        return week_argument(week, self.today(), self.deadlines)

    async def declarations_of(self, user_id: str, weeks: Iterable[Week]) -> list[Declaration]:
        """What `user_id` declared for `weeks`."""
        keys = [str(week) for week in weeks]
        return await self._db.run(lambda s: declarations_in(s, keys, user_id))

    async def missing(
        self, promeneurs: Iterable[str], weeks: Iterable[Week]
    ) -> dict[str, list[Week]]:
        """For each promeneur with some missing, the weeks up to last week not declared."""
        today, wanted = self.today(), list(weeks)
        return await self._db.run(lambda s: missing_weeks(s, promeneurs, wanted, today))

    async def period(self, period: Period, people: Iterable[str]) -> PeriodData:
        """A period's declarations and who should have declared which weeks, as of today: what
        every figure (report, dashboard, missing weeks, deadline messages) is computed from."""
        today, wanted = self.today(), set(people)
        ages, tasks = self.settings.age_groups, self.tasks
        return await self._db.run(lambda s: PeriodData.read(s, period, wanted, today, ages, tasks))

    async def grid(self, quarter: Quarter) -> tuple[dict[str, float], Facts]:
        """The coordinator's time grid of `quarter` and what the bot saw in it, up to now."""
        now = self.now()
        return await self._db.run(lambda s: (read_grid(s, quarter), read_facts(s, quarter, now)))

    async def new_draft(self, user_id: str, week: Week) -> Draft:
        """The draft a dialogue for `week` starts from (records.new_draft)."""
        return await self._db.run(lambda s: new_draft(s, user_id, week))

    def catalog(self) -> Catalog:
        """The lists to offer, rebuilt when the knowledge base was reloaded."""
        base = self._referrals.index.base if self._referrals else KnowledgeBase()
        if self._catalog is None or self._catalog[0] is not base:
            self._catalog = (base, Catalog.build(self.settings, base))
        return self._catalog[1]

    async def start(self, user_id: str, room_id: str, week: Week) -> Turn:
        """Open the dialogue for `week`, with the previous values if it was declared already."""
        draft = await self.new_draft(user_id, week)
        if not draft.replacing:
            count = len(questions(draft))
            intro = FRENCH("dialog.intro", week=week.label(), count=count)
        else:
            intro = FRENCH("dialog.intro_replacing", week=week.label())
        first = prompt(Step.HOURS, draft, self.catalog())
        write = save_dialog(user_id, room_id, KIND, Step.HOURS, draft.to_json())
        return Turn([f"{intro}\n\n{first}"], [write])

    async def answer(
        self, user_id: str, room_id: str, text: str, event_id: str = ""
    ) -> Turn | None:
        """Continue the dialogue in progress here, if any (None: there is none)."""
        state = await self._db.run(lambda s: current_dialog(s, user_id, room_id))
        if state is None or state.kind != KIND:
            return None
        if is_idle(state, self.idle_expiry):
            return Turn([expiry_notice()], [end_dialog(user_id, room_id)])
        outcome = advance(Step(state.step), Draft.from_json(state.data), text, self.catalog())
        if outcome.answered is not None and event_id:
            outcome.draft.answers[event_id] = outcome.answered.value
        writes: list[Write] = []
        if outcome.step is None:
            writes.append(end_dialog(user_id, room_id))
        else:
            writes.append(
                save_dialog(
                    user_id, room_id, KIND, outcome.step, outcome.draft.to_json(), state.started_at
                )
            )
        if outcome.saved is not None:
            writes.append(save_declaration(user_id, outcome.saved))
        return Turn(outcome.messages, writes)

    async def close(self, user_id: str, room_id: str) -> Turn | None:
        """End the dialogue in progress here without saving it (None: there is none): its
        author is no longer a promeneur."""
        state = await self._db.run(lambda s: current_dialog(s, user_id, room_id))
        if state is None or state.kind != KIND:
            return None
        return Turn([no_longer_member_notice()], [end_dialog(user_id, room_id)])

    async def hold(self, user_id: str, room_id: str, text: str, event_id: str = "") -> Turn | None:
        """A message evoking a danger, during the dialogue here (None: there is none). The
        dialogue waits where it was and says so, unless the same message is sent again right
        after: then it is the answer, on purpose."""
        state = await self._db.run(lambda s: current_dialog(s, user_id, room_id))
        if state is None or state.kind != KIND or is_idle(state, self.idle_expiry):
            return None
        draft = Draft.from_json(state.data)
        fingerprint = hashlib.sha256(fold(text).encode()).hexdigest()[:16]
        if draft.held == fingerprint:
            return await self.answer(user_id, room_id, text, event_id)
        held = replace(draft, held=fingerprint)
        write = save_dialog(user_id, room_id, KIND, state.step, held.to_json(), state.started_at)
        return Turn([waiting_notice(Step(state.step), draft)], [write], held=True)

    async def edit(self, user_id: str, room_id: str, edited: str, text: str) -> Turn | None:
        """An earlier answer edited in Matrix: replace it in the draft (None: not an answer)."""
        state = await self._db.run(lambda s: current_dialog(s, user_id, room_id))
        if state is None or state.kind != KIND:
            return None
        draft = Draft.from_json(state.data)
        step = draft.answers.get(edited)
        if step is None:
            return None
        updated, message = reanswer(Step(step), draft, text, self.catalog())
        if Step(state.step) is Step.CONFIRM:
            message = f"{message}\n\n{prompt(Step.CONFIRM, updated, self.catalog())}"
        write = save_dialog(user_id, room_id, KIND, state.step, updated.to_json(), state.started_at)
        return Turn([message], [write])


def no_longer_member_notice() -> str:
    return FRENCH("dialog.no_longer_member")


def expiry_notice() -> str:
    return FRENCH("dialog.expired")
