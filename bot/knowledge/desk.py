"""The referral service of the running bot: the base in use, answers, choices, reloads, records."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, delete, func, select

from bot.knowledge.entries import Entry
from bot.knowledge.index import KnowledgeIndex, Match, Verdict
from bot.knowledge.loader import Problem, load_knowledge
from bot.knowledge.render import DETAILS_WORD, Rendered, entry_answer, render_match
from bot.knowledge.scrub import scrub
from bot.memory import give_back
from bot.safety.kinds import Danger
from bot.storage.database import Database, Write
from bot.storage.models import (
    KbConsultation,
    PendingChoice,
    UnansweredQuestion,
    as_utc,
    utcnow,
)
from bot.text.fold import fold

log = logging.getLogger(__name__)

CHOICE_LIFETIME = timedelta(minutes=30)
# What asks for the whole entry after a short answer.
DETAILS_WORDS = frozenset(
    {fold(DETAILS_WORD), "detail", "plus", "suite", "la suite", "tout", "fiche", "fiche complete"}
)


@dataclass(frozen=True)
class Answer:
    """A reply and the records it leaves, ready to be kept with the message it answers."""

    body: str
    html: str
    match: Match | None
    writes: list[Write]


def load_index(
    directory: Path, department: str, cache: Path | None = None
) -> tuple[KnowledgeIndex, list[Problem]]:
    """Read and index the base (blocking: run it in a thread); `cache` keeps the learnt
    classifier between runs."""
    result = load_knowledge(directory, department)
    index = KnowledgeIndex(result.base, cache)
    give_back()
    return index, result.errors


class ReferralDesk:
    """Answers referral questions from the base in use; a reload that fails keeps that base."""

    def __init__(
        self,
        directory: Path,
        department: str,
        contact: str,
        db: Database,
        cache: Path | None = None,
    ) -> None:
        self._db = db
        self.directory = directory
        self.department = department
        self.cache = cache  # where the learnt classifier is kept between runs
        self.contact = contact
        self._index: KnowledgeIndex | None = None
        self._known_words: frozenset[str] = frozenset()

    @property
    def index(self) -> KnowledgeIndex:
        if self._index is None:
            raise RuntimeError("knowledge base not loaded")
        return self._index

    async def load(self) -> list[Problem]:
        """(Re)load the base off the event loop. On errors, an existing base stays in use; the
        first load keeps every entry that could be read, so that a broken file never stops the bot.
        """
        index, errors = await asyncio.to_thread(
            load_index, self.directory, self.department, self.cache
        )
        for problem in errors:
            log.error("Base de connaissances : %s", problem)
        if errors and self._index is not None:
            return errors
        self._index = index
        self._known_words = frozenset(
            word
            for entry in index.entries
            for text in (entry.header.titre, *entry.header.mots_cles, *entry.header.synonymes)
            for word in fold(text).split()
        )
        log.info("Base de connaissances : %d fiche(s) chargée(s).", len(index.entries))
        return errors

    def answer(self, question: str, user_id: str, room_id: str) -> Answer:
        """The answer to `question`, with the records it leaves (stats, unanswered, what may be
        asked next)."""
        index = self.index
        match = index.match(question)
        dangers = [d.value for d in match.all_dangers]
        writes: list[Write] = [_forget_choice(user_id, room_id)]
        kept = None
        if match.verdict is Verdict.CONFIDENT:
            entry_id = match.entries[0].id
            writes += [_consulted(entry_id), _offer(user_id, room_id, [entry_id], dangers, True)]
        elif match.verdict is Verdict.AMBIGUOUS:
            ids = [e.id for e in match.entries]
            writes.append(_offer(user_id, room_id, ids, dangers, False))
        else:
            kept = scrub(question, self._known_words)
            writes.append(_unanswered(kept))
        body, html = render_match(match, index.base, self.contact, kept=kept)
        return Answer(body, html, match, writes)

    async def most_consulted(self, limit: int = 10) -> list[tuple[str, int]]:
        """The entries shown most often, with how many times."""
        return await self._db.run(lambda s: most_consulted(s, limit))

    async def unanswered(self, limit: int = 20) -> tuple[int, list[UnansweredQuestion]]:
        """How many questions found no entry, and the latest `limit` of them (scrubbed)."""
        return await self._db.run(lambda s: unanswered(s, limit))

    async def follow_up(self, asked: str, user_id: str, room_id: str) -> Answer | None:
        """What a short message after an answer asks for, if anything is pending here: a number
        picks one of the entries offered (shown in short); `détails` (or 1) after an answer
        shows that entry whole. The question's dangers come first again either way."""
        pending = await self._db.run(lambda s: s.get(PendingChoice, (user_id, room_id)))
        if pending is None or as_utc(pending.offered_at) < utcnow() - CHOICE_LIFETIME:
            return None
        number = 1 if fold(asked) in DETAILS_WORDS else int(asked) if asked.isdigit() else 0
        if not 1 <= number <= len(pending.entry_ids):
            return None
        if fold(asked) in DETAILS_WORDS and not pending.answered:
            return None
        entry = self.index.base.entries.get(pending.entry_ids[number - 1])
        if entry is None:
            return None
        known = {danger.value for danger in Danger}
        dangers = [Danger(d) for d in pending.dangers if d in known]
        if pending.answered:  # the whole entry, once: nothing more is pending
            body, html = self.render_entry(entry, dangers, full=True)
            return Answer(body, html, None, [_forget_choice(user_id, room_id)])
        body, html = self.render_entry(entry, dangers)
        writes = [
            _forget_choice(user_id, room_id),
            _consulted(entry.id),
            _offer(user_id, room_id, [entry.id], pending.dangers, True),
        ]
        return Answer(body, html, None, writes)

    def render_entry(
        self, entry: Entry, dangers: list[Danger] | None = None, full: bool = False
    ) -> Rendered:
        return entry_answer(entry, self.index.base, self.contact, dangers, full)


def _consulted(entry_id: str) -> Write:
    return lambda session: session.add(KbConsultation(entry_id=entry_id))


def _unanswered(text: str) -> Write:
    return lambda session: session.add(UnansweredQuestion(text=text))


def _offer(
    user_id: str, room_id: str, entry_ids: list[str], dangers: list[str], answered: bool
) -> Write:
    def write(session: Session) -> None:
        session.merge(
            PendingChoice(
                user_id=user_id,
                room_id=room_id,
                entry_ids=entry_ids,
                answered=answered,
                dangers=dangers,
            )
        )

    return write


def _forget_choice(user_id: str, room_id: str) -> Write:
    def write(session: Session) -> None:
        session.execute(
            delete(PendingChoice).where(
                col(PendingChoice.user_id) == user_id, col(PendingChoice.room_id) == room_id
            )
        )
        session.flush()

    return write


def most_consulted(session: Session, limit: int = 10) -> list[tuple[str, int]]:
    count = func.count().label("n")
    query = (
        select(KbConsultation.entry_id, count)
        .group_by(col(KbConsultation.entry_id))
        .order_by(count.desc(), col(KbConsultation.entry_id))
        .limit(limit)
    )
    return [(entry_id, int(n)) for entry_id, n in session.exec(query).all()]


def unanswered(session: Session, limit: int = 20) -> tuple[int, list[UnansweredQuestion]]:
    total = int(session.exec(select(func.count()).select_from(UnansweredQuestion)).one())
    query = (
        select(UnansweredQuestion).order_by(col(UnansweredQuestion.asked_at).desc()).limit(limit)
    )
    return total, list(session.exec(query).all())
