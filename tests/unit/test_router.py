import importlib
import re
from pathlib import Path

import pytest

import bot
from bot.commands.arguments import Integer, Text, Word, parse_arguments
from bot.commands.context import CommandContext
from bot.commands.dispatch import Via, command_text
from bot.commands.roles import Role
from bot.commands.router import CommandTable, Router, help_key
from bot.i18n import CATALOGS
from bot.text.errors import UserError

router = Router("test")


@router.command(
    "reunion ajouter",
    aliases=("rdv",),
    english="meeting add",
    role=Role.COORDINATOR,
)
async def add_meeting(ctx: CommandContext, jour: Word, titre: Text) -> None: ...


@router.command("ping")
async def ping(ctx: CommandContext, fois: Integer | None = None) -> None: ...


TABLE = CommandTable([router])


def test_multi_word_names_ignore_case_and_accents() -> None:
    found = TABLE.find("Réunion  AJOUTER lundi Réseau 44")

    assert found is not None
    command, rest = found
    assert command.handler is add_meeting
    assert rest == "lundi Réseau 44"


def test_english_alias_finds_the_command() -> None:
    found = TABLE.find("meeting add mardi Copil")

    assert found is not None and found[0].name == "reunion ajouter"


def test_usage_is_generated_from_the_signature() -> None:
    found = TABLE.find("rdv")

    assert found is not None
    assert found[0].usage("!") == "!reunion ajouter <jour> <titre…>"
    assert TABLE.find("ping")[0].usage("!") == "!ping [fois]"  # type: ignore[index]


def test_help_lists_by_role() -> None:
    assert [c.name for c in TABLE.allowed(Role.PROMENEUR)] == ["ping"]
    assert len(TABLE.allowed(Role.COORDINATOR)) == 2


def test_arguments_are_typed() -> None:
    add = TABLE.find("rdv")[0]  # type: ignore[index]
    values = parse_arguments(add.parameters, "lundi réunion de réseau")

    assert values == {"jour": "lundi", "titre": "réunion de réseau"}
    assert parse_arguments(TABLE.find("ping")[0].parameters, "3") == {"fois": 3}  # type: ignore[index]


@pytest.mark.parametrize(
    ("raw", "key"),
    [("", "error.missing_argument"), ("lundi", "error.missing_argument")],
)
def test_missing_arguments_are_usage_errors(raw: str, key: str) -> None:
    add = TABLE.find("rdv")[0]  # type: ignore[index]

    with pytest.raises(UserError) as error:
        parse_arguments(add.parameters, raw)

    assert error.value.key == key


@pytest.mark.parametrize("raw", ["trois", "-1", "9223372036854775808", "1" * 5000, "1e3"])
def test_bad_integer_is_a_usage_error(raw: str) -> None:
    """Out of range too: no number reaches the database that it cannot hold."""
    with pytest.raises(UserError) as error:
        parse_arguments(TABLE.find("ping")[0].parameters, raw)  # type: ignore[index]

    assert error.value.key == "error.bad_integer"
    assert len(str(error.value.values["value"])) <= 20  # what is echoed back stays short


def test_a_name_declared_twice_is_refused() -> None:
    twice = Router("twice")

    @twice.command("ping")
    async def other(ctx: CommandContext) -> None: ...

    with pytest.raises(ValueError, match="declared twice"):
        CommandTable([router, twice])


NAMES = ("@pdn-bot:localhost", "Assistant PdN", "pdn-bot")


@pytest.mark.parametrize(
    ("body", "direct", "expected"),
    [
        ("!aide", False, ("aide", Via.PREFIX)),
        ("  ! aide", False, ("aide", Via.PREFIX)),
        ("Assistant PdN: aide", False, ("aide", Via.MENTION)),
        ("pdn-bot, !ping", False, ("ping", Via.PREFIX)),
        ("@pdn-bot:localhost ping", False, ("ping", Via.MENTION)),
        ("bonjour à tous", False, None),
        ("aide", True, ("aide", Via.DIRECT)),
        ("pdn-botte aide", False, None),
    ],
)
def test_command_text_is_found_by_prefix_mention_or_dm(
    body: str, direct: bool, expected: tuple[str, Via] | None
) -> None:
    assert command_text(body, "!", NAMES, direct) == expected


def test_every_help_in_the_catalogue_is_a_commands_and_no_example_holds_a_fixed_day() -> None:
    """Help lives in the catalogue under the command's name: none is left over from a renamed
    command, and no help gives a weekday with a date, which would be wrong a year later (the
    dated examples are computed from today)."""
    table = CommandTable(_every_router())
    names = {f"command.{help_key(c.name)}" for c in table.commands}
    names |= {f"command.{help_key(c.name)}.details" for c in table.commands}
    assert {k for k in CATALOGS["fr"] if k.startswith("command.")} - names == set()
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    fixed_day = re.compile(rf"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \w+ ({months})")
    for command in table.commands:
        assert not fixed_day.search(command.help), command.name
        if not callable(command.details):
            assert not fixed_day.search(command.details), command.name


def _every_router() -> list[Router]:
    """The routers of all of the bot's modules."""
    root = Path(bot.__file__).parent
    names = [
        ".".join(("bot", *path.relative_to(root).with_suffix("").parts))
        for path in root.rglob("*.py")
        if path.parent.name != "demo" and path.stem not in ("__main__", "__init__")
    ]
    modules = [importlib.import_module(name) for name in names]
    return [m.router for m in modules if isinstance(getattr(m, "router", None), Router)]
