"""`pdn-bot kb check`: everything a coordinator should fix in the base, errors then warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.index import KnowledgeIndex
from bot.knowledge.loader import Problem, load_knowledge
from bot.knowledge.normalize import fold

STALE_AFTER = dt.timedelta(days=365)


@dataclass
class CheckReport:
    entries: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_knowledge(directory: Path, department: str, today: dt.date) -> CheckReport:
    result = load_knowledge(directory, department)
    base = result.base
    report = CheckReport(len(base.entries), list(result.errors))
    seen: dict[str, str] = {}
    for entry in base.entries.values():
        for question in entry.header.questions:
            key = fold(question)
            if key in seen:
                report.errors.append(
                    Problem(entry.path, f"question en double (aussi dans {seen[key]}) : {question}")
                )
            seen[key] = entry.path
    index = KnowledgeIndex(base)
    for entry in base.entries.values():
        for question in entry.header.questions:
            ranked = index.match(question).ranked
            if ranked and ranked[0].entry.id != entry.id:
                report.errors.append(
                    Problem(
                        entry.path,
                        f"la question « {question} » mène à une autre fiche "
                        f"({ranked[0].entry.id}) : précisez-la ou complétez les mots-clés",
                    )
                )
    for entry in base.entries.values():
        if today - entry.header.verifie_le > STALE_AFTER:
            report.warnings.append(
                Problem(entry.path, f"non vérifiée depuis le {entry.header.verifie_le:%d/%m/%Y}")
            )
        for resource in entry.header.ressources:
            if resource.a_confirmer:
                report.warnings.append(
                    Problem(entry.path, f"ressource à confirmer : {resource.nom}")
                )
    for relay in base.local:
        if today - relay.verified_on > STALE_AFTER:
            report.warnings.append(
                Problem(relay.path, f"non vérifié depuis le {relay.verified_on:%d/%m/%Y}")
            )
    return report
