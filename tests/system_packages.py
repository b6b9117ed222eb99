"""Debian packages some tests need (PostgreSQL's server, LibreOffice), installed when missing,
as the CI machine allows: root and apt-get."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

import pytest


def apt_install(package: str, present: Callable[[], bool]) -> str:
    """Install the Debian `package` unless `present()`; returns what went wrong, or ""."""
    if present():
        return ""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{package} absent : installez le paquet Debian « {package} » (root requis)."
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
    for command in (install, ["apt-get", "update", "-q"], install):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode == 0 and present():
            return ""
    return f"L'installation de {package} a échoué :\n{done.stdout[-2000:]}{done.stderr[-2000:]}"


def fail_or_skip(problem: str, fail: bool = False) -> None:
    """Without what a test needs: fail in CI (or when `fail`), else skip it."""
    if not problem:
        return
    if os.environ.get("CI") or fail:
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)
