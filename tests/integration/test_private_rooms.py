"""Personal data goes only to someone's private room with the bot (encrypted, the two of them);
files are encrypted in encrypted rooms; what people typed is echoed back only in short."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path

import pytest
from nio import Event

from bot.demo.people import Person, body
from tests.integration.conftest import Network, start_second_bot

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


def _content(event: Event) -> dict[str, object]:
    return dict(getattr(event, "source", {}).get("content", {}))


def _files(person: Person, room: str, sender: str, name: str) -> list[Event]:
    return [e for e in person.messages_from(sender, room) if body(e) == name]


async def _file(person: Person, room: str, sender: str, name: str) -> dict[str, object]:
    """The content of the file `name` that `sender` posted in `room` (waits for it)."""

    def posted(room_id: str, event: Event) -> bool:
        return room_id == room and event.sender == sender and body(event) == name

    return _content(await person.wait_for(posted))


async def test_personal_data_never_goes_to_a_shared_or_unencrypted_room(
    network: Network,
) -> None:
    camille, coordinator, room = network.promeneur, network.coordinator, network.room
    bot_id = network.bot_account.user_id
    # A two-member direct room that is not encrypted is not private.
    plain = await camille.create_room("", invite=[bot_id], direct=True)
    await camille.wait_member(plain, bot_id)

    elsewhere = await camille.ask(plain, "!mes-donnees")
    assert "je vous l'envoie dans notre message direct chiffré" in elsewhere, elsewhere
    sent = await _file(camille, network.dm, bot_id, "mes-donnees.json")
    assert "file" in sent and "url" not in sent  # an encrypted attachment
    assert not _files(camille, plain, bot_id, "mes-donnees.json")

    mine = await camille.ask(room, "!mes-declarations")
    assert "message direct chiffré" in mine and "semaine" not in mine, mine
    await camille.wait_message(bot_id, network.dm, "semaine")

    await coordinator.ask(room, "!promeneur conges @personne:x")  # refused: in the journal
    answer = await coordinator.ask(room, "!journal")
    assert "message direct chiffré" in answer and camille.user_id not in answer, answer
    await coordinator.wait_message(bot_id, network.coordinator_dm, "Journal d'administration")

    await coordinator.send(room, "!annuaire exporter")
    exported = await _file(coordinator, network.coordinator_dm, bot_id, "annuaire.csv")
    assert "file" in exported and "url" not in exported
    assert not _files(coordinator, room, bot_id, "annuaire.csv")


async def test_the_bot_opens_a_private_room_when_there_is_none(
    network: Network, tmp_path: Path
) -> None:
    camille = network.promeneur
    bot = await start_second_bot(network, "pdn-bot-prive", tmp_path)
    bot_id = bot.account.user_id
    try:
        invited = await camille.ask(bot.room, "!mes-donnees")
        assert "Je vous y invite" in invited, invited

        # Test people accept invitations: the room the bot opened is encrypted, the two of them.
        opened = await _private_room(camille, bot_id)
        answer = await camille.ask(opened, "!mes-donnees")
        assert "Voici tout ce que le bot garde" in answer, answer
        sent = await _file(camille, opened, bot_id, "mes-donnees.json")
        assert "file" in sent and "url" not in sent
    finally:
        bot.process.stop()


async def _private_room(person: Person, bot_id: str) -> str:
    """The encrypted room `person` shares with `bot_id` alone, once there is one."""
    for _ in range(300):
        for room_id, room in person.client.rooms.items():
            if room.encrypted and set(room.users) == {person.user_id, bot_id}:
                return str(room_id)
        await asyncio.sleep(0.1)
    raise AssertionError("aucun salon privé ouvert par le bot")


async def test_a_meeting_file_is_encrypted_in_an_encrypted_room(
    network: Network, tmp_path: Path
) -> None:
    coordinator = network.coordinator
    bot = await start_second_bot(network, "pdn-bot-chiffre", tmp_path, encrypted=True)
    bot_id = bot.account.user_id
    try:
        day = (dt.date.today() + dt.timedelta(days=12)).strftime("%d/%m/%Y")
        created = await coordinator.ask(
            bot.room, f'!reunion ajouter copil titre="Comité" quand="{day} 14h"'
        )
        number = re.search(r"Réunion n° (\d+) créée", created)
        assert number, created
        ics = await _file(coordinator, bot.room, bot_id, f"reunion-{number[1]}.ics")
        assert "file" in ics and "url" not in ics, ics
    finally:
        bot.process.stop()


async def test_long_input_is_echoed_in_short_and_huge_numbers_are_refused(
    network: Network,
) -> None:
    coordinator, room = network.coordinator, network.room
    huge = "x" * 40_000
    answer = await coordinator.ask(room, f"!{huge}")
    assert "Commande inconnue" in answer and len(answer.encode()) < 2_000, len(answer)
    day = (dt.date.today() + dt.timedelta(days=12)).strftime("%d/%m/%Y")
    answer = await coordinator.ask(room, f'!reunion ajouter copil titre="{huge}" quand="{day} 9h"')
    assert "« titre » est trop long (40000 caractères, 200 au plus)" in answer, answer[:300]
    answer = await coordinator.ask(room, f"!annuaire {huge}")
    assert len(answer.encode()) < 2_000, len(answer)
    number = await coordinator.ask(room, f"!reunion annuler {2**64}")
    assert "nombre entier de 0 à 1 000 000 attendu" in number, number
