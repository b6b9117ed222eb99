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
