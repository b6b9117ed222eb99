"""`pdn-bot declare --dry-run`, as a coordinator runs it: answers on standard input, the draft the
dialogue would store on standard output; and the same answers through the whole bot in process
(tests/harness.py) store exactly that draft."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.declarations.commands import default_week
from bot.declarations.records import FIELDS
from bot.declarations.weeks import Week
from tests.databases import rows
from tests.harness import NOW, LocalNetwork, local_network

WEEK = "2026-W46"
# The transcript of tests/behaviour/test_declarations.py, with its two refused answers.
# A week that is the first declared of its quarter: the quarter's question comes third.
ANSWERS = [
    "3h30",
    "insta, snpachat et discord",
    "240",
    "quinze",
    "beaucoup",
    "5",
    "15-17 : 8, 18-21 : 7",
    "5 2 1 0",
    "cyberharcelement, mal etre",
    "3018 x2, fil sante jeunes",
    "vu kenza (3eB au collège Jean Moulin), son 06 12 34 56 78",
    "passer",
    "oui",
]
JSON_FIELDS = {"networks", "age_groups", "interactions", "topics", "referrals"}


def _declare(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lines: list[str],
    *options: str,
) -> tuple[int, dict[str, Any]]:
    """The exit code and the JSON printed for `lines` on standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code = main(["declare", "--dry-run", "--json", "--departement", "exemple", *options])
    return code, json.loads(capsys.readouterr().out)


def test_a_full_dialogue_gives_the_draft_its_summary_and_the_refusals(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result = _declare(monkeypatch, capsys, ANSWERS, "--week", WEEK, "--amis")

    assert code == 0
    assert result["status"] == "ready"
    assert result["mode"] == "dialogue"
    assert result["confirmed"] is True
    assert result["week"] == WEEK
    assert result["draft"] == {
        "hours": 3.5,
        "networks": ["Instagram", "Snapchat", "Discord"],
        "young_friends": 240,
        "young_people": 15,
        "short_contacts": 5,
        "age_groups": {"15-17 ans": 8, "18-21 ans": 7},
        "interactions": {
            "échanges simples": 5,
            "demandes de conseil": 2,
            "actions de prévention": 1,
        },
        "topics": ["Cyberharcèlement", "Mal-être"],
        "referrals": {"Fil Santé Jeunes": 1, "3018": 2},
        "remark": "",
        "inactive": False,
    }
    summary = result["summary"]
    assert summary.startswith("Déclaration de la semaine 46 (09/11 au 15/11/2026) :")
    assert "• Heures en ligne : 3 h 30" in summary
    assert "• Orientations : Fil Santé Jeunes : 1, 3018 : 2" in summary
    questions = result["questions"]
    assert [q.split(")", 1)[0] for q in questions[:11]] == [
        "(1/10", "(2/10", "(3/10", "(4/10", "(5/10", "(5/10", "(6/10", "(7/10", "(8/10",
        "(9/10", "(10/10",
    ]  # fmt: skip
    assert len(questions) == 13
    assert questions[10] == questions[11]  # the remark asked again
    assert questions[-1].startswith(summary)
    assert questions[-1].endswith("Répondez « oui », ou « non » pour corriger.")
    first, second = result["errors"]
    assert first.startswith("« beaucoup » n'est pas un nombre entier")
    assert "un numéro de téléphone" in second
    assert "kenza" not in second and "Moulin" not in second


def test_a_fast_path_line_is_stored_at_once_with_the_defaults(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    week = default_week(dt.date.today())  # a week !declarer always accepts
    line = f"3h jeunes=4 reseaux=insta,snap echanges=2,1 orientations=3018x2 semaine={week.number}"
    code, result = _declare(monkeypatch, capsys, [line], "--week", "2026-W40")

    assert code == 0
    assert result["status"] == "ready"
    assert result["mode"] == "fast_path"
    assert result["confirmed"] is True
    assert result["week"] == str(week)  # semaine= wins over --week, as !declarer reads it
    assert result["questions"] == []
    assert result["errors"] == []
    assert result["draft"] == {
        "hours": 3.0,
        "networks": ["Instagram", "Snapchat"],
        "young_people": 4,
        "short_contacts": 0,
        "young_friends": None,
        "age_groups": {},
        "interactions": {"échanges simples": 2, "demandes de conseil": 1},
        "topics": [],
        "referrals": {"3018": 2},
        "remark": "",
        "inactive": False,
    }
    assert "• Jeunes en contact : 4" in result["summary"]
    # « aucun » or « aucune », as the line's noun wants it
    assert "• Tranches d'âge : aucune" in result["summary"]
    assert "• Thématiques : aucune" in result["summary"]
    assert "• Contacts courts : 0" in result["summary"]


def test_a_refused_answer_is_listed_and_the_draft_is_not_ready(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result = _declare(monkeypatch, capsys, ["3h30", "insta", "beaucoup"], "--week", WEEK)

    assert code == 1
    assert result["status"] == "refused"
    assert result["confirmed"] is False
    assert result["summary"] is None
    assert result["draft"] == {"hours": 3.5, "networks": ["Instagram"]}  # accepted so far
    (error,) = result["errors"]
    assert error.startswith("« beaucoup » n'est pas un nombre entier")
    assert result["questions"][-1].startswith("(3/9)")


def test_a_refused_fast_path_names_the_field(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result = _declare(monkeypatch, capsys, ["3h jeunes=beaucoup"])

    assert code == 1
    assert result["status"] == "refused"
    assert result["draft"] == {}
    (error,) = result["errors"]
    assert "jeunes" in error and "beaucoup" in error


def test_unfinished_cancelled_and_empty_weeks(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, unfinished = _declare(monkeypatch, capsys, ["3h30", "insta"])
    assert (code, unfinished["status"], unfinished["errors"]) == (1, "incomplete", [])
    assert unfinished["week"] == str(default_week(dt.date.today()))

    code, cancelled = _declare(monkeypatch, capsys, ["3h30", "annuler"])
    assert (code, cancelled["status"], cancelled["draft"]) == (1, "cancelled", {})

    code, away = _declare(monkeypatch, capsys, ["congés"])  # not yet confirmed
    assert (code, away["status"], away["confirmed"]) == (0, "ready", False)
    assert away["draft"]["inactive"] is True and away["draft"]["hours"] == 0
    assert "rien cette semaine" in away["summary"]


def test_lines_after_the_end_are_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("3h jeunes=2\ninsta\n"))

    assert main(["declare", "--dry-run", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 ligne(s) après la fin de la déclaration" in captured.err


def test_without_json_the_transcript_is_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("3h30\nbof\n"))

    assert main(["declare", "--dry-run", "--week", WEEK]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Simulation hors ligne de la déclaration de la semaine 46")
    assert "Bot : (1/9) Combien d'heures" in out
    assert "Vous : 3h30" in out
    assert "Vous : bof" in out
    assert out.rstrip().endswith("rien ne serait enregistré.")


def test_the_networks_come_from_the_configuration_without_any_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[homeserver]\nurl = "https://matrix.example.org"\n'
        '[bot]\nuser_id = "@pdn-bot:example.org"\n'
        '[network]\nrooms = ["!reseau:example.org"]\ncoordinators = ["@coord:example.org"]\n'
        '[declarations]\nnetworks = ["Instagram", "Mastodon"]\n'
        'age_groups = ["12-15 ans", "16-25 ans", "parents"]\nthemes = ["Sport"]\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("PDN_BOT_PASSWORD", raising=False)

    answers = ["2h", "2", "4", "1", "16-25 : 3, parents 1", "aucun", "sport, harcelement"]
    code, result = _declare(monkeypatch, capsys, answers, "-c", str(config))

    assert code == 1
    assert "1. Instagram  2. Mastodon\n" in result["questions"][1]
    assert "1. 12-15 ans  2. 16-25 ans  3. parents\n" in result["questions"][4]
    assert "Sport" in result["questions"][6]  # the network's themes beside the base's topics
    assert result["draft"]["networks"] == ["Mastodon"]
    assert result["draft"]["age_groups"] == {"16-25 ans": 3, "parents": 1}
    assert result["draft"]["topics"] == ["Harcèlement scolaire", "Sport"]


def test_a_pdn_parentalite_is_asked_about_parents_and_the_quarter_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result = _declare(monkeypatch, capsys, ["2h", "1"], "--parents", "--amis")

    assert code == 1  # unfinished
    questions = result["questions"]
    assert questions[0].startswith("(1/10)")
    assert "(3/10) Question du trimestre : combien de parents sont amis" in questions[2]
    code, result = _declare(monkeypatch, capsys, ["2h", "1", "3"], "--parents")
    assert "(3/9) Avec combien de parents ou de familles" in result["questions"][2]
    assert "(4/9)" in result["questions"][3]


def test_declare_without_dry_run_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["declare", "--json"])

    assert exited.value.code == 2
    assert "ajoutez --dry-run" in capsys.readouterr().err


@pytest.fixture
async def local(database_url: str) -> AsyncIterator[LocalNetwork]:
    network = await local_network(database_url)
    yield network
    await network.harness.stop()


def _stored(local: LocalNetwork, week: Week) -> dict[str, Any]:
    """camille's declaration of `week`, as the database holds it."""
    query = f"SELECT {', '.join(FIELDS)}, inactive FROM declaration WHERE week = :week"
    ((*values, inactive),) = rows(local.database_url, query, week=str(week))
    row = dict(zip(FIELDS, values, strict=True))
    for name in JSON_FIELDS:  # text on SQLite, decoded on PostgreSQL
        if isinstance(row[name], str):
            row[name] = json.loads(row[name])
    return {**row, "inactive": bool(inactive)}


async def test_the_dry_run_stores_what_the_real_dialogue_stores(
    local: LocalNetwork, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    week = Week.of(NOW.date()).shifted(-1)
    camille, dm = local.promeneur, local.dm
    # the first week declared in the module's quarter, as --amis says
    assert "(1/10)" in await camille.ask(dm, f"!declarer semaine {week.number}")
    replies = [await camille.ask(dm, answer) for answer in ANSWERS]
    assert "Merci ! Déclaration enregistrée" in replies[-1]

    code, result = _declare(monkeypatch, capsys, ANSWERS, "--week", str(week), "--amis")

    assert code == 0
    assert result["draft"] == _stored(local, week)
    assert replies[-2] == result["questions"][-1]  # the summary asked to confirm, word for word
    for reply, asked in zip(replies[:-1], result["questions"][1:], strict=True):
        assert reply.endswith(asked)  # every question, after its reason if refused


async def test_a_fast_path_stores_what_declarer_stores(
    local: LocalNetwork, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    week = Week.of(NOW.date()).shifted(-2)
    line = "2h30 reseaux=snap,discord jeunes=7 contacts=3 ages=15-17 sujets=fugue remarque=atelier"
    saved = await local.promeneur.ask(local.dm, f"!declarer {line} semaine={week.number}")
    assert "Enregistrée" in saved

    code, result = _declare(monkeypatch, capsys, [line], "--week", str(week))

    assert code == 0
    assert result["draft"] == _stored(local, week)
    assert result["summary"] in saved
