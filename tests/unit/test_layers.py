"""The layers of `bot/`: shared pieces below the command framework, the framework below the
features, features reaching each other only through the interfaces listed here, and no cycle
between subpackages (imports under TYPE_CHECKING do not count)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
FEATURES = {"admin", "declarations", "directory", "knowledge", "privacy", "scheduling"}
FRAMEWORK = {"commands"}
# What puts everything together: may import anything, imported by nothing below.
ROOT = {"app", "cli", "features", "__main__", "bootstrap", "demo"}
# A feature may use another only through these modules (the data it exposes, not its handlers).
INTERFACES = {
    ("admin", "declarations"): {
        "bot.declarations.records", "bot.declarations.report", "bot.declarations.weeks",
    },
    ("admin", "directory"): {"bot.directory.commands", "bot.directory.fields"},
    ("admin", "scheduling"): {
        "bot.scheduling.commands", "bot.scheduling.deadlines", "bot.scheduling.french_dates",
    },
    ("declarations", "knowledge"): {
        "bot.knowledge.desk", "bot.knowledge.entries", "bot.knowledge.loader",
    },
    ("scheduling", "declarations"): {
        "bot.declarations.parsing", "bot.declarations.records", "bot.declarations.report",
        "bot.declarations.trainings", "bot.declarations.weeks",
    },
}  # fmt: skip


def _package(path: Path) -> str:
    parts = path.relative_to(BOT).parts
    return parts[0] if len(parts) > 1 else path.stem


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(child) for child in ast.walk(node))
    return hidden


def imports() -> dict[tuple[str, str], set[str]]:
    """(importing package, imported package) -> the modules imported, over all of `bot/`."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in BOT.rglob("*.py"):
        source, tree = _package(path), ast.parse(path.read_text(encoding="utf-8"))
        hidden = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in hidden or not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            names = (
                [f"bot.{alias.name}" for alias in node.names]
                if node.module == "bot"
                else [node.module]
            )
            for module in names:
                if module.startswith("bot.") and (target := module.split(".")[1]) != source:
                    found[(source, target)].add(module)
    return found


def _cycle(edges: set[tuple[str, str]]) -> list[str]:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    state: dict[str, int] = {}  # 1: being visited, 2: done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return []


def test_no_cycle_between_subpackages() -> None:
    assert _cycle(set(imports())) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycle({("a", "b"), ("b", "c"), ("c", "a")}) == ["a", "b", "c", "a"]


def test_shared_pieces_and_the_framework_import_no_feature() -> None:
    wrong = {
        (source, target): modules
        for (source, target), modules in imports().items()
        if source not in FEATURES | ROOT
        and (target in FEATURES or (source not in FRAMEWORK and target in FRAMEWORK))
    }
    assert wrong == {}


def test_features_reach_each_other_only_through_their_interfaces() -> None:
    wrong = {
        pair: modules - INTERFACES.get(pair, set())
        for pair, modules in imports().items()
        if pair[0] in FEATURES and pair[1] in FEATURES
        and modules - INTERFACES.get(pair, set())
    }  # fmt: skip
    assert wrong == {}


def test_only_the_command_line_uses_the_demo_harness() -> None:
    users = {source for (source, target) in imports() if target == "demo"}
    assert users <= {"cli"}
