"""Sending the weekly prompts, the reminders and the notices of expired dialogues, each once."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlmodel import Session

from bot.declarations.desk import DeclarationDesk, expiry_notice
from bot.declarations.dialog import KIND, Step, prompt
from bot.declarations.prompts import Due, due_messages, has_dialog
from bot.dialogs.store import end_dialog, idle_dialogs, save_dialog
from bot.i18n import Translator
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.content import notice
from bot.matrix.direct import DirectRoomError, DirectRooms
from bot.matrix.ids import RoomId
from bot.matrix.outbox import OutboxSender, Outgoing
from bot.matrix.post_once import PostOnce
from bot.settings import DeclarationSettings
from bot.storage.database import Database
from bot.storage.models import DialogState, as_utc

log = logging.getLogger(__name__)


class DeclarationReminders:
    """The periodic check: called by the scheduler, it sends whatever has become due."""

    def __init__(
        self,
        db: Database,
        outbox: OutboxSender,
        t: Translator,
        desk: DeclarationDesk,
        settings: DeclarationSettings,
        rooms: DirectRooms,
        promeneurs: Callable[[], set[str]],
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._poster = PostOnce(outbox)
        self._t = t
        self._desk = desk
        self._settings = settings
        self._rooms = rooms
        self._promeneurs = promeneurs
        self._checked_once = False

    async def check(self) -> None:
        now = self._desk.now()
        sent = 0
        if self._settings.prompts:
            promeneurs = self._promeneurs()
            due = await self._db.run(lambda s: due_messages(s, promeneurs, self._settings, now))
            for one in due:
                try:
                    sent += await self._send(one)
                except (DirectRoomError, *NETWORK_ERRORS) as exc:
                    log.warning(
                        "Rappel de déclaration pour %s remis à plus tard (%r).", one.user_id, exc
                    )
        await self._expire_idle_dialogs()
        if not self._checked_once:
            self._checked_once = True
            log.info("Rappels de déclaration vérifiés au démarrage : %d envoyé(s).", sent)

    async def _send(self, due: Due) -> int:
        room_id = await self._rooms.joined(due.user_id)
        if room_id is None:
            return 0  # a DM just created, not joined yet: next check (nothing marked sent)
        draft = await self._desk.new_draft(due.user_id, due.week)
        first = prompt(Step.HOURS, draft, self._desk.catalog())
        label = due.week.label()
        text = self._t(f"declarations.{due.kind}", week=label)
        start = save_dialog(due.user_id, room_id, KIND, Step.HOURS, draft.to_json())
        number = self._desk.week_argument(due.week)  # with its year if needed
        busy = self._t("declarations.busy", week=label, number=number)

        def compose(session: Session) -> str:
            if has_dialog(session, due.user_id, room_id):  # never break a dialogue in progress
                return busy
            start(session)
            return f"{text}\n\n{first}"

        if not await self._poster.post_once(due.key, room_id, compose, True, [due.user_id]):
            return 0
        log.info("Déclaration : %s envoyé à %s (%s).", due.kind, due.user_id, due.week)
        return 1

    async def _expire_idle_dialogs(self) -> None:
        idle = await self._db.run(lambda s: idle_dialogs(s, self._desk.idle_expiry))
        for state in idle:
            await self._expire(state)

    async def _expire(self, state: DialogState) -> None:
        started = as_utc(state.started_at).isoformat()
        cause = f"dialog-expired:{state.user_id}:{state.room_id}:{started}"
        room = RoomId(state.room_id)  # as recorded

        def write(session: Session) -> list[Outgoing] | None:
            current = session.get(DialogState, (state.user_id, state.room_id))
            if current is None or as_utc(current.updated_at) != as_utc(state.updated_at):
                return None  # answered meanwhile
            end_dialog(state.user_id, state.room_id)(session)
            return [Outgoing(room, notice(expiry_notice()))]

        await self._outbox.commit(cause, write)
