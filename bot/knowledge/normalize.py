"""French text as the matcher sees it: no case, accents or elisions; slang expanded; stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ELISION = re.compile(r"\b(?:l|d|j|qu|n|s|t|c|m|jusqu|lorsqu|puisqu|quoiqu)['’`´]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Words promeneurs write for what the entries call otherwise. Values may hold several words.
SLANG: dict[str, str] = {
    "snap": "snapchat",
    "insta": "instagram",
    "ig": "instagram",
    "fb": "facebook",
    "tiktok": "tiktok",
    "tel": "telephone",
    "portable": "telephone",
    "ts": "tentative suicide",
    "scarif": "scarification",
    "scarifie": "scarification",
    "scarifiee": "scarification",
    "nude": "nudes",
    "nudes": "nudes",
    "sexto": "sexting",
    "sextos": "sexting",
    "shit": "cannabis",
    "beuh": "cannabis",
    "weed": "cannabis",
    "joint": "cannabis",
    "joints": "cannabis",
    "pilon": "cannabis",
    "bedo": "cannabis",
    "teuch": "cannabis",
    "coke": "cocaine",
    "proto": "protoxyde",
    "ballon": "protoxyde",
    "ballons": "protoxyde",
    "puff": "vapoteuse",
    "puffs": "vapoteuse",
    "vape": "vapoteuse",
    "vapote": "vapoteuse",
    "clope": "cigarette",
    "clopes": "cigarette",
    "tabac": "tabac",
    "picole": "alcool",
    "bourre": "alcool ivre",
    "bourree": "alcool ivre",
    "cuite": "alcool ivre",
    "paris": "pari",
    "betclic": "pari sportif",
    "winamax": "pari sportif",
    "casino": "jeu argent",
    "darons": "parents",
    "daron": "parent",
    "daronne": "parent",
    "keuf": "police",
    "keufs": "police",
    "flic": "police",
    "flics": "police",
    "lgbt": "lgbt homosexualite",
    "lgbtqia": "lgbt homosexualite",
    "gay": "homosexualite",
    "gays": "homosexualite",
    "lesbienne": "homosexualite",
    "homo": "homosexualite",
    "pd": "homophobie insulte",
    "trans": "transidentite",
    "coming": "coming out",
    "ivg": "avortement ivg",
    "capote": "preservatif",
    "capotes": "preservatif",
    "pilule": "contraception pilule",
    "mdr": "",
    "svp": "",
    "stp": "",
    "pcq": "parce que",
    "pq": "pourquoi",
    "bcp": "beaucoup",
    "pb": "probleme",
    "pbs": "probleme",
    "rs": "reseaux sociaux",
    "ado": "",
    "ados": "",
    "adolescent": "",
    "adolescente": "",
    "adolescents": "",
    "gamin": "",
    "gamine": "",
    "gamins": "",
    "jeune": "",
    "jeunes": "",
    "meuf": "copine",
    "mec": "copain",
    "gars": "",
    "gosse": "",
    "minot": "",
    "piratage": "pirate",
    "hacke": "pirate",
    "hacker": "pirate",
    "pirate": "pirate",
    "arnaque": "arnaque",
    "fugue": "fugue",
    "fugu": "fugue",
    "ecrans": "ecran",
    "jv": "jeu video",
    "fortnite": "jeu video",
    "gaming": "jeu video",
    "tcas": "trouble alimentaire",
    "tca": "trouble alimentaire",
    "ta": "",
    "ip": "information preoccupante",
    "pdn": "promeneur",
    "mda": "maison adolescent",
    "paej": "point accueil ecoute",
    "cmp": "centre medico psychologique",
    "crip": "information preoccupante crip",
    "asv": "",
}

# Words that say nothing about the topic of a referral question.
_STOPWORD_TEXT = """
    a ai aie aient ais ait alors as au aucun aussi autre aux avaient avais avait avec avez
    avoir avons ayant bah ben bien bon bonjour bonsoir c ca car ce ceci cela celle celui ces
    cet cette chez ci coucou comme comment d dans de des deja depuis dit dire disent dois doit
    donc dont du elle elles en encore entre es est et ete etes etre eu eux fait faire fais faut
    fois hier ici il ils j je jour la le les leur leurs lui m ma mais me meme mes mien moi mon
    n ne ni nos notre nous on ont ou où par parce pas peu peut peux plus pour pourquoi pourrait
    puis puisque qu quand que quel quelle quelles quels qui quoi sa sans se ses si son sont
    suis sur ta te tes toi ton tous tout toute toutes tres tu un une unes uns vers voila vos
    votre vous y oui non ok okay merci salut hello hey allo qqn quelqu quelque quelqun quelquun
    chose choses truc trucs genre vraiment orienter oriente orientation relais relai aider aide
    aidez conseil conseils conseiller besoin question questions savoir sais sait situation cas
    personne personnes ans an age agee age fille filles garcon garcons enfant enfants eleve
    eleves mineur mineure mineurs gens quoique parle parler parlé parlait raconte racontee
    confie confiee explique demande demandé demander veut voudrait voulais veux pense penser
    crois croit trouve trouver sujet propos avant apres maintenant aujourd hui soir matin
    semaine mois depuis tjs toujours jamais souvent ya structure promeneur promeneuse
    promeneurs net vrai font faites ecrit ecrire ecris ecrivent envoye envoie envoyer mp dm va
    vais vont aller allez beaucoup trop super cherche chercher contacter contacte appeler rien
    tout tous pouvez pourriez pourrais dois devrais quoi qu quel est-ce estce
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_SUFFIXES = (
    "issements", "issement", "ements", "ement", "ations", "ation", "ateurs", "ateur",
    "atrices", "atrice", "ments", "ment", "euses", "euse", "eurs", "eur", "iques", "ique",
    "aires", "aire", "ismes", "isme", "istes", "iste", "ives", "ive", "ifs", "if", "ies", "ie",
    "ees", "ee",
    "es", "er", "ez", "e", "s", "x",
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents, elisions or punctuation: words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("œ", "oe").replace("æ", "ae")
    plain = _ELISION.sub(" ", plain)
    return " ".join(_NOT_WORD.sub(" ", plain).split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light French stem: `harcelé`, `harcelée` and `harcèlement` all give `harcel`."""
    if word.isdigit() or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The meaningful folded words of `text`, slang expanded, stop words removed (not stemmed)."""
    result: list[str] = []
    for word in fold(text).split():
        if word.startswith("cyber") and len(word) > 7:
            result.extend(("cyber", word[5:]))
            continue
        expanded = SLANG.get(word) or SLANG.get(word.rstrip("sx"), word)
        for part in expanded.split():
            if part not in STOPWORDS:
                result.append(part)
    return result


def terms(text: str) -> list[str]:
    """The stems the matcher indexes and looks up for `text`, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in words(text):
        seen.setdefault(stem(word), None)
    return list(seen)
