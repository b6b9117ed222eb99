"""Run the bot under deploy/pdn-bot.service, against a local Synapse, and talk to it: the
hardened unit as shipped, its state directory, a bad configuration not restarted.

Needs root, the bot installed as the unit says (/opt/pdn-bot, from the wheel, with the system's
python3) and a `pdn-bot` system user. On a machine whose init is not systemd, start one in a
PID namespace first and give its PID:

    unshare --pid --fork --mount --mount-proc --propagation private bash -c \
        'mount -t tmpfs tmpfs /run && exec /lib/systemd/systemd --system --unit=basic.target' &
    .venv/bin/python tests/e2e/systemd_check.py "$(pgrep -f 'systemd --system --unit=basic')"

Such a systemd cannot mount the credentials file system (the service sees an empty root-only
folder): there, and only there, a drop-in gives the password by the environment instead of
LoadCredential= (bot/settings.py reads $CREDENTIALS_DIRECTORY/password, tested in
tests/unit/test_settings.py)."""

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from bot.demo.homeserver import LocalSynapse
from bot.demo.people import Person

SYSTEMD_PID = sys.argv[1]
UNIT = Path(__file__).resolve().parents[2] / "deploy" / "pdn-bot.service"


def systemctl(*args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["nsenter", "-t", SYSTEMD_PID, "-m", "-p", *args], capture_output=True, text=True
    )
    if check and done.returncode != 0:
        raise SystemExit(f"{args}: {done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def _install(url: str, bot: str, coordinator: str, room: str) -> None:
    """The configuration (no secret in it), the password file and the unit, as the unit's
    comments say."""
    etc = Path("/etc/pdn-bot")
    etc.mkdir(parents=True, exist_ok=True)
    (etc / "config.toml").write_text(
        f'[homeserver]\nurl = "{url}"\n[bot]\nuser_id = "{bot}"\n'
        f'[network]\nrooms = ["{room}"]\ncoordinators = ["{coordinator}"]\n'
        f'[access]\nallowed_inviters = ["{coordinator}"]\n'
        '[storage]\ndata_dir = "/var/lib/pdn-bot"\n[declarations]\nprompts = false\n'
    )
    os.chmod(etc / "config.toml", 0o640)
    subprocess.run(["chgrp", "pdn-bot", str(etc / "config.toml")], check=True)
    (etc / "password").write_text("mot-de-passe-du-bot\n")
    os.chmod(etc / "password", 0o600)
    Path("/etc/systemd/system/pdn-bot.service").write_text(UNIT.read_text())
    # This machine's systemd runs in a PID namespace, not as init: it cannot mount the
    # credentials file system (the service sees an empty root-only folder). Here only, the
    # password comes from the environment; everything else is the unit as shipped.
    dropin = Path("/etc/systemd/system/pdn-bot.service.d")
    dropin.mkdir(exist_ok=True)
    (dropin / "here.conf").write_text(
        "[Service]\nLoadCredential=\nEnvironment=PDN_BOT_PASSWORD=mot-de-passe-du-bot\n"
    )


async def main() -> None:
    state = Path("/tmp/systemd-check")
    synapse = LocalSynapse(state / "synapse")
    synapse.prepare()
    synapse.start()
    try:
        bot = synapse.register("pdn-bot", "mot-de-passe-du-bot")
        alix = synapse.register("alix", "alix-secret")
        person = Person(synapse.url, alix.user_id, alix.password, state / "alix")
        await person.start()
        room = await person.create_room("Réseau PdN", invite=[bot.user_id])
        await asyncio.to_thread(_install, synapse.url, bot.user_id, alix.user_id, room)
        systemctl("systemctl", "daemon-reload")
        systemctl("systemctl", "start", "pdn-bot")
        await person.wait_member(room, bot.user_id, timeout=120)
        answer = await person.ask(room, "!ping")
        print("Réponse du bot sous systemd :", answer.splitlines()[0])
        print(systemctl("systemctl", "show", "pdn-bot", "-p", "ActiveState,MainPID,User"))
        print(
            systemctl("systemd-analyze", "security", "pdn-bot.service", check=False).splitlines()[
                -1
            ]
        )
        print(systemctl("ls", "-la", "/var/lib/pdn-bot", check=False))
        print(systemctl("journalctl", "-u", "pdn-bot", "--no-pager", "-n", "8", check=False))
        # A broken configuration: exit 2, and no restart loop.
        Path("/etc/pdn-bot/config.toml").write_text("[homeserver]\nurl = 3\n")  # noqa: ASYNC240
        systemctl("systemctl", "restart", "pdn-bot", check=False)
        await asyncio.sleep(12)
        print(
            systemctl(
                "systemctl", "show", "pdn-bot", "-p", "ActiveState,Result,NRestarts,ExecMainStatus"
            )
        )
        await person.stop()
    finally:
        systemctl("systemctl", "stop", "pdn-bot", check=False)
        synapse.stop()


asyncio.run(main())
