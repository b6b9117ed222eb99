"""The emergency block: the numbers that come first when a message evokes a danger.

It is short on purpose (it opens the first reply, which must fit a phone screen) and it does
not depend on the knowledge base, so that it is shown even when the base cannot be read.

Each number was checked on 29/11/2026 against a stored copy of a public page:
15, 17, 18, 112, 114: service-public.fr fiche F33954 (copy of 22/07/2024) and
gouvernement.fr/actualite/le-112-le-numero-durgence-europeen (13/02/2023; a mobile needs a
SIM card); 3114: 3114.fr and the ARS page on the 3114; 119: solidarites.gouv.fr node 2219
(07/11/2025: free, 24/7, not on phone bills, children and young adults under 21);
116 000: droitdenfance.org; 115: the Ille-et-Vilaine directory page on the 115;
post-exposure treatment: sida-info-service.org ("au plus tard dans les 48 h").
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.safety.kinds import Danger

TITLE = "⚠️ Danger immédiat : appelez les secours, ni le bot ni vous ne les remplacez"


@dataclass(frozen=True)
class Line:
    """One line of the block: a number (or a place) and what to say of it."""

    key: str  # a number, or the name of a place, shown in bold
    text: str


_LINES: dict[str, Line] = {
    "3114": Line("3114", "prévention du suicide, 24h/24, gratuit, aussi pour vous conseiller"),
    "15": Line("15", "SAMU, urgence médicale"),
    "17": Line("17", "police ou gendarmerie ; en ligne, elle peut faire identifier un compte"),
    "112": Line("112", "urgence, depuis tout téléphone"),
    "114": Line("114", "par SMS, si parler est impossible"),
    "119": Line("119", "Allô Enfance en Danger, 24h/24, gratuit, absent des factures ; jusqu'à "
                "21 ans et adultes inquiets"),
    "116 000": Line("116 000", "Enfants disparus, 24h/24, gratuit"),
    "115": Line("115", "hébergement d'urgence (Samu social), 24h/24, gratuit"),
    "urgences": Line("Urgences de l'hôpital", "traitement post-exposition au VIH (TPE) au "
                     "plus tard 48 h après le risque, au mieux dans les 4 h ; ou un CeGIDD"),
}  # fmt: skip

# Which lines, most useful first, for each kind of danger.
_ORDER: dict[Danger, tuple[str, ...]] = {
    Danger.SUICIDE: ("3114", "112", "15", "114"),
    Danger.HEALTH: ("15", "112", "114"),
    Danger.VIOLENCE: ("17", "112", "114", "119"),
    Danger.CHILD: ("119", "17", "112", "114"),
    Danger.MISSING: ("17", "116 000", "119"),
    Danger.SHELTER: ("115", "119", "17"),
    Danger.EXPOSURE: ("urgences", "15"),
    Danger.GENERAL: ("112", "3114", "119", "15", "17", "114"),
}
# What to do at once, beyond calling, when it is not obvious.
_ADVICE: dict[Danger, str] = {
    Danger.SUICIDE: "Lieu inconnu (le cas habituel en ligne) : appelez le 17 ou le 112 et "
    "signalez l'annonce sur PHAROS ; gardez le contact.",
    Danger.CHILD: "Danger grave et immédiat : 17, puis signalement au procureur.",
}
# Numbers that stand together on one line once the first ones are given.
_GENERIC = ("15", "17", "112", "114")


def emergency_lines(dangers: list[Danger]) -> list[Line]:
    """The lines for these dangers, each number once: the first two of each kind, then the rest,
    generic numbers (15, 17, 112, 114) last."""
    chosen: dict[str, None] = {}
    for danger in dangers:
        for key in _ORDER[danger][:2]:
            chosen.setdefault(key, None)
    for danger in dangers:
        for key in _ORDER[danger]:
            chosen.setdefault(key, None)
    return [_LINES[key] for key in chosen]


def block_numbers(dangers: list[Danger]) -> set[str]:
    """The numbers the block gives, written without spaces ("116000")."""
    return {line.key.replace(" ", "") for line in emergency_lines(dangers)}


def emergency_block(dangers: list[Danger], advice: bool = True) -> tuple[str, str]:
    """The block, as plain text and as escaped HTML: the most useful number first, the other
    specific ones one per line, the generic ones together on a last line, then what to do at
    once (unless `advice` is False: the entry that follows says it)."""
    lines = emergency_lines(dangers)
    first, rest = lines[0], lines[1:]  # the most useful number always leads
    specific = [first, *(line for line in rest if line.key not in _GENERIC)]
    generic = [line for line in rest if line.key in _GENERIC]
    if len(specific) < 2 and generic:  # the next generic number earns a line of its own
        specific.append(generic.pop(0))
    items = [(line.key, line.text) for line in specific]
    if generic:
        items.append((" · ".join(line.key for line in generic), _together(generic)))
    said = [_ADVICE[d] for d in dangers if d in _ADVICE] if advice else []
    plain = [TITLE, *(f"• {key} : {text}" for key, text in items), *said]
    rich = "".join(
        f"<li><strong>{html.escape(key)}</strong> : {html.escape(text)}</li>" for key, text in items
    )
    extra = "".join(f"<p>{html.escape(a)}</p>" for a in said)
    return "\n".join(plain), f"<p><strong>{html.escape(TITLE)}</strong></p><ul>{rich}</ul>{extra}"


def _together(lines: list[Line]) -> str:
    short = {"15": "SAMU", "17": "police", "112": "urgence", "114": "SMS"}
    return ", ".join(short[line.key] for line in lines)
