"""The year's trainings as the annual report gives them (chat, command line and deadline alike):
the network's training sessions held, with their confirmed attendance, the trainings each
promeneur followed elsewhere, and the needs the coordination noted."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from bot.declarations.parsing import format_hours
from bot.i18n import Translator
from bot.storage.models import (
    OCCURRENCE_FORMAT,
    Meeting,
    MeetingPresence,
    TrainingNeed,
    TrainingRecord,
)
from bot.text.spreadsheet import csv_bytes

TRAINING = "formation"  # the kind of meeting of the network's training sessions
_T = Translator()
# person -> (title, day, hours: None for a session of the network)
Followed = dict[str, list[tuple[str, dt.date, float | None]]]


@dataclass(frozen=True)
class TrainingFigures:
    year: int
    held: int = 0  # the network's training sessions whose attendance was confirmed
    attended: Followed = field(default_factory=dict)
    needs: dict[str, list[str]] = field(default_factory=dict)  # topic -> people

    @property
    def empty(self) -> bool:
        return not (self.held or self.attended or self.needs)


def read_trainings(session: Session, year: int) -> TrainingFigures:
    confirmed = list(
        session.exec(
            select(MeetingPresence).where(
                col(MeetingPresence.year) == year, col(MeetingPresence.kind) == TRAINING
            )
        )
    )
    titles = {
        m.id: m.title for m in session.exec(select(Meeting).where(col(Meeting.kind) == TRAINING))
    }
    attended: Followed = {}
    for row in confirmed:
        if row.present:
            day = dt.datetime.strptime(row.occurrence, OCCURRENCE_FORMAT).date()
            title = titles.get(row.meeting_id, f"n° {row.meeting_id}")
            attended.setdefault(row.user_id, []).append((title, day, None))
    for record in session.exec(
        select(TrainingRecord).where(
            col(TrainingRecord.day) >= dt.date(year, 1, 1),
            col(TrainingRecord.day) <= dt.date(year, 12, 31),
        )
    ):
        attended.setdefault(record.user_id, []).append((record.title, record.day, record.hours))
    for items in attended.values():
        items.sort(key=lambda item: item[1])
    needs: dict[str, list[str]] = {}
    for need in session.exec(select(TrainingNeed)):
        if need.noted_at.year in (year, year - 1):  # a need noted last year still counts
            needs.setdefault(need.topic, []).append(need.user_id)
    held = len({(row.meeting_id, row.occurrence) for row in confirmed})
    return TrainingFigures(year, held, attended, needs)


def summary_lines(figures: TrainingFigures, t: Translator = _T) -> list[str]:
    """The year's trainings in a few lines."""
    if figures.empty:
        return [t("trainings.none", year=figures.year)]
    followed = sum(len(items) for items in figures.attended.values())
    lines = [
        t("trainings.title", year=figures.year),
        t("trainings.sessions", count=figures.held),
        t("trainings.attended", people=len(figures.attended), count=followed),
    ]
    if figures.needs:
        counted = Counter({topic: len(set(who)) for topic, who in figures.needs.items()})
        needs = ", ".join(f"{topic} ({count})" for topic, count in counted.most_common())
        lines.append(t("trainings.needs", needs=needs))
    return lines


def trainings_csv(figures: TrainingFigures, t: Translator = _T) -> bytes:
    """One row per training a person followed (network session or elsewhere), then the needs."""
    rows: list[list[Any]] = [[t("trainings.csv_person"), t("trainings.csv_title"),
                              t("trainings.csv_day"), t("trainings.csv_hours"),
                              t("trainings.csv_origin")]]  # fmt: skip
    for user, items in sorted(figures.attended.items()):
        for title, day, hours in items:
            origin = t("trainings.origin_network") if hours is None else t("trainings.origin_other")
            rows.append(
                [user, title, f"{day:%d/%m/%Y}", format_hours(hours) if hours else "", origin]
            )
    for topic, people in sorted(figures.needs.items()):
        for user in sorted(set(people)):
            rows.append([user, topic, "", "", t("trainings.origin_need")])
    return csv_bytes(rows)
