"""The welcome message: sent once to each new member, in their DM, once they have joined it."""

from __future__ import annotations

import logging

from sqlmodel import Session, col, select

from bot.directory.registry import Directory
from bot.matrix.backoff import NETWORK_ERRORS
from bot.matrix.direct import DirectRoomError, DirectRooms
from bot.matrix.post_once import PostOnce
from bot.storage.database import Database
from bot.storage.models import ReminderSent

log = logging.getLogger(__name__)

KEY = "welcome"


def welcome_text(first_name: str, prefix: str) -> str:
    hello = (
        f"Bienvenue dans le réseau des Promeneurs du Net{', ' + first_name if first_name else ''} !"
    )
    return (
        f"{hello} Je suis l'assistant du réseau. Ce que je fais pour vous :\n"
        f"• Orientation : écrivez-moi une question (« une jeune me dit être harcelée sur Snap, "
        f"vers qui l'orienter ? »), ici ou avec {prefix}orienter dans un salon. Si un jeune est en "
        "danger immédiat, les numéros d'urgence viennent toujours en premier.\n"
        f"• Déclaration d'activité : chaque semaine, je vous pose quelques questions ici "
        f"({prefix}declarer pour commencer, {prefix}mes-declarations pour voir où vous en êtes). "
        "Rien sur les jeunes eux-mêmes : seulement des nombres.\n"
        f"• Réunions : {prefix}reunions, et je rappelle les dates.\n"
        "• La charte : votre présence en ligne se fait avec un profil professionnel identifié, "
        "dans le cadre des missions de votre structure ; la coordination vous la fait signer.\n"
        f"• Vos données : {prefix}mes-donnees, {prefix}supprimer-mes-donnees.\n"
        f"{prefix}aide liste tout."
    )


class Welcomer:
    """Checked with the declaration reminders: opens the DM, then welcomes once joined."""

    def __init__(
        self,
        db: Database,
        poster: PostOnce,
        rooms: DirectRooms,
        directory: Directory,
        prefix: str,
    ) -> None:
        self._db = db
        self._poster = poster
        self._rooms = rooms
        self._directory = directory
        self._prefix = prefix
        self._failed: set[str] = set()  # no DM possible (unknown account): not retried each time

    async def check(self) -> None:
        members = [m for m in self._directory.snapshot.members.values() if m.status == "actif"]
        if not members:
            return
        welcomed = await self._db.run(_welcomed)
        for member in members:
            if member.user_id in welcomed or member.user_id in self._failed:
                continue
            try:
                room = await self._rooms.joined(member.user_id)
            except (DirectRoomError, *NETWORK_ERRORS) as exc:
                log.warning("Pas de message direct possible avec %s : %r", member.user_id, exc)
                self._failed.add(member.user_id)
                continue
            if room is None:
                continue  # invited: welcomed at a later check, once in
            text = welcome_text(member.first_name, self._prefix)
            await self._poster.post_once(
                (KEY, "", "", member.user_id), room, text, send=True, mentions=[member.user_id]
            )


def _welcomed(session: Session) -> set[str]:
    rows = session.exec(select(ReminderSent.target).where(col(ReminderSent.reminder) == KEY))
    return set(rows)
