"""Which invitations the bot accepts, and where it joined a room."""

from __future__ import annotations

import logging

from nio import AsyncClient, Event, InviteMemberEvent, JoinResponse, RoomMemberEvent

from bot.settings import Settings

log = logging.getLogger(__name__)


def may_invite(settings: Settings, inviter: str) -> bool:
    """Coordinators, allowed inviters and anyone from an allowed server may invite the bot."""
    access = settings.access
    allowed = set(access.allowed_inviters) | set(settings.network.coordinators)
    return inviter in allowed or inviter.partition(":")[2] in access.allowed_servers


async def answer_invite(
    client: AsyncClient, settings: Settings, room_id: str, invite_state: list[Event]
) -> str | None:
    """Join if the inviter may invite the bot, otherwise decline. Returns the inviter when the
    bot joined a room it was invited to as a direct message."""
    invite = next(
        (
            e
            for e in invite_state
            if isinstance(e, InviteMemberEvent)
            and e.state_key == client.user_id
            and e.membership == "invite"
        ),
        None,
    )
    inviter = invite.sender if invite is not None else None
    if invite is not None and inviter is not None and may_invite(settings, inviter):
        log.info("Invitation de %s acceptée : %s", inviter, room_id)
        joined = await client.join(room_id)
        direct = isinstance(invite.content, dict) and invite.content.get("is_direct") is True
        return inviter if direct and isinstance(joined, JoinResponse) else None
    log.warning("Invitation de %s refusée (non autorisé) : %s", inviter, room_id)
    await client.room_leave(room_id)
    return None


def own_join(events: list[Event], user_id: str) -> int | None:
    """Where `user_id` joined the room in `events`, if it did."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if (
            isinstance(event, RoomMemberEvent)
            and event.state_key == user_id
            and event.membership == "join"
            and event.prev_membership != "join"
        ):
            return index
    return None
