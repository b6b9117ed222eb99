"""Every command declared for the coordination, run by a promeneur and by a stranger: refused,
and nothing changes (table-driven: a new coordination command must be added here)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.commands.roles import Role
from bot.demo.people import body
from tests.databases import rows, tables
from tests.harness import Harness
from tests.integration.conftest import Network

pytestmark = pytest.mark.integration

# Rows that handling any message adds (what was handled and answered): not "changes".
BOOKKEEPING = {
    "alembic_version", "handled_event", "outbox_message", "sync_state", "matrix_session",
    "pending_encrypted_event",
}  # fmt: skip


def samples(network: Network) -> dict[str, str]:
    """Arguments that would change something if the command ran."""
    camille, coordinator = network.promeneur.user_id, network.coordinator.user_id
    soon = (dt.date.today() + dt.timedelta(days=20)).strftime("%d/%m/%Y")
    return {
        "etat": "",
        "kb recharger": "",
        "kb stats": "",
        "kb non-resolues": "",
        "declarations manquantes": "",
        "rapport": "",
        "reunion ajouter": f'copil titre="Piège" quand="{soon} 14h"',
        "reunion modifier": '1 titre="Piège"',
        "reunion annuler": "1",
        "reunion presences": "1",
        "promeneur ajouter": "@piege:localhost prenom=Piège",
        "promeneur modifier": f"{camille} structure=Piège",
        "promeneur retirer": camille,
        "promeneur conges": f"{camille} 01/01/2099",
        "promeneurs": "",
        "annuaire exporter": "",
        "annuaire importer": "",
        "coordinateur ajouter": camille,
        "coordinateur retirer": coordinator,
        "annonce": "dm Piège",
        "rappel-charte": "",
        "tableau-de-bord": "",
        "journal": "",
    }


def snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(rows(url, f'SELECT * FROM "{table}"'), key=repr)
        for table in tables(url)
        if table not in BOOKKEEPING
    }


async def test_coordination_commands_are_refused_to_others_and_change_nothing(
    network: Network, database_url: str
) -> None:
    harness = await Harness(database_url).start()  # the same command table as the bot's
    table = harness.bot.table
    await harness.stop()
    restricted = {c.name for c in table.commands if c.role is Role.COORDINATOR}
    cases = samples(network)
    assert set(cases) == restricted, "chaque commande de la coordination doit figurer ici"

    bot_id = network.bot_account.user_id
    annexe = await network.coordinator.create_room(
        "Annexe", invite=[bot_id, network.outsider.user_id]
    )
    await network.coordinator.wait_member(annexe, bot_id)
    await network.coordinator.wait_member(annexe, network.outsider.user_id)
    before = snapshot(network.database_url)

    asked = 0
    for person, room in ((network.promeneur, network.room), (network.outsider, annexe)):
        for name, arguments in sorted(cases.items()):
            reply = await person.ask(room, f"!{name} {arguments}".strip())
            asked += 1
            assert f"« {name} » est réservée à la coordination" in reply, (person.user_id, reply)
            assert "Rien n'a été fait" in reply

    await network.promeneur.ask(network.room, "!ping")  # everything before it is answered
    assert snapshot(network.database_url) == before
    posted = [body(e) for e in network.promeneur.messages_from(bot_id)]
    assert asked == 2 * len(cases)
    assert not [text for text in posted if "Piège" in text]  # no announcement, no meeting


async def test_an_invitation_to_the_network_room_is_not_membership(network: Network) -> None:
    """Someone a promeneur invites, who has not accepted, reads nothing the network reads."""
    coordinator, camille, stranger = network.coordinator, network.promeneur, network.outsider
    bot_id = network.bot_account.user_id
    aside = await coordinator.create_room("À côté", invite=[bot_id, stranger.user_id])
    await stranger.join(aside)
    await coordinator.wait_member(aside, bot_id)
    stranger.accepts_invitations = False
    await camille.client.room_invite(network.room, stranger.user_id)
    await camille.ask(network.room, "!ping")  # the bot has read the invitation by now
    try:
        refused = await stranger.ask(aside, "!annuaire camille")
        assert "est réservée aux promeneurs du réseau. Rien n'a été fait." in refused

        await stranger.join(network.room)
        await camille.wait_member(network.room, stranger.user_id)
        await camille.ask(network.room, "!ping")
        assert "est réservée" not in await stranger.ask(aside, "!annuaire camille")
    finally:
        stranger.accepts_invitations = True
        await coordinator.client.room_kick(network.room, stranger.user_id, "fin du test")
        await coordinator.ask(network.room, "!ping")
    assert "est réservée" in await stranger.ask(aside, "!annuaire camille")
