"""French normalisation, scrubbing and rendering: the pure text parts of referral answers."""

from __future__ import annotations

from bot.knowledge.desk import load_index
from bot.knowledge.normalize import fold, stem, terms
from bot.knowledge.render import markdown_html, render_match
from bot.knowledge.scrub import scrub
from bot.settings import DEFAULT_KNOWLEDGE_DIR


def test_fold_removes_case_accents_elisions_and_punctuation() -> None:
    assert fold("L'ÉLÈVE s’est fait harceler !!") == "eleve est fait harceler"


def test_stems_join_the_forms_of_a_word() -> None:
    assert {stem(w) for w in ("harcele", "harcelee", "harcelement", "harceler")} == {"harcel"}


def test_slang_and_abbreviations_are_expanded() -> None:
    assert terms("harcelée sur snap") == ["harcel", "snapchat"]
    assert terms("elle a fait une TS") == terms("tentative de suicide")
    assert terms("des nudes") == terms("un nude")
    assert terms("cyberharcèlement") == ["cyber", "harcel"]


def test_scrub_removes_contacts_handles_links_and_names() -> None:
    text = (
        "Léa (06 12 34 56 78, lea@mail.fr, @lea_36 sur Snap) dit que Kevin la suit. "
        "Voir https://exemple.fr/page."
    )
    scrubbed = scrub(text, frozenset({"snap"}))
    for secret in ("Léa", "06 12", "lea@", "@lea_36", "Kevin", "exemple.fr"):
        assert secret not in scrubbed
    assert "Snap" in scrubbed and "[numéro]" in scrubbed and "[pseudo]" in scrubbed


def test_markdown_is_escaped_before_formatting() -> None:
    assert markdown_html("**gras** <b>x</b>\n\n- un\n- deux") == (
        "<p><strong>gras</strong> &lt;b&gt;x&lt;/b&gt;</p><ul><li>un</li><li>deux</li></ul>"
    )


def test_answers_mark_uncertain_facts_and_give_source_and_date() -> None:
    index, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "")
    body, html = render_match(index.match("trouble alimentaire anorexie"), index.base, "@c:x")
    assert "09 69 325 900" in body
    line = next(line for line in body.splitlines() if "09 69 325 900" in line)
    assert "[information à confirmer]" in line
    assert "fiche vérifiée le 22/11/2026" in body
    assert "<script" not in html


def test_no_answer_gives_the_coordination_contact() -> None:
    index, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "")
    body, _ = render_match(index.match("recette du gâteau basque"), index.base, "Marie, 06…")
    assert "Je n'ai pas de fiche" in body and "Marie, 06…" in body
