"""Referral questions as promeneurs ask them, through the whole bot in process
(tests/harness.py)."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import DEFAULT_KNOWLEDGE_DIR, Settings
from tests.databases import Databases
from tests.harness import LocalNetwork, local_network, settings_for_tests


def _settings(**knowledge: Any) -> Settings:
    """As the integration tests' bot is configured: no department, and no contact given, so
    the coordination is reached through its coordinators."""
    return settings_for_tests(knowledge={"department": "", "contact": "", **knowledge})


@pytest.fixture(scope="module")
async def local(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LocalNetwork]:
    network = await local_network(databases.new(tmp_path_factory.mktemp("local")), _settings())
    yield network
    await network.harness.stop()


async def test_question_after_a_mention_gets_the_entry(local: LocalNetwork) -> None:
    event_id = await local.promeneur.send(
        local.room,
        "Assistant PdN: un faux compte à son nom publie des montages humiliants sur insta, vers "
        "qui l'orienter ?",
    )
    reply = local.promeneur.replies_to(event_id)[0]
    content = reply.content

    assert content["body"].startswith("📌 Cyberharcèlement")
    assert "3018" in content["body"]
    assert "<strong>📌 Cyberharcèlement</strong>" in content["formatted_body"]
    assert content["msgtype"] == "m.notice"


async def test_refer_command_and_its_aliases(local: LocalNetwork) -> None:
    question = "il fume des joints tous les jours"
    french = await local.promeneur.ask(local.room, f"!orienter {question}")
    english = await local.promeneur.ask(local.room, f"!refer {question}")
    usage = await local.promeneur.ask(local.room, "!relais")

    assert french.startswith("📌 Cannabis et autres drogues")
    assert english == french
    assert "Il manque : question" in usage


async def test_danger_in_a_direct_message_brings_the_emergency_numbers_first(
    local: LocalNetwork,
) -> None:
    answer = await local.promeneur.ask(
        local.dm, "une jeune harcelée sur insta m'écrit qu'elle veut en finir ce soir"
    )
    lines = answer.splitlines()

    assert lines[0].startswith("⚠️ Danger immédiat")
    assert lines[1].startswith("• 3114")
    assert "Idées suicidaires" in answer  # the entry, or among the choices offered


async def test_ambiguous_question_offers_choices_picked_by_number(local: LocalNetwork) -> None:
    offer = await local.promeneur.ask(local.room, "!orienter elle se fait harceler sur snap")
    titles = re.findall(r"^\d\. (.+)$", offer, flags=re.MULTILINE)
    assert offer.startswith("Plusieurs fiches peuvent correspondre")
    assert len(titles) >= 2

    stranger = await local.coordinator.send(local.room, "2")
    picked = await local.promeneur.ask(local.room, "2")

    assert picked.startswith(f"📌 {titles[1]}")
    assert local.coordinator.replies_to(stranger) == []  # nothing was offered to them


async def test_greeting_is_not_taken_for_a_question(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.dm, "merci beaucoup !")

    assert answer.startswith("Posez-moi votre question d'orientation")


async def test_question_starting_like_a_command_is_a_question(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.dm, "aide pour une ado qui se fait vomir")

    assert answer.startswith("📌 Troubles des conduites alimentaires")


async def test_unanswered_question_is_kept_scrubbed_for_the_coordination(
    local: LocalNetwork,
) -> None:
    answer = await local.promeneur.ask(
        local.dm,
        "rose (06 12 34 56 78) habite 12 rue des lilas, elle cherche la recette du couscous",
    )
    listed = await local.coordinator.ask(local.room, "!kb non-resolues")
    stats = await local.coordinator.ask(local.room, "!kb stats")

    assert answer.startswith("Je n'ai pas de fiche")
    assert local.coordinator.user_id in answer  # the coordination's contact
    kept = "[nom] ([numéro]) habite [adresse], elle cherche la recette du couscous"
    assert f"« {kept} »" in answer  # the reply says exactly what is kept
    assert kept in listed
    assert "rose" not in listed and "06 12" not in listed and "lilas" not in listed
    assert "Fiches les plus consultées" in stats
    assert "Questions sans réponse" in stats


async def test_kb_commands_are_for_the_coordination(local: LocalNetwork) -> None:
    refused = await local.promeneur.ask(local.room, "!kb stats")

    assert "réservée à la coordination" in refused


async def test_reload_reports_a_broken_file_and_keeps_the_previous_base(
    databases: Databases, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
    second = await local_network(databases.new(tmp_path / "data"), _settings(directory=knowledge))
    coordinator = second.coordinator
    try:
        entry = knowledge / "fiches" / "nationales" / "jeux-argent.md"
        entry.write_text(
            entry.read_text(encoding="utf-8").replace('titre = "', "titre = ", 1),
            encoding="utf-8",
        )
        failed = await coordinator.ask(second.room, "!kb recharger")
        still = await coordinator.ask(second.room, "!orienter paris sportifs chez un mineur")
        entry.write_text(
            (DEFAULT_KNOWLEDGE_DIR / "fiches" / "nationales" / "jeux-argent.md").read_text(
                encoding="utf-8"
            ),
            encoding="utf-8",
        )
        reloaded = await coordinator.ask(second.room, "!kb recharger")
    finally:
        await second.harness.stop()

    assert "n'a pas été rechargée" in failed
    assert "fiches/nationales/jeux-argent.md, ligne 3" in failed
    assert "base précédente reste en service" in failed
    assert still.startswith("📌 Jeux d'argent et paris sportifs")
    assert reloaded.startswith("Base de connaissances rechargée")
