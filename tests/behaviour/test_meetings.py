"""Meetings planned in chat, through the whole bot in process (tests/harness.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.harness import NOW, LocalNetwork, Sent


def _in_days(days: int) -> str:
    return (NOW.date() + dt.timedelta(days=days)).strftime("%d/%m/%Y")


def _posted(local: LocalNetwork, room: str, text: str) -> list[Sent]:
    """What the bot posted in `room` with `text` in it."""
    return [sent for sent in local.bot_messages(room) if text in sent.body]


async def test_create_list_modify_and_cancel_a_meeting(local: LocalNetwork) -> None:
    coordinator, room = local.coordinator, local.room
    created = await coordinator.ask(
        room,
        f'!reunion ajouter copil titre="Comité de pilotage" quand="{_in_days(10)} 14h" '
        'duree=2h lieu="Caf, salle 2"',
    )
    found = re.search(r"Réunion n° (\d+) créée", created)
    assert found, created
    number = found[1]

    assert _posted(local, room, f"Réunion n° {number} : Comité de pilotage (COPIL)")
    assert _posted(local, room, f"reunion-{number}.ics")
    listed = await local.promeneur.ask(room, "!reunions")
    assert f"n° {number} : Comité de pilotage" in listed

    changed = await coordinator.ask(room, f'!reunion modifier {number} quand="{_in_days(11)} 15h"')
    assert "modifiée" in changed
    assert _posted(local, room, "✏️ Réunion modifiée")
    assert "à 15 h 00" in await local.promeneur.ask(room, "!reunions")

    refused = await local.promeneur.ask(room, f"!reunion annuler {number}")
    assert "réservée à la coordination" in refused
    assert "annulée" in await coordinator.ask(room, f"!reunion annuler {number}")
    assert _posted(local, room, "❌ Réunion annulée")
    assert f"n° {number} :" not in await local.promeneur.ask(room, "!reunions")


async def test_recurring_meeting_and_bad_dates(local: LocalNetwork) -> None:
    coordinator, room = local.coordinator, local.room
    created = await coordinator.ask(
        room,
        '!reunion ajouter réseau titre="Permanence" quand="tous les premiers mardis du mois à 14h"',
    )
    past = await coordinator.ask(
        room, '!reunion ajouter formation titre="X" quand="2020-01-01 10:00"'
    )
    wrong_day = await coordinator.ask(
        room, '!reunion ajouter formation titre="X" quand="lundi 3 décembre 2099 à 9h"'
    )

    assert "créée" in created
    assert "déjà passé" in past and "Rien n'a été créé" in past
    assert "pas un lundi" in wrong_day
    assert "(récurrente)" in await local.promeneur.ask(room, "!reunions")


async def test_attendance_is_answered_and_listed(local: LocalNetwork) -> None:
    coordinator, camille, room = local.coordinator, local.promeneur, local.room
    created = await coordinator.ask(
        room, f'!reunion ajouter formation titre="Formation RGPD" quand="{_in_days(3)} 9h30"'
    )
    number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]

    yes = await camille.ask(room, f"!presence oui {number}")
    listed = await coordinator.ask(room, f"!reunion presences {number}")
    changed = await camille.ask(room, f"!presence non {number}")
    again = await coordinator.ask(room, f"!reunion presences {number}")
    wrong = await camille.ask(room, "!presence bof")

    assert yes.startswith("Noté : ✅ oui pour « Formation RGPD »")
    assert f"• ✅ oui (1) : {camille.user_id}" in listed
    assert changed.startswith("Noté : ❌ non")
    assert f"• ❌ non (1) : {camille.user_id}" in again and "• ✅ oui (0)" in again
    assert "réponse attendue oui, non ou peut-être" in wrong


async def test_a_reaction_to_the_announcement_answers_attendance(local: LocalNetwork) -> None:
    coordinator, camille, room = local.coordinator, local.promeneur, local.room
    created = await coordinator.ask(
        room, f'!reunion ajouter reseau titre="Réunion de réseau" quand="{_in_days(4)} 10h"'
    )
    number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]

    (announced,) = [
        sent
        for sent in local.bot_messages(room)
        if sent.body.startswith(f"📅 Nouvelle réunion\nRéunion n° {number} ")
    ]
    # The bot placed the three answers under it, and says how to answer.
    assert "touchez une réaction sous ce message : ✅ je viens" in announced.body
    placed = [
        sent.content["m.relates_to"]["key"]
        for sent in local.bot_messages(room)
        if sent.event_type == "m.reaction"
        and sent.content["m.relates_to"]["event_id"] == announced.event_id
    ]
    assert placed == ["✅", "❌", "❔"]

    async def listed() -> str:
        return await coordinator.ask(room, f"!reunion presences {number}")

    yes = await camille.react(room, announced.event_id, "✅")
    assert f"• ✅ oui (1) : {camille.user_id}" in await listed()
    no = await camille.react(room, announced.event_id, "❌")  # changed her mind
    assert f"• ❌ non (1) : {camille.user_id}" in await listed()
    await camille.redact(room, yes)  # the older reaction taken back: the answer stays
    assert f"• ❌ non (1) : {camille.user_id}" in await listed()
    await camille.redact(room, no)  # the one that answered taken back: no answer
    assert camille.user_id not in await listed()


async def test_a_meeting_for_some_people_is_announced_in_their_direct_messages(
    local: LocalNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinator, camille, outsider = local.coordinator, local.promeneur, local.outsider
    # The outsider has no direct message yet: invited to one, not in it until they accept.
    monkeypatch.setattr(local.harness.client, "accept_invites", False)
    before = len(local.harness.client.sent)
    created = await coordinator.ask(
        local.room,
        f'!reunion ajouter formation titre="Formation Snapchat" quand="{_in_days(12)} 10h" '
        f"pour={camille.user_id},{outsider.user_id}",
    )
    assert "créée" in created, created
    since = local.harness.client.sent[before:]

    assert [s for s in since if s.room_id == local.dm and "Formation" in s.body]
    (told,) = _posted(local, local.room, "Pas encore de message direct")
    assert outsider.user_id in told.body
    assert camille.user_id not in told.body
    number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]

    # Limited to them: not in the network room, not in its list; in Camille's private list.
    assert not _posted(local, local.room, "Formation Snapchat")
    public = await camille.ask(local.room, "!reunions")
    assert "Formation Snapchat" not in public and "réservée(s) à certaines personnes" in public
    assert "Formation Snapchat" in await camille.ask(local.dm, "!reunions")
    assert "Formation Snapchat" in await coordinator.ask(local.coordinator_dm, "!reunions")
    noted = await camille.ask(local.dm, f"!presence oui {number}")
    assert noted.startswith("Noté : ✅ oui"), noted


async def test_attendance_confirmed_after_the_meeting_gives_the_yearly_participation(
    local: LocalNetwork,
) -> None:
    coordinator, camille, room = local.coordinator, local.promeneur, local.room
    harness = local.harness
    try:
        created = await coordinator.ask(
            room, f'!reunion ajouter analyse des pratiques titre="APP" quand="{_in_days(2)} 14h"'
        )
        number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]
        await camille.ask(room, f"!presence oui {number}")
        early = await coordinator.ask(room, f"!reunion presents {number}")
        assert "n'a pas encore eu lieu" in early, early

        # Two hours after its end, the coordination is asked once who was there.
        harness.move_clock(NOW + dt.timedelta(days=2, hours=6))
        asked = await harness.run_job("attendance-prompts")
        (prompt,) = [s for s in asked if "qui était là ?" in s.body]
        assert prompt.room_id == local.coordinator_dm
        assert f"D'après les réponses : {camille.user_id}" in prompt.body
        assert [
            s for s in await harness.run_job("attendance-prompts") if "qui était" in s.body
        ] == []

        shown = await coordinator.ask(local.coordinator_dm, f"!reunion presents {number}")
        assert f"présents : {camille.user_id}" in shown, shown
        confirmed = await coordinator.ask(
            local.coordinator_dm, f"!reunion presents {number} confirmer"
        )
        assert "Présences enregistrées pour APP" in confirmed and "1 sur" in confirmed, confirmed

        year = await coordinator.ask(local.coordinator_dm, "!participation")
        assert f"• {camille.user_id} : 1/1 (100 %) : analyse de pratiques 1/1" in year, year
        (csv,) = [s for s in harness.client.sent if s.body == "participation-2026.csv"]
        assert csv.room_id == local.coordinator_dm
        history = await coordinator.ask(local.coordinator_dm, f"!participation {camille.user_id}")
        assert "vendredi 20 novembre 2026 à 14 h 00 : APP — présent·e" in history, history

        # Her directory card, as the coordination reads it in private, says it too.
        added = await coordinator.ask(
            local.coordinator_dm, f"!promeneur ajouter {camille.user_id} prenom=Camille nom=Aubier"
        )
        assert "ajouté" in added, added
        card = await coordinator.ask(local.coordinator_dm, "!annuaire aubier")
        assert "Participation 2026 : 1/1 (100 %) : analyse de pratiques 1/1" in card, card
        assert "Participation" not in await camille.ask(room, "!annuaire aubier")

        # Corrected: she was not there after all.
        await coordinator.ask(local.coordinator_dm, f"!reunion presents {number} @autre:x")
        year = await coordinator.ask(local.coordinator_dm, "!participation 2026")
        assert f"• {camille.user_id} : 0/1 (0 %)" in year, year
        assert "• @autre:x : 1/1 (100 %)" in year, year
    finally:
        harness.move_clock(NOW)
