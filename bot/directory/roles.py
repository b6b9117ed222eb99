"""Who may do what: a caller's role in the network."""

from __future__ import annotations

from enum import IntEnum


class Role(IntEnum):
    """Roles in increasing order of rights: a higher role may do what a lower one may."""

    GUEST = 0
    PROMENEUR = 1
    COORDINATOR = 2

    @property
    def key(self) -> str:
        return {Role.GUEST: "guest", Role.PROMENEUR: "promeneur", Role.COORDINATOR: "coordinator"}[
            self
        ]


def resolve_role(user_id: str, coordinators: set[str], network_members: set[str]) -> Role:
    """Coordinators are named in the configuration; promeneurs are members of a network room."""
    if user_id in coordinators:
        return Role.COORDINATOR
    if user_id in network_members:
        return Role.PROMENEUR
    return Role.GUEST
