"""`pdn-bot ask` and `pdn-bot kb check`, as a coordinator runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import DEFAULT_KNOWLEDGE_DIR


def test_ask_json_says_what_the_bot_would_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "il veut se suicider, il est harcelé au collège"]) == 0
    result = json.loads(capsys.readouterr().out)

    assert result["urgent"] is True
    assert "idees-suicidaires" in result["entries"]
    assert result["answer"].startswith("⚠️ Danger immédiat")


def test_ask_out_of_scope_is_not_matched(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "qui a gagné le match de foot ?"]) == 0
    result = json.loads(capsys.readouterr().out)

    assert result["matched"] is False
    assert result["urgent"] is False
    assert not result["answer"].startswith("📌")


def test_ask_ambiguous_lists_the_choices_without_matching(
    capsys: pytest.CaptureFixture[str],
) -> None:
    question = "une jeune se fait harceler sur snap par des filles de son lycée"
    assert main(["ask", "--json", question]) == 0
    result = json.loads(capsys.readouterr().out)

    assert result["matched"] is False
    assert {"harcelement-scolaire", "cyberharcelement"} <= set(result["entries"])
    assert result["answer"].startswith("Plusieurs fiches peuvent correspondre")


def test_ask_plain_shows_local_relays_of_the_department(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "--departement", "exemple", "une ado va mal et pleure"]) == 0
    out = capsys.readouterr().out

    assert out.startswith("📌 Mal-être")
    assert out.index("Relais\n") < out.index("Relais locaux (Département d'exemple)")


def test_kb_check_strict_passes_on_the_shipped_base_and_lists_what_to_confirm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["kb", "check", "--strict", "--departement", "exemple"]) == 0
    out = capsys.readouterr().out
    assert "0 erreur(s), 0 avertissement(s)" in out
    assert "à confirmer fiches/nationales/troubles-alimentaires.md : Anorexie Boulimie" in out


def _copied_entry(tmp_path: Path, name: str) -> Path:
    """The shipped base copied into `tmp_path / "kb"`, and the path of one entry in the copy."""
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, tmp_path / "kb")
    return tmp_path / "kb" / "fiches" / "nationales" / f"{name}.md"


def test_kb_check_strict_fails_on_a_resource_without_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _copied_entry(tmp_path, "jeux-argent")
    lines = entry.read_text(encoding="utf-8").splitlines()
    resource = lines.index("[[ressources]]")
    lines = [line for i, line in enumerate(lines) if i < resource or not line.startswith("source")]
    entry.write_text("\n".join(lines), encoding="utf-8")

    assert main(["kb", "check", "--dossier", str(tmp_path / "kb")]) == 0
    assert main(["kb", "check", "--strict", "--dossier", str(tmp_path / "kb")]) == 1
    out = capsys.readouterr().out
    assert "avertissement fiches/nationales/jeux-argent.md : ressource sans source" in out


def test_kb_check_fails_on_a_broken_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _copied_entry(tmp_path, "alcool")
    entry.write_text(entry.read_text().replace('"0 980 980 930"', '"09 80"'), encoding="utf-8")

    assert main(["kb", "check", "--dossier", str(tmp_path / "kb")]) == 1
    assert "ERREUR fiches/nationales/alcool.md, ligne " in capsys.readouterr().out
