"""The offline tools for coordinators: `pdn-bot ask` and `pdn-bot kb check`."""

from __future__ import annotations

import datetime as dt
import json
import sys

from bot.knowledge.check import check_knowledge
from bot.knowledge.desk import load_index
from bot.knowledge.index import Verdict
from bot.knowledge.render import render_match
from bot.settings import KnowledgeSettings

NO_CONTACT = "la coordination de votre réseau"


def ask(question: str, knowledge: KnowledgeSettings, as_json: bool) -> int:
    """Print what the bot would answer; problems in the base go to stderr."""
    index, errors = load_index(knowledge.directory, knowledge.department, knowledge.cache)
    for problem in errors:
        print(f"Attention : {problem}", file=sys.stderr)
    match = index.match(question)
    answer, _ = render_match(match, index.base, knowledge.contact or NO_CONTACT, full=True)
    if as_json:
        result = {
            "matched": match.verdict is Verdict.CONFIDENT,
            "urgent": match.urgent,
            "entries": [entry.id for entry in match.entries],
            "answer": answer,
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(answer)
    return 0


def check(knowledge: KnowledgeSettings, strict: bool) -> int:
    """Print every error and warning; exit 1 on errors (or on warnings with `strict`)."""
    report = check_knowledge(
        knowledge.directory, knowledge.department, dt.date.today(), knowledge.cache
    )
    for problem in report.errors:
        print(f"ERREUR {problem}")
    for problem in report.warnings:
        print(f"avertissement {problem}")
    for problem in report.to_confirm:
        print(f"à confirmer {problem}")
    print(
        f"{report.entries} fiche(s) ; {len(report.errors)} erreur(s), "
        f"{len(report.warnings)} avertissement(s), {len(report.to_confirm)} information(s) "
        "à confirmer."
    )
    failed = bool(report.errors) or (strict and bool(report.warnings))
    return 1 if failed else 0
