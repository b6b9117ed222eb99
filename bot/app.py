"""Wires the client, the database and the feature routers together, and runs them until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from datetime import UTC, datetime, timedelta
from functools import partial

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import AsyncClient

from bot import __version__, features
from bot.clock import Clock
from bot.commands.context import Services
from bot.commands.flood import FloodGuard
from bot.commands.router import CommandTable
from bot.declarations.desk import DeclarationDesk
from bot.declarations.reminders import DeclarationReminders
from bot.declarations.reporting import PeriodSummary
from bot.directory.network import NetworkRooms
from bot.directory.onboarding import Welcomer
from bot.directory.registry import Directory
from bot.i18n import Translator
from bot.knowledge.desk import ReferralDesk
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.direct import DirectRooms
from bot.matrix.media import fetch_file, upload_for_room
from bot.matrix.membership import Membership
from bot.matrix.outbox import OutboxSender
from bot.matrix.post_once import PostOnce
from bot.matrix.session import open_client_patiently
from bot.matrix.sync import SyncLoop
from bot.monitoring import serve_http
from bot.safety.model import shipped as danger_model
from bot.scheduling.deadlines import DeadlineReminders
from bot.scheduling.reminders import MeetingReminders
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
    directory = Directory(db, set(settings.network.coordinators))
    await directory.reload()
    referrals = ReferralDesk(
        settings.knowledge.directory,
        settings.knowledge.department,
        settings.coordination_contact,
        db,
    )
    await referrals.load()
    await asyncio.to_thread(danger_model)  # read once, off the event loop
    await asyncio.to_thread(identifier_lists)  # first names and French words, likewise
    # What was just loaded lives as long as the bot: keep the garbage collector from walking
    # through it again and again (pauses of tens of milliseconds with a large base).
    gc.freeze()

    direct_rooms = DirectRooms(client, db)
    await direct_rooms.load()
    scheduler = AsyncIOScheduler(timezone=settings.locale.timezone)

    clock = Clock.from_environment(settings.locale.timezone)
    network = NetworkRooms(client, settings, directory, clock)
    promeneurs = network.promeneurs

    def meetings_changed() -> None:
        scheduler.add_job(meeting_reminders.refresh, id="meetings-now", replace_existing=True)

    declaration_desk = DeclarationDesk(
        db,
        settings.declarations.networks,
        timedelta(hours=settings.declarations.idle_expiry_hours),
        clock,
        referrals,
    )
    services = Services(
        t=t,
        prefix=settings.bot.command_prefix,
        table=CommandTable(features.ROUTERS),
        db=db,
        version=__version__,
        joined_rooms=lambda: len(client.rooms),
        referrals=referrals,
        declarations=declaration_desk,
        upload=partial(upload_for_room, client),
        promeneurs=promeneurs,
        network_rooms=lambda: set(network.room_ids),
        direct_room=direct_rooms.joined,
        clock=clock,
        meetings_changed=meetings_changed,
        directory=directory,
        directory_settings=settings.directory,
        deadlines=settings.deadlines,
        membership=Membership(client, network.invitable),
        fetch_file=partial(fetch_file, client),
    )
    localpart = settings.bot.user_id[1:].partition(":")[0]
    dispatcher = features.dispatcher(
        services,
        network.role_of,
        (settings.bot.user_id, settings.bot.display_name, localpart),
        FloodGuard(settings.access.commands_burst, settings.access.commands_per_minute),
    )
    outbox = OutboxSender(client, db, backoff_cap=settings.matrix.backoff_max_seconds)
    sync = SyncLoop(
        client,
        db,
        settings,
        outbox,
        dispatcher,
        t("undecryptable"),
        t("storage.down"),
        lambda reference: t("error.internal", reference=reference),
        direct_rooms,
    )
    reminders = DeclarationReminders(
        db, outbox, declaration_desk, settings.declarations, direct_rooms, promeneurs
    )
    poster = PostOnce(outbox)
    welcomer = Welcomer(db, poster, direct_rooms, directory, settings.bot.command_prefix)

    prune_daily = partial(prune_now, db, settings.retention)
    deadline_reminders = DeadlineReminders(
        db,
        poster,
        scheduler,
        direct_rooms,
        settings.deadlines,
        promeneurs,
        lambda: directory.coordinators,
        clock,
        PeriodSummary(db, clock, promeneurs),
    )
    meeting_reminders = MeetingReminders(
        db,
        poster,
        scheduler,
        direct_rooms,
        lambda: set(network.room_ids),
        clock,
        settings.meetings.reminder_offsets,
        timedelta(hours=settings.meetings.missed_grace_hours),
        timedelta(minutes=2 * settings.meetings.refresh_minutes),
    )

    async def send_when_ready() -> None:
        await sync.ready.wait()
        try:
            await network.join_configured()
            await client.set_displayname(settings.bot.display_name)
        except NETWORK_ERRORS as exc:
            log.warning("Salons du réseau ou nom affiché non mis à jour (%r).", exc)
        for name, job, seconds in (
            ("declaration-prompts", reminders.check, settings.declarations.check_interval_seconds),
            ("welcome", welcomer.check, settings.declarations.check_interval_seconds),
            ("retention", prune_daily, 24 * 3600),
            (
                "meeting-reminders",
                meeting_reminders.refresh,
                settings.meetings.refresh_minutes * 60,
            ),
            ("deadlines", deadline_reminders.refresh, settings.meetings.refresh_minutes * 60),
        ):
            scheduler.add_job(
                job,
                "interval",
                seconds=seconds,
                id=name,
                max_instances=1,
                coalesce=True,
                next_run_time=datetime.now(UTC),
            )
        scheduler.start()
        await asyncio.gather(outbox.run(), clock.follow(replan))

    async def replan() -> None:
        await meeting_reminders.refresh()
        await deadline_reminders.refresh()

    await network.resolve()
    tasks = [
        asyncio.create_task(sync.run(), name="sync"),
        asyncio.create_task(send_when_ready(), name="outbox"),
        asyncio.create_task(sync.watch_pending(), name="undecrypted"),
        asyncio.create_task(serve_http(settings, db), name="monitoring"),
    ]
    stopper = asyncio.create_task(stop.wait(), name="stop")
    try:
        done, _ = await asyncio.wait([stopper, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
    for task in [stopper, *tasks]:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for task in done:
        if task is not stopper and not task.cancelled() and task.exception():
            raise task.exception()  # type: ignore[misc]
