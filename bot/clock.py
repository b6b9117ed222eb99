"""The bot's one clock: the network's local time, which tests may move forward.

Everything that asks "what time is it" (dialogues, reminders, deadlines, meeting dates) reads
this clock. Integration tests and the scheduler bench set `PDN_BOT_CLOCK_OFFSET_FILE` to a file
holding a number of seconds: the clock then runs that far ahead (or behind) of the real one,
and follows the file when it changes. APScheduler only knows real time, so jobs planned for a
moment of the bot's clock are given `to_real(moment)` as their run date, and every jump of the
clock has them planned again.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

OFFSET_FILE_ENV = "PDN_BOT_CLOCK_OFFSET_FILE"
POLL_SECONDS = 0.2


def set_offset_file(path: Path, moment: datetime) -> None:
    """Have the clocks that follow `path` show `moment` now: written whole, then renamed, so
    that a clock never reads it half-written (an empty file would be no offset at all)."""
    offset = moment - datetime.now(UTC)
    partial = path.with_name(path.name + ".partiel")
    partial.write_text(f"{offset.total_seconds():.3f}", encoding="utf-8")
    partial.replace(path)


class Clock:
    """`clock()` is the current time, aware, in the network's time zone."""

    def __init__(self, zone: str, offset_file: Path | None = None) -> None:
        self.zone = ZoneInfo(zone)
        self._file = offset_file
        self._offset = timedelta()
        self._stopped_at: datetime | None = None
        self._seen: str | None = None
        self._read()

    @classmethod
    def stopped_at(cls, moment: datetime) -> Clock:
        """A clock that always shows `moment` (unit tests); its jobs run as soon as planned."""
        clock = cls(str(moment.tzinfo))
        clock._stopped_at = moment
        return clock

    def stop_at(self, moment: datetime) -> None:
        """Show `moment` from now on (tests)."""
        self._stopped_at = moment

    @classmethod
    def from_environment(cls, zone: str) -> Clock:
        path = os.environ.get(OFFSET_FILE_ENV)
        return cls(zone, Path(path) if path else None)

    def __call__(self) -> datetime:
        if self._stopped_at is not None:
            return self._stopped_at
        # Shifted in UTC, then zoned: adding to a local time would be off by an hour across DST.
        return (datetime.now(UTC) + self._offset).astimezone(self.zone)

    def to_real(self, moment: datetime) -> datetime:
        """The real instant at which this clock will show `moment`."""
        if self._stopped_at is not None:
            return datetime.now(UTC)
        return moment.astimezone(UTC) - self._offset

    async def follow(self, on_jump: Callable[[], Awaitable[None]]) -> None:
        """With an offset file, re-read it when it changes and call `on_jump`; otherwise return."""
        if self._file is None:
            return
        while True:
            await asyncio.sleep(POLL_SECONDS)
            if self._read():
                await on_jump()
                log.info("Horloge déplacée au %s : rappels replanifiés.", self().isoformat())

    def _read(self) -> bool:
        """Load the offset if the file changed; whether it did."""
        if self._file is None:
            return False
        try:
            text = self._file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            text = "0"
        except OSError as exc:
            log.warning("Fichier d'horloge %s illisible (%r).", self._file, exc)
            return False
        if text == self._seen or not text:  # unchanged, or being written by a careless writer
            return False
        self._seen = text
        try:
            seconds = float(text or 0)
        except ValueError:
            log.warning("Horloge : %r n'est pas un nombre de secondes.", text)
            return False
        self._offset = timedelta(seconds=seconds)
        return True
