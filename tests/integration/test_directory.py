"""The directory's side that needs the real homeserver: invitations, removals (and their
refusal by power levels), the welcome in a real direct message, files crossing the homeserver.
The directory's and the coordination's commands are in tests/behaviour/test_directory.py."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from nio import RoomPutStateResponse

from bot.demo.people import Person, body
from tests.integration.conftest import (
    Network,
    SecondBot,
    file_reply,
    new_person,
    open_dm,
    start_second_bot,
)

pytestmark = [pytest.mark.integration, pytest.mark.one_database]

HEADER = "matrix;prenom;nom;structure;territoire;email;tel;profils;type;label;charte;statut\n"


async def give_moderator(person: Person, room: str, user_id: str) -> None:
    """Let the bot remove people (kicking needs power level 50)."""
    levels = await person.client.room_get_state_event(room, "m.room.power_levels")
    content = dict(levels.content)  # type: ignore[union-attr]
    content["users"] = {**content.get("users", {}), user_id: 50}
    response = await person.client.room_put_state(room, "m.room.power_levels", content)
    assert isinstance(response, RoomPutStateResponse), response


async def _directory_bot(network: Network, tmp_path: Path, localpart: str) -> tuple[SecondBot, str]:
    """A bot with a space and a network room where it may remove people; returns its space."""
    coordinator = network.coordinator
    space = await coordinator.create_room(f"Espace {localpart}", invite=[], space=True)
    bot = await start_second_bot(
        network,
        localpart,
        tmp_path,
        space=space,
    )
    await coordinator.client.room_invite(space, bot.account.user_id)
    await coordinator.wait_member(space, bot.account.user_id)
    for room in (space, bot.room):
        await give_moderator(coordinator, room, bot.account.user_id)
    return bot, space


def joined(person: Person, room: str) -> bool:
    nio_room = person.client.rooms.get(room)
    return nio_room is not None and person.user_id in nio_room.users


async def wait_until(condition: object, timeout: float = 30) -> None:
    for _ in range(int(timeout * 10)):
        if condition():  # type: ignore[operator]
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition jamais remplie")


async def test_a_new_promeneur_is_invited_welcomed_and_removed_by_the_homeserver(
    network: Network, tmp_path: Path
) -> None:
    """The homeserver's side of adding and removing a member (the rest of their life in the
    directory is in tests/behaviour/test_directory.py): real invitations to the space and the
    room, the welcome in a direct message they joined, a real removal from both."""
    coordinator = network.coordinator
    dominique = await new_person(network.synapse, "dominique-annuaire", tmp_path / "people")
    bot, space = await _directory_bot(network, tmp_path, "pdn-bot-annuaire")
    room, bot_id, who = bot.room, bot.account.user_id, dominique.user_id
    try:
        added = await coordinator.ask(room, f"!promeneur ajouter {who} prenom=Dominique nom=Leroy")
        assert "Dominique Leroy ajouté·e" in added, added
        # Invited to the space and the room (and joins: test people accept invitations).
        await wait_until(lambda: joined(dominique, space) and joined(dominique, room))
        welcome = await dominique.wait_message(bot_id, None, "Bienvenue dans le réseau", 60)
        assert "!declarer" in body(welcome)

        removed = await coordinator.ask(room, f"!promeneur retirer {who}")
        assert "parti·e" in removed
        # Seen from the coordination's side: they are no longer members.
        await wait_until(
            lambda: (
                who not in coordinator.client.rooms[room].users
                and who not in coordinator.client.rooms[space].users
            )
        )
    finally:
        bot.process.stop()
        await dominique.stop()


async def test_files_cross_the_homeserver_both_ways(network: Network, tmp_path: Path) -> None:
    """A CSV a coordinator sends is read by the bot; the files the bot sends (the export, in an
    encrypted room) are read back. The import and the erasure themselves are in
    tests/behaviour/test_directory.py."""
    coordinator, camille = network.coordinator, network.promeneur
    bot = await start_second_bot(network, "pdn-bot-fichiers", tmp_path)
    room, bot_id = bot.room, bot.account.user_id
    try:
        private = await open_dm(coordinator, bot_id)
        good = (
            HEADER
            + "@alix:localhost;Alix;Martin;MJC;Lille;alix@mjc.fr;0320000000;;jeunesse;;;actif\n"
            + "@chloe:localhost;Chloé;Petit;Centre social;Roubaix;;;;parentalité;;;actif\n"
        )
        sent = await coordinator.send_file(room, "annuaire.csv", good.encode(), "text/csv")
        preview = await coordinator.ask(room, "!annuaire importer", reply_to=sent)
        assert "2 ajout(s)" in preview and "Rien n'a encore changé" in preview, preview
        applied = await coordinator.ask(room, "!annuaire importer confirmer", reply_to=sent)
        assert "Import appliqué : 2 ajout(s)" in applied, applied

        await coordinator.send(private, "!annuaire exporter")
        exported = await file_reply(coordinator, private, bot_id, "annuaire.csv")
        table = csv.DictReader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";")
        assert [(r["matrix"], r["structure"], r["type"]) for r in table] == [
            ("@alix:localhost", "MJC", "jeunesse"),
            ("@chloe:localhost", "Centre social", "parentalité"),
        ]

        dm = await open_dm(camille, bot_id)
        assert "Voici tout ce que le bot garde" in await camille.ask(dm, "!mes-donnees")
        mine = json.loads(await file_reply(camille, dm, bot_id, "mes-donnees.json"))
        assert mine["identifiant"] == camille.user_id

        # The register of structures round-trips through its file too.
        structures = (
            "nom;type;convention_debut;convention_fin;charte;bilan;contact;email;tel\n"
            "MJC;MJC;01/01/2026;31/12/2028;15/01/2026;2025;Mme Durand;direction@mjc.fr;\n"
        )
        sent = await coordinator.send_file(
            private, "structures.csv", structures.encode(), "text/csv"
        )
        applied = await coordinator.ask(private, "!structures importer confirmer", reply_to=sent)
        assert "Import appliqué : 1 ajout(s)" in applied, applied
        listed = await coordinator.ask(private, "!structures")
        assert "• MJC (MJC) : 1 promeneur(s)" in listed, listed  # Alix, imported above
        await coordinator.send(private, "!structures exporter")
        exported = await file_reply(coordinator, private, bot_id, "structures.csv")
        assert exported.decode("utf-8-sig").replace("\r\n", "\n") == structures
        sent = await coordinator.send_file(private, "structures.csv", exported, "text/csv")
        again = await coordinator.ask(private, "!structures importer", reply_to=sent)
        assert "0 ajout(s), 0 modification(s), 1 fiche(s) identique(s)" in again, again

        # Recruitment towards the COPIL's target, on the dashboard.
        await coordinator.ask(private, "!recrutement objectif 10")
        added = await coordinator.ask(private, '!candidat ajouter "Sam Leroy" structure=MJC')
        assert "Candidature n° 1 enregistrée" in added, added
        assert "présélectionné·e" in await coordinator.ask(private, "!candidat 1 présélectionné")
        board = await coordinator.ask(private, "!tableau-de-bord")
        year = dt.date.today().year  # the bot's real clock here
        assert f"Objectif {year} du COPIL : 10 promeneurs" in board, board
        assert "Candidatures en cours : 1." in board, board
    finally:
        bot.process.stop()


async def test_a_removal_the_homeserver_refuses_is_reported_with_the_fix(
    network: Network, tmp_path: Path
) -> None:
    coordinator = network.coordinator
    eden = await new_person(network.synapse, "eden-retrait", tmp_path / "people")
    bot = await start_second_bot(network, "pdn-bot-retrait", tmp_path, members=(eden,))
    room, bot_id, who = bot.room, bot.account.user_id, eden.user_id
    try:
        added = await coordinator.ask(room, f"!promeneur ajouter {who} prenom=Eden nom=Roux")
        assert "Eden Roux ajouté·e" in added, added
        # The bot is not a moderator of the room: the homeserver refuses the kick.
        event_id = await coordinator.send(room, f"!promeneur retirer {who}")
        reply = await coordinator.wait_reply(room, event_id)
        assert "parti·e" in body(reply)
        warning = await coordinator.wait_message(bot_id, room, "n'a pas pu être retiré·e")
        text = body(warning)
        assert "Eden Roux" in text and "modérateur (niveau de pouvoir 50)" in text, text
        assert f"!promeneur retirer {who}" in text
        assert joined(eden, room)
        refused = await eden.ask(room, "!declarer 2h")
        assert "réservée aux promeneurs du réseau" in refused, refused  # no role meanwhile
        # Nor any answer to a meeting, by reaction either.
        day = (dt.date.today() + dt.timedelta(days=9)).strftime("%d/%m/%Y")
        created = await coordinator.ask(
            room, f'!reunion ajouter reseau titre="R" quand="{day} 10h"'
        )
        number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]
        announced = await eden.wait_message(bot_id, room, f"Réunion n° {number} ")
        await eden.client.room_send(
            room,
            "m.reaction",
            {
                "m.relates_to": {
                    "rel_type": "m.annotation",
                    "event_id": announced.event_id,
                    "key": "✅",
                }
            },
        )
        listed = await coordinator.ask(room, f"!reunion presences {number}")
        assert "• ✅ oui (0)" in listed and who not in listed, listed

        await give_moderator(coordinator, room, bot_id)
        again = await coordinator.ask(room, f"!promeneur retirer {who}")
        assert "nouvel essai de retrait" in again, again
        await asyncio.to_thread(bot.process.wait_for_log, f"{who} retiré·e de {room}", 60)
        members = await coordinator.client.joined_members(room)  # the homeserver's word
        assert who not in {m.user_id for m in members.members}, members  # type: ignore[union-attr]
    finally:
        bot.process.stop()
        await eden.stop()
