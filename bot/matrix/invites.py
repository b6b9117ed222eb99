"""Which invitations the bot accepts, and where it joined a room."""

from __future__ import annotations

import asyncio
import logging

from nio import AsyncClient, Event, InviteMemberEvent, JoinResponse, RoomMemberEvent

from bot.settings import Settings

log = logging.getLogger(__name__)

# An invitation from another server is declined after this many seconds (see LateDeclines).
REMOTE_DECLINE_DELAY = 2.0


def may_invite(settings: Settings, inviter: str) -> bool:
    """Coordinators, allowed inviters and anyone from an allowed server may invite the bot."""
    access = settings.access
    allowed = set(access.allowed_inviters) | set(settings.network.coordinators)
    return inviter in allowed or inviter.partition(":")[2] in access.allowed_servers


class LateDeclines:
    """Invitations from another server, declined a little later, without holding the sync loop.

    Declined at once, the refusal can reach the inviting server before that server has recorded
    its own invitation: it answers 403, the bot's server then only forgets the invitation
    locally, and the inviter sees the bot invited for ever. An invitation still there after a
    restart is read again from the sync, and declined then."""

    def __init__(self, client: AsyncClient, delay: float = REMOTE_DECLINE_DELAY) -> None:
        self._client = client
        self._delay = delay
        self._waiting: dict[str, asyncio.Task[None]] = {}

    def decline(self, room_id: str) -> None:
        if room_id not in self._waiting:
            self._waiting[room_id] = asyncio.create_task(self._later(room_id))

    async def _later(self, room_id: str) -> None:
        try:
            await asyncio.sleep(self._delay)
            await self._client.room_leave(room_id)
        except Exception as exc:  # the invitation comes back with the next full sync
            log.warning("Refus de l'invitation à %s non transmis (%r).", room_id, exc)
        finally:
            self._waiting.pop(room_id, None)


async def answer_invite(
    client: AsyncClient,
    settings: Settings,
    room_id: str,
    invite_state: list[Event],
    declines: LateDeclines | None = None,
) -> str | None:
    """Join if the inviter may invite the bot, otherwise decline (later if the invitation comes
    from another server and `declines` is given). Returns the inviter when the bot joined a room
    it was invited to as a direct message."""
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
    remote = inviter is not None and _server(inviter) != _server(client.user_id)
    if remote and declines is not None:
        declines.decline(room_id)
    else:
        await client.room_leave(room_id)
    return None


def _server(user_id: str) -> str:
    return user_id.partition(":")[2]


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
