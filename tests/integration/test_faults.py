"""The bot killed (`kill -9`) at random points of a scripted session, over and over.

A session mixes a promeneur's declaration dialogues (in a DM), coordination commands (directory
changes, reports) and meeting reminders falling due (the bot's clock is moved). After each step
the bot is killed at a random moment, then restarted. At the end: every message sent got exactly
one answer, every confirmed declaration is in the database once, every reminder was posted once,
and no administrative action was recorded twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import set_offset_file
from bot.demo.people import body
from tests.databases import count, rows
from tests.integration.conftest import Network, start_second_bot
from tests.seeds import replayable_seed

pytestmark = pytest.mark.integration

PARIS = ZoneInfo("Europe/Paris")
ANSWERS = ["3h30", "insta, snap", "12", "4", "2 3", "5 2 1 0", "1 5", "aucune", "passer", "oui"]
WEEKS = ["2027-W08", "2027-W09"]
# The first week of the quarter also asks the quarter's question (young friends), third.
FIRST_ANSWERS = [*ANSWERS[:2], "240", *ANSWERS[2:]]
START = dt.datetime(2027, 3, 10, 10, 0, tzinfo=PARIS)
MEETING = dt.datetime(2027, 3, 20, 14, 0, tzinfo=PARIS)
DUE = {5: MEETING - dt.timedelta(days=7), 11: MEETING - dt.timedelta(days=1),
       17: MEETING - dt.timedelta(hours=1)}  # fmt: skip


async def test_kill_9_at_random_points_loses_nothing_and_repeats_nothing(
    network: Network, tmp_path: Path
) -> None:
    seed = replayable_seed()
    rng = random.Random(seed)
    clock = tmp_path / "horloge"
    set_offset_file(clock, START)
    bot = await start_second_bot(
        network,
        "pdn-bot-chaos",
        tmp_path,
        clock_file=clock,
        extra="[deadlines]\nreminder_offsets = []\n",
    )
    camille, coordinator = network.promeneur, network.coordinator
    room, bot_id = bot.room, bot.account.user_id
    sent: list[tuple[str, str, str]] = []  # (room, event id, text)
    try:
        dm = await camille.create_room("", invite=[bot_id], direct=True)
        await camille.wait_member(dm, bot_id)
        created = await coordinator.ask(
            room, f'!reunion ajouter réseau titre="Réseau" quand="{MEETING:%d/%m/%Y} 14h"'
        )
        assert "créée" in created, created

        dialogue = [
            text
            for index, week in enumerate(WEEKS)
            for text in (f"!declarer {week}", *(ANSWERS if index else FIRST_ANSWERS))
        ]
        for step, text in enumerate(dialogue):
            batch = [(camille, dm, text)]
            if step % 4 == 1:
                batch.append((coordinator, room, f"!promeneur ajouter @membre{step}:localhost "
                                                  f"prenom=Membre{step}"))  # fmt: skip
            if step % 4 == 3:
                batch.append((coordinator, room, "!rapport"))
            if step in DUE:
                set_offset_file(clock, DUE[step] + dt.timedelta(seconds=1))
            for person, room_id, message in batch:
                sent.append((room_id, await person.send(room_id, message), message))
            await asyncio.sleep(rng.uniform(0, 0.8))
            bot.process.kill()
            await asyncio.to_thread(bot.process.start)
            for (person, _, _), (where, event_id, _) in zip(
                batch, sent[-len(batch) :], strict=True
            ):
                await person.wait_reply(where, event_id, timeout=60)

        # Replies come in order in each room: whatever was still to come has come.
        await coordinator.ask(room, "!ping")
        await camille.ask(dm, "!ping")
        context = f"graine {seed}"
        for where, event_id, message in sent:
            person = camille if where == dm else coordinator
            assert len(person.replies_to(event_id)) == 1, (context, message)
        texts = [body(e) for e in coordinator.messages_from(bot_id, room)]
        reminders = [text for text in texts if text.startswith("⏰ Rappel")]
        assert sorted(b.split(" : ")[0] for b in reminders) == [
            "⏰ Rappel, dans 1 heure", "⏰ Rappel, dans 7 jours", "⏰ Rappel, demain",
        ], context  # fmt: skip
        weeks = [
            row[0] for row in rows(bot.database_url, "SELECT week FROM declaration ORDER BY week")
        ]
        twice = rows(
            bot.database_url,
            "SELECT source_event_id FROM audit_entry GROUP BY source_event_id, target "
            "HAVING count(*) > 1",
        )
        members = count(bot.database_url, "member")
        assert weeks == WEEKS, context
        assert twice == [], context
        assert members == len([s for s in sent if s[2].startswith("!promeneur ajouter")])
    finally:
        bot.process.stop()
