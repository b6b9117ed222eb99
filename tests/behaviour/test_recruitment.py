"""Recruitment: candidates from the application to the label, the COPIL's target and the
progress towards it on the dashboard, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import re

from tests.harness import LocalNetwork


async def test_candidates_move_through_their_statuses_towards_the_copils_target(
    local: LocalNetwork,
) -> None:
    coordinator, private = local.coordinator, local.coordinator_dm
    count = len(local.harness.bot.network.promeneurs())
    unset = await coordinator.ask(private, "!candidats")
    assert "Pas d'objectif 2026 du COPIL" in unset, unset

    target = await coordinator.ask(private, f"!recrutement objectif {count * 2}")
    assert f"Objectif 2026 du COPIL : {count * 2} promeneurs ; {count} aujourd'hui (50 %)." in (
        target
    ), target
    added = await coordinator.ask(
        private, '!candidat ajouter "Sam Leroy" structure="Centre social Est" email=sam@cs-est.fr'
    )
    number = re.search(r"Candidature n° (\d+) enregistrée", added)[1]  # type: ignore[index]
    other = await coordinator.ask(private, '!candidat ajouter "Lou Petit"')
    other_number = re.search(r"n° (\d+)", other)[1]  # type: ignore[index]
    wrong = await coordinator.ask(private, "!candidat ajouter email=pas-un-mail couleur=bleue")
    assert "• email :" in wrong and "le nom du candidat manque" in wrong, wrong

    assert "présélectionné·e" in await coordinator.ask(
        private, f"!candidat {number} présélectionnée"
    )
    assert "présenté·e au COPIL" in await coordinator.ask(
        private, f"!candidat {number} présentée au COPIL"
    )
    assert "statut attendu" in await coordinator.ask(private, f"!candidat {number} peut-être")
    listed = await coordinator.ask(private, "!candidats")
    assert "présenté·e au COPIL (1) :\n• n° " in listed and "Sam Leroy, Centre social Est" in (
        listed
    ), listed
    assert "candidature reçue (1) :" in listed, listed

    board = await coordinator.ask(private, "!tableau-de-bord")
    assert "• Recrutement : Objectif 2026 du COPIL" in board, board
    assert "Candidatures en cours : 2." in board, board
    labelled = await coordinator.ask(private, f"!candidat {number} labellisé")
    assert "labellisé·e" in labelled and "!promeneur ajouter" in labelled, labelled
    assert "retirée" in await coordinator.ask(private, f"!candidat retirer {other_number}")
    board = await coordinator.ask(private, "!tableau-de-bord")
    assert "Candidatures en cours : 0." in board, board
    assert "réservée à la coordination" in await local.promeneur.ask(local.room, "!candidats")
