"""A quarter and a year of the Caf evaluation walked through the real homeserver, on the bot's
moved clock: two promeneurs of different types in two structures, one on leave for three weeks,
one arriving mid-quarter, a third who erases her data, a week declared twice. The figures are
the same in the chat summaries of the declarations, `!rapport` and its CSV, `pdn-bot report`,
`!tableau-de-bord`, `!declarations manquantes` and the deadline messages."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import OFFSET_FILE_ENV, set_offset_file
from bot.demo.people import Person, body
from tests.integration.conftest import (
    Network,
    SecondBot,
    file_reply,
    new_person,
    open_dm,
    start_second_bot,
)

# On SQLite only: the figures are computed in Python from the rows read, the same way on both
# engines; what PostgreSQL stores of declarations is checked by test_faults.py (kill -9 while
# declaring) and test_postgresql.py on both. The suite's time on this machine asks for it.
pytestmark = [pytest.mark.integration, pytest.mark.one_database]

PARIS = ZoneInfo("Europe/Paris")
DEADLINE = "📋 Échéance"
# Camille (jeunesse, MJC Nord) in the fourth quarter of 2027: hours by week, 3 young people
# each; on leave for weeks 40 to 42, weeks 47 and 50 never declared, week 44 declared twice.
CAMILLE_Q4 = {43: "2h", 44: "3h30", 45: "2h", 46: "1h30", 48: "2h", 49: "2h", 51: "1h", 52: "0h30"}
CAMILLE_EARLIER = {5: "2h", 20: "2h", 30: "2h", 39: "2h"}  # one week in each earlier quarter
# Sam (parentalité, Centre social Sud) arrives on 16 November (week 46); week 49 is missing.
SAM_Q4 = {46: "1h", 47: "1h", 48: "1h", 50: "1h", 51: "1h", 52: "1h"}
# Dominique (jeunesse, MJC Nord) declares two weeks, then erases her data.
DOMINIQUE_Q4 = {40: "2h", 41: "2h"}


def paris(*fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=PARIS)  # type: ignore[misc]


def _shown_hours(summary: str) -> float:
    """The hours a declaration's chat summary shows (« • Heures en ligne : 3 h 30 »)."""
    match = re.search(r"• Heures en ligne : (\d+) h(?: (\d+))?", summary)
    assert match, summary
    return int(match[1]) + int(match[2] or 0) / 60


async def _declare(person: Person, dm: str, weeks: dict[int, str], young: int) -> float:
    """Declare `weeks` of 2027 in one message each; the hours the chat summaries showed."""
    shown = 0.0
    for number, hours in weeks.items():
        saved = await person.ask(dm, f"!declarer {hours} jeunes={young} semaine={number} 2027")
        assert "Enregistrée" in saved, saved
        shown += _shown_hours(saved)
    return shown


def _csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    """The report's CSV by its first column (a promeneur, or the network's total)."""
    table = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    header, *rows = list(table)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows if row}


def _number(cell: str) -> float:
    return float(cell.replace(",", ".") or 0)


def _cli_report(bot: SecondBot, clock: Path, period: list[str], out: Path) -> tuple[str, bytes]:
    """`pdn-bot report` on the bot's database and clock: its printed summary and its CSV."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "report", *period, "--out", str(out), "-c",
         str(bot.process.config)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PDN_BOT_NO_BOOTSTRAP": "1", OFFSET_FILE_ENV: str(clock)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (csv_file,) = out.glob("*.csv")
    return done.stdout.partition("\nÉcrit :")[0].strip(), csv_file.read_bytes()


async def test_a_quarter_and_a_year_give_the_same_figures_everywhere(
    network: Network, tmp_path: Path
) -> None:
    sam, dominique = await asyncio.gather(
        new_person(network.synapse, "sam-bilan", tmp_path / "people"),
        new_person(network.synapse, "dominique-bilan", tmp_path / "people"),
    )
    clock = tmp_path / "horloge"
    set_offset_file(clock, paris(2027, 10, 1, 10, 0))
    bot = await start_second_bot(
        network,
        "pdn-bot-bilan",
        tmp_path / "bot",
        clock_file=clock,
        extra='[deadlines]\nreminder_offsets = ["7j"]\n',
        members=(sam, dominique),
    )
    camille, coordinator, room = network.promeneur, network.coordinator, bot.room
    bot_id = bot.account.user_id
    people = (camille, sam, dominique, coordinator)
    try:
        dms = await asyncio.gather(*(open_dm(person, bot_id) for person in people))
        camille_dm, sam_dm, dominique_dm, coordinator_dm = dms

        async def move(moment: dt.datetime) -> None:
            await asyncio.to_thread(bot.process.move_clock, moment)

        async def coordinate(command: str, expected: str) -> str:
            answer = await coordinator.ask(room, command)
            assert expected in answer, answer
            return answer

        # 1 October 2027: Camille and Dominique in the directory since January; Camille goes on
        # leave until 24 October (weeks 40 to 42 are not expected of her).
        for person, fields in (
            (camille, 'prenom=Camille nom=Martin structure="MJC Nord" type=jeunesse'),
            (dominique, 'prenom=Dominique nom=Leroy structure="MJC Nord" type=jeunesse'),
        ):
            await coordinate(f"!promeneur ajouter {person.user_id} {fields} label=04/01/2027",
                             "ajouté·e")  # fmt: skip
        await coordinate(f"!promeneur conges {camille.user_id} 24/10/2027", "24/10/2027")
        shown = {camille.user_id: await _declare(camille, camille_dm, CAMILLE_EARLIER, 3)}

        # 16 November: Sam, a PdN Parentalité of another structure, arrives.
        await move(paris(2027, 11, 16, 10, 0))
        await coordinate(
            f'!promeneur ajouter {sam.user_id} prenom=Sam nom=Petit structure="Centre social Sud" '
            "type=parentalite",
            "ajouté·e",
        )

        # 4 January 2028: the fourth quarter is declared, up to its deadline of 15 January.
        await move(paris(2028, 1, 4, 10, 0))
        first = await camille.ask(camille_dm, "!declarer 1h jeunes=3 semaine=44 2027")
        assert "Enregistrée" in first, first  # then declared again below, with 3 h 30
        shown[camille.user_id] += await _declare(camille, camille_dm, CAMILLE_Q4, 3)
        shown[sam.user_id] = await _declare(sam, sam_dm, SAM_Q4, 2)
        await _declare(dominique, dominique_dm, DOMINIQUE_Q4, 1)
        erased = await dominique.ask(dominique_dm, "!supprimer-mes-donnees confirmer")
        assert "C'est fait" in erased, erased

        # The quarter: 10 weeks expected of Camille (43 to 52), 7 of Sam (46 to 52), none of
        # Dominique any more; Dominique's hours stay in the totals.
        quarter_hours = 14.5 + 6 + 4
        report = await coordinator.ask(coordinator_dm, "!rapport T4 2027")
        assert "Bilan T4 2027" in report, report
        assert "14 semaine(s) déclarée(s) sur 17 attendue(s)" in report, report
        assert "• Heures de présence en ligne : 24 h 30" in report, report
        assert "• Jeunes en contact (somme des semaines) : 38" in report  # 8×3 + 6×2 + 2×1
        chat_csv = await file_reply(coordinator, coordinator_dm, bot_id, "bilan-pdn-2027-Q4.csv")
        table = _csv_rows(chat_csv)
        hours_column = next(name for name in next(iter(table.values())) if "Heures" in name)
        by_person = {
            user: _number(row[hours_column])
            for user, row in table.items()
            if user.startswith(("Camille", "Sam"))
        }
        assert sorted(by_person.values()) == [6.0, 14.5]
        assert shown[sam.user_id] == 6.0 and shown[camille.user_id] == 14.5 + 8
        totals = [row for key, row in table.items() if key.startswith(("Réseau", "Total"))]
        assert totals and _number(totals[0][hours_column]) == quarter_hours, totals

        summary, cli_csv = _cli_report(bot, clock, ["--quarter", "2027-Q4"], tmp_path / "q4")
        assert summary == report
        assert _csv_rows(cli_csv) == table

        board = await coordinator.ask(coordinator_dm, "!tableau-de-bord")
        assert "Déclarations du T4 2027" in board, board
        assert "14 semaine(s) sur 17 attendue(s) ; 2 promeneur(s) en retard" in board, board
        missing = await coordinator.ask(coordinator_dm, "!declarations manquantes")
        assert f"{camille.user_id} : semaines 47, 50" in missing, missing
        assert f"{sam.user_id} : semaines 49" in missing, missing
        assert dominique.user_id not in missing

        # The reminder of the fourth quarter's deadline, 7 days before 15 January.
        await move(paris(2028, 1, 8, 9, 0, 1))
        told = body(await camille.wait_message(bot_id, camille_dm, DEADLINE))
        assert "il vous manque les semaines 47, 50" in told, told
        told = body(await sam.wait_message(bot_id, sam_dm, DEADLINE))
        assert "il vous manque les semaines 49" in told, told
        listed = body(await coordinator.wait_message(bot_id, coordinator_dm, DEADLINE))
        assert f"• {camille.user_id} : semaines 47, 50" in listed, listed
        assert f"• {sam.user_id} : semaines 49" in listed, listed
        assert report in listed and dominique.user_id not in listed, listed

        # The year 2027: Camille from week 1 except her leave (49 weeks), Sam's 7.
        year = await coordinator.ask(coordinator_dm, "!rapport 2027")
        assert "Bilan 2027" in year and "18 semaine(s) déclarée(s) sur 56 attendue(s)" in year
        assert "• Heures de présence en ligne : 32 h 30" in year, year
        year_csv = await file_reply(coordinator, coordinator_dm, bot_id, "bilan-pdn-2027.csv")
        summary, cli_csv = _cli_report(bot, clock, ["--year", "2027"], tmp_path / "annee")
        assert summary == year
        assert _csv_rows(cli_csv) == _csv_rows(year_csv)
        await move(paris(2028, 1, 24, 9, 0, 1))  # the annual deadline is 31 January
        annual = await coordinator.wait_message(bot_id, coordinator_dm, "(bilan 2027)")
        assert year in body(annual), body(annual)
        await dominique.ask(dominique_dm, "!ping")
        assert not [e for e in dominique.messages_from(bot_id) if DEADLINE in body(e)]
    finally:
        bot.process.stop()
        await asyncio.gather(sam.stop(), dominique.stop())
