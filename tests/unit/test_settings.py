from pathlib import Path

import pytest

from bot.settings import ConfigError, load_settings, parse_settings

GOOD = {
    "homeserver": {"url": "https://matrix.example.org/"},
    "bot": {"user_id": "@pdn-bot:example.org", "password": "s3cret"},
    "network": {"coordinators": ["@coord:example.org"], "rooms": ["!abc", "#reseau:example.org"]},
}


def test_defaults_are_french_and_paris() -> None:
    settings = parse_settings(GOOD, Path("/etc/pdn/config.toml"), env={})

    assert settings.locale.language == "fr"
    assert settings.locale.timezone == "Europe/Paris"
    assert settings.homeserver.url == "https://matrix.example.org"
    assert settings.data_dir == Path("/etc/pdn/data")
    assert settings.database_url == "sqlite:////etc/pdn/data/pdn-bot.sqlite3"


def test_the_knowledge_cache_is_the_services_or_the_users_unless_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CACHE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/home/c/.cache")
    settings = parse_settings(GOOD, Path("/etc/pdn/config.toml"), env={})
    assert settings.knowledge.cache == Path("/home/c/.cache/pdn-bot")
    monkeypatch.setenv("CACHE_DIRECTORY", "/var/cache/pdn-bot")
    assert settings.knowledge.cache == Path("/var/cache/pdn-bot")
    configured = {**GOOD, "knowledge": {"cache_dir": "cache"}}
    settings = parse_settings(configured, Path("/etc/pdn/config.toml"), env={})
    assert settings.knowledge.cache == Path("/etc/pdn/cache")  # from the config's folder


def test_secret_can_come_from_the_environment() -> None:
    data = {**GOOD, "bot": {"user_id": "@pdn-bot:example.org"}}

    settings = parse_settings(data, Path("c.toml"), env={"PDN_BOT_ACCESS_TOKEN": "tok"})

    assert settings.bot.access_token == "tok"


def test_every_problem_is_listed_at_once() -> None:
    data = {
        "homeserver": {"url": "ftp://x"},
        "bot": {"user_id": "nobody"},
        "network": {"coordinators": ["coord"], "rooms": ["salon"]},
        "locale": {"language": "de"},
        "surprise": 1,
    }

    with pytest.raises(ConfigError) as error:
        parse_settings(data, Path("c.toml"), env={})

    problems = "\n".join(error.value.problems)
    assert len(error.value.problems) == 7
    for key in (
        "homeserver.url",
        "bot.user_id",
        "bot.password",
        "network.rooms.0",
        "network.coordinators.0",
        "locale.language",
        "surprise : clé inconnue",
    ):
        assert key in problems


def test_missing_section_is_named() -> None:
    with pytest.raises(ConfigError) as error:
        parse_settings({}, Path("c.toml"), env={})

    assert error.value.problems == [
        "homeserver : clé obligatoire manquante",
        "bot : clé obligatoire manquante",
        "network : clé obligatoire manquante",
    ]


def test_unreadable_toml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[bot\n", encoding="utf-8")

    with pytest.raises(ConfigError, match="TOML illisible"):
        load_settings(path)


def test_example_config_is_valid() -> None:
    example = Path(__file__).resolve().parents[2] / "config.example.toml"

    settings = load_settings(example, env={"PDN_BOT_PASSWORD": "x"})

    assert settings.bot.command_prefix == "!"


def test_offline_commands_need_no_secret_and_systemd_can_give_it(tmp_path: Path) -> None:
    without = {**GOOD, "bot": {k: v for k, v in GOOD["bot"].items() if k != "password"}}
    with pytest.raises(ConfigError, match=r"bot\.password"):
        parse_settings(without, tmp_path / "config.toml", env={})
    assert (
        parse_settings(without, tmp_path / "config.toml", env={}, offline=True).bot.password == ""
    )

    (tmp_path / "password").write_text("secret-de-systemd\n", encoding="utf-8")
    given = parse_settings(
        without, tmp_path / "config.toml", env={"CREDENTIALS_DIRECTORY": str(tmp_path)}
    )
    assert given.bot.password == "secret-de-systemd"
    first = parse_settings(
        without,
        tmp_path / "config.toml",
        env={"CREDENTIALS_DIRECTORY": str(tmp_path), "PDN_BOT_PASSWORD": "de-l-environnement"},
    )
    assert first.bot.password == "de-l-environnement"
