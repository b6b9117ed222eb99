"""Sending the weekly prompts, the reminders and the notices of expired dialogues, each once."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlmodel import Session

from bot.declarations.desk import DeclarationDesk, expiry_notice
from bot.declarations.dialog import KIND, Draft, Step, prompt
from bot.declarations.prompts import PROMPT, Due, due_messages, has_dialog, mark_sent
from bot.dialogs.store import end_dialog, idle_dialogs, save_dialog
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.content import notice
from bot.matrix.direct import DirectRoomError, DirectRooms
from bot.matrix.ids import RoomId
from bot.matrix.outbox import OutboxSender, Outgoing
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
        desk: DeclarationDesk,
        settings: DeclarationSettings,
        rooms: DirectRooms,
        promeneurs: Callable[[], set[str]],
    ) -> None:
        self._db = db
        self._outbox = outbox
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
        draft = Draft(str(due.week))
        first = prompt(Step.HOURS, draft, self._desk.catalog())
        label = due.week.label()
        if due.kind == PROMPT:
            text = (
                f"Bonjour ! C'est le moment de déclarer votre {label}. Répondez à la première "
                "question ci-dessous ; « rien cette semaine » si vous n'avez pas été en ligne, "
                "« annuler » pour le faire plus tard avec !declarer."
            )
        else:
            text = (
                f"Petit rappel : votre {label} n'est pas encore déclarée. Répondez à la question "
                "ci-dessous, ou « annuler » et !declarer plus tard."
            )
        start = save_dialog(due.user_id, room_id, KIND, Step.HOURS, draft.to_json())
        cause = f"declaration-{due.kind}:{due.user_id}:{due.week}"
        busy = (
            f"Pensez aussi à votre {label} : terminez la déclaration en cours, puis "
            f"!declarer semaine {due.week.number}."
        )

        def write(session: Session) -> list[Outgoing] | None:
            if not mark_sent(session, due):
                return None
            if has_dialog(session, due.user_id, room_id):  # never break a dialogue in progress
                body = busy
            else:
                start(session)
                body = f"{text}\n\n{first}"
            return [Outgoing(room_id, notice(body))]

        if await self._outbox.commit(cause, write) is None:
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
