"""The weekly declaration dialogue as a promeneur lives it, through the real homeserver."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bot.declarations.weeks import Week
from tests.databases import rows
from tests.integration.conftest import Network, new_person, open_dm, start_second_bot

pytestmark = pytest.mark.integration


def _weeks_ago(count: int) -> Week:
    return Week.of(dt.date.today()).shifted(-count)


async def test_full_dialogue_with_typos_corrections_and_a_restart(network: Network) -> None:
    camille, dm = network.promeneur, network.dm
    week = _weeks_ago(1)

    async def say(text: str) -> str:
        return await camille.ask(dm, text)

    assert "(1/9)" in await say(f"!declarer semaine {week.number}")
    assert "(2/9) Sur quels réseaux sociaux ?" in await say("3h30")
    assert "(3/9)" in await say("insta, snpachat et discord")
    young = await camille.send(dm, "douze")
    assert "(4/9)" in str((await camille.wait_reply(dm, young)).source["content"]["body"])
    fixed = await camille.send(dm, "quinze", edits=young)
    reply = await camille.wait_reply(dm, fixed)
    assert reply.source["content"]["body"] == "Réponse modifiée — Jeunes en contact : 15."
    assert (await network.promeneur.ask(network.room, "!ping")).startswith("Pong")
    refused = await say("beaucoup")
    assert refused.startswith("« beaucoup » n'est pas un nombre entier")
    assert "(4/9)" in refused
    assert "(5/9)" in await say("5")
    assert "(4/9)" in await say("retour")
    assert "(5/9)" in await say("cinq")
    assert "(6/9)" in await say("2 3")
    assert "(7/9)" in await say("5 2 1 0")

    await asyncio.to_thread(network.bot.stop)
    await asyncio.to_thread(network.bot.start)

    assert "(8/9)" in await say("cyberharcelement, mal etre")
    assert "(9/9)" in await say("3018 x2, fil sante jeunes")
    refused = await say("vu kenza (3eB au collège Jean Moulin), son 0\u200b6 12 34 56 78")
    assert "(9/9)" in refused
    for kind in ("un prénom ou un nom", "un établissement scolaire", "un numéro de téléphone"):
        assert kind in refused
    assert "kenza" not in refused and "Moulin" not in refused  # the reply is kept too
    summary = await say("passer")
    assert f"Déclaration de la semaine {week.number}" in summary
    assert "• Heures en ligne : 3 h 30" in summary
    assert "• Réseaux : Instagram, Snapchat, Discord" in summary
    assert "• Jeunes en contact : 15" in summary
    assert "• Contacts courts : 5" in summary
    assert "• Orientations : Fil Santé Jeunes : 1, 3018 : 2" in summary
    assert "Merci ! Déclaration enregistrée" in await say("oui")

    mine = await say("!mes-declarations")
    assert f"semaine {week.number} : 3 h 30, 15 jeune(s)" in mine


async def test_cancel_saves_nothing_and_redeclaring_offers_the_old_values(
    network: Network,
) -> None:
    camille, dm = network.promeneur, network.dm
    week = _weeks_ago(2)

    assert "(1/9)" in await camille.ask(dm, f"!declarer {week}")
    assert "(2/9)" in await camille.ask(dm, "2,5")
    assert "rien n'a été enregistré" in await camille.ask(dm, "annuler")
    assert f"semaine {week.number} : à déclarer" in await camille.ask(dm, "!mes-declarations")

    saved = await camille.ask(dm, f"!declarer 2h reseaux=insta jeunes=3 semaine={week.number}")
    assert "Enregistrée" in saved
    again = await camille.ask(dm, f"!declarer semaine {week.number}")
    assert "déjà déclarée" in again
    assert "Réponse actuelle : 2 h" in again
    assert "(2/9)" in await camille.ask(dm, "garder")
    assert "rien n'a été enregistré" in await camille.ask(dm, "annuler")


async def test_empty_week_in_one_step_and_missing_weeks_for_the_coordination(
    network: Network,
) -> None:
    camille, dm = network.promeneur, network.dm
    week = _weeks_ago(3)

    await camille.ask(dm, f"!declarer semaine {week.number}")
    assert "rien cette semaine" in await camille.ask(dm, "congés")
    assert "enregistrée" in await camille.ask(dm, "oui")
    missing = await network.coordinator.ask(network.room, "!declarations manquantes")
    refused = await camille.ask(network.room, "!declarations manquantes")

    assert missing.startswith("Semaines manquantes du T")
    # Early in a quarter camille may have no missing week at all: then she is not listed.
    for line in (line for line in missing.splitlines() if camille.user_id in line):
        assert str(week.number) not in line.split(":", 1)[1].replace(",", " ").split()
    assert "réservée à la coordination" in refused


async def test_declaring_in_a_room_is_redirected_to_a_direct_message(network: Network) -> None:
    answer = await network.promeneur.ask(network.room, "!declarer")

    assert "en message direct" in answer


async def test_help_for_declarer_documents_the_fast_path(network: Network) -> None:
    answer = await network.promeneur.ask(network.room, "!aide declarer")

    assert "!declarer 4h reseaux=insta,snap jeunes=12" in answer


def _figure(summary: str, label: str) -> float:
    line = next(line for line in summary.splitlines() if line.startswith(f"• {label} : "))
    value = line.split(" : ", 1)[1]
    if " h" in value:
        hours, _, minutes = value.partition(" h")
        return int(hours) + (int(minutes) / 60 if minutes.strip() else 0)
    return float(value)


async def test_report_sums_the_declarations_and_comes_with_its_files(network: Network) -> None:
    camille, coordinator = network.promeneur, network.coordinator
    weeks = [_weeks_ago(4), _weeks_ago(5)]
    quarter = weeks[0].quarter
    dm = await coordinator.create_room(
        "", invite=[network.bot_account.user_id], encrypted=True, direct=True
    )
    await coordinator.wait_member(dm, network.bot_account.user_id)
    for week in weeks:  # make sure they exist before the first report
        await camille.ask(network.dm, f"!declarer 1h jeunes=1 semaine={week.number}")
    before = await coordinator.ask(dm, f"!rapport T{quarter.number} {quarter.year}")

    await camille.ask(network.dm, f"!declarer 2h30 jeunes=4 semaine={weeks[0].number}")
    await camille.ask(network.dm, f"!declarer 1h30 jeunes=3 contacts=2 semaine={weeks[1].number}")
    event_id = await coordinator.send(dm, f"!rapport T{quarter.number} {quarter.year}")
    after = str((await coordinator.wait_reply(dm, event_id)).source["content"]["body"])

    hours = "Heures de présence en ligne"
    young = "Jeunes en contact (somme des semaines)"
    assert _figure(after, hours) - _figure(before, hours) == pytest.approx(4 - 2)
    assert _figure(after, young) - _figure(before, young) == 7 - 2
    stem = f"bilan-pdn-{quarter.year}-Q{quarter.number}"
    for name in (f"{stem}.csv", f"{stem}.xlsx", f"{stem}.png"):

        def is_file(room: str, event: object, name: str = name) -> bool:
            content = getattr(event, "source", {}).get("content", {})
            return room == dm and content.get("body") == name

        await coordinator.wait_for(is_file)
    refused = await camille.ask(network.dm, "!rapport")
    assert "réservée à la coordination" in refused


async def test_a_dialogue_ends_unsaved_when_its_author_leaves_the_network(
    network: Network, tmp_path: Path
) -> None:
    coordinator = network.coordinator
    eden = await new_person(network.synapse, "eden-dialogue", tmp_path / "people")
    bot = await start_second_bot(network, "pdn-bot-role", tmp_path, members=(eden,))
    try:
        added = await coordinator.ask(bot.room, f"!promeneur ajouter {eden.user_id} prenom=Eden")
        assert "ajouté·e" in added, added
        dm = await open_dm(eden, bot.account.user_id)
        assert "(1/9)" in await eden.ask(dm, "!declarer")
        assert "(2/9)" in await eden.ask(dm, "2h")
        removed = await coordinator.ask(bot.room, f"!promeneur retirer {eden.user_id}")
        assert "parti·e" in removed, removed

        after = await eden.ask(dm, "instagram")
        assert "ne faites plus partie des promeneurs" in after, after
        assert "rien n'a été enregistré" in after
        assert rows(bot.database_url, "SELECT user_id FROM declaration") == []
        assert "(1/9)" not in await eden.ask(dm, "3")  # nothing goes on
    finally:
        bot.process.stop()
        await eden.stop()


async def test_a_remark_that_identifies_a_young_person_is_refused_and_not_kept(
    network: Network,
) -> None:
    camille, dm = network.promeneur, network.dm
    week = _weeks_ago(9)
    remark = "suivi de léa martin, 4e B au collège Jean Moulin, snap lea.m2011, 06\u200b12 34 56 78"
    refused = await camille.ask(
        dm, f'!declarer 1h jeunes=1 semaine={week.number} remarque="{remark}"'
    )
    assert "Cette remarque contient" in refused, refused
    assert "léa" not in refused.lower() and "Moulin" not in refused  # not repeated either
    kept = rows(network.database_url, "SELECT remark FROM declaration")
    assert not [r for (r,) in kept if "martin" in str(r).lower() or "moulin" in str(r).lower()]
