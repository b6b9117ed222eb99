"""Participation in the network's meetings: which session of a meeting is the last held, who
was expected at it, and how a person's attended-out-of-confirmed sessions read and export."""

from __future__ import annotations

import datetime as dt

from bot.i18n import Translator
from bot.scheduling.meetings import LABELS, MeetingKind
from bot.scheduling.recurrence import occurrences
from bot.storage.models import Meeting, as_utc
from bot.text.spreadsheet import csv_bytes

_T = Translator()


def last_start(meeting: Meeting, now: dt.datetime) -> dt.datetime | None:
    """The start of the meeting's latest session that has begun by `now` (None: none yet)."""
    first = as_utc(meeting.starts_at).astimezone(now.tzinfo)
    if first > now:
        return None
    if not meeting.rule:
        return first
    latest = first
    for start in occurrences(meeting.rule, first, first):
        if start > now:
            break
        latest = start
    return latest


def expected_at(meeting: Meeting, promeneurs: set[str]) -> set[str]:
    """Who a session was for: the people it names, else every promeneur."""
    return set(meeting.audience) if meeting.audience else set(promeneurs)


def _label(kind: str) -> str:
    try:
        return LABELS[MeetingKind(kind)]
    except ValueError:
        return kind


def _rate(present: int, expected: int) -> str:
    return f"{present}/{expected} ({round(100 * present / expected)} %)" if expected else "—"


def participation_line(kinds: dict[str, tuple[int, int]]) -> str:
    """`4/6 (67 %) : réunion de réseau 3/4, formation 1/2`."""
    present = sum(p for p, _ in kinds.values())
    expected = sum(e for _, e in kinds.values())
    detail = ", ".join(f"{_label(k)} {p}/{e}" for k, (p, e) in sorted(kinds.items()))
    return f"{_rate(present, expected)} : {detail}"


def participation_csv(counts: dict[str, dict[str, tuple[int, int]]]) -> bytes:
    """One row per person and kind of meeting, and their total."""
    header = [_T("participation.csv_person"), _T("participation.csv_kind"),
              _T("participation.csv_present"), _T("participation.csv_expected"),
              _T("participation.csv_rate")]  # fmt: skip
    rows: list[list[object]] = []
    for user, kinds in sorted(counts.items()):
        for kind, (present, expected) in sorted(kinds.items()):
            rows.append([user, _label(kind), present, expected, round(present / expected, 2)])
        present = sum(p for p, _ in kinds.values())
        expected = sum(e for _, e in kinds.values())
        rows.append([user, _T("participation.csv_all"), present, expected,
                     round(present / expected, 2)])  # fmt: skip
    return csv_bytes([header, *rows])
