"""One declaration, three places, the same figures: what the summary shows before « oui », what
is stored, and what the quarter's report counts — for any answers a promeneur may type."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, SQLModel, create_engine

from bot.declarations.catalog import Catalog
from bot.declarations.dialog import PARENTS, YOUTH, Draft, Step, advance
from bot.declarations.export import summary_text
from bot.declarations.parsing import format_hours
from bot.declarations.records import save_declaration
from bot.declarations.report import Period, build_report, load_rows
from bot.declarations.weeks import Week
from bot.knowledge.loader import load_knowledge
from bot.settings import DEFAULT_KNOWLEDGE_DIR, DeclarationSettings

WEEK = Week(2026, 46)
WHO = "@camille:x"


@cache
def catalog() -> Catalog:
    return Catalog.build(DeclarationSettings(), load_knowledge(DEFAULT_KNOWLEDGE_DIR, "").base)


def labels(choices: tuple[Any, ...]) -> list[str]:
    return [choice.label for choice in choices]


@cache
def numbered() -> set[str]:
    """Relays named by a number: « Fil Santé Jeunes 119 » (119 times, or the 119 too?) is
    asked back, so the test writes « x119 »."""
    names = [name for choice in catalog().relays for name in (choice.label, *choice.aliases)]
    return {name.replace(" ", "") for name in names if name.replace(" ", "").isdigit()}


def in_order(chosen: list[str], choices: tuple[Any, ...]) -> list[str]:
    """Chosen options are stored in the list's order, whatever the order they were typed in."""
    return sorted(chosen, key=labels(choices).index)


def counted(names: list[str]) -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(names), st.integers(1, 1000), max_size=len(names))


@st.composite
def answers(draw: st.DrawFn) -> tuple[dict[str, Any], list[str], Draft]:
    """Values, the messages that type them (names or numbers, in any order), and the draft the
    dialogue starts from."""
    c = catalog()
    friends = draw(st.booleans())
    values: dict[str, Any] = {
        "hours": draw(st.integers(0, 240)) / 4,
        "networks": in_order(
            draw(st.lists(st.sampled_from(labels(c.networks)), unique=True)), c.networks
        ),
        "young_people": draw(st.integers(0, 1000)),
        "short_contacts": draw(st.integers(0, 1000)),
        "age_groups": draw(counted(labels(c.ages))),
        "interactions": draw(counted(labels(c.interactions))),
        "topics": in_order(
            draw(st.lists(st.sampled_from(labels(c.topics)), unique=True, max_size=6)), c.topics
        ),
        "referrals": draw(counted(labels(c.relays)[:12])),
    }
    if friends:
        values["young_friends"] = draw(st.integers(0, 20_000))

    def listed(chosen: list[str], names: list[str]) -> str:
        # by number in the list, which is how most promeneurs answer
        return " ".join(str(names.index(label) + 1) for label in chosen) or "aucun"

    def pairs(counts: dict[str, int]) -> str:
        items = list(counts.items())
        order = draw(st.permutations(items)) if items else items
        before = draw(st.booleans())  # « 8 échanges » or « échanges 8 »

        def one(label: str, count: int) -> str:
            named = label[0].isdigit() and not label[:5].count("-")
            if named or str(count) in numbered():
                return f"{label} x{count}"  # « 3018 2 » is asked back: the 3018 twice?
            return f"{count} {label}" if before else f"{label} {count}"

        return ", ".join(one(k, n) for k, n in order) or "aucun"

    hours, minutes = divmod(round(values["hours"] * 60), 60)
    messages = [f"{hours}h{minutes:02d}" if minutes else f"{hours}h"]
    messages.append(listed(values["networks"], labels(c.networks)))
    if friends:
        messages.append(str(values["young_friends"]))
    messages += [str(values["young_people"]), str(values["short_contacts"])]
    messages.append(pairs(values["age_groups"]))
    messages.append(pairs(values["interactions"]))
    messages.append(listed(values["topics"], labels(c.topics)))
    messages.append(pairs(values["referrals"]))
    messages += ["passer"]
    public = draw(st.sampled_from([YOUTH, PARENTS]))
    return values, messages, Draft(str(WEEK), public=public, friends=friends)


def converse(draft: Draft, messages: list[str]) -> tuple[str, Draft]:
    """The summary asked for confirmation, and the draft saved after « oui »."""
    step = Step.HOURS
    for text in messages:
        outcome = advance(step, draft, text, catalog())
        assert outcome.answered is step, (step, text, outcome.messages)
        assert outcome.step is not None
        step, draft = outcome.step, outcome.draft
    assert step is Step.CONFIRM
    shown = outcome.messages[0]
    confirmed = advance(step, draft, "oui", catalog())
    assert confirmed.saved is not None
    return shown, confirmed.saved


def stored_rows(draft: Draft) -> list[dict[str, Any]]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        save_declaration(WHO, draft)(session)
        session.commit()
    with Session(engine) as session:
        rows = load_rows(session, [str(WEEK)])
    engine.dispose()
    return rows


@settings(max_examples=150, deadline=None)
@given(answers())
def test_the_summary_the_stored_row_and_the_report_agree(
    given: tuple[dict[str, Any], list[str], Draft],
) -> None:
    values, messages, start = given
    shown, saved = converse(start, messages)

    # stored: exactly what was typed
    (row,) = stored_rows(saved)
    for name, value in values.items():
        assert row[name] == value, name
    if "young_friends" not in values:
        assert row["young_friends"] is None

    # shown before « oui »: every figure, as stored
    assert f"• Heures en ligne : {format_hours(row['hours'])}" in shown
    assert f"• Jeunes en contact : {row['young_people']}" in shown
    assert f"• Contacts courts : {row['short_contacts']}" in shown
    if row["young_friends"] is not None:
        assert f"• Amis ou abonnés du profil : {row['young_friends']}" in shown
    for name in ("age_groups", "interactions", "referrals"):
        for label, count in row[name].items():
            assert f"{label} : {count}" in shown, (name, label)
    for label in row["networks"] + row["topics"]:
        assert label in shown

    # counted in the quarter's report: the same figures
    report = build_report(Period(2026, 4), [row], dt.date(2026, 12, 1))
    net = report.network
    assert net.hours == row["hours"] and net.young_people == row["young_people"]
    assert net.short_contacts == row["short_contacts"]
    assert net.young_friends == row["young_friends"]
    assert net.age_groups == Counter(row["age_groups"])
    assert net.interactions == Counter(row["interactions"])
    assert net.referrals == Counter(row["referrals"])
    assert net.networks == Counter(row["networks"]) and net.topics == Counter(row["topics"])
    text = summary_text(report)
    assert f"Heures de présence en ligne : {format_hours(row['hours'])}" in text
    assert f"(somme des semaines) : {row['young_people']}" in text
