"""The youth-identifier filter shared by remarks and stored questions: figures on sets written
by people who had not seen it (tests/privacy/README.md), disguised forms, and any text."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.declarations.parsing import parse_remark
from bot.knowledge.scrub import scrub
from bot.text.errors import UserError
from bot.text.identifiers import Kind, find_identifiers, kinds, masked_text

SETS = Path(__file__).parents[1] / "privacy"


def _load(path: Path) -> dict[str, list[dict[str, Any]]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def figures(path: Path) -> dict[str, float]:
    """Remarks: the share of those with an identifier that are refused, and of clean ones that
    are refused. Questions: the share of those with an identifier left with none once
    scrubbed (by the filter's own reading), and of clean ones the filter changes."""
    data = _load(path)
    remarks, questions = data["remarque"], data["question"]
    marked = [r for r in remarks if r["identifiants"]]
    clean = [r for r in remarks if not r["identifiants"]]
    asked = [q for q in questions if q["identifiants"]]
    plain = [q for q in questions if not q["identifiants"]]
    return {
        "refused": sum(bool(find_identifiers(r["texte"])) for r in marked) / len(marked),
        "clean refused": sum(bool(find_identifiers(r["texte"])) for r in clean) / len(clean),
        "scrubbed": sum(
            bool(find_identifiers(q["texte"])) and not find_identifiers(scrub(q["texte"]))
            for q in asked
        )
        / len(asked),
        "clean flagged": sum(bool(find_identifiers(q["texte"])) for q in plain) / len(plain),
    }


@pytest.mark.parametrize("name", ["set_a", "set_b"])
def test_tuning_sets(name: str) -> None:
    """Tuned on: these only guard against regressions (the held-out figures are below)."""
    got = figures(SETS / "tuning" / f"{name}.toml")
    print(name, got)
    assert got["refused"] >= 0.98 and got["scrubbed"] >= 0.98
    assert got["clean refused"] <= 0.03 and got["clean flagged"] <= 0.03


def test_held_out_round_two() -> None:
    """Set C, measured once before any change made for it (tests/privacy/README.md): refused
    111/120 remarks with an identifier and 5/120 clean ones; 45/50 questions scrubbed, 1/40
    clean questions flagged. Floors just below, so that a regression shows."""
    got = figures(SETS / "heldout" / "set_c.toml")
    print("set_c", got)
    assert got["refused"] >= 0.90 and got["scrubbed"] >= 0.88
    assert got["clean refused"] <= 0.06 and got["clean flagged"] <= 0.05


def test_labels_are_the_kinds() -> None:
    for path in sorted(SETS.glob("*/set_*.toml")):
        for item in (*_load(path)["remarque"], *_load(path)["question"]):
            assert all(Kind(label) for label in item["identifiants"])  # ValueError if not


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "rappeler au 0\u200b6\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8",
            Kind.PHONE,
        ),
        ("son num : O6 12 34 56 78", Kind.PHONE),
        ("+33 6 12 34 56 78", Kind.PHONE),
        ("zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit", Kind.PHONE),
        ("0 6 1 2 3 4 5 6 7 8", Kind.PHONE),
        ("lea (at) gmail (dot) com", Kind.EMAIL),
        ("lea arobase hotmail point fr", Kind.EMAIL),
        ("l e a @ g m a i l . c o m", Kind.EMAIL),
        ("lea.dupont@gmail.com", Kind.EMAIL),
        ("son snap c'est kenza.dz", Kind.HANDLE),
        ("insta: xx_dark_angel_xx", Kind.HANDLE),
        ("discord Yanis#4821", Kind.HANDLE),
        ("https://www.instagram.com/lea_59/", Kind.HANDLE),
        ("elle est en 3eB au collège Jean Moulin", Kind.SCHOOL),
        ("la seconde 5 du lycée Pasteur", Kind.SCHOOL),
        ("elle habite au 12 rue des Lilas, bat C appt 14", Kind.ADDRESS),
        ("résidence Les Tilleuls", Kind.ADDRESS),
        ("échange avec kenza sur ses cours", Kind.NAME),
        ("Chamsia 13a m'a dit qu'on l'avait tapée", Kind.NAME),
        ("j'ai parlé avec Rose hier soir", Kind.NAME),
        ("la maman de Djibril m'appelle", Kind.NAME),
        ("Lou-Anne m'écrit que sa mère boit", Kind.NAME),
        ("il s'appelle Timéo", Kind.NAME),
    ],
)
def test_disguised_forms_are_found(text: str, kind: Kind) -> None:
    assert kind in kinds(find_identifiers(text))


@pytest.mark.parametrize(
    "text",
    [
        "orienté vers France Victimes et le 3018, une jeune de 15 ans à Roubaix",
        "c'est clair, une rose, la pierre, la marine nationale",
        "atelier au centre social Nelson Mandela avec des 4e, Octobre Rose",
        "mardi 14h, 3h30, T4, 15-17 ans, des élèves de seconde, en terminale pro",
        "son pseudo a changé, compte piraté, 2 x 45 min le 12/03/2026 14 30",
        "Fil Santé Jeunes 0 800 235 236, Tabac info service 39 89",
        "RAS cette semaine, réunion a été annulée, rdv au CMP avec l'ASE",
        "Stand au forum des métiers de Saint-Omer, beaucoup de questions sur l'armée",
    ],
)
def test_ordinary_notes_are_left_alone(text: str) -> None:
    assert find_identifiers(text) == []


def test_a_remark_with_an_identifier_is_refused_by_kind_without_repeating_it() -> None:
    with pytest.raises(UserError) as refused:
        parse_remark("Échange avec kenza, son 06 12 34 56 78")
    reason = refused.value.text()
    assert "un prénom ou un nom et un numéro de téléphone" in reason
    assert "kenza" not in reason and "06 12" not in reason
    assert "passer" in reason
    assert parse_remark("  3 jeunes  reçus au PIJ  ") == "3 jeunes reçus au PIJ"


def test_a_question_keeps_its_meaning_without_its_identifiers() -> None:
    kept = scrub("rose me demande si elle peut avoir la pilule, elle habite 12 rue des lilas")
    assert kept == "[nom] me demande si elle peut avoir la pilule, elle habite [adresse]"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_error(text: str) -> None:
    found = find_identifiers(text)
    masked = masked_text(text, found)
    for finding in found:
        assert 0 <= finding.start < finding.end
        assert finding.kind.placeholder in masked
    assert len(scrub(text)) <= 500
