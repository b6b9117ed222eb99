"""The register of structures: added, listed with what is missing, changed, removed, and
round-tripped through its CSV file, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import csv
import io

from tests.behaviour.test_directory import files_posted, own  # noqa: F401 (the fixture)
from tests.harness import LocalNetwork

HEADER = "nom;type;convention_debut;convention_fin;charte;bilan;contact;email;tel\n"


async def test_structures_are_registered_listed_with_what_is_missing_and_changed(
    own: LocalNetwork,  # noqa: F811
) -> None:
    coordinator, private, room = own.coordinator, own.coordinator_dm, own.room
    added = await coordinator.ask(
        private,
        '!structure ajouter "MJC Nord" type=MJC convention_debut=01/01/2026 '
        'convention_fin=31/12/2026 contact="Mme Durand" email=direction@mjc-nord.fr',
    )
    assert "« MJC Nord » ajoutée" in added, added
    await coordinator.ask(
        private, '!promeneur ajouter @alix:localhost prenom=Alix structure="mjc nord"'
    )
    twice = await coordinator.ask(private, '!structure ajouter "mjc  NORD"')
    assert "déjà au registre" in twice, twice

    listed = await coordinator.ask(private, "!structures")
    assert "• MJC Nord (MJC) : 1 promeneur(s)" in listed, listed  # matched without case
    assert "convention à renouveler avant le 31/12/2026" in listed, listed  # today 18/11/2026
    assert "charte pas encore signée par la structure" in listed
    assert "bilan annuel 2025 pas encore reçu" in listed  # due by 31 January 2026

    wrong = await coordinator.ask(
        private, '!structure modifier "MJC Nord" charte=32/01/2026 bilan=hier'
    )
    assert "• charte :" in wrong and "• bilan :" in wrong, wrong
    changed = await coordinator.ask(
        private, '!structure modifier "MJC Nord" charte=15/01/2026 bilan=2025'
    )
    assert "« MJC Nord » modifiée" in changed and "→ 15/01/2026" in changed, changed
    listed = await coordinator.ask(private, "!structures")
    assert "charte pas encore signée" not in listed and "pas encore reçu" not in listed, listed
    # Contacts are for the coordination in private; a promeneur cannot list them.
    assert "réservée à la coordination" in await own.promeneur.ask(room, "!structures")

    assert "retirée" in await coordinator.ask(private, '!structure retirer "MJC Nord"')
    listed = await coordinator.ask(private, "!structures")
    assert "absentes du registre : mjc nord" in listed, listed


async def test_the_register_round_trips_through_its_csv_file(own: LocalNetwork) -> None:  # noqa: F811
    coordinator, private = own.coordinator, own.coordinator_dm
    broken = HEADER + "Centre social Est;centre social;;;pas une date;;;;\n;;;;;;;;\n"
    sent = await coordinator.send_file(private, "structures.csv", broken.encode(), "text/csv")
    report = await coordinator.ask(private, "!structures importer", reply_to=sent)
    assert "1 erreur(s) : rien n'a changé" in report and "ligne 2, charte" in report, report

    good = (
        HEADER
        + "Centre social Est;centre social;01/09/2025;31/08/2028;20/09/2025;2025;M. Petit;;"
        + "0320000000\n"
        + "=MJC Sud;MJC;;;;;;;\n"
    )
    sent = await coordinator.send_file(private, "structures.csv", good.encode(), "text/csv")
    preview = await coordinator.ask(private, "!structures importer", reply_to=sent)
    assert "2 ajout(s)" in preview and "Rien n'a encore changé" in preview, preview
    applied = await coordinator.ask(private, "!structures importer confirmer", reply_to=sent)
    assert "Import appliqué : 2 ajout(s)" in applied, applied

    await coordinator.send(private, "!structures exporter")
    (exported,) = files_posted(own, private, "structures.csv")
    data = own.harness.client.stored_file(exported)
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == HEADER.strip().split(";")
    assert table[1] == ["Centre social Est", "centre social", "01/09/2025", "31/08/2028",
                        "20/09/2025", "2025", "M. Petit", "", "03 20 00 00 00"]  # fmt: skip
    assert table[2][0] == "'=MJC Sud"  # a name that would be a formula is made inert

    # The exported file, imported again, changes nothing.
    sent = await coordinator.send_file(private, "structures.csv", data, "text/csv")
    again = await coordinator.ask(private, "!structures importer", reply_to=sent)
    assert "0 ajout(s), 0 modification(s), 2 fiche(s) identique(s)" in again, again
