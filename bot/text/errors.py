"""The one error for what a person got wrong: it names a sentence of the catalogue (bot/i18n) and
its values, and the dispatcher answers it in the person's language; nothing was changed."""

from __future__ import annotations


class UserError(Exception):
    """A problem to tell the person: the catalogue key of the sentence, and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class InvalidAnswerError(UserError):
    """An answer that cannot be used; `reason` says why and what is expected, in French (the
    parsers of dialogue answers and fields write their sentences themselves)."""

    def __init__(self, reason: str) -> None:
        super().__init__("error.answer", reason=reason)
        self.args = (reason,)  # str(error) is the sentence itself
        self.reason = reason
