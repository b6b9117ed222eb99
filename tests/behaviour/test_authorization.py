"""Every command declared for the coordination, run by a promeneur and by a stranger: refused,
and nothing changes (table-driven: a new coordination command must be added here); and only
those who joined the network room are promeneurs. Through the whole bot in process
(tests/harness.py)."""

from __future__ import annotations

import datetime as dt

from bot.commands.roles import Role
from tests.databases import rows, tables
from tests.harness import COORDINATOR, NOW, STRANGER, LocalNetwork

# Rows that handling any message adds (what was handled and answered): not "changes".
BOOKKEEPING = {
    "alembic_version", "handled_event", "outbox_message", "sync_state", "matrix_session",
    "pending_encrypted_event",
}  # fmt: skip


def samples(local: LocalNetwork) -> dict[str, str]:
    """Arguments that would change something if the command ran."""
    camille, coordinator = local.promeneur.user_id, local.coordinator.user_id
    soon = (NOW.date() + dt.timedelta(days=20)).strftime("%d/%m/%Y")
    return {
        "etat": "",
        "kb recharger": "",
        "kb stats": "",
        "kb non-resolues": "",
        "declarations manquantes": "",
        "rapport": "",
        "grille": "reunions=6",
        "reunion ajouter": f'copil titre="Piège" quand="{soon} 14h"',
        "reunion modifier": '1 titre="Piège"',
        "reunion annuler": "1",
        "reunion presences": "1",
        "reunion presents": "1 confirmer",
        "participation": "",
        "structures": "",
        "formation besoin": f"{camille} piège",
        "formations": "",
        "candidat ajouter": '"Piège"',
        "candidat": "1 labellisé",
        "candidats": "",
        "candidat retirer": "1",
        "recrutement objectif": "99",
        "structure ajouter": '"Piège" type=MJC',
        "structure modifier": '"MJC Nord" type=Piège',
        "structure retirer": '"MJC Nord"',
        "structures exporter": "",
        "structures importer": "",
        "echeance ajouter": f'"Piège" date={soon}',
        "echeance modifier": '1 titre="Piège"',
        "echeance annuler": "1",
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
    local: LocalNetwork,
) -> None:
    restricted = {c.name for c in local.harness.bot.table.commands if c.role is Role.COORDINATOR}
    cases = samples(local)
    assert set(cases) == restricted, "chaque commande de la coordination doit figurer ici"

    annexe = "!annexe:x"  # a room of the coordinator's, with the bot and the outsider
    local.harness.client.add_room(annexe, {COORDINATOR, STRANGER})
    before = snapshot(local.database_url)

    asked = 0
    for person, room in ((local.promeneur, local.room), (local.outsider, annexe)):
        for name, arguments in sorted(cases.items()):
            reply = await person.ask(room, f"!{name} {arguments}".strip())
            asked += 1
            assert f"« {name} » est réservée à la coordination" in reply, (person.user_id, reply)
            assert "Rien n'a été fait" in reply

    await local.promeneur.ask(local.room, "!ping")  # everything before it is answered
    assert snapshot(local.database_url) == before
    client, camille = local.harness.client, local.promeneur.user_id
    posted = [s.body for s in client.sent if camille in client.rooms[s.room_id].users]  # she reads
    assert asked == 2 * len(cases)
    assert not [text for text in posted if "Piège" in text]  # no announcement, no meeting


async def test_an_invitation_to_the_network_room_is_not_membership(local: LocalNetwork) -> None:
    """Someone a promeneur invites, who has not accepted, reads nothing the network reads."""
    coordinator, camille, stranger = local.coordinator, local.promeneur, local.outsider
    aside = "!a-cote:x"
    local.harness.client.add_room(aside, {coordinator.user_id, stranger.user_id})
    local.harness.membership(local.room, stranger.user_id, "invite", camille.user_id)
    try:
        refused = await stranger.ask(aside, "!annuaire camille")
        assert "est réservée aux promeneurs du réseau. Rien n'a été fait." in refused

        local.harness.membership(local.room, stranger.user_id, "join", stranger.user_id)
        assert "est réservée" not in await stranger.ask(aside, "!annuaire camille")
    finally:
        kicked_by = coordinator.user_id
        local.harness.membership(local.room, stranger.user_id, "leave", kicked_by)
    assert "est réservée" in await stranger.ask(aside, "!annuaire camille")
