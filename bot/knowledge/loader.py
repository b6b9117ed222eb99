"""Reading the knowledge folder: entry files (TOML front matter + Markdown) and local relays.

A file that cannot be read is reported with its path and line and left out; the caller decides
whether the rest may replace the base in use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.knowledge.entries import (
    Entry,
    EntryHeader,
    Example,
    KnowledgeBase,
    LocalRelay,
    LocalRelayFile,
    Resource,
)
from bot.settings import describe_error

FENCE = "+++"
ENTRIES_FOLDER = "fiches"
EXAMPLES_FOLDER = "exemples"
LOCAL_FOLDER = "local"
DEPARTMENT_FILE = "departement.toml"
_TOML_LINE = re.compile(r"at line (\d+)")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """Something wrong in one file, at a line when it is known."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}, ligne {self.line}" if self.line else self.path
        return f"{where} : {self.message}"


@dataclass
class LoadResult:
    base: KnowledgeBase
    errors: list[Problem] = field(default_factory=list)


def _key_line(text: str, loc: tuple[Any, ...], offset: int) -> int | None:
    """The line of the TOML key an error is about, following its path (`ressources.1.nom`)."""
    position, found, previous = 0, None, ""
    for part in loc:
        if isinstance(part, int):  # the n-th table of an array: skip to it
            for _ in range(part):
                match = re.compile(rf"^[ \t]*\[\[{re.escape(previous)}\]\]", re.M).search(
                    text, position + 1
                )
                if match is None:
                    break
                position = match.start()
            continue
        match = re.compile(rf"^[ \t]*(?:\[\[)?{re.escape(part)}\b", re.M).search(text, position)
        if match is None:
            break
        position, found, previous = match.start(), match.start(), part
    return None if found is None else text.count("\n", 0, found) + 1 + offset


def _validate(
    model: type[M], data: dict[str, Any], text: str, path: str, offset: int
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [
            Problem(path, describe_error(error), _key_line(text, error["loc"], offset))
            for error in exc.errors()
        ]


def _toml(text: str, path: str, offset: int) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) + offset if found else None
        return None, [Problem(path, f"TOML illisible : {exc}", line)]


def read_entry(path: Path, shown: str) -> tuple[Entry | None, list[Problem]]:
    """One entry file: `+++`, the TOML header, `+++`, then the answer in Markdown."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, f"fichier illisible ({exc})")]
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(shown, f"la première ligne doit être « {FENCE} »", 1)]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        return None, [Problem(shown, f"en-tête non fermé : « {FENCE} » attendu", len(lines))]
    header_text = "\n".join(lines[1:end])
    data, problems = _toml(header_text, shown, offset=1)
    if data is None:
        return None, problems
    header, problems = _validate(EntryHeader, data, header_text, shown, offset=1)
    answer = "\n".join(lines[end + 1 :]).strip()
    if not answer:
        problems.append(Problem(shown, "la réponse (après l'en-tête) est vide", end + 1))
    if header is None or problems:
        return None, problems
    return Entry(header, answer, shown), []


def read_local_relay(path: Path, shown: str) -> tuple[LocalRelay | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, f"fichier illisible ({exc})")]
    data, problems = _toml(text, shown, offset=0)
    if data is None:
        return None, problems
    relay, problems = _validate(LocalRelayFile, data, text, shown, offset=0)
    if relay is None:
        return None, problems
    resource = relay.model_dump(exclude={"fiches"})
    return (
        LocalRelay(
            Resource.model_validate(resource),
            tuple(relay.fiches),
            relay.verifie_le,
            shown,
        ),
        [],
    )


def load_knowledge(directory: Path, department: str = "") -> LoadResult:
    """Every entry under `directory/fiches`, and the relays of `directory/local/<department>`."""
    base, errors = KnowledgeBase(), []
    root = directory / ENTRIES_FOLDER
    if not root.is_dir():
        errors.append(Problem(str(root), "dossier des fiches introuvable"))
    for path in sorted(root.rglob("*.md")) if root.is_dir() else []:
        shown = str(path.relative_to(directory))
        entry, problems = read_entry(path, shown)
        errors.extend(problems)
        if entry is None:
            continue
        if entry.id in base.entries:
            other = base.entries[entry.id].path
            errors.append(Problem(shown, f"identifiant « {entry.id} » déjà utilisé par {other}"))
            continue
        base.entries[entry.id] = entry
    errors.extend(_load_examples(base, directory))
    if department:
        errors.extend(_load_local(base, directory, department))
    return LoadResult(base, errors)


def _load_examples(base: KnowledgeBase, directory: Path) -> list[Problem]:
    """The example questions of `directory/exemples/*.toml` (`[[question]]` tables with `text`
    and `entry`); a file with an error, or naming an unknown entry, is left out whole."""
    errors: list[Problem] = []
    for path in sorted((directory / EXAMPLES_FOLDER).glob("*.toml")):
        shown = str(path.relative_to(directory))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(Problem(shown, f"fichier illisible ({exc})"))
            continue
        data, problems = _toml(text, shown, offset=0)
        if data is None:
            errors.extend(problems)
            continue
        questions = data.get("question")
        if not isinstance(questions, list):
            errors.append(Problem(shown, "tables [[question]] attendues"))
            continue
        found: list[Example] = []
        for number, raw in enumerate(questions, 1):
            try:
                example = Example.model_validate(raw)
            except ValidationError as exc:
                where = f"question {number}"
                errors += [Problem(shown, f"{where} : {describe_error(e)}") for e in exc.errors()]
                continue
            if example.entry and example.entry not in base.entries:
                unknown = f"question {number} : fiche inconnue « {example.entry} »"
                errors.append(Problem(shown, unknown))
                continue
            found.append(example)
        if len(found) == len(questions):
            base.examples.extend(found)
    return errors


def _load_local(base: KnowledgeBase, directory: Path, department: str) -> list[Problem]:
    folder = directory / LOCAL_FOLDER / department
    if not folder.is_dir():
        return [Problem(str(folder), "dossier du département introuvable")]
    errors: list[Problem] = []
    base.department = department
    info = folder / DEPARTMENT_FILE
    if info.is_file():
        data, problems = _toml(info.read_text(encoding="utf-8"), str(info), 0)
        errors.extend(problems)
        if data and isinstance(data.get("nom"), str):
            base.department = data["nom"]
    for path in sorted(folder.glob("*.toml")):
        if path.name == DEPARTMENT_FILE:
            continue
        shown = str(path.relative_to(directory))
        relay, problems = read_local_relay(path, shown)
        errors.extend(problems)
        if relay is None:
            continue
        unknown = [i for i in relay.entry_ids if i != "*" and i not in base.entries]
        if unknown:
            errors.append(Problem(shown, f"fiches inconnues : {', '.join(unknown)}"))
            continue
        base.local.append(relay)
    return errors
