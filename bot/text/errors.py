"""The error every parser of what people type raises: what was wrong and what is expected."""

from __future__ import annotations


class InvalidAnswerError(ValueError):
    """The answer cannot be used; `reason` says why and what is expected, in French."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
