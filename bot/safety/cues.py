"""The written cues of immediate danger: for each kind, patterns over normalized text.

Each cue weighs:
- `SURE` (1.5): enough on its own, even in a message about the past or a workshop;
- `CUE` (1.0): enough on its own, unless the message frames it as past or general;
- `HINT` (0.5): needs a second hint, or a sign that it is happening now.
A sign of immediacy ("ce soir", "là maintenant", "en live") adds `NOW`; a framing as past,
resolved or general ("l'an dernier", "va mieux", "atelier de prévention") takes `FRAMED` off.
A kind whose total reaches `THRESHOLD` is evoked by the cues alone. The detector
(`bot.safety.danger`) also gives these findings to a learnt model, which weighs them with the
rest of the wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.safety.kinds import Danger
from bot.text.sms import plain_words

SURE, CUE, HINT = 1.5, 1.0, 0.5
NOW, FRAMED = 0.5, 0.5
THRESHOLD = 1.0


# Distinctive words whose typos are corrected ("suicde", "scarrifie", "medicamant"): only long
# ones, and only when the word written is not itself a frequent word (_KNOWN).
_CUE_WORDS = (
    "suicide", "suicider", "suicidaire", "suicidaires", "suicidee", "suicidait", "scarifie",
    "scarifiee", "scarifier", "scarifient", "scarification", "scarifications", "automutilation",
    "automutile", "mutile", "mutilee", "medicament", "medicaments", "somniferes", "paracetamol",
    "doliprane", "antidepresseurs", "anxiolytiques", "comprimes", "overdose", "surdose",
    "disparaitre", "defenestrer", "defenestre", "inconscient", "inconsciente", "convulsions",
    "convulse", "sequestre", "sequestree", "sequestration", "tabasser", "tabasse", "tabassee",
    "poignarder", "poignarde", "etrangler", "etrangle", "etranglee", "attouchements", "inceste",
    "introuvable", "sextorsion", "chantage", "menacer", "menaces", "menace", "menacee",
    "frapper", "frappee", "enfermee", "enfermer", "fuguer", "fuguee", "disparue", "disparu",
    "disparition", "adieux", "pendaison", "hemorragie", "respire", "respirer", "violee",
    "violer", "agressee", "agresser", "tentative", "maltraitance", "maltraite", "maltraitee",
    "cicatrices", "coupures", "entailles", "rebord", "seringue",
)  # fmt: skip
_CUE_SET = frozenset(_CUE_WORDS)
_KNOWN = frozenset(
    (
        "prendre", "rendre", "vendre", "tendre", "pendant", "attendre", "entendre", "descendre",
        "menage", "mariage", "frappe", "frappes", "menu", "menus", "respecte", "respecter",
        "enferme", "enfermes", "adieu", "decide", "decider", "suicides", "medical", "medicale",
        "medicales", "suivie", "suivies", "suivi", "tabac", "tableau", "chantier", "chanter",
        "chantages", "disparus", "disparues", "respect", "repondre", "agreable", "inconscients",
        "menacant", "menacante", "violet", "violette", "violence", "violences", "comprise",
        "compris", "coupure", "disparait", "disparaitra", "parait", "paraitre", "fugue", "fugues",
        "rebords", "seringues", "tentatives", "entaille", "cicatrice",
    )
)  # fmt: skip


def _collapse(word: str) -> str:
    """Doubled letters written once: "scarrifie" and "scarifie" meet."""
    return re.sub(r"(.)\1+", r"\1", word)


_COLLAPSED = {_collapse(w): w for w in _CUE_WORDS}


@lru_cache(maxsize=65536)
def _corrected(word: str) -> str:
    if word in _CUE_SET or word in _KNOWN or len(word) < 6 or not word.isalpha():
        return word
    collapsed = _collapse(word)
    if collapsed in _COLLAPSED:
        return _COLLAPSED[collapsed]
    limit = 2 if len(word) >= 9 else 1
    found = process.extractOne(word, _CUE_WORDS, scorer=Levenshtein.distance, score_cutoff=limit)
    return found[0] if found is not None else word


def normalized(text: str) -> str:
    """`text` folded, SMS spellings expanded, typos of distinctive words corrected."""
    return " ".join(_corrected(w) for w in plain_words(text).split())


# --- Word families the cues share. `_GAP` lets a few words stand between two parts. ---
_GAP = r"(?:\w+ ){0,3}?"
_GAP1 = r"(?:\w+ ){0,1}?"
_SELF = r"(?:se|s|me|m|te|t|ce|nous|vous)"
_FAMILY = (
    r"(?:pere|mere|parents?|beau pere|belle mere|beau frere|grand frere|grande soeur|frere|soeur"
    r"|oncle|tante|grand pere|grand mere|cousin|cousine|papa|maman|famille|nourrice|tuteur"
    r"|tutrice|compagnon de sa mere|copain de sa mere|mari de sa mere|demi frere|padre)"
)
_HIT = (
    r"(?:frapp\w*|bat|battu\w*|battait|battent|tap\w*|cogn\w*|tabass\w*|gifl\w*|claques\b"
    r"|(?:mis|met|donne|colle)\w* (?:une |des )?claques?"
    r"|etrangl\w*|brutalis\w*|maltrait\w*|secou\w*|brul\w*|coups?|viol(?:e|ee|es|ent|ait)?\b"
    r"|touch\w*|attouch\w*"
    r"|enferm\w*|prive\w* de (?:manger|nourriture|repas)|affam\w*|recadr\w*|corrig\w*"
    r"|ceinture|martinet|attach\w*)"
)
_BODY = (
    r"(?:bras|poignets?|cuisses?|ventre|jambes?|avant bras|hanches?|mains?|chevilles?"
    r"|epaules?|dos|visage|cou|peau)"
)
_MARKS = (
    r"(?:coupures|entailles|cicatrices|marques|traces|plaies|griffures|brulures|traits"
    r"|scarifications|lacerations)"
)
_MEDICATION = (
    r"(?:medicaments?|cachets?|pilules|comprimes?|gelules|doliprane|paracetamol|efferalgan"
    r"|dafalgan|xanax|lexomil|lysanxia|temesta|seresta|stilnox|somniferes?|antidepresseurs?"
    r"|anxiolytiques?|neuroleptiques?|tramadol|codeine|lamaline|ibuprofene|aspirine|morphine"
    r"|insuline|traitement|boite a pharmacie|pharmacie)"
)
_QUANTITY = (
    r"(?:boites?|plaquettes?|tubes?|flacons?|tous|toute|toutes|plein|beaucoup|trop|stock"
    r"|reserve|accumul\w*|tas|poignee|moitie|\d+|avale\w*|gobe\w*|ingere\w*|ingurgit\w*"
    r"|stocke\w*|amasse\w*|combien)"
)
_WEAPON = (
    r"\b(?:armes?|arme blanche|arme a feu|fusils?|flingues?|pistolets?|revolvers?|carabines?"
    r"|couteaux?|machettes?|hachettes?|haches?|poignards?|cutters?|battes? de base ball"
    r"|matraques?|tasers?|gazeuses?|bombe lacrymo\w*|calibre|kalach\w*|sabre)\b"
)
_SEXUAL_IMAGES = r"(?:photos?|nudes|videos?|images?|sexto\w*|intimes?|webcam|nue?s?|captures?)\b"
_EXPOSE = (
    r"(?:publier|publie|diffuser|diffuse|balancer|balance|envoyer|envoie|partager|partage"
    r"|poster|poste|montrer|montre|leak\w*|divulguer|faire tourner|mettre en ligne|mettre)"
)

_EXPOSED = (
    r"(?:(?:capote|preservatif)s? (?:\w+ ){0,3}?(?:craque\w*|perce\w*|glisse\w*|reste\w*"
    r"|dechire\w*|enleve\w*|retire\w*|pete\w*|explose\w*)|rapports? (?:sexuels? )?"
    r"(?:non protege\w*|sans (?:capote|preservatif|protection))|sans (?:capote|preservatif)"
    r"|\btpe\b|post exposition|\bvih\b|\bsida\b)"
)
_RECENT = (
    r"(?:\b(?:hier|avant hier|cette nuit|ce week end|samedi|dimanche|vendredi soir|ce matin"
    r"|il y a \d+ ?(?:h|heures|jours?))\b)"
)

# Signs that it is happening now, or very soon.
_NOW = re.compile(
    r"\b(?:maintenant|en ce moment|actuellement|ce soir|cette nuit|tout de suite|a l instant"
    r"|tout a l heure|aujourd hui|ce matin|ce midi|cet aprem\w*|demain|en direct|en live|\blive\b"
    r"|vient de|viens de|viennent de|dans (?:une|1|deux|2|quelques|\d+) (?:heures?|minutes?|min|h)"
    r"|urgent|urgence|vite|au secours|help|paniqu\w*|affole\w*|terrorise\w*|sos|en cours"
    r"|sa localisation|sa position"
    r"|des que possible|la tout de suite|en pleine nuit|il est \d+ ?h)\b"
)
# Signs that the message is about the past, a settled situation, or prevention in general.
_FRAMED = re.compile(
    r"\b(?:atelier|ateliers|formation|formations|former|sensibilis\w*|prevention|statistiques?"
    r"|chiffres|expose|film|documentaire|conference|campagne|affiche|serie|livre|roman"
    r"|theatre|temoignage|debat|animer|supports?|exposition|jeu video|jeux video|jeu de tir"
    r"|il y a (?:\d+|deux|trois|quatre|quelques|plusieurs) (?:ans|mois|annees)"
    r"|l an (?:dernier|passe)|l annee (?:derniere|passee)|quand (?:il|elle) etait (?:petit|petite"
    r"|enfant)|dans son enfance|depuis plus (?:d un|de) (?:an|mois)|plus depuis|va mieux"
    r"|allait mieux|ca va mieux|tout se passe bien|c est regle|est regle|est suivie?|suivie? au"
    r"|s en est sortie?|est (?:rentree?|revenue?) (?:chez|a la maison|au foyer)|apres \w+ "
    r"(?:semaines?|jours?) de fugue|pas d idees noires|jamais parle de se faire du mal"
    r"|pas de propos suicidaires|sans idees noires|rien de grave|rien d inquietant"
    r"|pas de danger|aucun danger|pas en danger|en securite|pour rire|pour de faux|je plaisante"
    r"|mort de rire|mdr|ptdr|lol)\b"
)

_CUES: dict[Danger, tuple[tuple[float, str], ...]] = {
    Danger.SUICIDE: (
        # said outright
        (CUE, r"suicid\w*|\bts\b(?! (?:les|le|la|mes|ses|tes|nos|vos|leurs|ces|ce|ca)\b)"),
        (CUE, r"tentative (?:de )?(?:suicide|mettre fin)|passage a l acte|passer a l acte"),
        (SURE, rf"\b{_SELF} {_GAP1}(?:tuer|tue|tuee|tues|tuait|tuera|tuerai|tuerais|pendre|pend"
               r"|pendu|pendue|pendait|pendra|jeter (?:sous|du|d|par|de|dans le vide|devant"
               r"|a l eau)|jette (?:sous|du|d|par|de|dans le vide|devant|a l eau)|defenestr\w*"
               r"|foutre en l air|fout en l air|foutrai en l air|noyer|noie|empoisonner"
               r"|ouvrir les veines|ouvre les veines|taillader les veines|flinguer"
               r"|tirer une balle|immoler|laisser mourir|laisse mourir|laisser crever"
               r"|faire sauter"
               r"|supprimer\b(?! (?:de|du|des|les|la|le|son|sa|ses|mon|ma|mes|un|une)\b))"
               r"\b(?! (?:dans (?:mes|les|ses|tes|le|la|son|sa) (?:devoirs|boulot|travail|taf"
               r"|cours|revisions|larmes|dettes|problemes)|au travail|a la tache|avec tes"
               r"|avec ses|avec vos|de rire))"),
        (SURE, r"\ben finir\b(?! avec (?!(?:la|sa|ma|ta|cette) vie))|finir avec (?:la|sa|ma|ta"
               r"|cette) vie|mettre fin a (?:ses|mes|tes|sa|ma|ta|leurs|leur) (?:jours|vie)"
               r"|mettre un terme a (?:sa|ma|ta) vie|fin a ses jours"),
        (SURE, r"(?<!pas d )(?<!pas de )(?<!sans )(?:idees?|pensees?) (?:noires|de mort"
               r"|suicidaires|morbides)|ideation"),
        # wanting to die or to be gone, however said
        (SURE, r"(?:envie|veut|veux|voulait|voudrait|voudrais|prefere|prefererait|pret|prete"
               r"|va|vais|allait|aimerait|souhaite|souhaitait|pense a|pensait a|parle de"
               r"|parlait de|reve de|demande comment|cherche comment|decide de|decidee? a"
               rf"|rien ne (?:le|la|me) retient de) {_GAP1}(?:mourir|crever|partir pour"
               r" (?:toujours|de bon)|plus exister|ne plus exister|plus etre la|ne plus etre la"
               r"|plus vivre|ne plus vivre|en finir\b(?! avec (?!(?:la|sa|ma|ta|cette) vie))"
               r"|la mort|rejoindre (?:son|sa|ses) (?:\w+ )?"
               r"(?:au ciel|decede\w*|mort\w*)|dormir (?:pour toujours|a jamais)"
               r"|ne plus se reveiller|tout arreter|tout lacher)\b(?! de (?:rire|honte|faim))"),
        (SURE, r"(?:plus|pas|aucune|pas trop|perdu|perd) (?:l )?envie de vivre|(?:marre|assez"
               r"|fatigue\w*|lasse|degoute\w*|peur) de (?:vivre|la vie|sa vie|ma vie|cette vie"
               r"|exister|etre en vie)"),
        (SURE, r"(?:en|j en|il en|elle en) (?:peux|peut|pouvait) plus de (?:vivre|la vie"
               r"|cette vie|exister)|(?:plus|pu) la force (?:de|d) (?:vivre|continuer|tenir)"),
        (CUE, r"vie (?:ne vaut|vaut pas|vaut rien|sert a rien|n a (?:plus )?(?:aucun )?sens"
              r"|est finie|est fichue|est foutue)|(?:je|il|elle) (?:ne |n )?(?:sers|sert) a rien"
              r"|a quoi bon vivre|(?:plus|pas) (?:de |d )?raison de vivre"),
        (CUE, r"(?:ne |n )?(?:veut|veux|voulait|voudrait) (?:plus|pas) (?:vivre|exister"
              r"|se reveiller|etre la)\b(?! (?:chez|avec|dans|a|en|ici|la bas|seul))"),
        # farewells, letters, belongings, a date, a plan, "free soon"
        (SURE, r"\badieux?\b|(?:lettre|message|mot|video|post|story|texte)s? (?:d |de )?"
               r"(?:adieu|au revoir a tous)|derniers? (?:message|mots|lettre|story|post"
               r"|au revoir)|dire au revoir|dit au revoir a"),
        (CUE, r"(?:lettre|mot|message|texte|enveloppe)s? (?:\w+ ){0,5}?(?:pour|a) (?:ses|sa|son"
              r"|mes|ma|mon|tes|ta|ton) (?:parents|mere|pere|maman|papa|famille|soeur|frere"
              r"|copine|copain|amis|proches|petite soeur|petit frere)|a ouvrir (?:plus tard"
              r"|apres|quand)|(?:pour|a) maman et papa"),
        (CUE, r"(?:il|elle|a|il a|elle a|veut|comment) (?:\w+ )?(?:donne\w*|distribue\w*|offert"
              r"|offre"
              r"|legu\w*|rendu|recupere) "
              rf"{_GAP}(?:ses|toutes ses|tous ses|sa|son) (?:affaires|objets|vetements|jeux"
              r"|console|consoles|animaux|chat|chien|bijoux|trucs|biens|livres|cartes|peluches"
              r"|mangas|trousse|ecouteurs|telephone|collection|carnet\w*)|(?:n en|j en|en) (?:aurai"
              r"|aura|auras|aurait) plus besoin|plus besoin de (?:rien|tout ca|ca)|si jamais"
              r" (?:il|elle|je) (?:\w+ )?(?:est|suis) plus la"),
        (SURE, r"(?:serai|sera|serais|serait|seras|serons|seront) (?:\w+ )?(?:plus|jamais) "
               r"(?:la|ici|en vie|de ce monde)\b(?! (?:pour le cours|au cours|a l heure))"
               r"|plus (?:la|ici) (?:demain|bientot|ce soir|pour longtemps|pour personne"
               r"|dans (?:\w+ )?(?:jours?|longtemps)|pour (?:son|mon|ton) anniv\w*|pour noel"
               r"|a noel|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"),
        (CUE, r"(?:ne verra|verra pas|ne passera|passera pas|ne finira|finira pas) (?:\w+ )?"
              r"(?:demain|la nuit|noel|l annee|le week end|la semaine|son anniv\w*)"
              r"|(?:vous|tu) (?:ne )?me (?:reverrez|reverras|verrez|verras) (?:plus|pas)"
              r"|me reverrez pas|reverra (?:plus|pas)"),
        (SURE, r"(?:mieux|plus heureux|plus heureuse|plus tranquilles?) sans (?:moi|lui|elle)"
               r"|(?:personne|nul) ne (?:me|le|la) regrettera|(?:vous|tu) (?:n )?(?:aurez"
               r"|auras) plus a"
               r" me (?:supporter|voir|gerer|subir|entendre)|(?:vous|tu) (?:me )?manquer(?:ez"
               r"|as)|manquer(?:a|ai) a personne|pardon pour tout|prenez soin (?:de|d)"
               r"|prends soin (?:de|d) (?:maman|papa|mon|ma|mes)"),
        (CUE, r"\blegu\w*|(?:vous |t )?(?:inquietez|inquiete) (?:pas|plus) pour moi"
              r"|n aurez plus a vous"
              r" inquieter|n aurai plus a|merci pour tout|remercier de tout|remercie pour tout"),
        (SURE, r"(?:dormir|endormir|partir|s endormir|m endormir) (?:pour toujours|a jamais"
               r"|et (?:ne )?(?:pas|plus|jamais) (?:me |se |te )?reveiller)|sommeil eternel"
               r"|(?:pas|plus|jamais|ne) (?:me|se|te) reveiller"),
        (CUE, r"(?:a|aurait|avait) (?:tout )?(?:prevu|planifie|prepare|organise|choisi) (?:sa|son"
              r"|le|la|une) (?:mort|depart|geste|acte|date|jour|fin)|choisi (?:la|une|sa) date"
              r"|trouve la sortie|solution definitive|pour (?:en )?finir|vue pour (?:finir|partir)"
              r"|bientot (?:libre|fini|finie|la fin)"
              r"|enfin libre|tout sera (?:bientot )?fini|ce sera (?:regle|fini|termine)"
              r"|la fin approche|compte a rebours"),
        (CUE, r"(?<!faire )(?<!fait )disparaitre\b(?! (?:des|ses|les|une|un|la|le|cette|ce|cet"
              r"|de google|d internet|du web|des resultats))|tout arreter|tout stopper"
              r"|tout lacher|arreter de (?:vivre|respirer|souffrir)|arreter les frais"),
        (CUE, r"(?:bout|fond) du rouleau|plus (?:aucune|d) issue|aucune issue|sans issue"
              r"|au bord du gouffre"),
        (HINT, r"supprim\w* (?:tous |toutes )?(?:ses|mes|tous ses|toutes ses) (?:comptes|photos"
               r"|reseaux|posts|publications)|(?:ne |n )?(?:repond|reagit) plus"
               r"|telephone (?:est )?(?:eteint|coupe)|plus de (?:reponse|nouvelles)"),
        # self-harm
        (CUE, r"scarif\w*|automutil\w*|mutil\w*|se fait du mal|se faire du mal|me fais du mal"
              r"|me faire du mal|te fais du mal|se blesse\w*|me blesse\w*"),
        (CUE, rf"\b{_SELF} {_GAP1}(?:coupe|couper|coupait|coupent|coupee|coupees|taillad\w*"
              r"|entaill\w*|brule|bruler|brulait|brulee|griff\w*|gratt\w* jusqu au sang"
              r"|lacer\w*|arrache la peau|frappe la tete|cogne la tete|tape la tete|grave\w*"
              r"|graver)\b(?! (?:les cheveux|de (?:ses|sa|son|tout|la famille|ses amis"
              r"|ses potes|tout le monde|la realite)|en cuisinant))"),
        (CUE, rf"{_MARKS} (?:\w+ ){{0,3}}?(?:sur|aux|a l|a la|au|des|de ses|sur ses|sur son)"
              rf" (?:\w+ )?{_BODY}|{_BODY} (?:\w+ ){{0,5}}?{_MARKS}|jusqu au sang"
              r"|(?:arrive|arrivais) pas a arreter le sang|le sang (?:coule|s arrete pas)"
              r"|avec (?:un|le|son) briquet|pointe du compas|avec (?:un|une|le|la|des) "
              r"(?:lame|lames|rasoir|cutter|compas|taille crayon)"),
        (HINT, r"manches longues|(?:lame|lames|rasoir|cutter)s?\b|(?:plein|pleins|tache\w*"
               r"|traverse\w*) (?:\w+ ){0,2}?(?:de )?sang|sang (?:\w+ ){0,3}?(?:manche|mouchoirs?"
               r"|toilettes|lavabo)"),
        # means and places
        (SURE, rf"{_QUANTITY} {_GAP}{_MEDICATION}|{_MEDICATION} {_GAP}(?:avale\w*|gobe\w*"
               r"|en stock|en reserve|de cote|accumul\w*|d un coup|tous d un coup|manqu\w*"
               r"|disparu\w*|(?:et |avec )?(?:\w+ ){0,2}?(?:alcool|vodka|whisky|rhum|bieres?"
               r"|vin))|(?:dose|doses) (?:mortelle|letale|pour (?:mourir|ne pas|pas))"),
        (SURE, r"overdose|surdose|intoxication (?:medicamenteuse|volontaire)|comment mourir"
               r"|mourir sans (?:douleur|souffrir)|combien de temps dure une chute"
               r"|hauteur (?:pour|mortelle)|(?:ponts?|immeubles?) les plus hauts"),
        (SURE, r"(?:sauter|saute|sautera|sauterai|sautait|jeter|jette|enjamb\w*|monter|monte"
               r"|montee|grimpe\w*|penche\w*|au bord|en haut|assise? sur|debout sur|rambarde"
               rf"|parapet|balustrade|garde corps|vide|rebord) {_GAP}(?:pont|viaduc|passerelle"
               r"|falaise|toit|terrasse|immeuble|fenetre|balcon|\d+e etage|dernier etage|etage"
               r"|parking|barrage|quai)|rebord (?:de |d )?(?:la |sa )?fenetre|jambes (?:dans le"
               r" vide|dehors|pendantes|dans le vide)|(?:sur|du haut du|au bord du|en haut du)"
               r" (?:le |un |l |d un )?(?:toit|pont|viaduc|falaise|parapet)\b"
               r"(?! (?:de l ascension|du \d+|de mai|de novembre|de la toussaint))"),
        (HINT, r"(?:photo|video|story) (?:\w+ ){0,2}?(?:pont|toit|rails|voie ferree|vide"
               r"|falaise)|fenetre ouverte|ouvert la fenetre"),
        (SURE, r"voie ferree|voies ferrees|\brails\b|passage a niveau|(?:sous|devant) (?:un|le"
               r"|les) (?:train|tgv|rer|metro|tram|voitures|camion)|(?:se |s )jet\w* (?:\w+ )"
               r"{0,2}(?:train|route|voiture|eau|vide|seine|loire|riviere|fleuve|canal)"),
        (SURE, r"\bcorde\b|pendaison|noeud coulant|se pendre|s immoler|s asphyxier|se noyer"),
        (CUE, rf"\b(?:se|me|te|s|m|t|contre (?:lui|elle|soi)) {_GAP}{_WEAPON}|{_WEAPON} {_GAP}"
              r"(?:contre (?:lui|elle|soi|sa gorge|son ventre|ses poignets)|sur (?:lui|elle"
              r"|ses poignets|sa gorge))"),
    ),
    Danger.HEALTH: (
        (SURE, r"inconscient\w*|evanoui\w*|perdu connaissance|perte de connaissance"
               r"|(?:ne|n) respire (?:plus|pas)|respire (?:plus|difficilement|bizarre\w*"
               r"|par a coups|tres mal|a peine)|convuls\w*|crise d epilepsie|\bcoma\b"
               r"|(?:ne|n) reagit (?:plus|pas)|reagit (?:plus|pas|presque plus)"
               r"|(?:ne|n) se reveille (?:plus|pas)|impossible (?:de|a) (?:le|la) reveiller"
               r"|levres bleues|bleue? (?:aux|des) levres|vomit du sang|crache du sang"
               r"|seringue|tient (?:plus|pas) debout|sent (?:plus|pas) ses (?:jambes|bras)"
               r"|pale et froid\w*|froid et pale|(?:ne|n) repond (?:plus|pas) quand on lui parle"),
        (CUE, r"saign\w* (?:\w+ )?(?:beaucoup|abondamment|enormement|bcp|sans arret|de partout"
              r"|fort|trop|pas (?:s )?arreter)|hemorrag\w*|se vide de son sang|perd (?:\w+ )?"
              r"(?:beaucoup )?de sang|beaucoup de sang|mare de sang|plaie profonde"
              r"|blessure profonde|coupure profonde|coupures? (?:\w+ )?profondes?"
              r"|plaie qui (?:gonfle|suinte)|suinte"),
        (CUE, r"bad trip|crise cardiaque|fait un arret|arret cardiaque|appeler le 15|samu"
              r"|pompiers|ambulance|hopital tout de suite|emmener aux urgences|aux urgences"
              r"|coma ethylique|ivre morte?|dans les vapes|(?:tout|toute) (?:mou|molle)"
              r"|delire\w*|dit des (?:trucs|choses) (?:qui veulent rien dire|incoherent\w*"
              r"|bizarres)|incoheren\w*|ne tient pas debout"),
        (HINT, r"malaise|tombe dans les pommes|etouff\w*|tremble\w*|transpire\w*|sueurs?"
               r"|tete (?:qui )?tourne|vertiges?|coeur (?:qui )?(?:tape|bat|s emballe|cogne)"
               r"|pale|vomi\w*|diabet\w*|hypo\w*|crise d asthme|gonfle\w*|mal au ventre"
               r"|(?:ne|n) repond (?:plus|pas)|repond plus|a (?:trop )?bu|bourre\w*|\bivre"
               r"|defonce\w*|(?:pris|prend|avale) (?:des|un|de la|du) (?:trucs?|cachets?|pilules"
               r"|ke|keta\w*|md|mdma|ecstasy|taz|ghb|lsd|champis?|coke|cocaine|heroine|crack"
               r"|proto\w*|ballons?|codeine|lean|xanax|produits?)|pilules? minceur"),
        (CUE, r"(?:enceinte|grossesse) (?:\w+ ){0,8}?(?:saign\w*|douleurs?|mal au ventre"
              r"|contractions|perd les eaux|accouch\w*)|accouch\w* (?:seule|en cachette"
              r"|dans les toilettes|chez (?:elle|lui))|deni de grossesse"),
        (CUE, r"imc (?:tres |trop )?bas|tres (?:tres )?maigre|refus de soins"
              r"|malaises? (?:a repetition|repetes|en cours)"),
        (HINT, r"(?:ne |n )?mange (?:plus|presque plus|quasi plus) (?:rien|depuis)|perdu \d+ ?"
               r"(?:kg|kilos)|(?:perdu|perd) (?:beaucoup|bcp) de poids|se fait vomir (?:\w+ )"
               r"{0,3}?(?:fois par jour|tous les jours)"),
        (SURE, r"a avale (?:de la javel|du produit|de l eau de javel|des piles|de la soude)"
               r"|a bu de la javel"),
    ),
    Danger.VIOLENCE: (
        (SURE, r"(?:agression|bagarre|rixe|viol|violences?|attaque|tabassage|baston)"
               r" (?:est |sont )?"
               r"en cours"),
        (SURE, r"(?:en train de|est en train|sont en train|vient de|viennent de|venait de)"
               r" (?:se faire )?(?:\w+ ){0,2}?(?:frapper|battre|taper|tabasser|agresser|violer"
               r"|poignarder|etrangler|lyncher|massacrer|defoncer|cogner|bastonner|racketter"
               r"|menacer|planter|tirer|tuer|tout casser)"),
        (CUE, r"(?:se fait|se font|se faisait|s est fait|s est faite|se sont fait"
              r"|vient de se faire|va se faire|vont se faire|risque de se faire"
              r"|peur de se faire) (?:\w+ ){0,2}?(?:frapper|battre|taper|tabasser|agresser"
              r"|violer|poignarder|etrangler|lyncher|defoncer|cogner|bastonner|casser la gueule"
              r"|planter|tuer|buter|enlever|kidnapper|menacer|racketter|agresser)\b(?! (?:dans|sur"
              r"|en) (?:les |ses )?"
              r"(?:commentaires|reseaux|ligne))"),
        (SURE, r"menac\w* (?:\w+ ){0,4}?(?:de mort|mort|tuer|buter|planter|crever|frapper"
               r"|tabasser|defoncer|egorger|bruler|bombe|tirer|arme|couteau|violer|casser"
               r"|retrouver|attendre|venir|faire du mal|s en prendre|payer|publier|diffuser"
               r"|balancer|envoyer|montrer|mettre|dire|tout reveler)|menaces? de mort"),
        (CUE, r"(?<!pas de )(?<!aucune )(?<!sans )menac\w*"),
        (HINT, r"(?:adresse|ou (?:il|elle) habite|son domicile) (?:\w+ ){0,6}?(?:publi\w*"
               r"|poste\w*|partage\w*|circule\w*)|(?:publi\w*|poste\w*|partage\w*|diffuse\w*)"
               r" (?:\w+ ){0,2}?(?:son |sa |l )?adresse|inconnus (?:passent|viennent|attendent"
               r"|devant)"
               r"|appels (?:d |de )?inconnus"),
        (CUE, r"envoyer (?:\w+ ){0,3}?(?:au pays|au bled)|mariage force\w*|marier de force"
              r"|se faire soigner|therapie de conversion|exorcis\w*|excision"),
        (CUE, r"fera pareil|faire pareil|faire un carnage|carnage|tuerie|tueurs? de masse"
              r"|fusillade|attentat (?:\w+ ){0,3}?(?:prepare|projet|va|veut)|partir (?:la bas"
              r"|en syrie|faire le djihad|combattre)|rejoindre (?:les freres|daech|l ei"
              r"|les combattants)|veut (?:mourir en )?martyr"),
        (SURE, r"(?:va|vont|veut|veulent|vais|allait|allaient|voulait|voulaient|compte"
               r"|comptent|promet|promis|jure|jurent|a dit qu il allait|a dit qu ils allaient)"
               r" (?:\w+ ){0,1}?(?:le|la|les|me|te|l|t|m|vous|nous|lui|leur) (?:\w+ ){0,1}?"
               r"(?:tuer|buter|planter|crever|tabasser|frapper|defoncer|egorger|violer|bruler"
               r"|cramer|fumer|casser la gueule|faire la peau|regler son compte|retrouver"
               r"|faire du mal|faire payer|tirer dessus|finir|attendre)\b"
               r"|(?:le|la|te|me) finir\w*|(?:le|la|te|l) finirait|t es mort|tu es mort"
               r"|on sait ou (?:t|tu|il|elle) (?:habites?|vis|dors)|(?:sait|savoir) ou (?:il|elle"
               r"|tu)"
               r" (?:habite|habites|vit|dort)|on va t (?:attendre|retrouver|choper)"
               r"|tu vas (?:le )?payer|gare a (?:toi|lui|elle)"
               r"|(?:me|le|la|te|les|lui) faire regretter|va (?:me|le|la|te) le payer"),
        (CUE, r"(?:attend|attendent|guette|guettent|rode|rodent|traine|trainent) (?:\w+ ){0,6}?"
              r"(?:devant|en bas|a la sortie|pres de|autour) (?:\w+ ){0,6}?(?:arme|couteau"
              r"|batte|frapper|tabasser|planter|regler|bande|groupe|potes|cousins)"
              r"|(?:l|la|le|les) attend (?:\w+ ){0,2}?a la sortie"),
        (CUE, r"(?:bagarre|baston|rixe|embrouille|reglement de comptes?|guet apens|traquenard"
              r"|embuscade|expedition punitive|descente) (?:\w+ ){0,5}?(?:ce soir|demain|prevue"
              r"|organisee|tout a l heure|cette nuit|apres les cours|a la sortie|se prepare"
              r"|va avoir)|expedition punitive|reglement de comptes?|guet apens|traquenard"),
        (CUE, rf"{_WEAPON}"),
        (CUE, r"(?<!\bne )(?<!\bn )\b(?:l|les|la|le|me|m|te|t|lui|leur) (?:\w+ ){0,2}?(?:frappe"
              r"|frappee|frappes"
              r"|frappait|frappent|frappaient|bat|battait|battent|tape|tapait|tapent|cogne"
              r"|cognait|cognent|tabasse|tabassait|etrangle|etranglait|gifle|giflait|brutalise"
              r"|brutalisait|maltraite|maltraitait|pousse contre|poussee contre|plaque contre"
              r"|viole|violait|violee|forcee|sequestre|sequestrait|enferme"
              r"|enfermait|menace|menacait|frappera|tuera)\b(?! pas\b)"),
        (CUE, r"(?:copain|copine|mec|meuf|ex|petit ami|petite amie|conjoint|compagnon|compagne"
              r"|mari|femme|copain de (?:sa|son)) (?:\w+ ){0,3}?(?:frapp\w*|bat|battu\w*|tap\w*"
              r"|cogn\w*|etrangl\w*|gifl\w*|claqu\w*|pouss\w*|menac\w*|viol(?:e|ee|ent|ait)?\b"
              r"|forc\w*"
              r"|enferm\w*|tabass\w*|bless\w*|brutalis\w*|coups?|serre le cou|tire les cheveux"
              r"|tout casse|casse tout|perd (?:un peu )?les nerfs|lui prend|pris sa carte"
              r"|rien sans lui)"),
        (CUE, r"(?:lui|la|l|leur) (?:\w+ )?tire\w* les cheveux|tire\w* les cheveux"),
        (HINT, r"tout casse\w*|casse tout|\bcris\b|hurlements?|hurle\w*|on entend des coups"
               r"|ils sont la|chuchot\w*|cache (?:dans|sous)|(?:gros |grosses? )?(?:bleus?"
               r"|hematomes?|ecchymoses?)"
               r"|oeil au beurre noir|levre fendue|peur (?:de lui|d elle|de sa reaction"
               r"|de ses parents"
               r"|de son pere|de sa mere|pour sa vie|de rentrer)"
               r"|(?:n ose|ose) (?:pas|plus) (?:rentrer|sortir|partir|le quitter)"),
        (CUE, r"sequestr\w*|kidnapp\w*|enlev\w* (?:par|de force)|retenue? (?:de force|contre son"
              r" gre)|(?:l|les|la|le|me|m) enferm\w*|enferm\w* (?:a cle|dans (?:la|une|sa|les)"
              r" (?:cave|placard|garage|cabane|debarras|salle de bain|toilettes)|chez (?:son"
              r"|lui))"),
        (CUE, r"peur pour (?:sa|ma|leur|ta) vie|craint pour (?:sa|ma|leur) vie|danger de mort"
              r"|en danger|danger (?:grave|immediat|imminent)|en peril|au secours|a l aide"),
        # sexual violence, recent or ongoing
        (CUE, r"\bviol(?:e|ee|es|ees|er|ait|aient|ent)?\b|agress\w* sexu\w*|abus\w* (?:sexu\w*"
              r"|d elle|d lui)|attouch\w*|(?:l a|l ont|m a|la) forcee?\b|pas arrete quand"
              r"|a dit non|sans (?:son|mon)"
              r" consentement|soumission chimique|ghb|drogu\w* (?:a son insu|dans son verre)"
              r"|se reveille\w* (?:\w+ ){0,4}?(?:deshabill\w*|nue?s?\b|sans (?:ses )?vetements"
              r"|chez (?:un|une) (?:inconnu|mec|gars|garcon))|(?:aucun|pas de|plus de|sans)"
              r" souvenirs?|se (?:rappelle|souvient) (?:plus|pas|de rien)"),
        # sextortion and threats to expose
        (SURE, r"sextor\w*|chantage|fait chanter|faire chanter|font chanter|faisait chanter"),
        (SURE, r"(?:menac\w*|exige\w*|oblige\w*|chantage|reclame\w*|pression) (?:\w+ ){0,8}?"
               rf"{_EXPOSE} (?:\w+ ){{0,5}}?{_SEXUAL_IMAGES}"),
        (SURE, rf"{_SEXUAL_IMAGES} (?:\w+ ){{0,8}}?(?:sinon|si (?:elle|il) (?:ne |n )?(?:paie"
               r"|paye|envoie|donne|fait|vient|obeit|revient)|contre (?:de l argent|\d+"
               r"|des euros))|(?:payer|paye|paie|argent|euros|virement|carte cadeau|recharges?"
               r"|pcs|transcash|paysafecard|bitcoin|crypto|\d+ ?(?:e|eur|euros|balles))"
               r" (?:\w+ ){0,8}?sinon|(?:paye|paie|payes|payer|envoie|envoies) ou (?:j|je|on"
               r"|il|elle|tout|ca)|sinon (?:\w+ ){0,3}?(?:publie|publier|diffuse|diffuser"
               r"|balance|balancer|envoie|envoyer|poste|poster|montre|montrer|partage|partager"
               r"|tue|tuer|frappe|frapper|vient|venir|debarque)"),
        (CUE, rf"{_SEXUAL_IMAGES} (?:\w+ ){{0,10}}?(?:argent|euros|payer|paye|carte cadeau"
              rf"|recharge)|(?:argent|euros|payer|carte cadeau) (?:\w+ ){{0,10}}?"
              rf"{_SEXUAL_IMAGES}"),
    ),
    Danger.CHILD: (
        (CUE, rf"{_FAMILY} {_GAP}{_HIT}"),
        (CUE, rf"{_FAMILY} (?:\w+ ){{0,8}}?(?:la|le|les|me|l|lui) (?:\w+ )?(?:touch\w*|frapp\w*"
              r"|bat|tape|cogne|viole|maltraite|enferme|brul\w*)\b"),
        (CUE, r"(?:met|mettre|mis|passe|glisse)\w* (?:\w+ ){0,2}?mains? (?:sous|dans) (?:le|la|son"
              r"|sa|ses) (?:tee shirt|t shirt|jupe|pull|culotte|pantalon|haut|slip"
              r"|sous vetements|vetements)|(?:touche|tripote|caresse|pelote)\w* (?:\w+ ){0,2}?"
              r"(?:ses|les|la|le) (?:seins|fesses|sexe|poitrine|parties|entrejambe|cuisses)"
              r"|se frotte\w* contre"),
        (CUE, r"(?:images?|photos?|videos?) (?:\w+ ){0,2}?(?:d |de |des )?(?:enfants?|gamins?"
              r"|petits?|mineurs?) (?:\w+ ){0,3}?(?:pas normales?|bizarres?|choquantes?|nue?s?"
              r"|sexuelles?|horribles?|atroces?|degueulasses?)"),
        (CUE, r"(?:enfants?|mineurs?|gamins?|gamines?|petite?s?|bebes?|fillettes?) (?:\w+ )"
              r"{0,6}?(?:situations? sexu\w*|actes? sexu\w*|pornograph\w*)|(?:sexu\w*"
              r"|pornograph\w*) (?:\w+ )"
              r"{0,4}?(?:enfants?|mineurs?|gamins?|fillettes?)"),
        (CUE, r"garde (?:seule?|toute seule|tout seul) (?:\w+ ){0,2}?(?:ses|son|sa) (?:\w+ )?"
              r"(?:petits?|petites?|freres|soeurs|bebe)"),
        (CUE, rf"{_HIT}(?<!coups de fil)(?<!coup de fil) {_GAP}(?:par|chez|du|de la|de son"
              rf"|de sa|de ses|des) (?:son |sa |ses |le |la )?{_FAMILY}"),
        (CUE, r"(?:se fait|se font|est|sont|a ete|ont ete|etait|se faisait) (?:\w+ )?"
              r"(?:frapp\w*|battu\w*|viol\w*|tap\w*|cogn\w*|maltrait\w*|touch\w*|brul\w*"
              r"|attach\w*) (?:\w+ )?(?:par|chez|a la maison|au foyer)"),
        (SURE, r"grooming|pedopiegeage|attouch\w*|incest\w*|pedophil\w*|pedocrimin\w*"
               r"|pedoporn\w*"
               r"|touche ses parties|parties intimes|vient dans sa chambre (?:la nuit|le soir)"
               r"|dans sa chambre (?:la nuit|le soir)|sur ses genoux|messages (?:tres )?tactiles"),
        (CUE, r"(?:lui|leur) (?:a )?(?:dit|demande|interdit|ordonne) (?:de )?(?:ne )?(?:rien"
              r"|pas) (?:en )?(?:dire|parler)|garder (?:ca|ce) (?:entre (?:eux|nous)|secret"
              r"|pour (?:lui|elle))|(?:doit|dois|devait) (?:pas|rien|ne pas|ne rien) (?:en )?"
              r"(?:dire|parler)|c est (?:notre|un) secret|fait faire des|massages?"),
        (CUE, r"(?:coups|bleus|marques|hematomes?|ecchymoses?|traces de coups|oeil au beurre"
              r" noir|levre fendue|brulures? de cigarette|coups de ceinture) (?:\w+ ){0,3}?"
              r"(?:partout|sur (?:le|les|son|sa|ses)|au visage|aux bras|dans le dos"
              r"|sur le corps|qu il cache|qu elle cache)|coups de ceinture"
              rf"|{_BODY} (?:\w+ )?brul\w*|brulures? (?:sur|aux|au|a la) "),
        (CUE, r"(?:peur|ne veut pas|veut pas|refuse|refusait|terrorise\w*|angoisse\w*) (?:de |d )?"
              r"(?:rentrer|retourner|revenir|aller) (?:\w+ ){0,2}?(?:chez (?:elle|lui|eux|son"
              r"|sa|ses)|a la maison|au domicile)|prefere rester dehors"),
        (HINT, r"(?:rentre|rentrer|retourne|retourner|revenir|retour) (?:\w+ ){0,3}?"
               r"(?:chez (?:lui|elle|eux)|a la maison|au domicile)"),
        (CUE, r"(?:seul|seule|seuls|seules) (?:\w+ ){0,3}?(?:a la maison|chez (?:lui|elle|eux)"
              r"|depuis (?:\w+ )?(?:jours|hier|ce matin|vendredi|samedi|dimanche)|toute la nuit"
              r"|tout le week end|la nuit|des jours|plusieurs jours"
              r"|sans (?:adulte|parents|manger|personne)|avec (?:son|sa|ses) (?:petit|petite"
              r"|bebe|freres|soeurs))"),
        (CUE, r"(?:laiss\w*|abandonn\w*) (?:\w+ ){0,3}?(?:seul|seule|seuls|seules|a la maison"
              r"|dehors|sans surveillance|a lui meme|a elle meme)"),
        (CUE, r"(?:bebe|nourrisson|petit frere|petite soeur|petits freres|petites soeurs"
              r"|enfants?|gamins?|gosses?) (?:\w+ ){0,4}?(?:seul|seule|seuls|seules|sans adulte"
              r"|sans surveillance|pleure depuis)|personne n est (?:revenu|rentre)"
              r"|(?:dort|endormie?) depuis (?:\w+ )?(?:jours?|hier)"),
        (CUE, r"(?:parents|mere|pere|maman|papa) (?:\w+ ){0,2}?(?:partis?|partie|disparus?"
              r"|absents?|injoignables?|en prison|hospitalis\w*) (?:\w+ ){0,4}?(?:depuis"
              r"|des jours|semaine|week end|plusieurs jours|sans (?:rien|personne|argent)"
              r"|hier)"),
        (CUE, r"rien a manger|(?:pas|rien) mange|pas de quoi manger|sans manger|(?:n a|n ont)"
              r" (?:rien|pas) (?:a )?mang\w*|prive\w* de (?:manger|repas|nourriture)"
              r"|frigo (?:\w+ ){0,2}?vide|toujours faim|meur\w* de faim|affam\w*"
              r"|ne mange pas a sa faim"
              r"|pas de repas|mange (?:dans les poubelles|pas depuis)|memes (?:habits|vetements)"
              r" depuis"),
        (CUE, r"(?:mis|mise|mettre|met|mettent|jete|jetee|vire|viree|foutu|foutue|fout|chasse"
              r"|chassee|degage"
              r"|degagee) (?:\w+ ){0,5}?(?:dehors|a la porte|de chez|de la maison|du domicile)"),
        (CUE, r"(?:rencontrer|rejoindre|voir|retrouver|rendez vous|rencontre|partir avec"
              r"|part avec|partie avec|monter dans (?:la|sa) voiture|dormir chez|dort chez"
              r"|aller chez|va chez|venir (?:la |le )?chercher|se voient|se voir) (?:\w+ )"
              r"{0,4}?(?:adulte|majeur|homme|femme de \d\d|inconnu|inconnue|vieux|mec de \d\d"
              r"|type de \d\d|monsieur|gars de \d\d|quadra\w*|quarantaine|trentaine"
              r"|cinquantaine|\d\d ans|mec rencontre|type rencontre|gars rencontre|rencontre"
              r" sur|samedi|dimanche|ce soir|demain|a la gare|a la sortie)"),
        (CUE, r"(?:adulte|majeur|inconnu|homme|vieux|type|monsieur) (?:de \d\d ans )?(?:\w+ )"
              r"{0,6}?(?:photos?|nudes|videos?|rendez vous|rencontrer|rejoindre|cadeaux|argent"
              r"|recharges?|venir (?:la |le )?chercher|dormir chez|secret|ne rien dire"
              r"|compliments)|se fait passer pour (?:un|une) (?:ado|jeune|fille|garcon|enfant)"),
        (CUE, r"maltrait\w*|enfant en danger|mineure? en danger|negligence grave"
              r"|carences? (?:de soins|educative)|enfant battu"),
    ),
    Danger.MISSING: (
        (CUE, r"fugu\w*|fuge\w*|(?:pas|jamais) rentre\w*|(?:pas|jamais) revenue?s?"
              r"|disparition|introuvable\w*|(?:on )?(?:ne |n )?sait (?:plus|pas) ou (?:il|elle"
              r"|ils|elles) (?:est|sont|dort|a dormi)|(?:ado|jeune|fille|fils|garcon|enfant"
              r"|mineure?|gamine?|petite?|eleve|il|elle|ans|soeur|frere|copine|copain|collegien"
              r"|collegienne|lyceen|lyceenne) (?:\w+ ){0,3}?disparu\w*"),
        (CUE, r"(?:parti|partie|partis|parties|barre|barree|casse|cassee|tire|tiree|enfui\w*"
              r"|echapp\w*|sauve|sauvee|taille|taillee|evade\w*) (?:\w+ ){0,3}?(?:de chez"
              r"|de la maison|du foyer|de l internat|de son foyer|en pleine nuit|sans rien dire"
              r"|avec (?:ses|son|sa|un gros) (?:affaires|sac)|de l hopital|du domicile)"),
        (CUE, r"(?:quitter|quitte|quittait|partir de|part de|fuir|fuit|s enfuir|se barrer"
              r"|se casser|claquer la porte) (?:\w+ ){0,2}?(?:la maison|chez (?:lui|elle|eux"
              r"|ses parents|sa mere|son pere)|le foyer|sa famille|ses parents|le domicile)"),
        (CUE, r"(?:ne|n) dort (?:pas|plus) chez (?:lui|elle|eux)|pas dormi chez (?:lui|elle)"
              r"|(?:deux|trois|\d+|plusieurs) nuits (?:qu il|qu elle|sans|dehors|hors)"
              r"|ne me cherchez pas|cherchez moi pas|gros sac|prepare son sac|fait son sac"
              r"|pris (?:un|le) train|pas (?:vu|venu|venue|revenu|revenue) depuis"
              r"|pas vu partir|(?:dort|dormi|dormir) chez (?:un|une) (?:inconnu|inconnue"
              r"|adulte|mec|homme|type|gars|majeur)|partir (?:\w+ ){0,2}?avec (?:son|un|une)"
              r" (?:copain|copine|mec|homme|adulte|majeur) majeur"),
        (CUE, r"(?:doit|va|vient) (?:venir )?(?:les|la|le) chercher|attend\w* (?:\w+ ){0,2}?"
              r"quelqu un qui|gare (?:routiere )?(?:\w+ ){0,4}?(?:seule?s?|avec un sac)"
              r"|seule?s? (?:\w+ ){0,3}?(?:avec un sac|a la gare)"),
        (HINT, r"(?:tout seul|toute seule)|sans (?:ses parents|billet|argent)|plus de batterie"
               r"|(?:endroits?|ou) (?:pour )?dormir (?:gratuit|dehors)|en peut plus chez (?:lui"
               r"|elle)"),
    ),
    Danger.SHELTER: (
        (CUE, r"a la rue|(?:dort|dormir|dormi|dormait|passe ses nuits|passer la nuit|passe la"
              r" nuit|nuit|nuits|vit|reste) (?:\w+ ){0,3}?(?:dehors|dans la rue|sous un pont"
              r"|dans (?:un|une|le|la|sa|son|les) (?:parc|gare|cage d escalier|voiture|tente"
              r"|hall|squat|cave|bus|bus de nuit)|a la gare)|sans (?:abri|domicile|toit|logement"
              r"|solution (?:pour )?ce soir|solution (?:d |de )?(?:hebergement|logement))|\bsdf\b"
              r"|nulle part (?:ou )?(?:aller|dormir)"
              r"|nul part (?:ou )?(?:aller|dormir)|(?:pas|plus) (?:de |d )?(?:toit|endroit ou"
              r" dormir)|canape (?:de|d un) pote|hall (?:d |de l )?immeuble"),
        (CUE, r"\b115\b|samu social|squat\w*"),
        (HINT, r"foyer d urgence|hebergement d urgence|sans eau|pas d eau|pas (?:d |de l )?elec\w*"
               r"|sans chauffage|pas de chauffage|il fait (?:froid|\d+)|l hiver arrive"),
        (CUE, r"(?:mis|mise|mettre|met|mettent|jete|jetee|vire|viree|foutu|foutue|fout|chasse"
              r"|chassee|degage"
              r"|degagee) (?:\w+ ){0,5}?(?:dehors|a la porte|de chez|de la maison|du domicile)"
              r"|(?:l|les|la|le) (?:a |ont )?(?:mis|mise|jete|vire|foutu|chasse)e? (?:dehors"
              r"|a la porte)|a la porte de chez"),
    ),
    Danger.EXPOSURE: (
        (HINT, _EXPOSED),
        (CUE, rf"{_EXPOSED} (?:\w+ ){{0,8}}?{_RECENT}|{_RECENT} (?:\w+ ){{0,8}}?{_EXPOSED}"),
        (CUE, r"seropositi\w*|traitement (?:post exposition|d urgence) (?:\w+ ){0,3}?(?:ou"
              r"|aller|urgences?)|(?:tpe|post exposition) (?:\w+ ){0,2}?ou (?:aller|le trouver)"
              r"|(?:ou|aller) (?:\w+ ){0,3}?(?:traitement post|traitement d urgence|tpe\b"
              r"|post exposition)"),
    ),
}
# Every cue starts at the start of a word: "voir" is not found in "pleuvoir".
_COMPILED: tuple[tuple[Danger, float, re.Pattern[str]], ...] = tuple(
    (danger, weight, re.compile(rf"(?<![a-z0-9])(?:{pattern})"))
    for danger, cues in _CUES.items()
    for weight, pattern in cues
)
_AGE = re.compile(r"\b(\d{1,2}) ?(?:ans|a)\b")
_CONTACT = re.compile(
    r"\b(?:voir|rencontrer|rendez vous|rejoindre|chercher|photos?|nudes|compliments?|secret"
    r"|cadeaux|parle|discute|ecrit|copain|amoureux|relation|sort avec|se voient)\b"
)


@dataclass(frozen=True)
class Finding:
    """Why a kind of danger was detected: its score and the words that made it."""

    danger: Danger
    score: float
    cues: tuple[str, ...]
    weights: tuple[float, ...]


def _age_gap(words: str) -> bool:
    """A child of 15 or younger and someone at least five years older, in contact."""
    ages = [int(age) for age in _AGE.findall(words) if 5 <= int(age) <= 70]
    if not ages or min(ages) > 15 or _CONTACT.search(words) is None:
        return False
    return max(ages) >= 18 and max(ages) - min(ages) >= 5


def findings(words: str) -> list[Finding]:
    """Each kind of danger `words` (normalized) evokes, with its score and cues; those under the
    threshold too."""
    scores: dict[Danger, list[tuple[float, str]]] = {}
    for danger, weight, pattern in _COMPILED:
        if weight == HINT:  # two different hints of one family add up
            found = list(dict.fromkeys(m.group(0) for m in pattern.finditer(words)))[:2]
        else:
            match = pattern.search(words)
            found = [match.group(0)] if match is not None else []
        for cue in found:
            scores.setdefault(danger, []).append((weight, cue))
    if _age_gap(words):
        scores.setdefault(Danger.CHILD, []).append((CUE, "écart d'âge"))
    now = _NOW.search(words) is not None
    framed = _FRAMED.search(words) is not None
    result = []
    for danger, cues in scores.items():
        score = sum(weight for weight, _ in cues) + (NOW if now else 0.0)
        if framed and not now:
            score -= FRAMED
        result.append(
            Finding(danger, score, tuple(c for _, c in cues), tuple(w for w, _ in cues))
        )
    return result


def evoked(found: list[Finding]) -> list[Danger]:
    """The kinds the cues alone evoke: those whose score reaches the threshold, or, when none
    does, the strongest one if the cues of all kinds together reach it (a girl who "ne répond
    plus" after drinking is in danger even if neither hint is enough alone)."""
    kinds = {f.danger for f in found if f.score >= THRESHOLD}
    if not kinds and found:
        adjustment = found[0].score - sum(found[0].weights)  # the same NOW or FRAMED for all
        distinct = {
            cue: weight for f in found for cue, weight in zip(f.cues, f.weights, strict=True)
        }
        if sum(distinct.values()) + adjustment >= THRESHOLD:
            kinds = {max(found, key=lambda f: f.score).danger}
    return [danger for danger in Danger if danger in kinds]
