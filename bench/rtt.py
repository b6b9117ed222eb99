"""Round-trip time of `!ping` through a local Synapse: the bot against a bare nio echo client.

Both run as their own processes against the same Synapse, measured alternately by one asker in
this process. Prints the figures and whether the bot's median stays within 1.2x of the echo's.

Usage: .venv/bin/python bench/rtt.py [--rounds 40] [--encrypted]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import Account, LocalSynapse
from bot.demo.people import Person

TARGET_RATIO = 1.2


async def measure(person: Person, room: str, text: str) -> float:
    started = time.perf_counter()
    event_id = await person.send(room, text)
    await person.wait_reply(room, event_id, timeout=30)
    return (time.perf_counter() - started) * 1000


def describe(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return (
        f"{name:<6} median {statistics.median(samples):7.1f} ms   p90 {p90:7.1f} ms   "
        f"min {ordered[0]:6.1f} ms   n={len(samples)}"
    )


async def run(rounds: int, encrypted: bool, work: Path) -> int:
    synapse = LocalSynapse(work / "synapse")
    await asyncio.to_thread(synapse.start)
    echo_proc: subprocess.Popen[bytes] | None = None
    bot: BotProcess | None = None
    asker: Person | None = None
    try:
        echo = synapse.register("echo", "echo-secret")
        bot_account = synapse.register("pdn-bot", "bot-secret")
        asker_account = synapse.register("camille", "camille-secret")
        asker = Person(synapse.url, asker_account.user_id, asker_account.password, work / "asker")
        await asker.start()
        echo_room = await asker.create_room("écho", invite=[echo.user_id], encrypted=False)
        bot_room = await asker.create_room("bot", invite=[bot_account.user_id], encrypted=encrypted)

        echo_proc = subprocess.Popen(  # noqa: ASYNC220  (starting it is quick; it runs apart)
            [
                sys.executable,
                str(Path(__file__).with_name("echo_bot.py")),
                synapse.url,
                echo.user_id,
                echo.password,
            ],
            stdout=subprocess.PIPE,
        )
        assert echo_proc.stdout is not None
        await asyncio.to_thread(echo_proc.stdout.readline)
        await asyncio.to_thread(synapse_join, synapse, echo, echo_room)

        config = write_config(
            work / "bot" / "config.toml",
            synapse.url,
            bot_account.user_id,
            bot_account.password,
            network_rooms=[bot_room],
            coordinators=[asker_account.user_id],
            allowed_inviters=[asker_account.user_id],
        )
        bot = BotProcess(config)
        await asyncio.to_thread(bot.start)
        await asker.wait_member(bot_room, bot_account.user_id)
        await asker.wait_member(echo_room, echo.user_id)

        for _ in range(3):  # warm-up: connections, key sharing, caches
            await measure(asker, echo_room, "!ping")
            await measure(asker, bot_room, "!ping")
        echo_ms, bot_ms = [], []
        for round_no in range(rounds):
            # Alternate which goes first, so that neither always follows the other's traffic.
            if round_no % 2:
                bot_ms.append(await measure(asker, bot_room, "!ping"))
                echo_ms.append(await measure(asker, echo_room, "!ping"))
            else:
                echo_ms.append(await measure(asker, echo_room, "!ping"))
                bot_ms.append(await measure(asker, bot_room, "!ping"))
    finally:
        if asker is not None:
            await asker.stop()
        if bot is not None:
            bot.stop()
        if echo_proc is not None:
            echo_proc.terminate()
            echo_proc.wait()
        synapse.stop()

    ratio = statistics.median(bot_ms) / statistics.median(echo_ms)
    print(
        f"Aller-retour de !ping via Synapse local ({'chiffré' if encrypted else 'non chiffré'}) :"
    )
    print(describe("écho", echo_ms))
    print(describe("bot", bot_ms))
    verdict = "OK" if ratio <= TARGET_RATIO else "TROP LENT"
    print(f"ratio des médianes bot/écho : {ratio:.2f} (cible ≤ {TARGET_RATIO}) : {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


def synapse_join(synapse: LocalSynapse, account: Account, room_id: str) -> None:
    """The echo client joins through the client API with its own token."""
    logged = synapse.login(account, "bench-join")
    synapse.api("POST", f"/_matrix/client/v3/join/{room_id}", logged.access_token, {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--encrypted", action="store_true", help="salon du bot chiffré")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdn-bench-") as work:
        return asyncio.run(run(args.rounds, args.encrypted, Path(work)))


if __name__ == "__main__":
    raise SystemExit(main())
