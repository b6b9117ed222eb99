"""Build the image of deploy/Dockerfile and run it against a local Synapse: the bot in its
container answers `!ping`, and its /metrics, listening on `[monitoring] address = "0.0.0.0"`,
is read from outside the container.

Where the Docker Hub cannot be reached, the base image is made from Debian's packages:

    mmdebstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm base.tar
    podman import base.tar localhost/debian-python:bookworm
    podman build --isolation=chroot --network=host -f deploy/Dockerfile \\
        --build-arg BASE=localhost/debian-python:bookworm -t localhost/pdn-bot:essai .
    .venv/bin/python tests/e2e/container_check.py localhost/pdn-bot:essai

On this machine `podman run` cannot create the container (its runtime may neither make cgroups
nor set resource limits here): the image runs with `buildah run --isolation=chroot`, the same
image, user, environment, volumes and command."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import urllib.request
from pathlib import Path

from bot.demo.homeserver import LocalSynapse, free_port
from bot.demo.people import Person

IMAGE = sys.argv[1] if len(sys.argv) > 1 else "localhost/pdn-bot:essai"


def _config(folder: Path, url: str, bot: str, coordinator: str, room: str, port: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        f'[homeserver]\nurl = "{url}"\n[bot]\nuser_id = "{bot}"\n'
        f'[network]\nrooms = ["{room}"]\ncoordinators = ["{coordinator}"]\n'
        f'[access]\nallowed_inviters = ["{coordinator}"]\n'
        '[storage]\ndata_dir = "/data"\n[declarations]\nprompts = false\n'
        f'[monitoring]\nhttp_port = {port}\naddress = "0.0.0.0"\n'
    )


async def main() -> None:
    state = Path("/tmp/container-check")
    synapse = LocalSynapse(state / "synapse")
    synapse.prepare()
    synapse.start()
    made = await asyncio.to_thread(
        subprocess.run, ["buildah", "from", IMAGE], capture_output=True, text=True, check=True
    )
    container = made.stdout.strip()
    bot_run: subprocess.Popen[bytes] | None = None
    try:
        bot = synapse.register("pdn-bot", "mot-de-passe-du-bot")
        alix = synapse.register("alix", "alix-secret")
        person = Person(synapse.url, alix.user_id, alix.password, state / "alix")
        await person.start()
        room = await person.create_room("Réseau PdN", invite=[bot.user_id])
        port = free_port()
        config = state / "config"
        await asyncio.to_thread(_config, config, synapse.url, bot.user_id, alix.user_id, room, port)
        bot_run = subprocess.Popen(  # noqa: ASYNC220  (started, not waited for)
            ["buildah", "run", "--isolation=chroot", "--network=host",
             "-v", f"{config}:/config:ro", "-e", "PDN_BOT_PASSWORD=mot-de-passe-du-bot",
             container, "--", "pdn-bot", "--json-logs", "run", "-c", "/config/config.toml"],
        )  # fmt: skip
        await person.wait_member(room, bot.user_id, timeout=120)
        answer = await person.ask(room, "!ping")
        print("Réponse du bot dans son conteneur :", answer.splitlines()[0])
        await asyncio.sleep(6)  # /metrics figures are read every 5 s
        metrics = await asyncio.to_thread(
            lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read()
        )
        lines = metrics.decode().splitlines()
        print("/metrics :", next(line for line in lines if line.startswith("pdn_bot_build_info")))
        print("          ", next(line for line in lines if line.startswith("pdn_bot_replies_sent")))
        await person.stop()
    finally:
        if bot_run is not None:
            bot_run.terminate()
            await asyncio.to_thread(bot_run.wait, 30)
        await asyncio.to_thread(subprocess.run, ["buildah", "rm", container], capture_output=True)
        synapse.stop()


asyncio.run(main())
