"""Typed command arguments: each type says how to read itself and how it shows in the usage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from bot.text.errors import UserError
from bot.text.quote import shown


class ArgumentType:
    """Base of argument types. `greedy` types take the rest of the line."""

    greedy: ClassVar[bool] = False

    @classmethod
    def parse(cls, raw: str, name: str) -> Any:
        raise NotImplementedError


class Word(str, ArgumentType):
    """One word."""

    @classmethod
    def parse(cls, raw: str, name: str) -> Word:
        return cls(raw)


class Text(str, ArgumentType):
    """The rest of the line, as typed."""

    greedy = True

    @classmethod
    def parse(cls, raw: str, name: str) -> Text:
        return cls(raw)


class Integer(int, ArgumentType):
    """A whole number, from 0 to MAXIMUM (numbers of meetings, of lines: a database integer)."""

    MAXIMUM = 1_000_000

    @classmethod
    def parse(cls, raw: str, name: str) -> Integer:
        try:
            value = int(raw) if len(raw) <= 12 else None
        except ValueError:
            value = None
        if value is None or not 0 <= value <= cls.MAXIMUM:
            raise UserError(
                "error.bad_integer",
                value=shown(raw, 20),
                name=name,
                maximum=f"{cls.MAXIMUM:,}".replace(",", " "),
            )
        return cls(value)


# A handler's parameter names are Python identifiers; people read them written in French.
SHOWN_NAMES = {
    "numero": "numéro", "number": "numéro", "reponse": "réponse", "periode": "période",
    "jusqu_au": "jusqu'au", "details": "détails", "text": "texte",
}  # fmt: skip


@dataclass(frozen=True)
class Parameter:
    """One parameter of a command handler."""

    name: str
    kind: type[ArgumentType]
    optional: bool

    @property
    def shown(self) -> str:
        """The name as help and error messages write it (« numéro », not « numero »)."""
        return SHOWN_NAMES.get(self.name, self.name)

    def usage(self) -> str:
        label = f"{self.shown}…" if self.kind.greedy else self.shown
        return f"[{label}]" if self.optional else f"<{label}>"


def parse_arguments(parameters: tuple[Parameter, ...], raw: str) -> dict[str, Any]:
    """Values for the handler's parameters, read from the text after the command name."""
    values: dict[str, Any] = {}
    rest = raw.strip()
    for parameter in parameters:
        if not rest:
            if not parameter.optional:
                raise UserError("error.missing_argument", name=parameter.shown)
            continue
        if parameter.kind.greedy:
            token, rest = rest, ""
        else:
            token, _, rest = rest.partition(" ")
            rest = rest.strip()
        values[parameter.name] = parameter.kind.parse(token, parameter.shown)
    if rest:
        raise UserError("error.too_many_arguments", extra=shown(rest))
    return values
