"""An end-to-end check with an independent Matrix client, matrix-commander: it is not a project
dependency, so this is a script to run by hand, not a test of the suite.

    python3 -m venv /tmp/mc && /tmp/mc/bin/pip install matrix-commander
    .venv/bin/python tests/e2e/matrix_commander_check.py /tmp/mc/bin/matrix-commander

It starts a Synapse on 127.0.0.1 and the bot (as the tests do), gives the network room an alias,
logs matrix-commander in as a promeneuse, and through it only: sends `!ping` to the room by its
alias, asks `!aide reunion`, and reads the bot's answers back with `--tail` (by the room's id,
which `--tail` needs). Prints what it saw;
exit status 0 when every answer came.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.demo.botprocess import BotProcess, write_config
from bot.demo.homeserver import LocalSynapse
from bot.demo.people import Person

ALIAS = "#reseau-pdn:localhost"
CHECKS = (("!ping", "Pong !"), ("!aide reunion", "!reunions"))


def commander(binary: str, work: Path, *args: str) -> str:
    done = subprocess.run(
        [binary, "--credentials", str(work / "credentials.json"), "--store", str(work / "store"),
         *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if os.environ.get("E2E_DEBUG"):  # every call and what it printed
        print("$", " ".join(args), "\n", done.stdout[-1500:], done.stderr[-1500:])
    if done.returncode != 0:
        raise SystemExit(f"matrix-commander {' '.join(args)} : échec\n{done.stderr[-2000:]}")
    return done.stdout


async def check(binary: str, work: Path) -> int:
    synapse = LocalSynapse(work / "synapse")
    await asyncio.to_thread(synapse.start)
    bot: BotProcess | None = None
    coordination: Person | None = None
    try:
        bot_account = synapse.register("pdn-bot", "bot-secret")
        camille = synapse.register("camille", "camille-secret")
        coordination_account = synapse.register("coordination", "coordination-secret")
        coordination = Person(
            synapse.url, coordination_account.user_id, "coordination-secret", work / "coord"
        )
        await coordination.start()
        room = await coordination.create_room(
            "Réseau PdN", invite=[bot_account.user_id, camille.user_id]
        )
        await coordination.client.room_put_alias(ALIAS, room)
        config = write_config(
            work / "bot" / "config.toml",
            synapse.url,
            bot_account.user_id,
            bot_account.password,
            network_rooms=[room],
            coordinators=[coordination_account.user_id],
            allowed_inviters=[coordination_account.user_id],
        )
        bot = BotProcess(config)
        await asyncio.to_thread(bot.start)
        await coordination.wait_member(room, bot_account.user_id)

        await asyncio.to_thread(
            commander, binary, work, "--login", "password", "--homeserver", synapse.url,
            "--user-login", camille.user_id, "--password", "camille-secret",
            "--device", "matrix-commander", "--room-default", ALIAS,
        )  # fmt: skip
        await asyncio.to_thread(commander, binary, work, "--room-join", ALIAS)
        missing = []
        for command, expected in CHECKS:
            await asyncio.to_thread(commander, binary, work, "--room", ALIAS, "--message", command)
            answer = ""
            for _ in range(30):
                # (--tail needs the room's id: it does not resolve an alias)
                answer = await asyncio.to_thread(
                    commander, binary, work, "--room", room, "--tail", "6", "--output", "json"
                )
                if expected in answer:
                    break
                await asyncio.sleep(1)
            seen = [
                json.loads(line).get("source", {}).get("content", {}).get("body", "")
                for line in answer.splitlines()
                if line.startswith("{")
            ]
            shown = next((b for b in reversed(seen) if expected in b), None)
            print(f"{command} → {shown.splitlines()[0] if shown else 'pas de réponse'}")
            if shown is None:
                missing.append(command)
        print("Vérification matrix-commander :", "OK" if not missing else f"manquant {missing}")
        return 1 if missing else 0
    finally:
        if bot is not None:
            bot.stop()
        if coordination is not None:
            await coordination.stop()
        await asyncio.to_thread(synapse.stop)


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else "matrix-commander"
    with tempfile.TemporaryDirectory(prefix="pdn-e2e-") as work:
        return asyncio.run(check(binary, Path(work)))


if __name__ == "__main__":
    raise SystemExit(main())
