"""What `pyproject.toml` declares matches the code: every package of bot/ is built into the
wheel, and every distribution the code imports is a declared dependency (the wheel itself is
built, installed and run in tests/integration/test_package.py)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_package_of_bot_is_in_the_wheel() -> None:
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "bot").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert found - listed == set()
    for package in found:  # each one a regular package
        assert (ROOT / package.replace(".", "/") / "__init__.py").is_file(), package


def test_every_distribution_the_code_imports_is_declared() -> None:
    declared = {_name(r) for r in PROJECT["project"]["dependencies"]}
    declared |= {_name(r) for r in PROJECT["project"]["optional-dependencies"]["postgres"]}
    owners = packages_distributions()
    missing: dict[str, set[str]] = {}
    for path in (ROOT / "bot").rglob("*.py"):
        if "demo" in path.parts:  # the demo and the test suite run from the dev extra
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                else []
            )
            for module in modules:
                top = module.split(".")[0]
                if top == "bot" or top in sys.stdlib_module_names:
                    continue
                names = {_name(d) for d in owners.get(top, [top])}
                if not names & declared:
                    missing.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    assert missing == {}
