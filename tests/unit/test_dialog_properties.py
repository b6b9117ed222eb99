"""Random text at every step of the declaration dialogue: no crash, nothing changed on a bad
answer, and a French explanation each time."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.declarations.catalog import Catalog
from bot.declarations.dialog import (
    PARENTS,
    QUESTIONS,
    YOUTH,
    Draft,
    Outcome,
    Step,
    advance,
    prompt,
)
from bot.declarations.parsing import parse_count, parse_hours
from bot.knowledge.desk import load_index
from bot.settings import DEFAULT_KNOWLEDGE_DIR, DeclarationSettings
from bot.text.errors import UserError

FULL = {
    "hours": 3.5,
    "networks": ["Instagram"],
    "young_people": 12,
    "short_contacts": 4,
    "young_friends": 240,
    "age_groups": {"15-17 ans": 3},
    "interactions": {"échanges simples": 5},
    "topics": ["Mal-être"],
    "referrals": {"3018": 1},
    "remark": "",
}
# Things people type, mixed with anything at all.
TYPED = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["3h30", "3,5", "trois", "-4", "61", "1 3 4", "insta, snap", "oui", "non",
                     "retour", "passer", "garder", "aucun", "12", "999999", "x2", "@moi", "="]),
    st.from_regex(r"[0-9 ,hx.:=-]{1,20}", fullmatch=True),
)  # fmt: skip
FRENCH_HINTS = (
    "Écrivez", "Répondez", "attendu", "entre 0", "Il faut", "pas facultative", "Je ne",
    "pas de question avant", "Reformulez", "trop longue",
)  # fmt: skip


@cache
def catalog() -> Catalog:
    base = load_index(DEFAULT_KNOWLEDGE_DIR, "exemple")[0].base
    return Catalog.build(DeclarationSettings(), base)


def _check(step: Step, draft: Draft, text: str, outcome: Outcome) -> None:
    assert outcome.messages and all(m.strip() for m in outcome.messages)
    if outcome.step == step and not outcome.saved and outcome.draft == draft:
        # asked again: the reason comes first, then the same question
        message = outcome.messages[0]
        assert message.endswith(prompt(step, draft, catalog()))
        if step is not Step.CONFIRM and text.strip():
            assert any(hint in message for hint in FRENCH_HINTS), message


@settings(max_examples=300, deadline=None)
@given(
    step=st.sampled_from(list(Step)),
    text=TYPED,
    filled=st.booleans(),
    parents=st.booleans(),
    friends=st.booleans(),
)
def test_any_text_at_any_step_is_handled(
    step: Step, text: str, filled: bool, parents: bool, friends: bool
) -> None:
    friends = friends or step is Step.YOUNG_FRIENDS  # only asked in the quarter's first week
    public = PARENTS if parents else YOUTH
    draft = Draft("2026-W46", dict(FULL) if filled else {}, public=public, friends=friends)
    outcome = advance(step, draft, text, catalog())
    _check(step, draft, text, outcome)
    if outcome.step is not None and outcome.step != step and not outcome.saved:
        # moving on keeps every earlier answer
        earlier = QUESTIONS[: QUESTIONS.index(step)] if step in QUESTIONS else QUESTIONS
        for question in earlier:
            if question.value in draft.values and not outcome.draft.inactive:
                assert outcome.draft.values[question.value] == draft.values[question.value]


@settings(max_examples=300, deadline=None)
@given(text=TYPED)
def test_parsers_only_raise_their_french_error(text: str) -> None:
    for parse in (parse_hours, parse_count):
        try:
            value = parse(text)
        except UserError as exc:
            assert exc.text()
        else:
            assert 0 <= value <= 1000
