"""The command line: configuration checks and database upgrades, without a homeserver."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.demo.botprocess import ROOT

BAD_CONFIG = """
[homeserver]
url = "matrix.example.org"

[bot]
user_id = "pdn-bot"
comand_prefix = "!"

[network]
coordinators = []

[locale]
timezone = "Europe/Lutece"
"""


def pdn_bot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PDN_BOT_NO_BOOTSTRAP": "1", **(env or {})},
    )


def test_bad_config_is_rejected_with_all_its_errors(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(BAD_CONFIG, encoding="utf-8")

    result = pdn_bot("run", "-c", str(config))

    assert result.returncode == 2
    assert "6 erreur(s)" in result.stderr
    for expected in (
        "homeserver.url : URL http(s) attendue",
        "bot.user_id : identifiant Matrix attendu",
        "bot.comand_prefix : clé inconnue",
        "network.coordinators : liste trop courte",
        "locale.timezone : fuseau horaire IANA attendu",
        "bot.password : mot de passe ou bot.access_token requis",
    ):
        assert expected in result.stderr
    assert not (tmp_path / "data").exists()
    assert "Traceback" not in result.stderr


def test_db_upgrade_creates_the_database_from_the_example_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.example.toml").read_text(encoding="utf-8"), encoding="utf-8")

    checked = pdn_bot("check-config", "-c", str(config), env={"PDN_BOT_PASSWORD": "x"})
    upgraded = pdn_bot("db", "upgrade", "-c", str(config), env={"PDN_BOT_PASSWORD": "x"})
    again = pdn_bot("db", "upgrade", "-c", str(config), env={"PDN_BOT_PASSWORD": "x"})

    assert checked.returncode == 0, checked.stderr
    assert upgraded.returncode == 0, upgraded.stderr
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(tmp_path / "data" / "pdn-bot.sqlite3") as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    assert {"outbox_message", "handled_event", "sync_state", "alembic_version"} <= tables


def test_every_command_keeps_the_bot_files_private_whatever_the_umask(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.example.toml").read_text(encoding="utf-8"), encoding="utf-8")
    data = tmp_path / "data"
    (data / "crypto").mkdir(parents=True, mode=0o755)
    data.chmod(0o755)
    leftover = data / "crypto" / "old.db"
    leftover.write_text("x")
    leftover.chmod(0o644)

    upgraded = subprocess.run(
        ["sh", "-c", f'umask 022 && exec "{sys.executable}" -m bot db upgrade -c "{config}"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PDN_BOT_NO_BOOTSTRAP": "1", "PDN_BOT_PASSWORD": "x"},
    )

    assert upgraded.returncode == 0, upgraded.stderr
    modes = {p.relative_to(tmp_path): p.stat().st_mode & 0o777 for p in data.rglob("*")}
    modes[Path("data")] = data.stat().st_mode & 0o777
    assert Path("data/pdn-bot.sqlite3") in modes
    assert {path: mode for path, mode in modes.items() if mode not in (0o700, 0o600)} == {}
    assert all(mode == 0o700 for path, mode in modes.items() if (tmp_path / path).is_dir())
