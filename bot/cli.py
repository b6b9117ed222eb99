"""The `pdn-bot` command: run, db upgrade, config check, demo, test."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from bot import __version__
from bot.settings import (
    ACCESS_TOKEN_ENV,
    PASSWORD_ENV,
    ConfigError,
    DeclarationSettings,
    KnowledgeSettings,
    LocaleSettings,
    Settings,
    load_settings,
)
from bot.storage.private import keep_private

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pdn-bot", description="Bot Matrix des Promeneurs du Net")
    parser.add_argument("--version", action="version", version=f"pdn-bot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé")
    parser.add_argument(
        "--json-logs", action="store_true", help="journal en JSON, une ligne par entrée"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="lancer le bot")
    run.add_argument("-c", "--config", type=Path, default=Path("config.toml"))

    health = commands.add_parser(
        "health", help="le bot va-t-il bien ? (code de sortie 0 : oui, 1 : non)"
    )
    health.add_argument("-c", "--config", type=Path, default=Path("config.toml"))

    check = commands.add_parser("check-config", help="vérifier un fichier de configuration")
    check.add_argument("-c", "--config", type=Path, default=Path("config.toml"))

    db = commands.add_parser("db", help="base de données")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="appliquer les migrations")
    upgrade.add_argument("-c", "--config", type=Path, default=Path("config.toml"))
    revision = db_commands.add_parser(
        "revision", help="(développement) nouvelle migration d'après bot/storage/models.py"
    )
    revision.add_argument("-m", "--message", required=True, help="ligne de changelog")

    ask = commands.add_parser("ask", help="ce que le bot répondrait à une question (hors ligne)")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="sortie JSON")
    _knowledge_options(ask)

    declare = commands.add_parser(
        "declare",
        help="ce que le dialogue de déclaration enregistrerait (hors ligne)",
        description=(
            "Lit sur l'entrée standard les réponses du dialogue !declarer, une par ligne (ou une "
            "déclaration en un message), et affiche ce qui serait enregistré. Sans Matrix ni "
            "base de données."
        ),
    )
    declare.add_argument(
        "--dry-run", action="store_true", help="simuler seulement (obligatoire : rien n'est envoyé)"
    )
    declare.add_argument("--json", action="store_true", help="sortie JSON")
    declare.add_argument(
        "--week", help="semaine déclarée, par exemple 2026-W46 ou 46 (défaut : comme !declarer)"
    )
    declare.add_argument(
        "--parents",
        action="store_true",
        help="les questions d'un PdN Parentalité (parents et familles)",
    )
    declare.add_argument(
        "--amis",
        action="store_true",
        help="avec la question du trimestre (nombre d'amis jeunes du profil), posée à la "
        "première semaine déclarée de chaque trimestre",
    )
    _knowledge_options(declare)

    kb = commands.add_parser("kb", help="base de connaissances")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    kb_check = kb_commands.add_parser("check", help="vérifier toute la base")
    kb_check.add_argument(
        "--strict", action="store_true", help="échouer aussi sur les avertissements"
    )
    _knowledge_options(kb_check)

    report = commands.add_parser(
        "report", help="bilan trimestriel, semestriel ou annuel en fichiers"
    )
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--quarter", help="trimestre, par exemple 2026-Q4 ou T4-2026")
    when.add_argument(
        "--half",
        "--semestre",
        help="semestre, par exemple 2026-S1, S2-2026 ou « 1er semestre 2026 »",
    )
    when.add_argument("--year", type=int, help="année, par exemple 2026")
    report.add_argument("--out", type=Path, default=Path("."), help="dossier des fichiers")
    report.add_argument("-c", "--config", type=Path, default=Path("config.toml"))

    demo = commands.add_parser("demo", help="démonstration sur un Synapse local")
    demo.add_argument("--state", type=Path, default=ROOT / "demo-state")

    test = commands.add_parser(
        "test",
        help="lancer la suite de tests (les autres options vont à pytest)",
        description="ruff et mypy, puis la suite complète sur SQLite et sur PostgreSQL.",
    )
    test.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    return parser


def _knowledge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-c", "--config", type=Path, help="lire [knowledge] dans ce fichier de configuration"
    )
    parser.add_argument("--dossier", type=Path, help="dossier de la base (knowledge/)")
    parser.add_argument("--departement", help="dossier des relais locaux (knowledge/local/…)")


def _knowledge_settings(
    args: argparse.Namespace, knowledge: KnowledgeSettings | None = None
) -> KnowledgeSettings:
    if knowledge is None:
        knowledge = (
            _settings(args.config, offline=True).knowledge if args.config else KnowledgeSettings()
        )
    updates = {}
    if args.dossier:
        updates["directory"] = args.dossier
    if args.departement is not None:
        updates["department"] = args.departement
    return knowledge.model_copy(update=updates)


def _configure_logging(verbose: bool, as_json: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if as_json:
        from bot.monitoring import JsonFormatter

        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonFormatter())
    if not verbose:
        for noisy in (
            "nio",
            "peewee",
            "alembic",
            "aiohttp",
            "apscheduler",
            "matplotlib",
            "fontTools",
        ):
            logging.getLogger(noisy).setLevel(logging.WARNING)


# The commands that never connect to the homeserver: they run without the bot's secret.
OFFLINE_COMMANDS = frozenset({"db", "report", "check-config"})


def _secret_in_environment() -> bool:
    return any(os.environ.get(name) for name in (PASSWORD_ENV, ACCESS_TOKEN_ENV))


def _settings(path: Path, offline: bool = False) -> Settings:
    try:
        return load_settings(path, offline=offline)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None


def _declare(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`declare --dry-run`: the lists of the configuration, if any, and no secret needed."""
    from bot.declarations.dialog import PARENTS, YOUTH
    from bot.declarations.dry_run import Start, declare

    if not args.dry_run:
        parser.error(
            "pdn-bot declare ne fait que simuler : ajoutez --dry-run (déclarer : !declarer)"
        )
    declarations, knowledge, timezone = (
        DeclarationSettings(),
        KnowledgeSettings(),
        LocaleSettings().timezone,
    )
    if args.config:
        try:  # offline: the bot's password is not needed
            settings = load_settings(args.config, offline=True)
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
        declarations, knowledge = settings.declarations, settings.knowledge
        timezone = settings.locale.timezone
    knowledge = _knowledge_settings(args, knowledge)
    lines = sys.stdin.read().splitlines()
    start = Start(PARENTS if args.parents else YOUTH, friends=args.amis)
    return declare(lines, declarations, knowledge, args.week, timezone, args.json, start)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, pytest_args = parser.parse_known_args(argv)
    if args.command == "test":
        from bot.demo.suite import run_suite

        return run_suite(args.database, pytest_args)
    if pytest_args:
        parser.error(f"arguments inconnus : {' '.join(pytest_args)}")
    _configure_logging(args.verbose, args.json_logs)
    if args.command == "demo":
        from bot.demo.run import run_demo

        logging.getLogger().setLevel(logging.WARNING)
        logging.getLogger("nio").setLevel(logging.CRITICAL)  # the chat is no place for key noise
        return run_demo(args.state)
    if args.command == "ask":
        from bot.knowledge.ask import ask

        return ask(args.question, _knowledge_settings(args), as_json=args.json)
    if args.command == "declare":
        return _declare(parser, args)
    if args.command == "kb":
        from bot.knowledge.ask import check

        return check(_knowledge_settings(args), strict=args.strict)
    if args.command == "db" and args.db_command == "revision":
        from bot.storage.database import new_revision

        print(new_revision(args.message))
        return 0
    settings = _settings(args.config, offline=args.command in OFFLINE_COMMANDS)
    if args.command == "check-config":
        print(f"Configuration valide : {args.config}")
        if not (settings.bot.password or settings.bot.access_token or _secret_in_environment()):
            print(
                "Pas de mot de passe ni de jeton : les commandes hors ligne marchent ; pour lancer "
                f"le bot, donnez-le par {PASSWORD_ENV}, un fichier d'identifiants systemd "
                "(LoadCredential=, voir deploy/) ou bot.password."
            )
        return 0
    # every other command opens the bot's files: they are private, whatever the umask
    keep_private(settings.data_dir, settings.database_url, args.config)
    if args.command == "health":
        from bot.monitoring import check_health

        return check_health(settings)
    if args.command == "report":
        from bot.declarations.reporting import print_report

        return print_report(settings, args.quarter, args.year, args.out, args.half)
    if args.command == "db":
        from bot.storage.database import upgrade

        upgrade(settings.database_url)
        print("Base de données à jour.")
        return 0
    from bot.app import run_bot
    from bot.matrix.session import LoginFailedError

    try:
        asyncio.run(run_bot(settings))
    except LoginFailedError as exc:
        logging.getLogger("bot").error("Connexion impossible : %s", exc)
        return 1
    return 0
