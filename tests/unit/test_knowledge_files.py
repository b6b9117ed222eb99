"""Knowledge files: what a coordinator gets told when a file is wrong, and what stays in use."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.knowledge.check import check_knowledge
from bot.knowledge.desk import ReferralDesk
from bot.knowledge.loader import load_knowledge
from bot.settings import DEFAULT_KNOWLEDGE_DIR

ENTRY = """+++
id = "{id}"
titre = "{title}"
themes = ["test"]
mots_cles = ["{keyword}"]
questions = ["{keyword} une", "{keyword} deux", "{keyword} trois"]
verifie_le = {verified}
source = "essai"

[[ressources]]
nom = "Ligne d'essai"
telephone = "{phone}"
+++
Réponse de la fiche {id}.
"""


def _write(folder: Path, name: str, **values: str) -> Path:
    defaults = {
        "id": name,
        "title": name.title(),
        "keyword": name,
        "verified": "2026-11-01",
        "phone": "0 800 00 00 00",
    }
    path = folder / "fiches" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(**{**defaults, **values}), encoding="utf-8")
    return path


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    _write(tmp_path, "velo")
    _write(tmp_path, "piscine")
    return tmp_path


def test_shipped_base_loads_without_errors_with_its_example_department() -> None:
    result = load_knowledge(DEFAULT_KNOWLEDGE_DIR, "exemple")
    assert result.errors == []
    assert len(result.base.entries) >= 29
    assert result.base.local_for("mal-etre")


def test_broken_toml_is_reported_with_file_and_line(base_dir: Path) -> None:
    path = base_dir / "fiches" / "velo.md"
    path.write_text(path.read_text().replace('titre = "Velo"', "titre = Velo sans guillemets"))
    result = load_knowledge(base_dir)
    assert [str(p) for p in result.errors] == [
        "fiches/velo.md, ligne 3 : TOML illisible : Invalid value (at line 2, column 9)"
    ]
    assert list(result.base.entries) == ["piscine"]


def test_schema_errors_name_the_key_its_line_and_what_was_expected(base_dir: Path) -> None:
    _write(base_dir, "velo", phone="12-34")
    (problem,) = load_knowledge(base_dir).errors
    assert problem.line == 12
    assert "ressources.0.telephone" in problem.message
    assert "numéro attendu" in problem.message


def test_duplicate_ids_are_refused(base_dir: Path) -> None:
    _write(base_dir, "velo-bis", id="velo")
    result = load_knowledge(base_dir)
    assert "identifiant « velo » déjà utilisé" in str(result.errors[0])


def test_check_reports_stale_entries_and_questions_leading_elsewhere(base_dir: Path) -> None:
    _write(base_dir, "velo", verified="2024-01-01")
    path = _write(base_dir, "natation", keyword="piscine")
    report = check_knowledge(base_dir, "", dt.date(2026, 11, 22))
    assert any("non relue depuis le 01/01/2024" in str(w) for w in report.warnings)
    assert any("question en double" in str(e) for e in report.errors)
    assert any(
        p.path == "fiches/natation.md" or p.path == "fiches/piscine.md" for p in report.errors
    )
    path.unlink()
    assert check_knowledge(base_dir, "", dt.date(2026, 11, 22)).errors == []


async def test_reload_with_a_broken_file_keeps_the_previous_base(base_dir: Path) -> None:
    desk = ReferralDesk(base_dir, "", "@c:x", db=None)  # type: ignore[arg-type]
    assert await desk.load() == []
    shutil.copy(base_dir / "fiches" / "velo.md", base_dir / "fiches" / "copie.md")
    (base_dir / "fiches" / "piscine.md").write_text("+++\nid = \n+++\n", encoding="utf-8")
    errors = await desk.load()
    assert len(errors) == 2
    assert sorted(desk.index.base.entries) == ["piscine", "velo"]
    (base_dir / "fiches" / "copie.md").unlink()
    _write(base_dir, "piscine")
    _write(base_dir, "natation")
    assert await desk.load() == []
    assert sorted(desk.index.base.entries) == ["natation", "piscine", "velo"]


def test_first_load_keeps_every_readable_entry(base_dir: Path) -> None:
    (base_dir / "fiches" / "casse.md").write_text("pas d'en-tête", encoding="utf-8")
    result = load_knowledge(base_dir)
    assert sorted(result.base.entries) == ["piscine", "velo"]
    assert str(result.errors[0]) == "fiches/casse.md, ligne 1 : la première ligne doit être « +++ »"


def test_local_relays_must_point_to_existing_entries(base_dir: Path) -> None:
    local = base_dir / "local" / "test"
    local.mkdir(parents=True)
    (local / "departement.toml").write_text('nom = "Testland"\n', encoding="utf-8")
    (local / "mda.toml").write_text(
        'nom = "MDA"\nfiches = ["velo", "inconnue"]\nverifie_le = 2026-01-01\nsource = "x"\n',
        encoding="utf-8",
    )
    result = load_knowledge(base_dir, "test")
    assert "fiches inconnues : inconnue" in str(result.errors[0])
    assert result.base.department == "Testland"
