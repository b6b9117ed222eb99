"""The lists the weekly dialogue offers: networks, age groups, interactions, topics, relays."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.declarations.parsing import Choice
from bot.knowledge.entries import KnowledgeBase

NETWORK_ALIASES = {
    "Instagram": ("insta", "ig"),
    "Snapchat": ("snap",),
    "Facebook": ("fb", "messenger"),
    "WhatsApp": ("whatsapp", "wa", "watsap"),
    "X (Twitter)": ("x", "twitter"),
    "YouTube": ("yt", "youtube"),
    "Jeux vidéo en ligne": ("jeux", "jeux video", "fortnite", "gaming"),
}
AGE_GROUPS = (
    Choice("12-14 ans", ("12-14", "12 14")),
    Choice("15-17 ans", ("15-17", "15 17")),
    Choice("18-21 ans", ("18-21", "18 21")),
    Choice("22-25 ans", ("22-25", "22 25")),
    Choice("parents", ("parent", "familles", "famille")),
)
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


@dataclass(frozen=True)
class Catalog:
    networks: tuple[Choice, ...]
    ages: tuple[Choice, ...]
    interactions: tuple[Choice, ...]
    topics: tuple[Choice, ...]
    relays: tuple[Choice, ...]

    @classmethod
    def build(cls, networks: Iterable[str], base: KnowledgeBase) -> Catalog:
        entries = [e for e in base.entries.values() if PRACTICE_THEME not in e.header.themes]
        topics = _unique(short_label(e.title) for e in entries)
        relays = _unique(
            [short_label(r.nom) for e in entries for r in e.header.ressources]
            + [short_label(r.resource.nom) for r in base.local]
        )
        return cls(
            networks=tuple(Choice(n, NETWORK_ALIASES.get(n, ())) for n in networks),
            ages=AGE_GROUPS,
            interactions=INTERACTIONS,
            topics=(*(Choice(t) for t in topics), Choice(OTHER, ("autres",))),
            relays=(*(Choice(r) for r in relays), Choice(OTHER, ("autres",))),
        )
