"""Is the bot well? `pdn-bot health`, and an optional `/health` and `/metrics` on loopback.

Health is read from the database, so the command works from outside the bot's process: the
last completed sync (the bot saves its position after each batch, at least every sync timeout)
and the replies waiting in the outbox for too long.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import platform
import time
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, func, select

from bot import __version__
from bot.matrix.counters import COUNTS
from bot.matrix.outbox import RATE_LIMITED
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import (
    Declaration,
    HandledEvent,
    Member,
    OutboxMessage,
    ReminderSent,
    ServiceNote,
    SyncState,
    as_utc,
    utcnow,
)

log = logging.getLogger(__name__)

STUCK_REPLY = dt.timedelta(minutes=5)
RATE_LIMIT_RECENT = 600.0  # seconds: a throttling older than this is no longer reported
MAX_REQUEST = 8192
REFRESH_SECONDS = 5.0  # how often the served values are read again from the database


@dataclass(frozen=True)
class Health:
    last_sync_age: float | None  # seconds; None: never synced
    stuck_replies: int
    pending_replies: int
    handled_events: int
    reminders_sent: int
    declarations: int
    members: int
    rate_limited_age: float | None = None  # seconds since the server last throttled the bot

    def problems(self, sync_timeout: float) -> list[str]:
        found = []
        allowed = 3 * sync_timeout + 30
        if self.last_sync_age is None:
            found.append("aucune synchronisation enregistrée")
        elif self.last_sync_age > allowed:
            found.append(f"dernière synchronisation il y a {self.last_sync_age:.0f} s "
                         f"(plus de {allowed:.0f} s)")  # fmt: skip
        if self.stuck_replies:
            found.append(f"{self.stuck_replies} réponse(s) en attente depuis plus de 5 minutes")
        if self.rate_limited_age is not None and self.rate_limited_age <= RATE_LIMIT_RECENT:
            found.append(
                f"le serveur limite le débit des envois du bot (il y a {self.rate_limited_age:.0f}"
                " s) : l'administrateur du serveur peut l'en exempter (override_ratelimit, voir "
                "le README, « Déployer »)"
            )
        return found


def read_health(session: Session) -> Health:
    now = utcnow()
    synced = session.exec(select(func.max(SyncState.updated_at))).one()
    pending = select(func.count()).select_from(OutboxMessage).where(
        col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None)
    )  # fmt: skip
    stuck = pending.where(col(OutboxMessage.created_at) < now - STUCK_REPLY)

    def count(table: type) -> int:
        return int(session.exec(select(func.count()).select_from(table)).one())

    throttled = session.get(ServiceNote, RATE_LIMITED)
    return Health(
        last_sync_age=(now - as_utc(synced)).total_seconds() if synced else None,
        stuck_replies=int(session.exec(stuck).one()),
        pending_replies=int(session.exec(pending).one()),
        handled_events=count(HandledEvent),
        reminders_sent=count(ReminderSent),
        declarations=count(Declaration),
        members=count(Member),
        rate_limited_age=(now - as_utc(throttled.at)).total_seconds() if throttled else None,
    )


def check_health(settings: Settings) -> int:
    """`pdn-bot health`: 0 and a line when well, 1 and the problems otherwise."""
    db = Database(settings.database_url)
    try:
        health = asyncio.run(db.run(read_health))
    except Exception as exc:
        print(f"MALADE : base de données illisible ({exc!r})")
        return 1
    finally:
        db.close()
    problems = health.problems(settings.matrix.sync_timeout_seconds)
    if problems:
        print("MALADE : " + " ; ".join(problems))
        return 1
    print(f"OK : synchronisé il y a {health.last_sync_age:.0f} s, "
          f"{health.pending_replies} réponse(s) en attente")  # fmt: skip
    return 0


# name: (type, help) of what /metrics gives, from the database and from the running process.
_METRICS: dict[str, tuple[str, str]] = {
    "pdn_bot_build_info": ("gauge", "Version of the bot and of Python (value 1)."),
    "pdn_bot_last_sync_timestamp_seconds": (
        "gauge", "Unix time of the last sync handled completely (0 before the first).",
    ),
    "pdn_bot_pending_replies": ("gauge", "Messages waiting in the outbox."),
    "pdn_bot_stuck_replies": ("gauge", "Messages waiting in the outbox for over 5 minutes."),
    "pdn_bot_handled_events": ("gauge", "Events recorded as handled (kept 30 days)."),
    "pdn_bot_reminders_recorded": ("gauge", "Messages recorded as sent once (kept 60 days)."),
    "pdn_bot_declarations": ("gauge", "Weekly declarations stored."),
    "pdn_bot_directory_members": ("gauge", "Members in the directory."),
    "pdn_bot_rate_limited_timestamp_seconds": (
        "gauge", "Unix time the homeserver last throttled the bot's sends (0: never).",
    ),
    "pdn_bot_messages_handled_total": ("counter", "Events handled since the bot started."),
    "pdn_bot_replies_sent_total": ("counter", "Messages the homeserver accepted since start."),
    "pdn_bot_errors_total": ("counter", "Events whose handling failed since start."),
    "pdn_bot_rate_limited_sends_total": (
        "counter", "Sends the homeserver refused for their rate since start.",
    ),
    "process_resident_memory_bytes": ("gauge", "Resident memory size in bytes."),
    "process_cpu_seconds_total": ("counter", "User and system CPU time spent in seconds."),
    "process_start_time_seconds": ("gauge", "Start time of the process since the Unix epoch."),
    "process_open_fds": ("gauge", "Number of open file descriptors."),
}  # fmt: skip


def metrics_text(health: Health) -> str:
    """The Prometheus text format (0.0.4): each metric with its HELP and TYPE lines."""
    now = time.time()
    values: dict[str, float] = {
        "pdn_bot_last_sync_timestamp_seconds": (
            0 if health.last_sync_age is None else round(now - health.last_sync_age, 3)
        ),
        "pdn_bot_pending_replies": health.pending_replies,
        "pdn_bot_stuck_replies": health.stuck_replies,
        "pdn_bot_handled_events": health.handled_events,
        "pdn_bot_reminders_recorded": health.reminders_sent,
        "pdn_bot_declarations": health.declarations,
        "pdn_bot_directory_members": health.members,
        "pdn_bot_rate_limited_timestamp_seconds": (
            0 if health.rate_limited_age is None else round(now - health.rate_limited_age, 3)
        ),
        "pdn_bot_messages_handled_total": COUNTS.messages_handled,
        "pdn_bot_replies_sent_total": COUNTS.replies_sent,
        "pdn_bot_errors_total": COUNTS.errors,
        "pdn_bot_rate_limited_sends_total": COUNTS.rate_limited_sends,
        **_process(),
    }
    build = f'{{version="{__version__}",python="{platform.python_version()}"}}'
    lines = []
    for name, (kind, text) in _METRICS.items():
        if name != "pdn_bot_build_info" and name not in values:
            continue  # a process figure this system does not give
        lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}"]
        lines.append(
            f"{name}{build} 1" if name == "pdn_bot_build_info" else f"{name} {values[name]}"
        )
    return "\n".join(lines) + "\n"


def _started_at() -> float:
    """When this process started (Unix time), from /proc: the moment it was created, even
    forked from a process that had imported the bot long before (the tests' forkserver)."""
    with contextlib.suppress(OSError, ValueError, IndexError, StopIteration):
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return round(boot + ticks / os.sysconf("SC_CLK_TCK"), 2)
    return COUNTS.started_at


def _process() -> dict[str, float]:
    """The process figures Prometheus clients give, read from /proc where there is one."""
    found: dict[str, float] = {"process_start_time_seconds": _started_at()}
    times = os.times()
    found["process_cpu_seconds_total"] = round(times.user + times.system, 3)
    with contextlib.suppress(OSError, ValueError, IndexError):
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        found["process_resident_memory_bytes"] = pages * os.sysconf("SC_PAGE_SIZE")
    with contextlib.suppress(OSError):
        found["process_open_fds"] = len(os.listdir("/proc/self/fd"))
    return found


class HealthCache:
    """The health figures, read from the database every `REFRESH_SECONDS` by one task: a
    request never queries the database, however many come."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._health: Health | None = None
        self._read_at = 0.0  # loop time of the last read

    async def refresh_forever(self) -> None:
        while True:
            try:
                self._health = await self._db.run(read_health)
                self._read_at = asyncio.get_running_loop().time()
            except Exception as exc:  # the database may be down: say so, keep serving
                log.warning("Supervision : lecture de la base impossible (%r)", exc)
                self._health = None
            await asyncio.sleep(REFRESH_SECONDS)

    def current(self) -> Health | None:
        """The last figures, the sync age brought up to now; None when unreadable."""
        health = self._health
        if health is None or health.last_sync_age is None:
            return health
        elapsed = asyncio.get_running_loop().time() - self._read_at
        return dataclasses.replace(health, last_sync_age=health.last_sync_age + elapsed)


def _response(path: str, health: Health | None, sync_timeout: float) -> tuple[str, str, str]:
    """Status, body and content type for a GET of `path`."""
    text = "text/plain; charset=utf-8"
    if path not in ("/health", "/metrics"):
        return "404 Not Found", "introuvable\n", text
    if health is None:
        return "503 Service Unavailable", "base de données illisible\n", text
    if path == "/metrics":
        return "200 OK", metrics_text(health), "text/plain; version=0.0.4"
    problems = health.problems(sync_timeout)
    status = "503 Service Unavailable" if problems else "200 OK"
    body = json.dumps({"ok": not problems, "problemes": problems}, ensure_ascii=False)
    return status, body, "application/json; charset=utf-8"


def _path(request_line: bytes) -> str | None:
    """The path of a `GET /path HTTP/1.x` request line; None for anything else."""
    parts = request_line.decode("latin-1").split()
    if len(parts) != 3 or parts[0] != "GET" or not parts[2].startswith("HTTP/"):
        return None
    return parts[1].split("?", 1)[0]


async def serve_http(settings: Settings, db: Database) -> None:
    """`/health` (200 or 503, JSON) and `/metrics` at `[monitoring] address` (the loopback by
    default), if a port is configured."""
    port = settings.monitoring.http_port
    if not port:
        await asyncio.Event().wait()  # nothing to serve; wait to be cancelled with the rest
    cache = HealthCache(db)
    sync_timeout = settings.matrix.sync_timeout_seconds

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                path = _path(await asyncio.wait_for(reader.readline(), 5))
            except (ValueError, asyncio.IncompleteReadError):  # a line over MAX_REQUEST
                path = None
            if path is None:
                status, body, kind = "400 Bad Request", "requête invalide\n", "text/plain"
            else:
                status, body, kind = _response(path, cache.current(), sync_timeout)
            data = body.encode("utf-8")
            head = (f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                    f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n")  # fmt: skip
            writer.write(head.encode("ascii") + data)
            await writer.drain()
        except (TimeoutError, ConnectionError) as exc:
            log.debug("Requête de supervision abandonnée : %r", exc)
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    try:
        address = str(settings.monitoring.address)
        server = await asyncio.start_server(answer, address, port, limit=MAX_REQUEST)
    except OSError as exc:
        log.error("Supervision HTTP impossible sur le port %d : %s", port, exc)
        await asyncio.Event().wait()
    log.info("Supervision sur http://%s:%d/health et /metrics", settings.monitoring.address, port)
    refreshing = asyncio.create_task(cache.refresh_forever(), name="monitoring-refresh")
    try:
        async with server:
            await server.serve_forever()
    finally:
        refreshing.cancel()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the exception, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
