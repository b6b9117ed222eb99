"""The weekly prompt and the reminder: sent by the scheduler in a DM, once, across restarts."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.settings import WEEKDAYS
from tests.integration.conftest import Network, start_second_bot

pytestmark = pytest.mark.integration

PROMPT = "C'est le moment de déclarer"


def _prompt_settings(extra: str = "") -> str:
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    return (
        f'prompts = true\nprompt_day = "{WEEKDAYS[today.weekday()]}"\nprompt_time = "00:00"\n'
        f'reminder_day = "lundi"\nreminder_time = "00:00"\n{extra}'
    )


def _from(sender: str, text: str, not_in: str) -> Callable[[str, object], bool]:
    def matches(room: str, event: object) -> bool:
        source = getattr(event, "source", {})
        body = source.get("content", {}).get("body", "")
        return source.get("sender") == sender and room != not_in and text in body

    return matches


async def test_prompt_and_reminder_come_once_in_a_new_direct_message(
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
        await camille.wait_for(_from(bot_id, "Pensez aussi à votre semaine", second.room))
        assert "(1/9)" in prompt.source["content"]["body"]
        assert "(2/9)" in await camille.ask(dm, "2h")

        await asyncio.to_thread(second.process.stop)
        await asyncio.to_thread(second.process.start)
        await asyncio.to_thread(
            second.process.wait_for_log, "Rappels de déclaration vérifiés au démarrage : 0"
        )
        assert "(3/9)" in await camille.ask(dm, "insta")
    finally:
        second.process.stop()

    prompts = [
        e
        for room, e in camille.events
        if room == dm and PROMPT in e.source["content"].get("body", "")
    ]
    assert len(prompts) == 1
    assert dm != network.dm  # its own DM with the second bot


async def test_idle_dialogue_expires_with_a_notice(network: Network, tmp_path: Path) -> None:
    settings = _prompt_settings("idle_expiry_hours = 0.001")  # 3.6 s
    second = await start_second_bot(network, "pdn-bot-oubli", tmp_path, declarations=settings)
    camille, bot_id = network.promeneur, second.account.user_id
    try:
        prompt = await camille.wait_for(_from(bot_id, PROMPT, second.room), timeout=60)
        dm = next(room for room, event in camille.events if event is prompt)
        await camille.wait_for(_from(bot_id, "a expiré faute de réponse", second.room))
        answer = await camille.ask(dm, "3h")
    finally:
        second.process.stop()

    assert "(2/9)" not in answer  # the dialogue is over: "3h" is no answer to it any more
