"""The directory and the coordination's administration, through the real homeserver."""

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
from bot.matrix.media import fetch_file
from tests.databases import rows
from tests.integration.conftest import (
    Network,
    SecondBot,
    new_person,
    open_dm,
    start_second_bot,
)

pytestmark = pytest.mark.integration

HEADER = "matrix;prenom;nom;structure;territoire;email;tel;profils;type;label;charte;statut\n"


async def give_moderator(person: Person, room: str, user_id: str) -> None:
    """Let the bot remove people (kicking needs power level 50)."""
    levels = await person.client.room_get_state_event(room, "m.room.power_levels")
    content = dict(levels.content)  # type: ignore[union-attr]
    content["users"] = {**content.get("users", {}), user_id: 50}
    response = await person.client.room_put_state(room, "m.room.power_levels", content)
    assert isinstance(response, RoomPutStateResponse), response


async def file_reply(person: Person, room: str, bot_id: str, name: str) -> bytes:
    event = await person.wait_message(bot_id, room, name)
    _, data = await fetch_file(person.client, room, event.event_id)  # type: ignore[attr-defined]
    return data


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


async def test_a_promeneur_is_added_welcomed_edited_found_put_on_leave_and_removed(
    network: Network, tmp_path: Path
) -> None:
    coordinator, camille = network.coordinator, network.promeneur
    dominique = await new_person(network.synapse, "dominique-annuaire", tmp_path / "people")
    bot, space = await _directory_bot(network, tmp_path, "pdn-bot-annuaire")
    room, bot_id, who = bot.room, bot.account.user_id, dominique.user_id
    try:
        private = await open_dm(coordinator, bot_id)
        added = await coordinator.ask(
            room,
            f'!promeneur ajouter {who} prenom=Dominique nom=Leroy structure="MJC Nord" '
            'territoire=Lille email=dominique@mjc-nord.fr tel="03 20 00 00 00" type=jeunesse '
            "charte=01/09/2020",
        )
        assert "Dominique Leroy ajouté·e" in added, added
        # Invited to the space and the room (and joins: test people accept invitations).
        await wait_until(lambda: joined(dominique, space) and joined(dominique, room))
        welcome = await dominique.wait_message(bot_id, None, "Bienvenue dans le réseau", 60)
        assert "!declarer" in body(welcome)

        edited = await coordinator.ask(
            room, f'!promeneur modifier {who} structure="Centre social Sud" tel=0320111111'
        )
        assert "structure : MJC Nord → Centre social Sud" in edited, edited
        bad = await coordinator.ask(room, f"!promeneur modifier {who} email=pas-une-adresse")
        assert "adresse e-mail attendue" in bad and "Rien n'a changé" in bad

        found = await camille.ask(room, "!annuaire centre socail")  # a typo
        assert "Dominique Leroy" in found and "Centre social Sud" in found, found
        assert "Dominique Leroy" in await camille.ask(room, "!annuaire leroi")
        assert "Charte" not in found  # not a public field by default

        charter = await coordinator.ask(room, "!rappel-charte")
        assert "Dominique Leroy" in charter and "01/09/2020" in charter

        leave = await coordinator.ask(room, f"!promeneur conges {who} 15/01/2099")
        assert "jusqu'au 15/01/2099" in leave
        listed = await coordinator.ask(private, "!promeneurs statut=conges")
        assert "Dominique Leroy" in listed and "congés" in listed

        removed = await coordinator.ask(room, f"!promeneur retirer {who}")
        assert "parti·e" in removed
        # Seen from the coordination's side: they are no longer members.
        await wait_until(
            lambda: (
                who not in coordinator.client.rooms[room].users
                and who not in coordinator.client.rooms[space].users
            )
        )
        assert "Aucun promeneur" in await coordinator.ask(private, "!promeneurs statut=actif")

        journal = await coordinator.ask(private, "!journal")
        for action in ("promeneur ajouter", "promeneur modifier", "promeneur conges",
                       "promeneur retirer", "rappel-charte"):  # fmt: skip
            assert f"— {action}" in journal, (action, journal)
        assert "statut : congés → parti" in journal
    finally:
        bot.process.stop()
        await dominique.stop()


async def test_import_with_errors_changes_nothing_then_a_good_one_is_applied_and_exported(
    network: Network, tmp_path: Path
) -> None:
    coordinator = network.coordinator
    bot, _ = await _directory_bot(network, tmp_path, "pdn-bot-import")
    room, bot_id = bot.room, bot.account.user_id
    try:
        private = await open_dm(coordinator, bot_id)
        broken = (
            HEADER
            + "@alix:localhost;Alix;Martin;MJC;Lille;alix@mjc.fr;0320000000;;jeunesse;;;actif\n"
            + "alix-sans-arobase;Bob;Durand;;;;;;;;;\n"
            + "@chloe:localhost;Chloé;Petit;;;pas-un-mail;;;;;;\n"
        )
        sent = await coordinator.send_file(room, "annuaire.csv", broken.encode(), "text/csv")
        report = await coordinator.ask(room, "!annuaire importer", reply_to=sent)
        assert "2 erreur(s) : rien n'a changé" in report, report
        assert "ligne 3, matrix" in report and "ligne 4, email" in report
        assert "Aucun promeneur" in await coordinator.ask(private, "!promeneurs")

        good = (
            HEADER
            + "@alix:localhost;Alix;Martin;MJC;Lille;alix@mjc.fr;0320000000;;jeunesse;;;actif\n"
            + "@chloe:localhost;Chloé;Petit;Centre social;Roubaix;;;;parentalité;;;actif\n"
        )
        sent = await coordinator.send_file(room, "annuaire.csv", good.encode(), "text/csv")
        preview = await coordinator.ask(room, "!annuaire importer", reply_to=sent)
        assert "2 ajout(s)" in preview and "Rien n'a encore changé" in preview, preview
        assert "Aucun promeneur" in await coordinator.ask(private, "!promeneurs")
        applied = await coordinator.ask(room, "!annuaire importer confirmer", reply_to=sent)
        assert "Import appliqué : 2 ajout(s)" in applied, applied
        assert "2 promeneur(s)" in await coordinator.ask(private, "!promeneurs")

        await coordinator.send(private, "!annuaire exporter")
        exported = await file_reply(coordinator, private, bot_id, "annuaire.csv")
        rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";"))
        assert [(r["matrix"], r["structure"], r["type"]) for r in rows] == [
            ("@alix:localhost", "MJC", "jeunesse"),
            ("@chloe:localhost", "Centre social", "parentalité"),
        ]
        journal = await coordinator.ask(private, "!journal")
        assert "annuaire importer @alix:localhost" in journal
        assert "annuaire exporter" in journal
    finally:
        bot.process.stop()


async def test_my_data_and_erasure_keep_the_network_totals(
    network: Network, tmp_path: Path
) -> None:
    camille = network.promeneur
    bot, _ = await _directory_bot(network, tmp_path, "pdn-bot-donnees")
    bot_id = bot.account.user_id
    try:
        dm = await open_dm(camille, bot_id)
        declared = await camille.ask(dm, '!declarer 3h jeunes=4 remarque="atelier slam"')
        assert "Enregistrée" in declared
        assert "Voici tout ce que le bot garde" in await camille.ask(dm, "!mes-donnees")
        mine = json.loads(await file_reply(camille, dm, bot_id, "mes-donnees.json"))
        assert mine["identifiant"] == camille.user_id
        assert [d["hours"] for d in mine["declarations"]] == [3.0]
        elsewhere = await camille.ask(bot.room, "!mes-donnees")
        assert "je vous l'envoie dans notre message direct chiffré" in elsewhere
        await wait_until(lambda: len(_files(camille, dm, bot_id, "mes-donnees.json")) == 2)
        assert not _files(camille, bot.room, bot_id, "mes-donnees.json")

        asked = await camille.ask(dm, "!supprimer-mes-donnees")
        assert "!supprimer-mes-donnees confirmer" in asked
        done = await camille.ask(dm, "!supprimer-mes-donnees confirmer")
        assert "C'est fait" in done

        ((owner, hours, remark),) = rows(
            bot.database_url, "SELECT user_id, hours, remark FROM declaration"
        )
        assert hours == 3.0  # the network's totals are unchanged
        assert owner.startswith("anonyme-") and owner != camille.user_id
        assert remark == ""  # her words do not stay
        # the bot's messages to her are gone, or empty once delivered; only the confirmation
        # may still wait to be sent
        kept = rows(bot.database_url, "SELECT room_id, content FROM outbox_message")
        assert not [c for _, c in kept if "atelier slam" in str(c) or camille.user_id in str(c)]
        assert (
            len([room for room, content in kept if room == dm and content not in ("{}", {})]) <= 1
        )

        await camille.send(dm, "!mes-donnees")
        await wait_until(lambda: len(_files(camille, dm, bot_id, "mes-donnees.json")) == 3)
        _, data = await fetch_file(
            camille.client, dm, _files(camille, dm, bot_id, "mes-donnees.json")[-1]
        )
        assert json.loads(data)["declarations"] == []
    finally:
        bot.process.stop()


def _files(person: Person, room: str, sender: str, name: str) -> list[str]:
    """The ids of the files named `name` that `sender` posted in `room`, in order."""
    return [str(e.event_id) for e in person.messages_from(sender, room) if body(e) == name]  # type: ignore[attr-defined]


async def test_announcement_dashboard_and_a_coordinator_added_in_chat(network: Network) -> None:
    coordinator, camille, room = network.coordinator, network.promeneur, network.room
    bot_id = network.bot_account.user_id
    posted = await coordinator.ask(room, "!annonce dm Formation <b>annulée</b> jeudi")
    assert "Annonce publiée dans 2 salon(s)" in posted, posted  # the room and Camille's DM
    announced = await camille.wait_message(bot_id, network.dm, "Formation <b>annulée</b>")
    html = announced.source["content"].get("formatted_body", "")
    assert "<b>" not in html and "&lt;b&gt;" in html  # user text is escaped, never rendered

    board = await coordinator.ask(room, "!tableau-de-bord")
    for part in ("Annuaire", "Déclarations du", "Prochaines réunions", "Prochaine échéance",
                 "Questions sans réponse"):  # fmt: skip
        assert part in board, board

    assert "réservée à la coordination" in await camille.ask(room, "!journal")
    added = await coordinator.ask(room, f"!coordinateur ajouter {camille.user_id}")
    assert "fait maintenant partie de la coordination" in added
    try:
        assert "Journal d'administration" in await camille.ask(network.dm, "!journal 5")
    finally:
        removed = await coordinator.ask(room, f"!coordinateur retirer {camille.user_id}")
    assert "n'a plus le rôle" in removed
    assert "réservée à la coordination" in await camille.ask(room, "!journal")


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
        await wait_until(lambda: who not in coordinator.client.rooms[room].users, timeout=60)
    finally:
        bot.process.stop()
        await eden.stop()
