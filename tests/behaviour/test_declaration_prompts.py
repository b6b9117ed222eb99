"""The weekly prompt and the reminder, sent by the periodic check in a direct message, once;
and idle dialogues expiring. Through the whole bot in process (tests/harness.py), its clock
stopped on a Wednesday (tests.harness.NOW); tests/integration/test_declaration_prompts.py
checks that a restart sends nothing again."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlmodel import Session

from bot.settings import WEEKDAYS
from bot.storage.models import DialogState, as_utc
from tests.databases import Databases
from tests.harness import NETWORK_ROOM, NOW, PROMENEUR, Harness, Sent, Speaker, settings_for_tests

PROMPT = "C'est le moment de déclarer"
JOB = "declaration-prompts"
IDLE_EXPIRY = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
async def harness(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Harness]:
    """A bot whose prompt time (today, 00:00) and reminder time (Monday, 00:00) have passed;
    nobody has a direct message with it yet."""
    settings = settings_for_tests(
        declarations={
            "prompts": True,
            "prompt_day": WEEKDAYS[NOW.weekday()],
            "prompt_time": "00:00",
            "reminder_day": "lundi",
            "reminder_time": "00:00",
            "idle_expiry_hours": IDLE_EXPIRY.total_seconds() / 3600,
        }
    )
    url = databases.new(tmp_path_factory.mktemp("prompts"))
    harness = await Harness(url, settings).start()
    yield harness
    await harness.stop()


def _from_bot(harness: Harness, text: str, user_id: str) -> list[Sent]:
    """What the bot sent containing `text` outside the network room, to `user_id`'s DM."""
    return [
        sent
        for sent in harness.client.sent
        if sent.room_id != NETWORK_ROOM
        and text in sent.body
        and user_id in harness.client.rooms[sent.room_id].users
    ]


async def _leave_idle(harness: Harness, user_id: str, room_id: str, idle: dt.timedelta) -> None:
    """As if nobody had answered the dialogue for `idle` (the dialogue rows are stamped by the
    wall clock, not the harness clock)."""

    def backdate(session: Session) -> None:
        state = session.get(DialogState, (user_id, room_id))
        assert state is not None, "pas de dialogue en cours"
        state.updated_at = as_utc(state.updated_at) - idle
        session.add(state)

    await harness.db.run(backdate)


async def test_prompt_and_reminder_come_once_in_a_new_direct_message(harness: Harness) -> None:
    camille = Speaker(harness, PROMENEUR)
    assert harness.core.direct_rooms.find(camille.user_id) is None  # no DM yet

    await harness.run_job(JOB)
    (prompt,) = _from_bot(harness, PROMPT, camille.user_id)
    dm = prompt.room_id
    assert _from_bot(harness, "Pensez aussi à votre semaine", camille.user_id)
    assert "(1/10)" in prompt.body  # the first of the quarter: with the quarter's question
    assert "(2/10)" in await camille.ask(dm, "2h")

    assert await harness.run_job(JOB) == []  # the next check: nothing is due any more
    assert "(3/10)" in await camille.ask(dm, "insta")

    prompts = [sent for sent in harness.client.sent if sent.room_id == dm and PROMPT in sent.body]
    assert len(prompts) == 1
    assert dm == harness.core.direct_rooms.find(camille.user_id)  # the DM created for it


async def test_idle_dialogue_expires_with_a_notice(harness: Harness) -> None:
    dominique = Speaker(harness, "@dominique:x")  # prompted now, whatever ran before
    harness.client.rooms[NETWORK_ROOM].add_member(dominique.user_id, None, None)
    await harness.run_job(JOB)
    (prompt,) = _from_bot(harness, PROMPT, dominique.user_id)
    dm = prompt.room_id

    await _leave_idle(harness, dominique.user_id, dm, IDLE_EXPIRY + dt.timedelta(minutes=1))
    notices = [sent.body for sent in await harness.run_job(JOB) if sent.room_id == dm]
    assert any("a expiré faute de réponse" in body for body in notices), notices
    answer = await dominique.ask(dm, "3h")

    assert "(2/" not in answer  # the dialogue is over: "3h" is no answer to it any more
