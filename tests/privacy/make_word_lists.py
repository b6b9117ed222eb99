"""Writes the word lists of the youth-identifier filter (bot/text/identifiers.py) from two
maintained datasets shipped in packages (run again when they are updated):

- bot/text/prenoms.txt: the first names of every Latin-script locale of Faker (MIT licence),
  those that are also ordinary French words ("rose", "paris") marked: they count as names only
  where the text says so;
- bot/text/mots.bloom: the French words of simplemma (MIT licence) and of the referral corpus,
  so that an unknown word followed by "m'a dit" is taken for a name, and "Réunion" is not.

    pip install faker simplemma && python -m tests.privacy.make_word_lists
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from bot.text.bloom import WordFilter
from bot.text.fold import fold
from bot.text.sms import SMS
from bot.text.stopwords import STOPWORDS

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "bot" / "text" / "prenoms.txt"
WORDS_TARGET = ROOT / "bot" / "text" / "mots.bloom"
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
FRENCH_LOCALES = ("fr_FR", "fr_BE", "fr_CA", "fr_CH", "fr_QC", "fr_DZ")
# French given names that are also words a youth worker writes every week in lower case.
WORDS_FIRST = {"aime", "aimee", "claire", "marine", "martial", "milan", "noel", "roman", "rose",
               "victoire", "constance"}  # fmt: skip
# Never names here, even capitalised: months, days, and places that are also given names.
NEVER = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
         "octobre", "novembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
         "samedi", "dimanche", "france", "paris", "lorraine", "nancy", "lourdes", "valence",
         "vienne", "orange", "laval", "savoie", "bretagne", "normandie", "provence", "alsace",
         "picardie", "champagne", "corse", "guyane", "reunion", "martinique", "guadeloupe",
         "mayotte", "europe", "afrique", "amerique", "asie", "maroc", "algerie",
         "tunisie", "noel", "toussaint", "paques", "pentecote", "ascension"}  # fmt: skip
# Chat French: a word written in lower case at least this often in the referral corpus (written
# by people, names of young people aside) is a word ("jai", "max", "bot").
CORPUS_WORD_COUNT = 3
# Shorthand of youth work notes that the corpus may not hold.
SHORTHAND = {"ras", "rdv", "rsa", "bac", "cap", "bts", "but", "dut", "lol", "mdr", "ptdr",
             "asv", "bgs", "tkt", "wesh", "frr", "sis", "bro", "reuf", "zin", "nan", "kel",
             "fifa", "erasmus", "side", "french", "roll", "can", "lise", "loot"}  # fmt: skip
CORPORA = (ROOT / "knowledge" / "exemples", ROOT / "tests" / "knowledge" / "tuning")
_LATIN_NAME = re.compile(r"[^\W\d_]+(?:[\- '][^\W\d_]+)*")


def _first_names(locales: list[str]) -> set[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"{person.__name__}.{locale}").Provider
        for attribute in ATTRIBUTES:
            value = provider.__dict__.get(attribute, ())
            if isinstance(value, dict):
                value = list(value)
            if not isinstance(value, list | tuple | set | frozenset):
                continue
            for name in value:
                if (
                    isinstance(name, str)
                    and _LATIN_NAME.fullmatch(name)
                    and all(ord(ch) < 0x250 for ch in name)
                ):
                    names.add(name)
    return names


def _parts(names: set[str]) -> set[str]:
    """Folded names and the parts of compound ones ("Marie-Lou": "marie lou", "marie", "lou")."""
    folded: set[str] = set()
    for name in names:
        whole = fold(name)
        words = whole.split()
        folded.update(word for word in words if len(word) >= 3)
        if len(words) > 1:
            folded.add(whole)
    return folded


def _french_words() -> set[str]:
    """Folded French word forms whose lemma is a common word (not a proper noun)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    forms: set[str] = set()
    for form, lemma in DefaultDictionaryFactory().get_dictionary("fr").items():
        if lemma[:1].islower():
            forms.add(fold(form))
            forms.add(fold(lemma))
    return forms


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _corpus_words(minimum: int = CORPUS_WORD_COUNT) -> set[str]:
    """Words written in lower case in the referral corpus, at least `minimum` times."""
    counts: Counter[str] = Counter()
    for folder in CORPORA:
        for path in sorted(folder.glob("*.toml")):
            for text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
                counts.update(fold(w) for w in re.findall(r"[^\W\d_]+", text) if w.islower())
    return {word for word, count in counts.items() if count >= minimum}


def main() -> None:
    import faker.providers.person as person

    locales = sorted(m.name for m in pkgutil.iter_modules(person.__path__))
    names = _parts(_first_names(locales)) - set(STOPWORDS) - NEVER
    french = _parts(_first_names(list(FRENCH_LOCALES)))
    words = _french_words()
    chat = _corpus_words() | set(SMS) | SHORTHAND
    also_words = {
        n for n in names if (n in words and n not in french) or n in WORDS_FIRST or n in chat
    }
    lines = [
        f"# First names for the youth-identifier filter (bot/text/identifiers.py), written by "
        f"tests/privacy/make_first_names.py from faker {version('faker')} (first names of its "
        f"Latin-script locales) and simplemma {version('simplemma')} (French words), both MIT.",
        "# One folded name per line; '~' after a name: also an ordinary French word.",
        *(f"{n} ~" if n in also_words else n for n in sorted(names)),
    ]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(names)} prénoms, dont {len(also_words)} aussi des mots : {TARGET}")
    # French words: every form of simplemma, the corpus's words written in lower case twice or
    # more, shorthand; less the first names that are not also words.
    french_words = (words | _corpus_words(2) | chat | set(STOPWORDS)) - (names - also_words)
    WORDS_TARGET.write_bytes(WordFilter.of(french_words).to_bytes())
    print(f"{len(french_words)} mots français : {WORDS_TARGET}")


if __name__ == "__main__":
    main()
