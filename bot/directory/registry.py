"""The directory in memory: members, coordinators added in chat, fuzzy search, roles.

Read from the database at start and again after every change (the change commits first), so
that roles and searches never wait on the database.
"""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from bot.commands.roles import Role
from bot.storage.database import Database
from bot.storage.models import AddedCoordinator, Member
from bot.text.fold import fold

if TYPE_CHECKING:
    import numpy as np

SEARCH_LIMIT = 10
WORD_CUTOFF = 75  # rapidfuzz ratio for a word with a typo ("socail" ~ "social": 83)
PREFIX_SCORE = 90  # "ler" for "leroy"
MIN_FUZZY = 4  # shorter words are not matched with typos
MAX_WORDS = 8
MIN_PREFIX = 3  # shorter words ("de", "12") only match exactly


@dataclass
class Snapshot:
    members: dict[str, Member] = field(default_factory=dict)
    added_coordinators: set[str] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)  # in directory order (last name, first name)
    vocabulary: list[str] = field(default_factory=list)  # every searchable word, once
    holders: list[np.ndarray] = field(default_factory=list)  # word -> indexes in `ids`


def _words(member: Member) -> set[str]:
    text = " ".join(
        (member.first_name, member.last_name, member.structure, member.territory,
         member.profiles, member.user_id.partition(":")[0].lstrip("@"))
    )  # fmt: skip
    return set(fold(text).split())


def build(members: list[Member], added: list[AddedCoordinator]) -> Snapshot:
    ordered = sorted(members, key=lambda m: (fold(m.last_name), fold(m.first_name), m.user_id))
    index: dict[str, list[int]] = {}
    for position, member in enumerate(ordered):
        for word in _words(member):
            index.setdefault(word, []).append(position)
    import numpy as np  # here: an empty directory does not need it (memory of the bot)

    vocabulary = sorted(index)  # sorted: the words a prefix starts are one slice
    return Snapshot(
        members={m.user_id: m for m in ordered},
        added_coordinators={c.user_id for c in added},
        ids=[m.user_id for m in ordered],
        vocabulary=vocabulary,
        holders=[np.array(index[word], dtype=np.int32) for word in vocabulary],
    )


def _similar_words(snapshot: Snapshot, word: str) -> list[tuple[int, float]]:
    """Vocabulary words close to `word`: the same, a typo away, or (3 letters and more)
    starting with it. Short words match only exactly."""
    vocabulary = snapshot.vocabulary
    if len(word) < MIN_PREFIX:
        at = bisect.bisect_left(vocabulary, word)
        return [(at, 100.0)] if at < len(vocabulary) and vocabulary[at] == word else []
    found: dict[int, float] = {}
    if len(word) >= MIN_FUZZY:
        for _, score, i in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
        ):
            found[i] = score
    first = bisect.bisect_left(vocabulary, word)
    last = bisect.bisect_left(vocabulary, word + "\uffff")
    for i in range(first, last):
        found[i] = 100.0 if vocabulary[i] == word else max(found.get(i, 0.0), PREFIX_SCORE)
    return list(found.items())


def search(snapshot: Snapshot, query: str, include_left: bool = False) -> list[Member]:
    """Members whose name, structure, territory or profiles contain the query's words, typos
    allowed: most words matched first, then the closest. Scores are summed in numpy arrays
    (one per query word), so a common word ("lille", "maison") costs no Python loop."""
    import numpy as np

    words = list(dict.fromkeys(fold(query).split()))[:MAX_WORDS]
    if not words or not snapshot.ids:
        return []
    scores = np.zeros((len(words), len(snapshot.ids)), dtype=np.float32)
    for row, word in enumerate(words):
        for vocab_index, score in _similar_words(snapshot, word):
            holders = snapshot.holders[vocab_index]
            np.maximum.at(scores[row], holders, score)
    matched = (scores > 0).sum(axis=0)
    needed = max(1, len(words) - 1) if len(words) > 2 else len(words)
    candidates = np.flatnonzero(matched >= needed)
    if candidates.size == 0:
        return []
    total = scores[:, candidates].sum(axis=0)
    order = np.lexsort((candidates, -total, -matched[candidates]))  # last key sorts first
    found = []
    for position in order:
        member = snapshot.members[snapshot.ids[int(candidates[position])]]
        if include_left or member.status != "parti":
            found.append(member)
            if len(found) == SEARCH_LIMIT:
                break
    return found


class Directory:
    """The current snapshot, and what depends on it."""

    def __init__(self, db: Database, configured_coordinators: set[str]) -> None:
        self._db = db
        self._configured = configured_coordinators
        self.snapshot = Snapshot()

    async def reload(self) -> None:
        def read(session: Session) -> tuple[list[Member], list[AddedCoordinator]]:
            return list(session.exec(select(Member))), list(session.exec(select(AddedCoordinator)))

        members, added = await self._db.run(read)
        self.snapshot = await asyncio.to_thread(build, members, added)

    @property
    def coordinators(self) -> set[str]:
        return self._configured | self.snapshot.added_coordinators

    def is_configured_coordinator(self, user_id: str) -> bool:
        return user_id in self._configured

    def role_of(self, user_id: str, in_network_rooms: Callable[[str], bool]) -> Role:
        """Coordinators: the configuration and those added in chat. Promeneurs: members of the
        directory who have not left, and members of the network rooms who are not marked as
        left. Names never count: only Matrix IDs."""
        if user_id in self.coordinators:
            return Role.COORDINATOR
        member = self.snapshot.members.get(user_id)
        if member is not None:
            return Role.GUEST if member.status == "parti" else Role.PROMENEUR
        return Role.PROMENEUR if in_network_rooms(user_id) else Role.GUEST

    def on_leave(self, today: dt.date) -> set[str]:
        """Members on leave today (no declaration or deadline reminders for them)."""
        return {
            m.user_id
            for m in self.snapshot.members.values()
            if m.status == "conges" and (m.away_until is None or m.away_until >= today)
        }

    def left(self) -> set[str]:
        return {m.user_id for m in self.snapshot.members.values() if m.status == "parti"}

    def active(self) -> set[str]:
        return {m.user_id for m in self.snapshot.members.values() if m.status != "parti"}
