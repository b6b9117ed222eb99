"""Hostile text into every command and parser: no unhandled exception, no user HTML rendered in
the bot's messages, and what a command writes can always be stored.

The whole dispatcher runs (every router, a real SQLite file, the shipped knowledge base); only
the Matrix side is absent. Senders are a coordinator, a promeneur and a stranger, so the
coordination's commands see hostile arguments too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.directory.csv_io import plan_import
from bot.directory.registry import Directory, search
from tests.databases import Databases
from tests.rig import SENDERS, Rig

HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<b>gras</b>", "<a href='javascript:x'>lien</a>", "&amp;",
    "**[clic](javascript:alert(1))**", "`code`", "'; DROP TABLE member; --", "\" OR 1=1 --",
    "\u202eéhcuag à etiord\u202c", "\u200f", "\x00", "\x1b[31m", "\r\n", "\t", "🙂🔥👍🏽",
    "مرحبا", "你好", "Привет", "=" * 5, 'clé="valeur', "@camille:x", "#salon:x", "semaine=99",
    "quand=\"31/02/2027 25h\"", "pour=@x", "9" * 30, "-1", "1e309", "NaN",
]  # fmt: skip
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=6).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=2000, max_size=6000),
)


@pytest.fixture(scope="module")
def rig(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    """One dispatcher for all examples (building it per example would take seconds)."""
    rig = Rig(databases.new(tmp_path_factory.mktemp("fuzz")))
    yield rig
    rig.close()


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sender=st.sampled_from(SENDERS),
    text=HOSTILE,
    direct=st.booleans(),
    data=st.data(),
)
def test_any_text_to_any_command_is_answered_in_french_without_rendering_it(
    rig: Rig, sender: str, text: str, direct: bool, data: st.DataObject
) -> None:
    names = sorted({name for c in rig.harness.bot.table.commands for name in c.names})
    command = data.draw(st.one_of(st.none(), st.sampled_from(names)))
    body = f"!{command} {text}" if command else text
    sent, texts = rig.say(body, sender, direct)  # what it wanted to keep was kept

    for reply, text in zip(sent, texts, strict=True):
        assert "erreur inattendue" not in text, body
        html = str(reply.content.get("formatted_body", ""))
        for tag in ("<script", "<b>gras", "<a href='javascript"):
            assert tag not in html, (body, html)


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=3000), HOSTILE.map(lambda t: t.encode("utf-8"))))
def test_any_file_given_to_the_directory_import_is_refused_or_planned(data: bytes) -> None:
    from bot.text.errors import UserError

    try:
        plan = plan_import(b"matrix;prenom;nom\n" + data, {})
    except UserError as exc:
        assert exc.text()
        return
    assert all(e.text().startswith("ligne ") for e in plan.errors)


@settings(max_examples=200, deadline=None)
@given(query=HOSTILE)
def test_any_directory_search_returns_a_list(query: str) -> None:
    snapshot = Directory(None, set()).snapshot  # type: ignore[arg-type]  # empty: no database
    assert search(snapshot, query) == []
