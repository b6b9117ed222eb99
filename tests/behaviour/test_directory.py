"""The directory and the coordination's administration, through the whole bot in process
(tests/harness.py). The homeserver's side (real invitations and removals, the welcome in a real
encrypted room, files crossing the homeserver) stays in tests/integration/test_directory.py."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.databases import Databases, rows
from tests.harness import (
    COORDINATOR,
    LocalNetwork,
    Sent,
    local_network,
    settings_for_tests,
)

HEADER = "matrix;prenom;nom;structure;territoire;email;tel;profils;type;label;charte;statut\n"
SPACE = "!espace:x"


@pytest.fixture
async def own(databases: Databases, tmp_path: Path) -> AsyncIterator[LocalNetwork]:
    """A network of the test's own (an empty directory, a database no other test writes to),
    with a space: new members are invited to it and to the network room. Its knowledge base is
    empty: loading the real one takes seconds, and nothing here asks it."""
    (tmp_path / "knowledge" / "fiches").mkdir(parents=True)
    settings = settings_for_tests(
        network={"space": SPACE}, knowledge={"directory": tmp_path / "knowledge"}
    )
    network = await local_network(databases.new(tmp_path / "data"), settings)
    network.harness.client.add_room(SPACE, {COORDINATOR})
    await network.harness.bot.network.join_configured()  # as the bot does after its first sync
    yield network
    await network.harness.stop()


def files_posted(local: LocalNetwork, room_id: str, name: str) -> list[Sent]:
    """The files named `name` the bot posted in `room_id`, in order."""
    return [
        sent
        for sent in local.bot_messages(room_id)
        if sent.content.get("msgtype") == "m.file" and sent.body == name
    ]


def _member_of(local: LocalNetwork, room_id: str, user_id: str) -> bool:
    return user_id in local.harness.client.rooms[room_id].users


async def test_a_promeneur_is_added_welcomed_edited_found_put_on_leave_and_removed(
    own: LocalNetwork,
) -> None:
    coordinator, camille, room = own.coordinator, own.promeneur, own.room
    who, private = "@dominique:x", own.coordinator_dm
    added = await coordinator.ask(
        room,
        f'!promeneur ajouter {who} prenom=Dominique nom=Leroy structure="MJC Nord" '
        'territoire=Lille email=dominique@mjc-nord.fr tel="03 20 00 00 00" type=jeunesse '
        "charte=01/09/2020",
    )
    assert "Dominique Leroy ajouté·e" in added, added
    # Invited to the space and the room (the recording client lets them in at once).
    assert _member_of(own, SPACE, who) and _member_of(own, room, who)
    await own.harness.run_job("welcome")
    dm = own.harness.core.direct_rooms.find(who)
    assert dm is not None
    (welcome,) = [s for s in own.bot_messages(dm) if "Bienvenue dans le réseau" in s.body]
    assert "!declarer" in welcome.body

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

    charter = await coordinator.ask(room, "!rappel-charte")  # it binds for the whole stay
    assert "Dominique Leroy" not in charter and "toute la durée de la participation" in charter

    leave = await coordinator.ask(room, f"!promeneur conges {who} 15/01/2099")
    assert "jusqu'au 15/01/2099" in leave
    listed = await coordinator.ask(private, "!promeneurs statut=conges")
    assert "Dominique Leroy" in listed and "congés" in listed

    removed = await coordinator.ask(room, f"!promeneur retirer {who}")
    assert "parti·e" in removed
    # Removed from the room and the space: they are no longer members.
    assert not _member_of(own, room, who) and not _member_of(own, SPACE, who)
    assert "Aucun promeneur" in await coordinator.ask(private, "!promeneurs statut=actif")

    journal = await coordinator.ask(private, "!journal")
    for action in ("promeneur ajouter", "promeneur modifier", "promeneur conges",
                   "promeneur retirer"):  # fmt: skip
        assert f"— {action}" in journal, (action, journal)
    assert "statut : congés → parti" in journal
    # Changes only, each with what came of it: the refused e-mail is there as refused, the
    # lists and reminders that changed nothing are not.
    assert "promeneur modifier (@dominique:x email=pas-une-adresse) — refusé" in journal
    assert "rappel-charte" not in journal and "— annuaire" not in journal


async def test_import_with_errors_changes_nothing_then_a_good_one_is_applied_and_exported(
    own: LocalNetwork,
) -> None:
    coordinator, room, private = own.coordinator, own.room, own.coordinator_dm
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
    (exported,) = files_posted(own, private, "annuaire.csv")
    table = csv.DictReader(
        io.StringIO(own.harness.client.stored_file(exported).decode("utf-8-sig")), delimiter=";"
    )
    assert [(r["matrix"], r["structure"], r["type"]) for r in table] == [
        ("@alix:localhost", "MJC", "jeunesse"),
        ("@chloe:localhost", "Centre social", "parentalité"),
    ]
    journal = await coordinator.ask(private, "!journal")
    assert "annuaire importer @alix:localhost" in journal
    assert "annuaire exporter" in journal


async def test_my_data_and_erasure_keep_the_network_totals(
    own: LocalNetwork,
) -> None:
    camille, dm = own.promeneur, own.dm
    declared = await camille.ask(dm, '!declarer 3h jeunes=4 remarque="atelier slam"')
    assert "Enregistrée" in declared
    assert "Voici tout ce que le bot garde" in await camille.ask(dm, "!mes-donnees")
    (sent,) = files_posted(own, dm, "mes-donnees.json")
    mine = json.loads(own.harness.client.stored_file(sent))
    assert mine["identifiant"] == camille.user_id
    assert [d["hours"] for d in mine["declarations"]] == [3.0]
    elsewhere = await camille.ask(own.room, "!mes-donnees")
    assert "je vous l'envoie dans notre message direct chiffré" in elsewhere
    assert len(files_posted(own, dm, "mes-donnees.json")) == 2
    assert not files_posted(own, own.room, "mes-donnees.json")

    asked = await camille.ask(dm, "!supprimer-mes-donnees")
    assert "!supprimer-mes-donnees confirmer" in asked
    done = await camille.ask(dm, "!supprimer-mes-donnees confirmer")
    assert "C'est fait" in done

    ((owner, hours, remark),) = rows(
        own.database_url, "SELECT user_id, hours, remark FROM declaration"
    )
    assert hours == 3.0  # the network's totals are unchanged
    assert owner.startswith("anonyme-") and owner != camille.user_id
    assert remark == ""  # her words do not stay
    # the bot's messages to her are gone, or empty once delivered; only the confirmation
    # may still wait to be sent
    kept = rows(own.database_url, "SELECT room_id, content FROM outbox_message")
    assert not [c for _, c in kept if "atelier slam" in str(c) or camille.user_id in str(c)]
    assert len([room for room, content in kept if room == dm and content not in ("{}", {})]) <= 1

    await camille.send(dm, "!mes-donnees")
    posted = files_posted(own, dm, "mes-donnees.json")
    assert len(posted) == 3
    assert json.loads(own.harness.client.stored_file(posted[-1]))["declarations"] == []


async def test_announcement_dashboard_and_a_coordinator_added_in_chat(
    own: LocalNetwork,
) -> None:
    coordinator, camille, room = own.coordinator, own.promeneur, own.room
    posted = await coordinator.ask(room, "!annonce dm Formation <b>annulée</b> jeudi")
    assert "Annonce publiée dans 2 salon(s)" in posted, posted  # the room and Camille's DM
    (announced,) = [s for s in own.bot_messages(own.dm) if "Formation <b>annulée</b>" in s.body]
    html = announced.content.get("formatted_body", "")
    assert "<b>" not in html and "&lt;b&gt;" in html  # user text is escaped, never rendered

    board = await coordinator.ask(room, "!tableau-de-bord")
    for part in ("Annuaire", "Déclarations du", "Prochaines réunions", "Prochaine échéance",
                 "Questions sans réponse"):  # fmt: skip
        assert part in board, board

    assert "réservée à la coordination" in await camille.ask(room, "!journal")
    added = await coordinator.ask(room, f"!coordinateur ajouter {camille.user_id}")
    assert "fait maintenant partie de la coordination" in added
    try:
        assert "Journal d'administration" in await camille.ask(own.dm, "!journal 5")
    finally:
        removed = await coordinator.ask(room, f"!coordinateur retirer {camille.user_id}")
    assert "n'a plus le rôle" in removed
    assert "réservée à la coordination" in await camille.ask(room, "!journal")


async def test_a_network_may_have_the_charter_signed_again(
    databases: Databases, tmp_path: Path
) -> None:
    (tmp_path / "knowledge" / "fiches").mkdir(parents=True)
    settings = settings_for_tests(
        directory={"charter_validity_days": 365}, knowledge={"directory": tmp_path / "knowledge"}
    )
    network = await local_network(databases.new(tmp_path / "data"), settings)
    try:
        coordinator, room = network.coordinator, network.room
        added = await coordinator.ask(
            room, "!promeneur ajouter @dominique:x prenom=Dominique charte=01/09/2020"
        )
        assert "ajouté·e" in added, added
        charter = await coordinator.ask(room, "!rappel-charte")
        assert "Dominique" in charter and "01/09/2020" in charter and "365 jours" in charter
    finally:
        await network.harness.stop()
