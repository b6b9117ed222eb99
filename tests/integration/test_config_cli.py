"""A bad configuration stops the bot before it starts, with every problem listed."""

from __future__ import annotations

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


def test_bad_config_is_rejected_with_all_its_errors(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(BAD_CONFIG, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "-c", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PDN_BOT_NO_BOOTSTRAP": "1"},
    )

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
