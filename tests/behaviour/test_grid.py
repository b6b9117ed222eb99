"""The coordinator's quarterly time grid (!grille), as the coordinator uses it, through the
whole bot in process (tests/harness.py, clock in T4 2026)."""

from __future__ import annotations

import io
import zipfile

from tests.harness import LocalNetwork


async def test_the_grid_shows_the_tasks_and_what_the_bot_saw(local: LocalNetwork) -> None:
    coordinator, dm = local.coordinator, local.coordinator_dm
    await local.promeneur.ask(local.room, "!orienter cyberharcèlement")
    await coordinator.ask(local.room, "!annonce Réunion de réseau jeudi")

    shown = await coordinator.ask(dm, "!grille")

    assert shown.startswith("Grille de répartition du temps, T4 2026 :")
    assert "1. Organisation de réunions et rencontres du réseau : —" in shown
    assert "10. Événements départementaux et régionaux : —" in shown
    assert "Total : 0 h" in shown
    seen = shown.split("Vu par le bot : ")[1]
    assert "1 annonce(s)" in seen and "1 question(s) d'orientation" in seen, seen
    assert "!grille reunions=6 formations=3h30" in shown


async def test_hours_typed_by_task_are_kept_per_quarter_and_go_into_the_report(
    local: LocalNetwork,
) -> None:
    coordinator, dm = local.coordinator, local.coordinator_dm

    saved = await coordinator.ask(dm, "!grille reunions=6 formations=3h30 echanges=12")
    assert "T4 2026, enregistrée" in saved
    assert "1. Organisation de réunions et rencontres du réseau : 6 h" in saved
    assert "2. Formations (organisation, participation) : 3 h 30" in saved
    assert "3. Échanges avec les promeneurs (suivi individuel) : 12 h" in saved
    assert "Total : 21 h 30" in saved
    again = await coordinator.ask(dm, "!grille 2=4")  # by number: replaces that task only
    assert "2. Formations (organisation, participation) : 4 h" in again
    assert "Total : 22 h" in again
    other = await coordinator.ask(dm, "!grille T3 2026 1=2")
    assert "T3 2026, enregistrée" in other and "Total : 2 h" in other
    assert "Total : 22 h" in await coordinator.ask(dm, "!grille")  # T4 untouched

    event_id = await coordinator.send(dm, "!rapport T4 2026")
    assert coordinator.replies_to(event_id)
    (book,) = [s for s in local.bot_messages(dm) if s.body == "bilan-pdn-2026-Q4.xlsx"][-1:]
    with zipfile.ZipFile(io.BytesIO(local.harness.client.stored_file(book))) as workbook:
        assert 'name="Grille du coordinateur"' in workbook.read("xl/workbook.xml").decode()
        strings = workbook.read("xl/sharedStrings.xml").decode()
    assert "Échanges avec les promeneurs (suivi individuel)" in strings


async def test_what_the_grid_cannot_read_is_said_and_nothing_changes(local: LocalNetwork) -> None:
    coordinator, dm = local.coordinator, local.coordinator_dm
    before = await coordinator.ask(dm, "!grille T2 2026")

    for typed, said in (
        ("!grille T2 2026 cuisine=3", "« cuisine » ne désigne pas une seule tâche"),
        ("!grille T2 2026 formations=900", "900 h"),
        ("!grille 2026 1=3", "la grille est trimestrielle"),
        ("!grille T2 2026 6", "à quelle tâche ?"),
    ):
        refused = await coordinator.ask(dm, typed)
        assert refused.startswith("Grille non modifiée :") and said in refused, refused
    assert await coordinator.ask(dm, "!grille T2 2026") == before
    assert "réservée à la coordination" in await local.promeneur.ask(local.dm, "!grille")
