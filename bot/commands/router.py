"""Command declarations: each handler carries its names, role and arguments; its help is in the
catalogue under `command.<name>` (and the longer `command.<name>.details`), dashes and spaces
as `_`.

A feature owns a `Router`; the application gathers the routers into one `CommandTable`, from which
help, look-up and suggestions are all derived.
"""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.commands.arguments import ArgumentType, Parameter
from bot.commands.roles import Role
from bot.i18n import Translator
from bot.text.fold import unaccented

Handler = Callable[..., Awaitable[None]]
_FRENCH = Translator()
# How alike (0-100) a typed command and a name must be to be suggested: « orientr » is close to
# « orienter » (93), not to « qui-suis-je ».
CLOSE_ENOUGH = 70


@dataclass(frozen=True)
class Command:
    """One command as declared on its handler."""

    name: str
    aliases: tuple[str, ...]
    role: Role
    help: str
    handler: Handler
    parameters: tuple[Parameter, ...]
    # The longer help; a function of today's date when its examples hold dates (always valid).
    details: str | Callable[[dt.date], str] = ""
    changes: bool = False  # it is there to change something: the audit log says what came of it

    def details_on(self, today: dt.date) -> str:
        return self.details(today) if callable(self.details) else self.details

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def usage(self, prefix: str) -> str:
        return " ".join([f"{prefix}{self.name}", *(p.usage() for p in self.parameters)])


def help_key(name: str) -> str:
    """`reunion ajouter` → `reunion_ajouter`, `qui-suis-je` → `qui_suis_je`."""
    return name.replace(" ", "_").replace("-", "_")


def _parameters(handler: Handler) -> tuple[Parameter, ...]:
    hints = typing.get_type_hints(handler)
    params = list(inspect.signature(handler).parameters.values())[1:]  # the first is the context
    result = []
    for param in params:
        annotation = hints[param.name]
        optional = param.default is not inspect.Parameter.empty
        args = typing.get_args(annotation)
        kind = next((a for a in args if a is not type(None)), annotation) if args else annotation
        if not (isinstance(kind, type) and issubclass(kind, ArgumentType)):
            raise TypeError(f"{handler.__name__}: argument {param.name} has no argument type")
        result.append(Parameter(param.name, kind, optional))
    return tuple(result)


@dataclass
class Router:
    """The commands of one feature."""

    feature: str
    commands: list[Command] = field(default_factory=list)

    def command(
        self,
        name: str,
        *,
        aliases: Iterable[str] = (),
        english: str | None = None,
        role: Role = Role.GUEST,
        details: str | Callable[[dt.date], str] | None = None,
        changes: bool = False,
    ) -> Callable[[Handler], Handler]:
        """Declare a command. Its help is the catalogue's `command.<name>`; `details`, the
        longer help shown by `!aide <commande>`, is the catalogue's `command.<name>.details`
        unless given (a function of today's date when its examples hold dates)."""
        key = f"command.{help_key(name)}"
        help = _FRENCH(key)
        if details is None:
            details = _FRENCH(f"{key}.details") if _FRENCH.has(f"{key}.details") else ""

        def register(handler: Handler) -> Handler:
            all_aliases = (*aliases, *([english] if english else []))
            self.commands.append(
                Command(
                    name,
                    tuple(all_aliases),
                    role,
                    help,
                    handler,
                    _parameters(handler),
                    details,
                    changes,
                )
            )
            return handler

        return register


class CommandTable:
    """All commands of the running bot, looked up by any of their names."""

    def __init__(self, routers: Iterable[Router]) -> None:
        self.commands: list[Command] = [c for router in routers for c in router.commands]
        self._by_name: dict[tuple[str, ...], Command] = {}
        for command in self.commands:
            for name in command.names:
                key = tuple(unaccented(name).split())
                if key in self._by_name:
                    raise ValueError(f"command name declared twice: {name}")
                self._by_name[key] = command
        self._longest = max((len(k) for k in self._by_name), default=1)

    def find(self, text: str) -> tuple[Command, str] | None:
        """The command that `text` starts with (longest name first) and the rest of the text."""
        words = text.split()
        normalized = [unaccented(w) for w in words]
        for size in range(min(self._longest, len(words)), 0, -1):
            command = self._by_name.get(tuple(normalized[:size]))
            if command is not None:
                rest = text.strip()
                for word in words[:size]:
                    rest = rest[rest.index(word) + len(word) :]
                return command, rest.strip()
        return None

    def allowed(self, role: Role) -> list[Command]:
        return [c for c in self.commands if role >= c.role]

    def group(self, word: str, role: Role) -> list[Command]:
        """The commands allowed to `role` whose name starts with `word`, singular or plural:
        `!aide reunion` lists reunion ajouter, reunion modifier… and reunions."""
        stem = unaccented(word).removesuffix("s")
        return [
            c for c in self.allowed(role) if unaccented(c.name).split()[0].removesuffix("s") == stem
        ]

    def closest(self, text: str, role: Role, limit: int = 3) -> list[Command]:
        """The commands allowed to `role` whose names are closest to how `text` starts (each
        name compared with as many words of it), best first; none that are only vaguely alike."""
        words = unaccented(text).split()
        scores: dict[str, tuple[float, Command]] = {}
        for name, command in self.names_for(role).items():
            typed = " ".join(words[: len(name.split())])
            score = fuzz.ratio(typed, unaccented(name))
            if score >= CLOSE_ENOUGH and score > scores.get(command.name, (0.0, command))[0]:
                scores[command.name] = (score, command)
        ranked = sorted(scores.values(), key=lambda pair: -pair[0])
        return [command for _, command in ranked[:limit]]

    def names_for(self, role: Role) -> dict[str, Command]:
        return {name: c for c in self.allowed(role) for name in c.names}
