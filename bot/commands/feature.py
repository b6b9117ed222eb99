"""What every feature is given (the core) and what it gives back (its commands, the handlers that
see messages before them, and its jobs). `bot/features.py` builds the features in order and puts
them together, the same way for the running bot and for the in-process test harness."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import AsyncClient

from bot.clock import Clock
from bot.commands.dispatch import Interceptor
from bot.commands.router import Router
from bot.i18n import Translator
from bot.matrix.direct import DirectRooms
from bot.matrix.outbox import OutboxSender
from bot.matrix.post_once import PostOnce
from bot.settings import Settings
from bot.storage.database import Database


@dataclass(frozen=True)
class Core:
    """What the features share, all of it always there: the settings, the database, the clock,
    the translator, the homeserver connection (a recording one in the test harness), the outbox
    and its once-only posts, the direct rooms and the job scheduler."""

    settings: Settings
    db: Database
    clock: Clock
    t: Translator
    client: AsyncClient
    outbox: OutboxSender
    direct_rooms: DirectRooms
    scheduler: AsyncIOScheduler

    @property
    def prefix(self) -> str:
        return self.settings.bot.command_prefix

    @property
    def poster(self) -> PostOnce:
        return PostOnce(self.outbox)


@dataclass(frozen=True)
class Job:
    """Work the feature wants done every `every_seconds`, first as soon as the bot is ready."""

    name: str
    run: Callable[[], Awaitable[None]]
    every_seconds: float


@dataclass(frozen=True)
class Feature:
    """A feature's contribution: its command routers (in the order `!aide` lists them), the
    handlers that see a message before the commands (`interceptors`), an edit, a reaction or a
    message evoking a danger (`danger_hooks`), the command free text goes to, its periodic jobs,
    and what to plan again when the clock jumps (`replan`)."""

    routers: tuple[Router, ...] = ()
    interceptors: tuple[Interceptor, ...] = ()
    edits: tuple[Interceptor, ...] = ()
    reactions: tuple[Interceptor, ...] = ()
    danger_hooks: tuple[Interceptor, ...] = ()
    free_text: str | None = None
    jobs: tuple[Job, ...] = ()
    replan: tuple[Callable[[], Awaitable[None]], ...] = ()
