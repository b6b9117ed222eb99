"""Every sentence the bot writes to people, looked up by key; French first."""

from __future__ import annotations

from string import Formatter

from bot.i18n import en, fr

CATALOGS: dict[str, dict[str, str]] = {"fr": fr.MESSAGES, "en": en.MESSAGES}


class Translator:
    """Formats catalogue entries in one language, falling back to French for a missing key."""

    def __init__(self, language: str = "fr") -> None:
        self.language = language
        self._catalog = CATALOGS[language]

    def __call__(self, key: str, **values: object) -> str:
        template = self._catalog.get(key) or fr.MESSAGES[key]
        return template.format(**values)


def placeholders(template: str) -> set[str]:
    """The names a catalogue entry expects, so that catalogues can be checked against each other."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}
