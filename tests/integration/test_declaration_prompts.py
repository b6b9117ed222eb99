"""The weekly prompt across a restart: sent by the scheduler of a real bot process, once, and the
dialogue it opened goes on. The prompt, the reminder and idle dialogues are tested in
tests/behaviour/test_declaration_prompts.py."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.demo.people import body
from bot.settings import WEEKDAYS
from tests.integration.conftest import (
    Network,
    notifies_in_client,
    server_notifications,
    start_second_bot,
)

pytestmark = pytest.mark.integration

PROMPT = "C'est le moment de déclarer"


def _prompt_settings() -> str:
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    return (
        f'prompts = true\nprompt_day = "{WEEKDAYS[today.weekday()]}"\nprompt_time = "00:00"\n'
        'reminder_day = "lundi"\nreminder_time = "00:00"\n'
    )


def _from(sender: str, text: str, not_in: str) -> Callable[[str, object], bool]:
    def matches(room: str, event: object) -> bool:
        source = getattr(event, "source", {})
        body = source.get("content", {}).get("body", "")
        return source.get("sender") == sender and room != not_in and text in body

    return matches


async def test_prompt_and_reminder_are_not_sent_again_after_a_restart(
    network: Network, tmp_path: Path
) -> None:
    second = await start_second_bot(
        network, "pdn-bot-rappels", tmp_path, declarations=_prompt_settings()
    )
    camille = network.promeneur
    bot_id = second.account.user_id
    try:
        prompt = await camille.wait_for(_from(bot_id, PROMPT, second.room), timeout=60)
        dm = next(room for room, event in camille.events if event is prompt)
        # Both were sent before the restart.
        await camille.wait_for(_from(bot_id, "Pensez aussi à votre semaine", second.room))
        answer = await camille.wait_reply(dm, await camille.send(dm, "2h"))
        assert "(2/10)" in body(answer)  # the quarter's question makes ten
        # The prompt notifies her and names her; the answers to what she writes do not notify.
        content = prompt.source["content"]
        assert content["msgtype"] == "m.text" and content["m.mentions"] == {
            "user_ids": [camille.user_id]
        }
        assert await notifies_in_client(camille, dm, prompt)
        assert not await notifies_in_client(camille, dm, answer)
        # The homeserver cannot read an encrypted message: it lists every one as notifying.
        assert prompt.event_id in await server_notifications(camille)

        await asyncio.to_thread(second.process.stop)
        await asyncio.to_thread(second.process.start)
        await asyncio.to_thread(
            second.process.wait_for_log, "Rappels de déclaration vérifiés au démarrage : 0"
        )
        assert "(3/10)" in await camille.ask(dm, "insta")
    finally:
        second.process.stop()

    prompts = [
        e
        for room, e in camille.events
        if room == dm and PROMPT in e.source["content"].get("body", "")
    ]
    assert len(prompts) == 1
