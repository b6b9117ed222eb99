"""Recruitment: candidates from the application received to the label or the refusal, and the
COPIL's target number of promeneurs for the year, with the progress towards it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlmodel import Session, select

from bot.i18n import Translator
from bot.storage.database import Database, create_once
from bot.storage.models import Candidate, RecruitmentTarget, utcnow
from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.quote import shown

# The statuses in their order, and the words that name them.
STATUSES = ("recu", "preselectionne", "presente", "labellise", "refuse")
OPEN = ("recu", "preselectionne", "presente")  # still under way
_WORDS = {
    "recu": "recu", "reçu": "recu", "recue": "recu", "candidature recue": "recu",
    "preselectionne": "preselectionne", "preselectionnee": "preselectionne",
    "preselection": "preselectionne", "retenu": "preselectionne", "retenue": "preselectionne",
    "presente": "presente", "presentee": "presente", "presente au copil": "presente",
    "presentee au copil": "presente", "copil": "presente",
    "labellise": "labellise", "labellisee": "labellise", "label": "labellise",
    "refuse": "refuse", "refusee": "refuse", "non retenu": "refuse", "non retenue": "refuse",
}  # fmt: skip


def status_of(text: str) -> str:
    """`présélectionnée`, `présenté au COPIL`, `labellisé`… -> the status key."""
    found = _WORDS.get(fold(text))
    if found is None:
        raise UserError("recruitment.bad_status", got=shown(text))
    return found


class Recruitment:
    """Candidates and targets in the database (the handlers ask here, never write SQL)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, source_event_id: str, columns: dict[str, Any]) -> Candidate:
        return await self._db.run(lambda s: create_once(s, Candidate, source_event_id, columns))

    async def get(self, number: int) -> Candidate | None:
        return await self._db.run(lambda s: s.get(Candidate, number))

    async def set_status(self, number: int, status: str) -> None:
        def write(session: Session) -> None:
            row = session.get(Candidate, number)
            assert row is not None
            row.status, row.status_changed_at = status, utcnow()
            session.add(row)

        await self._db.run(write)

    async def candidates(self) -> list[Candidate]:
        return await self._db.run(lambda s: list(s.exec(select(Candidate))))

    async def set_target(self, year: int, target: int, by: str) -> None:
        def write(session: Session) -> None:
            session.merge(RecruitmentTarget(year=year, target=target, set_by=by, set_at=utcnow()))

        await self._db.run(write)

    async def target(self, year: int) -> int | None:
        row = await self._db.run(lambda s: s.get(RecruitmentTarget, year))
        return row.target if row is not None else None

    async def remove(self, number: int) -> None:
        def delete(session: Session) -> None:
            row = session.get(Candidate, number)
            if row is not None:
                session.delete(row)

        await self._db.run(delete)

    async def progress(self, year: int, promeneurs: int, t: Translator) -> str:
        """`Objectif 2026 du COPIL : 40 promeneurs ; 32 aujourd'hui (80 %)`, or that none is
        set; `promeneurs`: how many the network has now."""
        target = await self.target(year)
        if target is None:
            return t("recruitment.no_target", year=year, count=promeneurs)
        rate = round(100 * promeneurs / target)
        return t("recruitment.progress", year=year, target=target, count=promeneurs, rate=rate)

    async def dashboard_line(self, year: int, promeneurs: int, t: Translator) -> str:
        """The target, where the network stands, and the applications under way."""
        counts = Counter(row.status for row in await self.candidates())
        under_way = sum(counts[s] for s in OPEN)
        progress = await self.progress(year, promeneurs, t)
        return t("dashboard.recruitment", progress=progress, open=under_way)
