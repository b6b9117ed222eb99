"""The weekly declaration dialogue as a promeneur lives it, through the whole bot in process
(tests/harness.py); weeks are counted back from the harness clock (tests.harness.NOW)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from bot.declarations.weeks import Week
from tests.databases import rows
from tests.harness import NOW, ZONE, LocalNetwork, Speaker


def _weeks_ago(count: int) -> Week:
    return Week.of(NOW.date()).shifted(-count)


async def test_full_dialogue_with_typos_and_corrections(local: LocalNetwork) -> None:
    camille, dm = local.promeneur, local.dm
    week = _weeks_ago(1)

    async def say(text: str) -> str:
        return await camille.ask(dm, text)

    # The first declaration of the quarter has the quarter's question: ten questions.
    assert "(1/10)" in await say(f"!declarer semaine {week.number}")
    assert "(2/10) Sur quels réseaux sociaux ?" in await say("3h30")
    friends = await say("insta, snpachat et discord")
    assert "(3/10) Question du trimestre : combien de jeunes sont amis ou abonnés" in friends
    assert "(4/10)" in await say("240")
    young = await camille.send(dm, "douze")
    assert "(5/10)" in camille.replies_to(young)[0].body
    fixed = await camille.send(dm, "quinze", edits=young)
    (reply,) = camille.replies_to(fixed)
    assert reply.body == "Réponse modifiée — Jeunes en contact : 15."
    assert (await local.promeneur.ask(local.room, "!ping")).startswith("Pong")
    refused = await say("beaucoup")
    assert refused.startswith("« beaucoup » n'est pas un nombre entier")
    assert "(5/10)" in refused
    ages = await say("5")
    assert "(6/10) Combien de jeunes de chaque tranche d'âge ?" in ages
    assert "1. 11-14 ans" in ages and "5. parents" in ages
    assert "(5/10)" in await say("retour")
    assert "(6/10)" in await say("cinq")
    assert "(7/10)" in await say("15-17 : 3, 18-21 : 2")
    assert "(8/10)" in await say("5 2 1 0")
    # tests/integration/test_declarations.py restarts the bot here.
    assert "(9/10)" in await say("cyberharcelement, mal etre")
    assert "(10/10)" in await say("3018 x2, fil sante jeunes")
    refused = await say("vu kenza (3eB au collège Jean Moulin), son 0\u200b6 12 34 56 78")
    assert "(10/10)" in refused
    for kind in ("un prénom ou un nom", "un établissement scolaire", "un numéro de téléphone"):
        assert kind in refused
    assert "kenza" not in refused and "Moulin" not in refused  # the reply is kept too
    summary = await say("passer")
    assert f"Déclaration de la semaine {week.number}" in summary
    assert "• Heures en ligne : 3 h 30" in summary
    assert "• Réseaux sociaux : Instagram, Snapchat, Discord" in summary
    assert "• Amis ou abonnés du profil : 240" in summary
    assert "• Jeunes en contact : 15" in summary
    assert "• Contacts courts : 5" in summary
    assert "• Tranches d'âge : 15-17 ans : 3, 18-21 ans : 2" in summary
    assert "• Orientations : Fil Santé Jeunes : 1, 3018 : 2" in summary
    assert "Merci ! Déclaration enregistrée" in await say("oui")

    # Another week of the same quarter: the quarter's question is not asked again.
    other = await say(f"!declarer semaine {_weeks_ago(4).number}")
    assert "en 9 questions courtes" in other and "(1/9)" in other
    assert "(3/9) Avec combien de jeunes" in await say("2h") + await say("insta")
    assert "rien n'a été enregistré" in await say("annuler")

    mine = await say("!mes-declarations")
    assert f"semaine {week.number} : 3 h 30, 15 jeune(s)" in mine


async def test_cancel_saves_nothing_and_redeclaring_offers_the_old_values(
    local: LocalNetwork,
) -> None:
    camille, dm = local.promeneur, local.dm
    week = _weeks_ago(2)

    assert "(1/" in await camille.ask(dm, f"!declarer {week}")
    assert "(2/" in await camille.ask(dm, "2,5")
    assert "rien n'a été enregistré" in await camille.ask(dm, "annuler")
    assert f"semaine {week.number} : à déclarer" in await camille.ask(dm, "!mes-declarations")

    saved = await camille.ask(dm, f"!declarer 2h reseaux=insta jeunes=3 semaine={week.number}")
    assert "Enregistrée" in saved
    again = await camille.ask(dm, f"!declarer semaine {week.number}")
    assert "déjà déclarée" in again
    assert "Réponse actuelle : 2 h" in again
    assert "(2/" in await camille.ask(dm, "garder")
    assert "rien n'a été enregistré" in await camille.ask(dm, "annuler")


async def test_empty_week_in_one_step_and_missing_weeks_for_the_coordination(
    local: LocalNetwork,
) -> None:
    camille, dm = local.promeneur, local.dm
    week = _weeks_ago(3)

    await camille.ask(dm, f"!declarer semaine {week.number}")
    assert "rien cette semaine" in await camille.ask(dm, "congés")
    assert "enregistrée" in await camille.ask(dm, "oui")
    missing = await local.coordinator.ask(local.room, "!declarations manquantes")
    refused = await camille.ask(local.room, "!declarations manquantes")

    assert missing.startswith("Semaines manquantes du T")
    # Early in a quarter camille may have no missing week at all: then she is not listed.
    for line in (line for line in missing.splitlines() if camille.user_id in line):
        assert str(week.number) not in line.split(":", 1)[1].replace(",", " ").split()
    assert "réservée à la coordination" in refused


async def test_declaring_in_a_room_is_redirected_to_a_direct_message(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.room, "!declarer")

    assert "en message direct" in answer


async def test_help_for_declarer_documents_the_fast_path(local: LocalNetwork) -> None:
    answer = await local.promeneur.ask(local.room, "!aide declarer")

    assert "!declarer 4h reseaux=insta,snap jeunes=12" in answer


def _figure(summary: str, label: str) -> float:
    line = next(line for line in summary.splitlines() if line.startswith(f"• {label} : "))
    value = line.split(" : ", 1)[1]
    if " h" in value:
        hours, _, minutes = value.partition(" h")
        return int(hours) + (int(minutes) / 60 if minutes.strip() else 0)
    return float(value)


async def test_report_sums_the_declarations_and_comes_with_its_files(local: LocalNetwork) -> None:
    camille, coordinator = local.promeneur, local.coordinator
    weeks = [_weeks_ago(4), _weeks_ago(5)]
    quarter = weeks[0].quarter
    dm = local.coordinator_dm
    for week in weeks:  # make sure they exist before the first report
        await camille.ask(local.dm, f"!declarer 1h jeunes=1 semaine={week.number}")
    before = await coordinator.ask(dm, f"!rapport T{quarter.number} {quarter.year}")

    await camille.ask(local.dm, f"!declarer 2h30 jeunes=4 semaine={weeks[0].number}")
    await camille.ask(local.dm, f"!declarer 1h30 jeunes=3 contacts=2 semaine={weeks[1].number}")
    event_id = await coordinator.send(dm, f"!rapport T{quarter.number} {quarter.year}")
    after = coordinator.replies_to(event_id)[0].body

    hours = "Heures de présence en ligne"
    young = "Jeunes en contact (somme des semaines)"
    assert _figure(after, hours) - _figure(before, hours) == pytest.approx(4 - 2)
    assert _figure(after, young) - _figure(before, young) == 7 - 2
    stem = f"bilan-pdn-{quarter.year}-Q{quarter.number}"
    posted = [sent.body for sent in local.bot_messages(dm)]
    for name in (f"{stem}.pdf", f"{stem}.csv", f"{stem}.xlsx", f"{stem}.png"):
        assert name in posted, posted
    refused = await camille.ask(local.dm, "!rapport")
    assert "réservée à la coordination" in refused


def _joins_the_network(local: LocalNetwork, user_id: str) -> Speaker:
    """`user_id` in the network room, talking to the bot."""
    local.harness.client.rooms[local.room].add_member(user_id, None, None)
    return Speaker(local.harness, user_id)


async def test_a_dialogue_ends_unsaved_when_its_author_leaves_the_network(
    local: LocalNetwork,
) -> None:
    coordinator = local.coordinator
    eden = _joins_the_network(local, "@eden-dialogue:x")
    added = await coordinator.ask(local.room, f"!promeneur ajouter {eden.user_id} prenom=Eden")
    assert "ajouté·e" in added, added
    dm = await local.harness.dm(eden.user_id)
    assert "(1/10)" in await eden.ask(dm, "!declarer")  # with the quarter's question
    assert "(2/10)" in await eden.ask(dm, "2h")
    removed = await coordinator.ask(local.room, f"!promeneur retirer {eden.user_id}")
    assert "parti·e" in removed, removed

    after = await eden.ask(dm, "instagram")
    assert "ne faites plus partie des promeneurs" in after, after
    assert "rien n'a été enregistré" in after
    # The module's database is shared: only eden's declarations are looked at.
    query = "SELECT user_id FROM declaration WHERE user_id = :user"
    assert rows(local.database_url, query, user=eden.user_id) == []
    assert "(1/10)" not in await eden.ask(dm, "3")  # nothing goes on


async def test_a_remark_that_identifies_a_young_person_is_refused_and_not_kept(
    local: LocalNetwork,
) -> None:
    camille, dm = local.promeneur, local.dm
    week = _weeks_ago(9)
    remark = "suivi de léa martin, 4e B au collège Jean Moulin, snap lea.m2011, 06\u200b12 34 56 78"
    refused = await camille.ask(
        dm, f'!declarer 1h jeunes=1 semaine={week.number} remarque="{remark}"'
    )
    assert "Cette remarque contient" in refused, refused
    assert "léa" not in refused.lower() and "Moulin" not in refused  # not repeated either
    kept = rows(local.database_url, "SELECT remark FROM declaration")
    assert not [r for (r,) in kept if "martin" in str(r).lower() or "moulin" in str(r).lower()]


async def test_weeks_resolve_to_the_year_being_completed(local: LocalNetwork) -> None:
    """In November a week still ahead is refused (never taken from last year); in January a
    December week is last year's, with the dialogue, the fast path and the written year alike,
    until the annual deadline (31 January by default)."""
    camille, dm = local.promeneur, local.dm

    def weeks() -> set[str]:
        query = "SELECT week FROM declaration WHERE user_id = :u"
        return {week for (week,) in rows(local.database_url, query, u=camille.user_id)}

    before = weeks()  # the module's other tests declared some weeks already

    def stored() -> set[str]:
        return weeks() - before

    ahead = await camille.ask(dm, "!declarer semaine 50 3h reseaux=insta")  # NOW: 2026-W47
    assert "La semaine 50 (07/12 au 13/12/2026) n'est pas encore arrivée" in ahead
    assert "Rien n'a été enregistré" in ahead
    assert "(1/" not in await camille.ask(dm, "!declarer semaine 50")
    assert stored() == set()

    try:
        await _declare_in_the_new_year(local, stored)
    finally:
        local.harness.move_clock(NOW)  # the module's network is shared


async def _declare_in_the_new_year(local: LocalNetwork, stored: Callable[[], set[str]]) -> None:
    camille, dm = local.promeneur, local.dm
    local.harness.move_clock(dt.datetime(2027, 1, 12, 10, 0, tzinfo=ZONE))  # 2027-W02
    saved = await camille.ask(dm, "!declarer semaine 51 3h reseaux=insta")
    assert "Enregistrée. Pour corriger : !declarer semaine 51." in saved
    assert "Enregistrée. Pour corriger : !declarer semaine 2 2026." in await camille.ask(
        dm, "!declarer 1h semaine=2 2026"
    )
    assert "(1/" in await camille.ask(dm, "!declarer semaine 52")  # 9 or 10 questions
    assert "Déclaration de la semaine 52 (21/12 au 27/12/2026)" in await camille.ask(dm, "congés")
    assert "enregistrée" in await camille.ask(dm, "oui")
    assert stored() == {"2026-W02", "2026-W51", "2026-W52"}

    local.harness.move_clock(dt.datetime(2027, 2, 2, 10, 0, tzinfo=ZONE))  # deadline passed
    closed = await camille.ask(dm, "!declarer semaine 50 2026 2h")
    assert "le bilan 2026 était à rendre le 31/01/2027" in closed
    assert stored() == {"2026-W02", "2026-W51", "2026-W52"}


async def test_the_report_the_dashboard_and_the_missing_list_count_the_same_weeks(
    local: LocalNetwork,
) -> None:
    coordinator, dm = local.coordinator, local.coordinator_dm
    quarter = Week.of(NOW.date()).quarter
    await local.promeneur.ask(local.dm, f"!declarer 2h semaine={_weeks_ago(1).number}")
    await coordinator.ask(dm, "!promeneur ajouter @arrivee:x prenom=Lou structure=MJC")

    report = await coordinator.ask(dm, f"!rapport T{quarter.number} {quarter.year}")
    board = await coordinator.ask(dm, "!tableau-de-bord")
    missing = await coordinator.ask(dm, "!declarations manquantes")

    counted = re.search(r"(\d+) semaine\(s\) déclarée\(s\) sur (\d+) attendue\(s\)", report)
    shown = re.search(r"(\d+) semaine\(s\) sur (\d+) attendue\(s\)", board)
    assert counted and shown and counted.groups() == shown.groups(), (report, board)
    assert "@arrivee:x" not in missing  # entered today: no week of the quarter is missed yet
    assert "Lou" not in report.partition("Déclarations incomplètes")[2]


async def test_a_pdn_parentalite_is_asked_about_parents(local: LocalNetwork) -> None:
    coordinator = local.coordinator
    sam = _joins_the_network(local, "@sam-parents:x")
    added = await coordinator.ask(
        local.room, f"!promeneur ajouter {sam.user_id} prenom=Sam type=parentalite"
    )
    assert "ajouté·e" in added, added
    dm = await local.harness.dm(sam.user_id)
    await sam.ask(dm, f"!declarer semaine {_weeks_ago(2).number}")
    await sam.ask(dm, "2h")
    friends = await sam.ask(dm, "facebook")
    assert "combien de parents sont amis ou abonnés de votre profil" in friends
    assert "Avec combien de parents ou de familles" in await sam.ask(dm, "80")
    assert "annulée" in await sam.ask(dm, "annuler")
