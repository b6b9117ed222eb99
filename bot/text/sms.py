"""Chat French as written: folded, elided words kept apart, SMS spellings expanded."""

from __future__ import annotations

from bot.text.fold import fold

# SMS spellings and shortcuts, word for word.
SMS: dict[str, str] = {
    "ki": "qui", "ke": "que", "koi": "quoi", "kan": "quand", "kom": "comme", "k": "que",
    "pu": "plus", "plu": "plus", "tt": "tout", "tte": "toute", "ds": "dans", "dc": "donc",
    "ac": "avec", "avc": "avec", "bcp": "beaucoup", "bcq": "beaucoup", "mtn": "maintenant",
    "mnt": "maintenant", "maintnant": "maintenant", "ojd": "aujourd hui",
    "auj": "aujourd hui", "dem1": "demain", "2main": "demain", "dmain": "demain",
    "vx": "veux", "veu": "veux", "vt": "veut", "jveux": "je veux", "jveu": "je veux",
    "jvx": "je veux", "jvais": "je vais", "jvai": "je vais", "jme": "je me", "jte": "je te",
    "jle": "je le", "jla": "je la", "jserai": "je serai", "jsrai": "je serai",
    "jpp": "j en peux plus", "jpeux": "je peux", "chui": "je suis", "chuis": "je suis",
    "jsuis": "je suis", "jsui": "je suis", "tjr": "toujours", "tjrs": "toujours",
    "qq1": "quelqu un", "qqn": "quelqu un", "msg": "message", "msgs": "messages",
    "mourrir": "mourir", "mourire": "mourir", "suicid": "suicide", "suiside": "suicide",
    "sucide": "suicide", "medoc": "medicament", "medocs": "medicaments",
    "meds": "medicaments", "doli": "doliprane", "keuf": "police", "keufs": "police",
    "daron": "pere", "daronne": "mere", "darons": "parents", "reup": "pere", "reum": "mere",
    "ptit": "petit", "ptite": "petite", "pti": "petit", "nude": "nudes", "nudz": "nudes",
    "pic": "photo", "pics": "photos", "vids": "videos", "vid": "video", "insta": "instagram",
    "snap": "snapchat", "tel": "telephone", "od": "overdose", "lgtmps": "longtemps",
    "lgtemps": "longtemps", "pr": "pour", "pk": "pourquoi", "jsp": "je sais pas",
    "wk": "week end", "we": "week end", "rdv": "rendez vous", "clg": "college",
    "bahut": "lycee", "teuf": "soiree", "ivg": "ivg", "rep": "repond", "rpd": "repond",
    "slt": "salut", "cc": "coucou", "bjr": "bonjour", "bsr": "bonsoir", "mrc": "merci",
    "mrci": "merci", "dsl": "desole", "stp": "s il te plait", "svp": "s il vous plait",
    "tkt": "t inquiete", "ptdr": "mort de rire",
}  # fmt: skip


def plain_words(text: str) -> str:
    """`text` folded with its elided words kept ("s'est" gives "s est") and SMS spellings
    written out ("jveux" gives "je veux"): single spaces between words."""
    words: list[str] = []
    for word in fold(text, keep_elisions=True).split():
        words.extend(SMS.get(word, word).split())
    return " ".join(words)
