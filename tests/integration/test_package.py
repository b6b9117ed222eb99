"""The bot as users install it: a wheel built from the repository, installed in an environment
of its own, run from a folder outside the repository, with a configuration that holds no
secret: its migrations and its knowledge base come with it.

The wheel is installed without its dependencies, which the environment reads from the test
environment's (a `.pth` line): installing them afresh would fetch them all, and the checks of
`pyproject.toml`'s dependencies are in tests/unit/test_packaging.py."""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.one_database]

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "bot", "knowledge", "migrations")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh environment with the wheel installed."""
    work = tmp_path_factory.mktemp("paquet")
    source = work / "source"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy(path, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist", source])
    (wheel,) = (work / "dist").glob("pdn_bot-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel])
    (target,) = (venv / "lib").glob("python3*/site-packages")
    (target / "test-dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    return venv / "bin"


def _run(command: list[object], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_installed_wheel_works_outside_the_repository_without_a_secret(
    installed: Path, tmp_path: Path
) -> None:
    where = _run([installed / "python", "-c", "import bot; print(bot.__file__)"], cwd=tmp_path)
    assert str(installed.parent) in where.stdout and str(ROOT) not in where.stdout

    config = tmp_path / "config.toml"
    config.write_text(
        '[homeserver]\nurl = "https://matrix.exemple.fr"\n'
        '[bot]\nuser_id = "@pdn-bot:exemple.fr"\n'
        '[network]\nrooms = ["!reseau:exemple.fr"]\ncoordinators = ["@coordination:exemple.fr"]\n'
        '[storage]\ndata_dir = "donnees"\n',
        encoding="utf-8",
    )
    upgraded = _run([installed / "pdn-bot", "db", "upgrade", "-c", config], cwd=tmp_path)
    assert "Base de données à jour" in upgraded.stdout
    assert (tmp_path / "donnees").is_dir()

    asked = _run(
        [installed / "pdn-bot", "ask", "--json", "une ado est harcelée sur snap, vers qui ?"],
        cwd=tmp_path,
    )
    answer = json.loads(asked.stdout)
    assert "cyberharcelement" in answer["entries"], answer  # the shipped base, not « pas de fiche »

    checked = _run([installed / "pdn-bot", "kb", "check"], cwd=tmp_path)
    assert "fiche" in checked.stdout.lower(), checked.stdout
    config_checked = _run([installed / "pdn-bot", "check-config", "-c", config], cwd=tmp_path)
    assert "Pas de mot de passe" in config_checked.stdout
