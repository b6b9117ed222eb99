"""Trainings: the network's sessions (meetings of the kind formation) with their confirmed
attendance, trainings followed elsewhere, needs noted, the year's plan and the annual report,
through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from tests.behaviour.test_directory import files_posted
from tests.harness import NOW, LocalNetwork


async def test_the_years_trainings_in_the_plan_and_the_annual_report(local: LocalNetwork) -> None:
    coordinator, camille, room = local.coordinator, local.promeneur, local.room
    private, harness = local.coordinator_dm, local.harness
    day = (NOW.date() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    try:
        created = await coordinator.ask(
            room, f'!reunion ajouter formation titre="Formation RGPD" quand="{day} 9h30"'
        )
        number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]
        plan = await coordinator.ask(private, "!formations")
        assert "Formation RGPD — à venir" in plan, plan

        harness.move_clock(NOW + dt.timedelta(days=1, hours=5))
        await coordinator.ask(private, f"!reunion presents {number} {camille.user_id}")
        mine = await camille.ask(local.dm, '!formation suivie "PSC1" date=12/10/2026 duree=7h')
        assert f"Formation notée pour {camille.user_id} : PSC1, le 12/10/2026, 7 h." in mine, mine
        other = await camille.ask(local.dm, "!formation suivie @autre:x PSC1 date=12/10/2026")
        assert "la coordination les note" in other, other
        wrong = await camille.ask(local.dm, "!formation suivie date=31/02/2026 duree=beaucoup")
        assert "• titre :" in wrong and "• date :" in wrong and "• duree :" in wrong, wrong
        noted = await coordinator.ask(
            private, f"!formation besoin {camille.user_id} gestion de crise"
        )
        assert "Besoin de formation noté" in noted, noted

        plan = await coordinator.ask(private, "!formations 2026")
        assert "• séances de formation du réseau tenues (présences confirmées) : 1" in plan, plan
        assert "• 1 promeneur(s) formé(s), 2 formation(s) suivie(s)" in plan, plan
        assert "• besoins notés : gestion de crise (1)" in plan, plan
        assert "Formation RGPD — 1 présent(s) sur" in plan, plan

        report = await coordinator.ask(private, "!rapport 2026")
        assert "Formations 2026 :" in report, report
        (sent,) = files_posted(local, private, "formations-2026.csv")[-1:]
        table = list(
            csv.reader(
                io.StringIO(harness.client.stored_file(sent).decode("utf-8-sig")), delimiter=";"
            )
        )
        assert [camille.user_id, "Formation RGPD", day, "", "séance du réseau"] in table, table
        assert [camille.user_id, "PSC1", "12/10/2026", "7 h", "hors réseau"] in table, table
        assert [camille.user_id, "gestion de crise", "", "", "besoin noté"] in table, table
    finally:
        harness.move_clock(NOW)
