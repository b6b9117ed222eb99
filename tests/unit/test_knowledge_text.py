"""French normalisation, scrubbing and rendering: the pure text parts of referral answers."""

from __future__ import annotations

from bot.knowledge.desk import load_index
from bot.knowledge.render import markdown_html, render_match
from bot.knowledge.scrub import scrub
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.text.fold import fold
from bot.text.ngrams import ngrams, pieces
from bot.text.sms import plain_words


def test_fold_removes_case_accents_elisions_and_punctuation() -> None:
    assert fold("L'ÉLÈVE s’est fait harceler !!") == "eleve est fait harceler"


def test_elided_words_can_be_kept_apart() -> None:
    assert fold("il s'est fait frapper", keep_elisions=True) == "il s est fait frapper"


def test_sms_spellings_are_written_out() -> None:
    expected = "je veux plus le voir je sais pas quoi faire"
    assert plain_words("jveux pu le voir, jsp koi faire") == expected


def test_word_pieces_let_forms_and_typos_share_features() -> None:
    same = set(pieces("harcelee")) & set(pieces("harcelement"))
    assert {" ha", "har", "harc", "harce", "arcel"} <= same
    assert "x:e pont" in pieces("sur le pont")  # a piece straddling two words
    assert "w:sur le pont" in pieces("sur le pont")
    ids, counts = ngrams("sur le pont sur le pont")
    assert list(ids) == sorted(set(ids)) and counts.max() == 2


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


def test_whole_answers_mark_uncertain_facts_and_give_each_source_and_check_date() -> None:
    index, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "")
    match = index.match("trouble alimentaire anorexie")
    body, html = render_match(match, index.base, "@c:x", full=True)
    line = next(line for line in body.splitlines() if "09 69 325 900" in line)
    assert "[information à confirmer]" in line
    sources = body[body.index("Sources") :]
    assert "Fil Santé Jeunes : vérifié le 29/11/2026 (" in sources
    assert "Anorexie Boulimie Info Écoute : à confirmer (" in sources
    assert "Fiche relue le" in sources and "fiche vérifiée" not in body
    assert "<script" not in html


def test_first_reply_is_short_and_points_to_the_rest() -> None:
    index, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "exemple")
    for question in (
        "une jeune m'écrit qu'elle veut en finir ce soir",
        "un mec la fait chanter avec ses nudes, il veut 200 euros",
        "il fume des joints tous les jours",
    ):
        short, _ = render_match(index.match(question), index.base, "@c:x")
        whole, _ = render_match(index.match(question), index.base, "@c:x", full=True)
        assert len(short) <= 1000 and len(short.splitlines()) <= 18, short  # one phone screen
        assert short.endswith("répondez « détails ».")
        assert len(whole) > len(short) and "Sources" in whole


def test_numbers_of_the_emergency_block_are_not_repeated_among_the_relays() -> None:
    index, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "")
    body, _ = render_match(index.match("elle veut en finir ce soir"), index.base, "@c:x")
    relays = body[body.index("Relais") :]
    assert body.startswith("⚠️") and "3114" in body.splitlines()[1]
    assert "3114" not in relays


def test_no_answer_gives_the_coordination_contact() -> None:
    index, _ = load_index(DEFAULT_KNOWLEDGE_DIR, "")
    body, _ = render_match(index.match("recette du gâteau basque"), index.base, "Marie, 06…")
    assert "Je n'ai pas de fiche" in body and "Marie, 06…" in body
