"""Wires the client, the database and the feature routers together, and runs them until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import AsyncClient

from bot import features
from bot.clock import Clock
from bot.commands.feature import Core
from bot.commands.flood import FloodGuard
from bot.i18n import Translator
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.direct import DirectRooms
from bot.matrix.outbox import OutboxSender
from bot.matrix.session import open_client_patiently
from bot.matrix.sync import SyncLoop
from bot.monitoring import serve_http
from bot.safety.model import shipped as danger_model
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.private import keep_private
from bot.storage.retention import prune_now
from bot.text.identifiers import identifier_lists

log = logging.getLogger(__name__)


async def run_bot(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until `stop` is set or SIGINT/SIGTERM arrives; then close everything cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    keep_private(settings.data_dir, settings.database_url)
    db = Database(settings.database_url)
    await db.upgrade()
    await prune_now(db, settings.retention)
    client = await open_client_patiently(settings, db, stop)
    if client is None:
        db.close()
        return
    try:
        await _serve(settings, db, client, stop)
    finally:
        await client.close()
        db.close()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        log.info("Bot arrêté.")


async def _serve(
    settings: Settings, db: Database, client: AsyncClient, stop: asyncio.Event
) -> None:
    t = Translator(settings.locale.language)
    core = Core(
        settings,
        db,
        Clock.from_environment(settings.locale.timezone),
        t,
        client,
        OutboxSender(client, db, backoff_cap=settings.matrix.backoff_max_seconds),
        DirectRooms(client, db),
        AsyncIOScheduler(timezone=settings.locale.timezone),
    )
    await core.direct_rooms.load()
    access = settings.access
    bot = await features.assemble(
        core, FloodGuard(access.commands_burst, access.commands_per_minute)
    )
    await asyncio.to_thread(danger_model)  # read once, off the event loop
    await asyncio.to_thread(identifier_lists)  # first names and French words, likewise
    # What was just loaded lives as long as the bot: keep the garbage collector from walking
    # through it again and again (pauses of tens of milliseconds with a large base).
    gc.freeze()
    sync = SyncLoop(
        client,
        db,
        settings,
        core.outbox,
        bot.dispatcher,
        t("undecryptable"),
        t("storage.down"),
        lambda reference: t("error.internal", reference=reference),
        core.direct_rooms,
    )
    await bot.network.resolve()
    tasks = [
        asyncio.create_task(sync.run(), name="sync"),
        asyncio.create_task(_when_ready(core, bot, sync), name="outbox"),
        asyncio.create_task(sync.watch_pending(), name="undecrypted"),
        asyncio.create_task(serve_http(settings, db), name="monitoring"),
    ]
    stopper = asyncio.create_task(stop.wait(), name="stop")
    try:
        done, _ = await asyncio.wait([stopper, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        if core.scheduler.running:
            core.scheduler.shutdown(wait=False)
    for task in [stopper, *tasks]:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for task in done:
        if task is not stopper and not task.cancelled() and task.exception():
            raise task.exception()  # type: ignore[misc]


async def _when_ready(core: Core, bot: features.Bot, sync: SyncLoop) -> None:
    """Once the first sync is handled: join the network's rooms, start the features' jobs and
    send what the outbox holds; plan again whenever the clock jumps."""
    await sync.ready.wait()
    try:
        await bot.network.join_configured()
        await core.client.set_displayname(core.settings.bot.display_name)
    except NETWORK_ERRORS as exc:
        log.warning("Salons du réseau ou nom affiché non mis à jour (%r).", exc)
    for job in bot.jobs:
        core.scheduler.add_job(
            job.run,
            "interval",
            seconds=job.every_seconds,
            id=job.name,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
    core.scheduler.start()
    await asyncio.gather(core.outbox.run(), core.clock.follow(bot.replan))
