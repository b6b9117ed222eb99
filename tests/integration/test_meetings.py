"""Meetings planned in chat, through the real homeserver."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.integration.conftest import Network

pytestmark = pytest.mark.integration


def _in_days(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).strftime("%d/%m/%Y")


async def test_create_list_modify_and_cancel_a_meeting(network: Network) -> None:
    coordinator, room = network.coordinator, network.room
    created = await coordinator.ask(
        room,
        f'!reunion ajouter copil titre="Comité de pilotage" quand="{_in_days(10)} 14h" '
        'duree=2h lieu="Caf, salle 2"',
    )
    found = re.search(r"Réunion n° (\d+) créée", created)
    assert found, created
    number = found[1]

    def announced(text: str) -> object:
        def matches(room_id: str, event: object) -> bool:
            body = getattr(event, "source", {}).get("content", {}).get("body", "")
            return room_id == room and text in body

        return matches

    await coordinator.wait_for(announced(f"Réunion n° {number} : Comité de pilotage (COPIL)"))
    await coordinator.wait_for(announced(f"reunion-{number}.ics"))
    listed = await network.promeneur.ask(room, "!reunions")
    assert f"n° {number} : Comité de pilotage" in listed

    changed = await coordinator.ask(room, f'!reunion modifier {number} quand="{_in_days(11)} 15h"')
    assert "modifiée" in changed
    await coordinator.wait_for(announced("✏️ Réunion modifiée"))
    assert "à 15 h 00" in await network.promeneur.ask(room, "!reunions")

    refused = await network.promeneur.ask(room, f"!reunion annuler {number}")
    assert "réservée à la coordination" in refused
    assert "annulée" in await coordinator.ask(room, f"!reunion annuler {number}")
    await coordinator.wait_for(announced("❌ Réunion annulée"))
    assert f"n° {number} :" not in await network.promeneur.ask(room, "!reunions")


async def test_recurring_meeting_and_bad_dates(network: Network) -> None:
    coordinator, room = network.coordinator, network.room
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
    assert "(récurrente)" in await network.promeneur.ask(room, "!reunions")


async def test_attendance_is_answered_and_listed(network: Network) -> None:
    coordinator, camille, room = network.coordinator, network.promeneur, network.room
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


async def test_a_reaction_to_the_announcement_answers_attendance(network: Network) -> None:
    coordinator, camille, room = network.coordinator, network.promeneur, network.room
    created = await coordinator.ask(
        room, f'!reunion ajouter reseau titre="Réunion de réseau" quand="{_in_days(4)} 10h"'
    )
    number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]

    def announcement(room_id: str, event: object) -> bool:
        body = getattr(event, "source", {}).get("content", {}).get("body", "")
        return room_id == room and body.startswith(f"📅 Nouvelle réunion\nRéunion n° {number} ")

    announced = await camille.wait_for(announcement)
    await camille.client.room_send(
        room,
        "m.reaction",
        {"m.relates_to": {"rel_type": "m.annotation", "event_id": announced.event_id, "key": "✅"}},
    )
    # Events are handled in timeline order: the reaction before the question.
    listed = await coordinator.ask(room, f"!reunion presences {number}")

    assert f"• ✅ oui (1) : {camille.user_id}" in listed


async def test_a_meeting_for_some_people_is_announced_in_their_direct_messages(
    network: Network,
) -> None:
    coordinator, camille, outsider = network.coordinator, network.promeneur, network.outsider
    created = await coordinator.ask(
        network.room,
        f'!reunion ajouter formation titre="Formation Snapchat" quand="{_in_days(12)} 10h" '
        f"pour={camille.user_id},{outsider.user_id}",
    )
    assert "créée" in created, created
    bot = network.bot_account.user_id

    await camille.wait_message(bot, network.dm, "Formation")

    def waiting(room_id: str, event: object) -> bool:
        body = getattr(event, "source", {}).get("content", {}).get("body", "")
        return room_id == network.room and "Pas encore de message direct" in body

    told = await coordinator.wait_for(waiting)
    assert outsider.user_id in told.source["content"]["body"]  # type: ignore[attr-defined]
    assert camille.user_id not in told.source["content"]["body"]  # type: ignore[attr-defined]
    number = re.search(r"Réunion n° (\d+) créée", created)[1]  # type: ignore[index]

    # Limited to them: not in the network room, not in its list; in Camille's private list.
    texts = [str(e.source["content"]["body"]) for e in camille.messages_from(bot, network.room)]  # type: ignore[attr-defined]
    assert not [text for text in texts if "Formation Snapchat" in text]
    public = await camille.ask(network.room, "!reunions")
    assert "Formation Snapchat" not in public and "réservée(s) à certaines personnes" in public
    assert "Formation Snapchat" in await camille.ask(network.dm, "!reunions")
    assert "Formation Snapchat" in await coordinator.ask(network.coordinator_dm, "!reunions")
    noted = await camille.ask(network.dm, f"!presence oui {number}")
    assert noted.startswith("Noté : ✅ oui"), noted
