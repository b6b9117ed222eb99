"""What could identify a young person in a text: first names and surnames, named schools and
precise classes, addresses, social-network handles, phone numbers and e-mail addresses, also
when written to get past a filter (zero-width characters, spaced digits, "(at)", "arobase").

Shared by declaration remarks (refused when one is found, with the reason) and unanswered
questions (kept for the coordinator with each one replaced by a placeholder)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files

from bot.text.bloom import WordFilter
from bot.text.fold import fold
from bot.text.stopwords import STOPWORDS


class Kind(StrEnum):
    NAME = "nom"
    SCHOOL = "ecole"
    ADDRESS = "adresse"
    HANDLE = "pseudo"
    PHONE = "telephone"
    EMAIL = "email"

    @property
    def label(self) -> str:
        """What it is, in a French sentence."""
        return _LABELS[self]

    @property
    def placeholder(self) -> str:
        return _PLACEHOLDERS[self]


_LABELS = {
    Kind.NAME: "un prénom ou un nom",
    Kind.SCHOOL: "un établissement scolaire ou une classe précise",
    Kind.ADDRESS: "une adresse",
    Kind.HANDLE: "un pseudo ou un compte",
    Kind.PHONE: "un numéro de téléphone",
    Kind.EMAIL: "une adresse e-mail",
}
_PLACEHOLDERS = {
    Kind.NAME: "[nom]",
    Kind.SCHOOL: "[établissement]",
    Kind.ADDRESS: "[adresse]",
    Kind.HANDLE: "[pseudo]",
    Kind.PHONE: "[numéro]",
    Kind.EMAIL: "[e-mail]",
}


@dataclass(frozen=True)
class Found:
    kind: Kind
    start: int
    end: int
    text: str


@cache
def first_names() -> dict[str, bool]:
    """Folded first names -> whether the name is also an ordinary French word (prenoms.txt)."""
    names: dict[str, bool] = {}
    for line in files("bot.text").joinpath("prenoms.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            also_word = line.endswith(" ~")
            names[line.removesuffix(" ~")] = also_word
    return names


def identifier_lists() -> None:
    """Read the word lists now (they are read once, at the first use otherwise)."""
    first_names()
    french_words()


def cleaned(text: str) -> str:
    """`text` as it reads: compatibility forms unified (full-width digits, ligatures) and the
    invisible characters that split a number or a name for a filter removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


# --- phones -------------------------------------------------------------------------------
_UNITS = {
    "zero": 0, "o": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9,
}  # fmt: skip
_TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
          "seize": 16}  # fmt: skip
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
         "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}  # fmt: skip
_PHONE_TOKEN = re.compile(r"\+|\d+|[^\W\d_]+")
_PHONE_GAP = re.compile(r"[\s.\-_/()]*|\s*,\s*")


def _teen(words: list[str], i: int) -> tuple[int, int] | None:
    """10 to 19 at words[i] ("dix", "douze", "dix sept"): (value, words used)."""
    if words[i : i + 1] == ["dix"] and words[i + 1 : i + 2] in (["sept"], ["huit"], ["neuf"]):
        return 10 + _UNITS[words[i + 1]], 2
    if i < len(words) and words[i] in _TEENS:
        return _TEENS[words[i]], 1
    return None


def _spelled(words: list[str], i: int) -> tuple[str, int] | None:
    """A number said in words at words[i], as its digits ("zero" gives "0", "quatre vingt
    treize" gives "93"), and how many words it took; None if there is none."""
    word = words[i]
    base = None
    used = 0
    if word == "quatre" and i + 1 < len(words) and words[i + 1] in ("vingt", "vingts"):
        base, used = 80, 2
    elif word in _TENS:
        base, used = _TENS[word], 1
    if base is not None:
        teen = _teen(words, i + used) if base in (60, 80) else None
        if teen:
            return str(base + teen[0]), used + teen[1]
        nxt = words[i + used] if i + used < len(words) else ""
        if nxt == "et" and i + used + 1 < len(words) and words[i + used + 1] in ("un", "onze"):
            return str(base + (1 if words[i + used + 1] == "un" else 11)), used + 2
        if nxt in _UNITS and _UNITS[nxt] > 0:
            return str(base + _UNITS[nxt]), used + 1
        return str(base), used
    teen = _teen(words, i)
    if teen:
        return str(teen[0]), teen[1]
    if word in _UNITS:
        return str(_UNITS[word]), 1
    return None


def _phones(text: str) -> list[Found]:
    """Runs of digits (also said in words, or "O" for zero) separated only by spaces, dots,
    dashes, slashes or commas, long enough to be a phone number; 08 numbers are services."""
    found: list[Found] = []
    tokens = list(_PHONE_TOKEN.finditer(text))
    words = [fold(t.group()) for t in tokens]
    i = 0
    while i < len(tokens):
        run: list[re.Match[str]] = []
        digits = ""
        numeric = 0
        j = i
        last = 0  # digits of the last piece
        while j < len(tokens):
            token = tokens[j]
            value = token.group()
            if value == "+" and not run:
                run.append(token)
                j += 1
                continue
            said = (value, 1) if value.isdigit() else _spelled(words, j)
            if said is None:
                break
            if run and run[-1].group() != "+":
                gap = text[run[-1].end() : token.start()]
                short = last <= 2 and len(said[0]) <= 2
                if not _PHONE_GAP.fullmatch(gap) or (("/" in gap or "," in gap) and not short):
                    break  # "12/03/2026" is a date, "12, 150" a list
            digits += said[0]
            numeric += value.isdigit()
            last = len(said[0])
            run.extend(tokens[j : j + said[1]])
            j += said[1]
        plus = bool(run) and run[0].group() == "+"
        service = digits.startswith(("08", "338", "00338"))  # 08: services, not people
        plausible = numeric or (len(digits) == 10 and digits[0] == "0")  # all in words
        if (
            plausible
            and not service
            and 9 <= len(digits) <= 15
            and (digits[0] == "0" or plus or (len(digits) == 9 and digits[0] in "67"))
        ):
            start, end = run[0].start(), run[-1].end()
            found.append(Found(Kind.PHONE, start, end, text[start:end]))
            i = j
        else:
            i += 1
    return found


# --- e-mails, handles, links ----------------------------------------------------------------
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|a|@|arobase|arobas)\s*[)\]}]\s*|\s+(?:at|arobase|arrobase|arobas|arrobas|a commercial)\s+)"  # noqa: E501
_DOT = r"(?:\s*\.\s*|\s*[(\[{]\s*(?:dot|point|\.)\s*[)\]}]\s*|\s+(?:dot|point)\s+)"
_PROVIDERS = (
    r"gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|orange|wanadoo|free|sfr|neuf|bbox|"
    r"laposte|icloud|me|aol|gmx|proton|protonmail|tutanota|yopmail"
)
_EMAIL = re.compile(
    rf"[\w][\w.+\-]*{_AT}(?:[\w\-]+{_DOT})*[\w\-]+{_DOT}[a-z]{{2,6}}\b"
    rf"|[\w][\w.+\-]*{_AT}(?:{_PROVIDERS})\b",
    re.IGNORECASE,
)
_SOCIAL_URL = re.compile(
    r"(?:https?://)?(?:www\.|m\.|vm\.)?(?:instagram\.com|instagr\.am|snapchat\.com|tiktok\.com|"
    r"facebook\.com|fb\.com|twitter\.com|x\.com|twitch\.tv|youtube\.com|discord\.gg|t\.me|"
    r"linktr\.ee)/[^\s]+",
    re.IGNORECASE,
)
_HANDLE_AT = re.compile(r"(?<![\w.@])@[\w.\-]{2,}(?::[\w.\-]+)?")
_DISCORD_TAG = re.compile(r"\b[\w.\-]{2,}#\d{4}\b")
_PLATFORMS = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik ?tok|tt|discord|twitter|x|fb|facebook|twitch|"
    r"youtube|yt|telegram|whatsapp|psn|xbox|steam|roblox|fortnite|bereal|threads|"
    r"pseudo|pseudos|compte|identifiant|id|profil|blaze|tag"
)
# A platform word, a few linking words, then the account: "son snap c'est kenza.dz".
_AFTER_PLATFORM = re.compile(
    rf"\b(?:{_PLATFORMS})\b(?:\s*(?:[:=]|c ?est|cest|c'est|est|:|->|=>|sous|le nom|de|du|"
    rf"il s'appelle|elle s'appelle|s'appelle|nomm[ée]e?|au nom de)\s*)*\s*[«\"“']?\s*"
    rf"(?P<handle>[\w.\-#]+)",
    re.IGNORECASE,
)
# An account name by its shape: a name or word with digits, underscores or dots inside.
_HANDLE_SHAPE = re.compile(
    r"(?<![\w@./])(?=[\w.]*[_.][\w])(?=\w)[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+_?(?![\w@]|\.\w)"
    r"|(?<![\w@./])[A-Za-z]{3,}\d{2,}[A-Za-z]*(?![\w@])",
)
_DOMAIN_END = re.compile(r"\.(?:fr|com|org|net|gouv|eu|info|io|be|ch)$", re.IGNORECASE)


def _handle_like(token: str) -> bool:
    """Whether `token`, written after a platform word, is an account name rather than a word."""
    stripped = token.strip(".-")
    if len(stripped) < 3 or _DOMAIN_END.search(stripped):
        return False
    if re.fullmatch(r"\d{1,2}h\d{0,2}|\d+(?:e|er|ere|eme|x|min|ans?)", stripped.lower()):
        return False  # "20h", "3e", "15ans"
    letters = sum(ch.isalpha() for ch in stripped)
    if any(ch in stripped for ch in "_.#") or (
        any(ch.isdigit() for ch in stripped) and letters >= 2 and len(stripped) >= 4
    ):
        return True
    word = fold(stripped)
    return first_names().get(word) is False


def _handles(text: str, names: dict[str, bool]) -> list[Found]:
    found = [Found(Kind.HANDLE, m.start(), m.end(), m.group()) for m in _SOCIAL_URL.finditer(text)]
    found += [Found(Kind.HANDLE, m.start(), m.end(), m.group()) for m in _HANDLE_AT.finditer(text)]
    found += [
        Found(Kind.HANDLE, m.start(), m.end(), m.group()) for m in _DISCORD_TAG.finditer(text)
    ]
    for match in _AFTER_PLATFORM.finditer(text):
        handle = match.group("handle")
        if _handle_like(handle):
            start = match.start("handle")
            found.append(Found(Kind.HANDLE, start, start + len(handle), handle))
    for match in _HANDLE_SHAPE.finditer(text):
        token = match.group()
        if _DOMAIN_END.search(token):
            continue
        letters = re.match(r"[A-Za-z]+", token)
        head = fold(letters.group()) if letters else ""
        # "lea59", "kenza.dz", "xx_dark_xx": a name or an underscore makes it an account
        if "_" in token or head in names or (re.search(r"\d", token) and len(head) >= 4):
            found.append(Found(Kind.HANDLE, match.start(), match.end(), token))
    return found


# --- schools and classes -----------------------------------------------------------------
_SCHOOL_WORD = (
    r"coll[eè]ge|clg|lyc[ée]e|lycee|[ée]cole|lp|lep|lpo|lgt|cfa|ime|itep|mfr|erea|segpa|ulis"
)
_SCHOOL_KIND = (
    r"(?:\s+(?:pro|professionnel|polyvalent|g[ée]n[ée]ral|technique|technologique|agricole|"
    r"priv[ée]|public|[ée]l[ée]mentaire|primaire|maternelle|catholique|international))?"
)
_NAMED = r"(?:[A-ZÀ-Ý][\w'\-]+|saint|sainte|st|ste)"
_SCHOOL = re.compile(
    rf"\b(?i:{_SCHOOL_WORD}){_SCHOOL_KIND}(?:\s+(?:de la|du|des|de|d'|l'))?\s*"
    rf"(?P<name>{_NAMED}(?:[\s\-]+(?:{_NAMED}|de|du|des|la|le))*)",
)
_SCHOOL_LOWER = re.compile(
    rf"\b(?:{_SCHOOL_WORD}){_SCHOOL_KIND}\s+(?P<name>[a-zà-ÿ'\-]+)"
    r"(?:[\s\-]+(?P<more>[a-zà-ÿ'\-]+))?",
    re.IGNORECASE,
)
_LEVEL = (  # atomic: "3EME" is no "3EM" of section "E"
    r"(?>[3-6]\s*(?:ieme|ième|eme|ème|em|e|è)|2\s*(?:nde|nd|de)|seconde|1\s*(?:[eè]re|er)|"
    r"premi[eè]re|terminale|tle|term|cm\s*[12]|ce\s*[12])"
)
_SERIES = r"(?:\s*(?:STMG|STI2D|ST2S|STL|STD2A|STAV|GT|[Pp]ro|CAP|S|ES|L|BP)\b)?"
_CLASS = re.compile(
    rf"\b(?i:{_LEVEL}){_SERIES}\s*(?:[A-H]|\d{{1,2}})(?![\w°])"
    r"(?!\s*(?i:ans?|h\b|heures?|fois|jeunes?|[ée]l[èe]ves?|min|minutes|jours?|semaines?|mois|"
    r"contacts?|personnes?|filles?|gar[çc]ons?|et|ou|à|a|sur|sont|[-–]))",
)
_SHORT_CLASS = re.compile(r"\b[3-6][A-F]\b")  # "la 4C"
_TEACHER_CLASS = re.compile(
    rf"\b(?:classe|{_LEVEL})\s+(?:de|du|d')\s*(?:m\.?|mr\.?|mme|mlle|madame|monsieur|mademoiselle)\s+[\w\-]+",
    re.IGNORECASE,
)


def _schools(text: str, names: dict[str, bool], known: frozenset[str]) -> list[Found]:
    found: list[Found] = []
    for match in _SCHOOL.finditer(text):
        found.append(Found(Kind.SCHOOL, match.start(), match.end(), match.group()))
    for match in _SCHOOL_LOWER.finditer(text):
        word = fold(match.group("name"))
        if word in names or word in {"saint", "sainte", "st", "ste"}:
            found.append(Found(Kind.SCHOOL, match.start(), match.end(), match.group()))
    for pattern in (_CLASS, _TEACHER_CLASS, _SHORT_CLASS):
        for match in pattern.finditer(text):
            found.append(Found(Kind.SCHOOL, match.start(), match.end(), match.group()))
    return found


# --- addresses ----------------------------------------------------------------------------
_STREET = (
    r"rue|r\.|avenue|av\.?|ave|boulevard|bd|bld|blvd|chemin|ch\.|impasse|imp\.?|all[ée]e|"
    r"place|pl\.|route|rte|quai|cours|square|sq\.|r[ée]sidence|r[ée]s\.?|cit[ée]|lotissement|"
    r"lot\.|hameau|voie|sentier|passage|rond-point|faubourg|fbg|chauss[ée]e|esplanade|parvis|"
    r"villa|domaine|clos|promenade|ruelle|venelle|traverse|mont[ée]e|lieu-dit|lieu dit"
)
# Followed by a capitalised name, without a number: "rue Victor Hugo", "résidence Les Tilleuls".
_STREET_NAMED = (
    r"rue|avenue|av\.?|boulevard|bd|bld|blvd|chemin|impasse|all[ée]e|route|square|r[ée]sidence|"
    r"cit[ée]|lotissement|hameau|faubourg|fbg|chauss[ée]e|ruelle|venelle|lieu-dit|lieu dit"
)
_STREET_PLAIN = (
    r"rue|avenue|boulevard|impasse|all[ée]e|lotissement|hameau|faubourg|ruelle|venelle|square|"
    r"lieu-dit|lieu dit"
)
_NUMBERED_STREET = re.compile(
    rf"\b\d{{1,4}}\s*(?:bis|ter|b)?\s*,?\s*(?:{_STREET})(?=[\s.,]|$)[^\n,;.!?]{{0,40}}",
    re.IGNORECASE,
)
_NAMED_STREET = re.compile(
    rf"\b(?i:{_STREET_NAMED})\s+(?:de la |des |du |de l'|d'|de |l'|les |la |le )?"
    rf"(?:[A-ZÀ-Ý][\w'\-]+)(?:[\s\-]+(?:[A-ZÀ-Ý][\w'\-]+|de|du|des|la|le))*",
)
_PLAIN_STREET = re.compile(
    rf"\b(?:{_STREET_PLAIN})\s+(?:de la |des |du |de l'|d'|de |l'|les )[\w'\-]+",
    re.IGNORECASE,
)
_BUILDING = re.compile(
    r"\b(?i:b[âa]t(?:iment)?|appt?|appart(?:ement)?|apt|escalier|esc)"
    r"(?:\.\s*|\s+|\s*n°\s*)(?:n°\s*)?(?:\d{1,3}[A-Za-z]?|[A-Z]\d{0,2})\b"
    r"(?!\s*(?i:ans|h\b|heures|fois|min|jeunes))",
)
_ADDRESS_WORDS = re.compile(
    r"\b(?:habite|habitent|vit|vivent|domicili[ée]e?s?|adresse|loge|log[ée]e?s?)\s+(?:au|à|a|"
    r"dans|chez)\s+(?:le\s+|la\s+)?\d{1,4}\b(?!\s*(?:km|kms|min|minutes|h\b|heures|ans|m\b|"
    r"mn|kilom))[^\n,;.!?]{0,40}",
    re.IGNORECASE,
)


def _addresses(text: str) -> list[Found]:
    found: list[Found] = []
    for pattern in (_NUMBERED_STREET, _NAMED_STREET, _PLAIN_STREET, _BUILDING, _ADDRESS_WORDS):
        for match in pattern.finditer(text):
            found.append(Found(Kind.ADDRESS, match.start(), match.end(), match.group()))
    return found


# --- names --------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)*")
# Names of places and services: "centre social Nelson Mandela", "MJC Léo Lagrange".
_INSTITUTION = {
    "centre", "center", "espace", "maison", "mjc", "mpt", "salle", "gymnase", "stade",
    "mediatheque", "bibliotheque", "fondation", "association", "asso", "club", "foyer",
    "square", "parc", "hopital", "clinique", "quartier", "pole", "institut", "universite",
    "campus", "creche", "ehpad", "saint", "sainte", "st", "ste", "piscine", "cinema",
    "theatre", "musee", "mairie", "ecole", "college", "lycee", "rue", "avenue", "boulevard",
    "place", "impasse", "allee", "chemin", "residence", "cite", "prix", "operation",
    "dispositif", "festival", "concours", "programme", "journee", "fete", "csc", "cs", "pij",
    "bij", "cij", "paej", "mda", "cmp", "cmpp", "pmi", "ccas", "epn", "cyber", "skatepark",
    "tournoi", "jeu", "projet",
}  # fmt: skip
# What may stand between an institution word and its name: "centre social Nelson Mandela".
_INSTITUTION_LINK = {
    "social", "sociale", "socioculturel", "socio", "culturel", "culturelle", "jeunes",
    "jeunesse", "municipal", "municipale", "intercommunal", "de", "du", "des", "la", "le",
    "d", "l", "quartier", "loisirs", "sportif", "sportive", "omnisports", "familles",
}  # fmt: skip
# Apps and brands, capitalised like names.
_NOT_PEOPLE = {
    "snapchat", "snap", "instagram", "insta", "tiktok", "discord", "facebook", "twitter",
    "youtube", "twitch", "whatsapp", "telegram", "bereal", "roblox", "fortnite", "minecraft",
    "google", "apple", "netflix", "pronote", "parcoursup", "messenger", "signal", "reddit",
    "linkedin", "pinterest", "zoom", "teams", "skype", "steam", "playstation", "xbox",
    "nintendo", "switch", "wattpad", "vinted", "leboncoin", "uber", "deliveroo", "amazon",
    "matrix", "element", "canva", "padlet", "kahoot", "genially",
}  # fmt: skip
# Words that show the next one is a person's name, whatever it is.
_PERSON_CUE = re.compile(
    r"(?:\bs['’ ]?\s*appell?e(?:nt)?|\bappel[ée]e?|\bpr[ée]nomm[ée]e?|\bnomm[ée]e?"
    r"|\bd[ée]nomm[ée]e?|\bsurnomm[ée]e?|\balias|\bm\.|\bmr\.?|\bmme\.?|\bmlle\.?|\bmadame"
    r"|\bmonsieur|\bmademoiselle)\s+$",
    re.IGNORECASE,
)
# Words after which a capitalised word is a person: "la petite Sara", "sa copine Jade".
_PERSON_BEFORE = re.compile(
    r"(?:\bla petite|\ble petit|\bma copine|\bsa copine|\bson copain|\bsa meilleure amie"
    r"|\bson meilleur ami|\bsa s(?:oe|œ)ur|\bson fr[èe]re|\bla jeune|\ble jeune"
    r"|\bl['’]\s*[ée]l[èe]ve"
    r"|\bsa cousine|\bson cousin|\bsa fille|\bson fils|\bfamille|\bles|\ble grand|\bla grande"
    r"|\b(?:maman|m[èe]re|p[èe]re|papa|fr[èe]re|s(?:oe|œ)ur|cousine?|copain|copine|amie?|pote|"
    r"parents|famille|tante|oncle|grand-m[èe]re|grand-p[èe]re|beau-p[èe]re|belle-m[èe]re)"
    r"\s+(?:de|d['’]))\s+$",
    re.IGNORECASE,
)
# Words before a capitalised word that make it a person: "avec Maïssa", "chez Anli".
_WITH = {"avec", "chez", "entre", "contre"}
# What only a person does, right after their name: "Fatou me dit", "Samia vit chez".
_PERSON_VERB = re.compile(
    r"\s*(?:\(\s*\d{1,2}\s*a(?:ns)?\b|,?\s*\d{1,2}\s*a(?:ns)?\b|,\s*(?:jeune|lyc[ée]en|"
    r"coll[ée]gien|[ée]l[èe]ve|\d{1,2}\s*ans)|m['’]\s*a\b|me\s+(?:dit|demande|parle|raconte|"
    r"[ée]crit|confie|contacte|recontacte|explique|rappelle|envoie|r[ée]pond|montre)|"
    r"m['’]\s*(?:[ée]crit|envoie|appelle|explique|a\s+dit)|qui\s+(?:me|m['’])|a\s+dit|"
    r"a\s+\d{1,2}\s*ans|vit\s+(?:chez|au|à|a|en|avec|seule?|dans)|habite|"
    r"s['’]est\s+\w+|se\s+fait|(?:est|a\s+[ée]t[ée])\s+\w+(?:[ée]e?s?|ie?|ue?|te)\b|"
    r"a\s+fugu[ée]|(?:ne\s+)?veut|voudrait|cherche|demande|pleure|a\s+eu\b|a\s+besoin|"
    r"a\s+peur|a\s+laiss[ée]|a\s+fini|ont\s+fini|vient\s+d|n['’]ose|n['’]a\s+pas|n['’]est\s+pas|"
    r"est\s+(?:revenue?|venue?|partie?|en\s+\w+|chez|seule?|enceinte|victime)|dit\s+qu|"
    r"sort\s+de|a\s+(?:un|une|des)\s+(?:compte|copain|copine|probl[eè]me|souci)|fait\s+des|"
    r"doit|pense\s+que|raconte|[ée]crit|appelle|t[ée]l[ée]phone|peut|pourrait|"
    r"\(\s*(?:[3-6]\s*(?:e|è|[eè]me)|2nde|1[eè]re|terminale|cm[12]|ce[12])\b)",
    re.IGNORECASE,
)
_PERSON_NOUNS = {
    "jeune", "jeunes", "fille", "filles", "garcon", "garcons", "ado", "ados", "adolescent",
    "adolescente", "adolescents", "eleve", "eleves", "collegien", "collegienne", "collegiens",
    "lyceen", "lyceenne", "lyceens", "enfant", "enfants", "mineur", "mineure", "frere", "soeur",
    "cousin", "cousine", "homme", "femme", "gamin", "gamine", "fils", "neveu", "niece",
    "petit", "petite", "copine", "copain", "ami", "amie", "pote", "demoiselle", "gars", "mec",
    "meuf", "nana", "victime", "auteur", "etudiant", "etudiante", "apprenti", "apprentie",
    "stagiaire", "benevole", "mere", "pere", "maman", "papa", "parent", "parents", "bebe",
    "celui", "celle", "quelqu", "personne", "elle", "lui", "il", "on",
}  # fmt: skip
_DETERMINERS = {
    "un", "une", "le", "la", "les", "l", "des", "du", "ce", "cet", "cette", "ces", "mon", "ma",
    "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur",
    "leurs", "quel", "quelle", "chaque", "aucun", "aucune",
}  # fmt: skip
# Before a place or a programme rather than a person: "de Santé", "en Erasmus".
_OF = {"de", "d", "du", "des", "en", "au", "aux", "vers", "sur"}
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n…]|[-–•*>]\s)[\s\"«“'(]*$")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not _acronym(word)


def _acronym(word: str) -> bool:
    """ "RAS", "l'ADIL", "PdN": capitals inside a word make no name."""
    bare = re.split(r"['’]", word)[-1]
    return any(len(part) > 1 and any(ch.isupper() for ch in part[1:]) for part in bare.split("-"))


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether two words follow each other with nothing but a space or a hyphen between."""
    return re.fullmatch(r"[ \t\-]{1,2}", text[left.end() : right.start()]) is not None


def _in_institution(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether words[i] is in the name of a place or service ("centre social Nelson Mandela")."""
    j = i - 1
    while j >= 0 and i - j <= 4 and _joined(text, words[j], words[j + 1]):
        key = fold(words[j].group())
        if key in _INSTITUTION:
            return True
        if key not in _INSTITUTION_LINK and not _capitalised(words[j].group()):
            return False
        j -= 1
    return False


def _proper_noun_group(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether words[i] is joined to a word in capitals ("Octobre Rose", "PdN Parentalité")."""
    around = [j for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return any(
        words[j].group()[:1].isupper()
        and fold(words[j].group()) not in STOPWORDS
        and _joined(text, *sorted((words[i], words[j]), key=lambda m: m.start()))
        for j in around
    )


@cache
def french_words() -> WordFilter:
    """Folded French words (mots.bloom): "reunion", "atelier", "claire"; not "kenza"."""
    return WordFilter.from_bytes(files("bot.text").joinpath("mots.bloom").read_bytes())


def _names(text: str, names: dict[str, bool], known: frozenset[str]) -> list[Found]:
    """First names and surnames. A word of the list of first names is a name, unless it is also
    an ordinary word ("rose") that the text uses as one; any other word that is no French word
    is a name where the text shows a person ("Chamsia m'a dit", "avec Thao", "Stessy (17 ans)")."""
    words = list(_WORD.finditer(text))
    french = french_words()
    found: list[Found] = []
    for i, match in enumerate(words):
        word = match.group()
        key = fold(word)
        if len(key) < 2 or key in STOPWORDS or key in _NOT_PEOPLE or key in _PERSON_NOUNS:
            continue
        if (match.start() and text[match.start() - 1].isdigit()) or (
            match.end() < len(text) and text[match.end()].isdigit()
        ):
            continue  # "4e", "14h", "T4", "lea59" (an account: see handles)
        if _in_institution(text, words, i):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        previous = fold(words[i - 1].group()) if i else ""
        cue = bool(_PERSON_CUE.search(before)) or (
            (_capitalised(word) or key in names) and bool(_PERSON_BEFORE.search(before))
        )
        if not cue and previous in _DETERMINERS:
            continue  # "une rose", "la pierre": a thing; names take no determiner
        acts = bool(_PERSON_VERB.match(text, match.end()))
        start = _SENTENCE_END.search(before) is not None
        also_word = names.get(key)
        if " " in key:  # "Lou-Anne": its parts; "Saint-Omer" is a place
            if key.split()[0] in ("saint", "sainte", "st", "ste") or any(
                part in STOPWORDS or (part in french and part not in names) for part in key.split()
            ):
                continue  # "puis-je", "histoire-géo", "k'elle"
            parts = [names.get(part) for part in key.split()]
            also_word = None if None in parts else all(parts)
        if also_word is None:
            if key in known or _acronym(word) or key in french or len(key) < 3:
                if not (cue and _capitalised(word)):
                    continue  # a word ("Réunion a été annulée"), unless "s'appelle Rose"
            elif not cue and (
                previous in _OF or not (acts or (previous in _WITH and _capitalised(word)))
            ):
                continue  # "à Roubaix", "de Hénin-Beaumont", "en Erasmus": places, programmes
        elif _acronym(word) and not cue:
            continue  # "RAS", "l'ADIL"
        elif (
            also_word
            and not (cue or acts or (start and text[match.end() :].lstrip().startswith("(")))
            and (
                not _capitalised(word)
                or start
                or previous in _OF
                or key in known
                or _proper_noun_group(text, words, i)
            )
        ):
            continue  # "rose", "Octobre Rose", "France Travail", "de Santé"
        found.append(Found(Kind.NAME, match.start(), match.end(), word))
    return found


# --- all together -------------------------------------------------------------------------
_SPACED = re.compile(r"(?<!\S)\S(?: \S){3,}(?!\S)")


def _squeezed(text: str) -> tuple[str, list[int]]:
    """`text` with letter-spaced runs closed up ("l e a @ g m a i l" gives "lea@gmail"), and
    for each character kept its index in `text`."""
    out: list[str] = []
    where: list[int] = []
    last = 0
    for match in _SPACED.finditer(text):
        out.append(text[last : match.start()])
        where.extend(range(last, match.start()))
        for offset in range(match.start(), match.end(), 2):
            out.append(text[offset])
            where.append(offset)
        last = match.end()
    out.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(out), where


def _contacts(text: str, names: dict[str, bool]) -> list[Found]:
    return [
        *_phones(text),
        *[Found(Kind.EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)],
        *_handles(text, names),
    ]


def find_identifiers(text: str, known_words: frozenset[str] = frozenset()) -> list[Found]:
    """What could identify a young person in `cleaned(text)`, in reading order, without
    overlaps (the wider finding wins). `known_words` (folded) are words of the knowledge base:
    a capitalised one that is also a first name ("Rose") is not taken for a name."""
    text = cleaned(text)
    names = first_names()
    squeezed, where = _squeezed(text)
    spaced = (
        [
            Found(
                f.kind,
                where[f.start],
                where[f.end - 1] + 1,
                text[where[f.start] : where[f.end - 1] + 1],
            )
            for f in _contacts(squeezed, names)
        ]
        if squeezed != text
        else []
    )
    candidates = [
        *_contacts(text, names),
        *spaced,
        *_schools(text, names, known_words),
        *_addresses(text),
        *_names(text, names, known_words),
    ]
    priority = list(Kind)
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start), priority.index(f.kind)))
    kept: list[Found] = []
    for finding in candidates:
        if kept and finding.start < kept[-1].end:
            last = kept[-1]
            if finding.end > last.end:  # overlapping: one finding over both
                kept[-1] = Found(last.kind, last.start, finding.end, text[last.start : finding.end])
            continue
        kept.append(finding)
    return kept


def kinds(found: list[Found]) -> list[Kind]:
    """The kinds in `found`, each once, in the order of `Kind`."""
    present = {f.kind for f in found}
    return [kind for kind in Kind if kind in present]


def masked_text(text: str, found: list[Found]) -> str:
    """`cleaned(text)` with each finding replaced by its placeholder ("avec [nom] au [numéro]"):
    what a reply may show without repeating what identifies."""
    text = cleaned(text)
    parts: list[str] = []
    last = 0
    for finding in found:
        parts += [text[last : finding.start], finding.kind.placeholder]
        last = finding.end
    return "".join([*parts, text[last:]])
