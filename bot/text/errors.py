"""The one error for what a person got wrong: it names a sentence of the catalogue (bot/i18n) and
its values, and the dispatcher answers it in the person's language; nothing was changed.

A value may itself be a `UserError` (a field's error inside the line of a file, say): it is
written in the same language. Code that answers by itself writes `error.text(ctx.t)`; pure code
with no translator at hand (the declaration dialogue, the command line) writes `error.text()`,
in French.
"""

from __future__ import annotations

from bot.i18n import Translator

FRENCH = Translator("fr")


class UserError(Exception):
    """A problem to tell the person: the catalogue key of the sentence, and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def text(self, t: Translator | None = None) -> str:
        """The sentence in `t`'s language (French by default), nested errors included."""
        t = t or FRENCH
        values = {
            name: value.text(t) if isinstance(value, UserError | Joined) else value
            for name, value in self.values.items()
        }
        return t(self.key, **values)

    @classmethod
    def all_of(cls, errors: list[UserError]) -> UserError:
        """One error saying each of `errors` (a form's every wrong field at once)."""
        if len(errors) == 1:
            return errors[0]
        return cls("error.several", problems=Joined(errors))

    @property
    def parts(self) -> list[UserError]:
        """The errors `all_of` gathered, or this one alone."""
        joined = self.values.get("problems") if self.key == "error.several" else None
        return joined.errors if isinstance(joined, Joined) else [self]

    def __str__(self) -> str:
        """The French sentence (for logs and tests)."""
        return self.text()


class Joined:
    """Errors shown one per line, each in the person's language."""

    def __init__(self, errors: list[UserError]) -> None:
        self.errors = errors

    def text(self, t: Translator) -> str:
        return "\n".join(f"• {error.text(t)}" for error in self.errors)
