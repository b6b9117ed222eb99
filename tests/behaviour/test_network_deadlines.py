"""The network's own deadlines: added, listed, changed and cancelled in chat, reminded once at
each offset to their audience, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import datetime as dt
import re

from tests.harness import NOW, ZONE, LocalNetwork, Sent

REMINDER = "📅 Échéance"


async def _due_reminders(local: LocalNetwork, moment: dt.datetime) -> list[Sent]:
    """Move the clock to `moment`, plan the reminders again and run those due (the harness's
    scheduler is never started: its jobs are run here); what was sent."""
    harness = local.harness
    harness.move_clock(moment)
    await harness.run_job("network-deadlines")
    before = len(harness.client.sent)
    for job in harness.core.scheduler.get_jobs():
        if job.id.startswith("network-deadline-") and job.args[0].due_at <= moment:
            await job.func(*job.args)
    await harness.sent_all()
    return harness.client.sent[before:]


async def test_a_deadline_is_reminded_once_at_each_offset_to_its_audience(
    local: LocalNetwork,
) -> None:
    coordinator, promeneur, room = local.coordinator, local.promeneur, local.room
    try:
        created = await coordinator.ask(
            room,
            '!echeance ajouter "Appel à projets REAAP" date=15/12/2026 rappels=7j,1j '
            'note="Dossier à déposer sur le site de la Caf."',
        )
        found = re.search(r"Échéance n° (\d+) enregistrée", created)
        assert found, created
        assert "pour les promeneurs" in created and "7j, 1j avant" in created, created
        listed = await promeneur.ask(room, "!echeances")
        assert "Appel à projets REAAP, mardi 15 décembre 2026 (dans 27 jour(s))" in listed, listed

        assert await _due_reminders(local, NOW) == []  # nothing due yet
        seven = await _due_reminders(local, dt.datetime(2026, 12, 8, 9, 0, tzinfo=ZONE))
        (reminder,) = [sent for sent in seven if REMINDER in sent.body]
        assert reminder.room_id == local.dm  # the promeneur's DM, nobody else's
        assert reminder.body.startswith("📅 Échéance dans 7 jours (mardi 15 décembre 2026)")
        assert "Dossier à déposer" in reminder.body
        assert reminder.content["msgtype"] == "m.text"  # it notifies
        assert reminder.content["m.mentions"] == {"user_ids": [promeneur.user_id]}
        again = await _due_reminders(local, dt.datetime(2026, 12, 8, 12, 0, tzinfo=ZONE))
        assert [s for s in again if REMINDER in s.body] == []  # once

        # Moved one day later: the reminders follow the new day.
        number = found[1]
        moved = await coordinator.ask(room, f"!echeance modifier {number} date=16/12/2026")
        assert "modifiée" in moved and "mercredi 16 décembre 2026" in moved, moved
        eve = await _due_reminders(local, dt.datetime(2026, 12, 15, 9, 0, tzinfo=ZONE))
        (tomorrow,) = [sent for sent in eve if REMINDER in sent.body]
        assert tomorrow.body.startswith("📅 Échéance demain (mercredi 16 décembre 2026)")

        # Cancelled: no longer listed, no reminder on the day.
        assert "annulée" in await coordinator.ask(room, f"!echeance annuler {number}")
        assert "REAAP" not in await promeneur.ask(room, "!echeances")
        day = await _due_reminders(local, dt.datetime(2026, 12, 16, 8, 0, tzinfo=ZONE))
        assert [s for s in day if REMINDER in s.body] == []
    finally:
        local.harness.move_clock(NOW)  # the module's network is shared


async def test_a_deadline_for_the_coordination_is_theirs_alone(local: LocalNetwork) -> None:
    coordinator, promeneur, room = local.coordinator, local.promeneur, local.room
    try:
        created = await coordinator.ask(
            room, "!echeance ajouter Bilan du COPIL date=10/12/2026 pour=coordination rappels=1j"
        )
        assert "pour la coordination" in created, created
        assert "Bilan du COPIL" not in await promeneur.ask(room, "!echeances")
        assert "Bilan du COPIL" in await coordinator.ask(room, "!echeances")
        sent = await _due_reminders(local, dt.datetime(2026, 12, 9, 9, 30, tzinfo=ZONE))
        (reminder,) = [s for s in sent if "Bilan du COPIL" in s.body]
        assert reminder.room_id == local.coordinator_dm
    finally:
        local.harness.move_clock(NOW)


async def test_every_wrong_field_of_a_deadline_is_said_and_nothing_is_saved(
    local: LocalNetwork,
) -> None:
    coordinator, room = local.coordinator, local.room
    refused = await coordinator.ask(
        room, "!echeance ajouter Enquête date=12/11/2026 pour=voisins rappels=demain couleur=rouge"
    )
    assert refused.startswith("Échéance non enregistrée"), refused
    for field in ("date", "pour", "rappels", "couleur"):
        assert f"• {field} :" in refused, refused
    assert "Le jeudi 12 novembre 2026 est déjà passé" in refused, refused
    assert "Enquête" not in await coordinator.ask(room, "!echeances")
    assert "réservée à la coordination" in await local.promeneur.ask(
        room, "!echeance ajouter X date=15/12/2026"
    )
