"""`pdn-bot kb check`: everything a coordinator should fix in the base, errors then warnings,
and the facts still to confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.entries import Resource
from bot.knowledge.index import KnowledgeIndex
from bot.knowledge.loader import Problem, load_knowledge
from bot.knowledge.render import essential, markdown_plain
from bot.text.fold import fold

STALE_AFTER = dt.timedelta(days=365)
ESSENTIAL_LIMIT = 350  # characters of "what to do now": the first reply must fit a phone screen


@dataclass
class CheckReport:
    entries: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Facts honestly marked as unchecked (`a_confirmer`, with a note and a source): shown to the
    # coordinator, not a failure, even with --strict.
    to_confirm: list[Problem] = field(default_factory=list)


def check_knowledge(
    directory: Path, department: str, today: dt.date, cache: Path | None = None
) -> CheckReport:
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
    index = KnowledgeIndex(base, cache)
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
        length = len(markdown_plain(essential(entry)))
        if length > ESSENTIAL_LIMIT:
            report.warnings.append(
                Problem(
                    entry.path,
                    f"l'essentiel (avant la ligne « --- ») fait {length} caractères, "
                    f"plus de {ESSENTIAL_LIMIT} : la première réponse ne tiendra pas sur un écran",
                )
            )
        if today - entry.header.verifie_le > STALE_AFTER:
            report.warnings.append(
                Problem(entry.path, f"non relue depuis le {entry.header.verifie_le:%d/%m/%Y}")
            )
        for resource in entry.header.ressources:
            _check_resource(report, entry.path, resource, today)
    for relay in base.local:
        _check_resource(report, relay.path, relay.resource, today)
    return report


def _check_resource(report: CheckReport, path: str, resource: Resource, today: dt.date) -> None:
    """A resource needs the source it was checked against; one that gives a contact needs the
    date of that check, unless it is marked to confirm and says what is uncertain."""
    name = resource.nom
    if not resource.source:
        report.warnings.append(Problem(path, f"ressource sans source : {name}"))
    if resource.a_confirmer:
        if not resource.note:
            report.warnings.append(
                Problem(path, f"ressource à confirmer sans note disant quoi : {name}")
            )
        else:
            report.to_confirm.append(Problem(path, f"{name} : {resource.note}"))
    elif resource.has_contact and resource.verifie_le is None:
        report.warnings.append(Problem(path, f"ressource sans date de vérification : {name}"))
    elif resource.verifie_le is not None and today - resource.verifie_le > STALE_AFTER:
        report.warnings.append(
            Problem(path, f"{name} : non vérifiée depuis le {resource.verifie_le:%d/%m/%Y}")
        )
