"""Immediate danger: recognising it in a question, and the emergency numbers that then come first.

Recall matters more than precision here: an emergency block shown once too often costs a line,
one missing may cost much more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.entries import Danger
from bot.knowledge.normalize import fold

_PATTERNS: dict[Danger, tuple[str, ...]] = {
    Danger.SUICIDE: (
        r"suicid",
        r"\bts\b",
        r"tentative de suicide",
        r"(?:se|me|te) (?:tuer|foutre en (?:l )?air|pendre|jeter|defenestrer|ouvrir les veines)",
        r"\ben finir\b",
        r"mettre fin a (?:ses|mes|tes|leurs) jours",
        r"(?:veut|veux|voulait|envie de|prete a|va) (?:mourir|disparaitre pour de bon)",
        r"plus envie de vivre|pas envie de vivre|marre de vivre|vie ne vaut",
        r"(?:lettre|message|mot) (?:d )?adieu",
        r"sauter (?:du|d un|un|par la|de la) (?:pont|toit|fenetre|balcon)",
        r"(?:idees|pensees) (?:noires|de mort)",
        r"(?:se|me|te) (?:coupe|couper|taillade|scarifie|mutile|brule)"
        r" (?:les |le )?(?:bras|poignets?|veines|cuisses)",
        r"automutil|scarif",
    ),
    Danger.HEALTH: (
        r"(?:avale|pris|prend) (?:des|plein de|trop de|une boite de)"
        r" (?:medicaments|cachets|pilules)",
        r"overdose|surdose|coma ethylique|fait un malaise|inconscient|ne respire plus",
        r"saigne (?:beaucoup|abondamment)|se vide de son sang",
    ),
    Danger.VIOLENCE: (
        r"en train de (?:se faire )?(?:frapper|battre|tabasser|violer|agresser|poignarder)",
        r"(?:menace|menacer) de (?:mort|la tuer|le tuer|les tuer|tuer|frapper)",
        r"(?:couteau|arme|flingue|pistolet)",
        r"(?:va|vont|veut|veulent) (?:le|la|les|me) (?:tuer|frapper|tabasser|violer|buter)",
        r"(?:sequestre|enferme|sequestree|enfermee)",
        r"en danger (?:de mort|immediat)",
    ),
    Danger.CHILD: (
        r"(?:pere|mere|parent|parents|beau pere|belle mere|frere|oncle|daron|daronne|darons)"
        r" .{0,25}(?:frappe|bat|tape|cogne|claques?|gifles?|coups|viole|touche|brule|enferme)",
        r"(?:se fait|se font|est|sont) (?:frapper|frappe|frappee|battre|battu|battue|violer|violee"
        r"|viole|taper|cogner) (?:par|chez|a la maison)",
        r"(?:coups|bleus|marques) (?:de|a la|chez|par)",
        r"(?:attouchements?|inceste)",
        r"(?:peur|ne veut pas|veut pas|refuse) (?:de )?rentrer (?:chez (?:elle|lui)|a la maison)",
        r"(?:dort|dormir|dormi) (?:dehors|dans la rue)",
        r"(?:a fugue|en fugue|fugue depuis|a disparu|disparue|introuvable)",
        r"(?:en danger|maltrait)",
        r"(?:rencontrer|rejoindre|voir) (?:un|une) (?:adulte|majeur|inconnu|inconnue)",
        r"(?:adulte|majeur|inconnu|vieux) .{0,40}(?:photos|nudes|videos?|rendez vous|rencontrer)",
    ),
}

_COMPILED = {
    danger: re.compile("|".join(f"(?:{p})" for p in patterns))
    for danger, patterns in _PATTERNS.items()
}


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    label: str


_NUMBERS: dict[str, EmergencyNumber] = {
    "3114": EmergencyNumber("3114", "prévention du suicide : gratuit, 24h/24, pour la personne, "
                            "son entourage et les professionnels (3114.fr)"),
    "15": EmergencyNumber("15", "SAMU, urgence médicale : gratuit, 24h/24"),
    "17": EmergencyNumber("17", "police ou gendarmerie : gratuit, 24h/24"),
    "112": EmergencyNumber("112", "numéro d'urgence européen, depuis tout téléphone"),
    "114": EmergencyNumber("114", "urgence par SMS (ou appli, visio) pour qui ne peut pas parler "
                           "ou entend mal : gratuit, 24h/24"),
    "119": EmergencyNumber("119", "Allô Enfance en Danger : gratuit, 24h/24, n'apparaît pas sur "
                           "les factures ; chat sur allo119.gouv.fr"),
}  # fmt: skip

# Which numbers, in which order, for each kind of danger.
_ORDER: dict[Danger, tuple[str, ...]] = {
    Danger.SUICIDE: ("3114", "15", "112", "114"),
    Danger.HEALTH: ("15", "112", "114"),
    Danger.VIOLENCE: ("17", "112", "114", "119"),
    Danger.CHILD: ("119", "17", "112", "114"),
}


def detect_danger(question: str) -> list[Danger]:
    """The kinds of immediate danger `question` evokes, most specific first."""
    text = fold(question)
    return [danger for danger, pattern in _COMPILED.items() if pattern.search(text)]


def emergency_numbers(dangers: list[Danger]) -> list[EmergencyNumber]:
    """The numbers to give first for these dangers, each once, most relevant first."""
    chosen: dict[str, None] = {}
    for danger in dangers:
        for number in _ORDER[danger][:2]:
            chosen.setdefault(number, None)
    for danger in dangers:
        for number in _ORDER[danger]:
            chosen.setdefault(number, None)
    return [_NUMBERS[n] for n in chosen]
