"""Debian packages some tests need (PostgreSQL's server, LibreOffice), installed when missing,
as the CI machine allows: root and apt-get."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

import pytest

# apt waits for the lock another install holds (the one started early, below) instead of failing.
APT = ["apt-get", "-o", "DPkg::Lock::Timeout=900"]
LIBREOFFICE = "libreoffice-calc-nogui"


def libreoffice_present() -> bool:
    return shutil.which("soffice") is not None


def install_in_background(package: str, present: Callable[[], bool]) -> None:
    """Start installing `package` now, without waiting (a test that needs it waits on apt's
    lock, then finds it installed): its download overlaps the tests that run meanwhile."""
    if present() or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.Popen(
        [*APT, "install", "-y", "-q", "--no-install-recommends", package],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def apt_install(package: str, present: Callable[[], bool]) -> str:
    """Install the Debian `package` unless `present()`; returns what went wrong, or ""."""
    if present():
        return ""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{package} absent : installez le paquet Debian « {package} » (root requis)."
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*APT, "install", "-y", "-q", "--no-install-recommends", package]
    for command in (install, [*APT, "update", "-q"], install):
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
