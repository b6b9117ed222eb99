"""Every sentence the bot writes to people, looked up by key.

The bot speaks French only: the networks it serves are French, and a half-translated option
would mislead. A sentence is written once, in `fr.py`, and reached through `Translator`; a test
checks that every key the code names is there (tests/unit/test_small_parts.py)."""

from __future__ import annotations

from bot.i18n import fr

CATALOGS: dict[str, dict[str, str]] = {"fr": fr.MESSAGES}


class Translator:
    """Formats catalogue entries."""

    def __init__(self, language: str = "fr") -> None:
        self.language = language
        self._catalog = CATALOGS[language]

    def has(self, key: str) -> bool:
        return key in self._catalog

    def __call__(self, key: str, **values: object) -> str:
        return self._catalog[key].format(**values)
