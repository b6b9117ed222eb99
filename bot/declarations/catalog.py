"""The lists the weekly dialogue offers: networks, age groups, interactions, themes, relays.

Networks, age groups and the themes beside the knowledge base's topics come from the network's
configuration; the four types of interactions are the Caf's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.declarations.parsing import Choice
from bot.knowledge.entries import KnowledgeBase
from bot.settings import DeclarationSettings
from bot.text.fold import fold

NETWORK_ALIASES = {
    "Instagram": ("insta", "ig"),
    "Snapchat": ("snap",),
    "Facebook": ("fb", "messenger"),
    "WhatsApp": ("whatsapp", "wa", "watsap"),
    "X (Twitter)": ("x", "twitter"),
    "YouTube": ("yt", "youtube"),
    "Jeux vidéo en ligne": ("jeux", "jeux video", "fortnite", "gaming"),
}
PARENTS = ("parent", "familles", "famille", "parents et familles")
INTERACTIONS = (
    Choice("échanges simples", ("echanges", "echange", "simples", "discussions", "discussion")),
    Choice("demandes de conseil", ("conseils", "conseil", "demandes", "demande")),
    Choice("actions de prévention", ("prevention", "preventions", "actions")),
    Choice("accompagnement de projet", ("projets", "projet", "accompagnement")),
)
OTHER = "autre"
PRACTICE_THEME = "pratique professionnelle"


def short_label(name: str) -> str:
    """`Fil Santé Jeunes` from `Fil Santé Jeunes`; `3018` from `3018 (association e-Enfance)`."""
    return re.split(r" \(| : |, | – ", name, maxsplit=1)[0].strip()


def _unique(labels: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(label for label in labels if label))


def _unique_folded(labels: Iterable[str]) -> list[str]:
    """Without the labels that differ from an earlier one only by case or accents."""
    kept: dict[str, str] = {}
    for label in labels:
        if label:
            kept.setdefault(fold(label), label)
    return list(kept.values())


def _relay(label: str) -> Choice:
    """A relay, also named by its leading number: `119` for `119 Allô Enfance en Danger`."""
    found = re.match(r"(\d[\d ]*\d|\d)\s+\D", label)
    if found is None:
        return Choice(label)
    number = found[1]
    return Choice(label, tuple(dict.fromkeys((number, number.replace(" ", "")))))


def age_choice(label: str) -> Choice:
    """An age group and the ways people write it: `15-17 ans` is also `15-17` and `15 17`."""
    if fold(label) in {fold(alias) for alias in ("parents", *PARENTS)}:
        return Choice(label, PARENTS)
    found = re.fullmatch(r"\s*(\d+)\s*[-–à]\s*(\d+)\s*(?:ans)?\s*", label)
    if found is None:
        return Choice(label)
    low, high = found.groups()
    return Choice(label, (f"{low}-{high}", f"{low} {high}", f"{low}-{high} ans"))


@dataclass(frozen=True)
class Catalog:
    networks: tuple[Choice, ...]
    ages: tuple[Choice, ...]
    interactions: tuple[Choice, ...]
    topics: tuple[Choice, ...]
    relays: tuple[Choice, ...]

    @classmethod
    def build(cls, settings: DeclarationSettings, base: KnowledgeBase) -> Catalog:
        entries = [e for e in base.entries.values() if PRACTICE_THEME not in e.header.themes]
        topics = _unique_folded([short_label(e.title) for e in entries] + settings.themes)
        relays = _unique(
            [short_label(r.nom) for e in entries for r in e.header.ressources]
            + [short_label(r.resource.nom) for r in base.local]
        )
        return cls(
            networks=tuple(Choice(n, NETWORK_ALIASES.get(n, ())) for n in settings.networks),
            ages=tuple(age_choice(label) for label in settings.age_groups),
            interactions=INTERACTIONS,
            topics=(*(Choice(t) for t in topics), Choice(OTHER, ("autres",))),
            relays=(*(_relay(r) for r in relays), Choice(OTHER, ("autres",))),
        )
