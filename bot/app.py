"""Wires the client, the database and the feature routers together, and runs them until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import AsyncClient, JoinError, RoomResolveAliasResponse

from bot import __version__, features
from bot.clock import Clock
from bot.commands.context import Services
from bot.commands.flood import FloodGuard
from bot.commands.roles import Role
from bot.commands.router import CommandTable
from bot.declarations.desk import DeclarationDesk
from bot.declarations.reminders import DeclarationReminders
from bot.declarations.report import Period
from bot.declarations.reporting import period_rows, report_summary
from bot.directory.onboarding import Welcomer
from bot.directory.registry import Directory
from bot.i18n import Translator
from bot.knowledge.desk import ReferralDesk
from bot.matrix.backoff import NETWORK_ERRORS, Backoff
from bot.matrix.direct import DirectRooms
from bot.matrix.ids import RoomId
from bot.matrix.media import fetch_file, upload_file
from bot.matrix.membership import Membership, joined
from bot.matrix.outbox import OutboxSender
from bot.matrix.post_once import PostOnce
from bot.matrix.session import open_client
from bot.matrix.sync import SyncLoop
from bot.monitoring import serve_http
from bot.safety.model import shipped as danger_model
from bot.scheduling.deadlines import DeadlineReminders
from bot.scheduling.reminders import MeetingReminders
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import utcnow
from bot.storage.private import keep_private
from bot.storage.retention import prune
from bot.text.identifiers import identifier_lists

log = logging.getLogger(__name__)


def _encrypted(client: AsyncClient, room_id: str) -> bool:
    """Whether a file for `room_id` must be encrypted: if the room is, or is not known yet."""
    room = client.rooms.get(room_id)
    return room is None or room.encrypted


class NetworkRooms:
    """The network's rooms (aliases resolved once ready) and who belongs to them."""

    def __init__(self, client: AsyncClient, settings: Settings, directory: Directory) -> None:
        self._client = client
        self._settings = settings
        self._directory = directory
        self.room_ids: set[RoomId] = set()
        self.space_id: RoomId | None = None

    async def resolve(self) -> None:
        """Learn the ids of the network rooms (before any message is handled: roles need them)."""
        for ref in self._settings.network.rooms:
            try:
                room_id = await self._room_id(ref)
            except NETWORK_ERRORS as exc:
                log.warning("Alias %s non résolu pour l'instant (%r).", ref, exc)
                continue
            if room_id:
                self.room_ids.add(room_id)

    async def join_configured(self) -> None:
        """Join the network rooms and space the bot is not in yet (learning late aliases too)."""
        refs = [*self._settings.network.rooms]
        if self._settings.network.space:
            refs.append(self._settings.network.space)
        for ref in refs:
            room_id = await self._room_id(ref)
            if room_id is None:
                continue
            if ref in self._settings.network.rooms:
                self.room_ids.add(room_id)
            else:
                self.space_id = room_id
            if room_id not in self._client.rooms:
                joined = await self._client.join(room_id)
                if isinstance(joined, JoinError):
                    log.warning("Impossible de rejoindre %s : %s", ref, joined.message)

    async def _room_id(self, ref: str) -> RoomId | None:
        if not ref.startswith("#"):
            return RoomId(ref)
        resolved = await self._client.room_resolve_alias(ref)
        if isinstance(resolved, RoomResolveAliasResponse):
            return RoomId(resolved.room_id)
        log.warning("Alias %s introuvable : %s", ref, resolved)
        return None

    def members(self) -> set[str]:
        users: set[str] = set()
        for room_id in self.room_ids:
            room = self._client.rooms.get(room_id)
            if room is not None:
                users.update(joined(room))
        return users

    def role_of(self, user_id: str) -> Role:
        return self._directory.role_of(user_id, lambda user: user in self.members())

    def invitable(self) -> list[str]:
        """Where a new member is invited: the space first, then the network rooms."""
        return [*([self.space_id] if self.space_id else []), *sorted(self.room_ids)]


async def run_bot(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until `stop` is set or SIGINT/SIGTERM arrives; then close everything cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    keep_private(settings.data_dir, settings.database_url)
    db = Database(settings.database_url)
    await db.upgrade()
    await db.run(lambda session: prune(session, utcnow(), settings.retention))
    client = await _open_client_patiently(settings, db, stop)
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


async def _open_client_patiently(
    settings: Settings, db: Database, stop: asyncio.Event
) -> AsyncClient | None:
    """Log in, waiting out an unreachable homeserver; None if asked to stop meanwhile."""
    backoff = Backoff(cap=settings.matrix.backoff_max_seconds)
    while not stop.is_set():
        try:
            return await open_client(settings, db)
        except NETWORK_ERRORS as exc:
            delay = backoff.next_delay()
            log.warning("Serveur injoignable (%r) : nouvel essai dans %.1f s.", exc, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
    return None


async def _serve(
    settings: Settings, db: Database, client: AsyncClient, stop: asyncio.Event
) -> None:
    t = Translator(settings.locale.language)
    directory = Directory(db, set(settings.network.coordinators))
    await directory.reload()
    network = NetworkRooms(client, settings, directory)
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

    def meetings_changed() -> None:
        scheduler.add_job(meeting_reminders.refresh, id="meetings-now", replace_existing=True)

    def promeneurs() -> set[str]:
        """Who should declare now: room members and directory members, less the coordination,
        the bot, those who left and those on leave."""
        away = directory.left() | directory.on_leave(clock().date())
        everyone = network.members() | directory.active()
        return everyone - directory.coordinators - {settings.bot.user_id} - away

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
        upload=lambda data, name, mime, room_id: upload_file(
            client, data, name, mime, _encrypted(client, room_id)
        ),
        promeneurs=promeneurs,
        network_rooms=lambda: set(network.room_ids),
        direct_room=direct_rooms.joined,
        clock=clock,
        meetings_changed=meetings_changed,
        directory=directory,
        directory_settings=settings.directory,
        deadlines=settings.deadlines,
        membership=Membership(client, network.invitable),
        fetch_file=lambda room_id, event_id: fetch_file(client, room_id, event_id),
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
    poster = PostOnce(db, outbox)
    welcomer = Welcomer(db, poster, direct_rooms, directory, settings.bot.command_prefix)

    async def prune_daily() -> None:
        await db.run(lambda session: prune(session, utcnow(), settings.retention))

    async def period_summary(period: Period) -> str:
        rows = await db.run(lambda s: period_rows(s, period))
        today = clock().date()
        return await asyncio.to_thread(report_summary, rows, period, today, promeneurs())

    deadline_reminders = DeadlineReminders(
        db,
        poster,
        scheduler,
        direct_rooms,
        settings.deadlines,
        promeneurs,
        lambda: directory.coordinators,
        clock,
        period_summary,
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
        for job, seconds in (
            (reminders.check, settings.declarations.check_interval_seconds),
            (welcomer.check, settings.declarations.check_interval_seconds),
            (prune_daily, 24 * 3600),
            (meeting_reminders.refresh, settings.meetings.refresh_minutes * 60),
            (deadline_reminders.refresh, settings.meetings.refresh_minutes * 60),
        ):
            scheduler.add_job(
                job,
                "interval",
                seconds=seconds,
                id=job.__qualname__,
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
