"""French sentences (the default language)."""

MESSAGES: dict[str, str] = {
    "help.title": "Commandes disponibles",
    "help.footer": "Écrivez {prefix}aide pour revoir cette liste.",
    "help.usage": "Utilisation : {usage}",
    "help.aliases": "Autres noms : {aliases}",
    "help.unknown": "Pas de commande « {command} ». Écrivez {prefix}aide pour la liste.",
    "ping.reply": "Pong ! pdn-bot {version}, en service depuis {uptime}.",
    "whoami.coordinator": "Vous êtes {user} : coordinateur ou coordinatrice du réseau.",
    "whoami.promeneur": "Vous êtes {user} : promeneur ou promeneuse du réseau.",
    "whoami.guest": "Vous êtes {user} : vous n'êtes pas encore membre du réseau.",
    "status.reply": (
        "État du bot : version {version}, en service depuis {uptime} ; {rooms} salon(s) ; "
        "{pending} message(s) en attente d'envoi."
    ),
    "role.coordinator": "à la coordination",
    "role.promeneur": "aux promeneurs du réseau",
    "role.guest": "à tout le monde",
    "error.unknown_command": "Commande inconnue : « {command} ».",
    "error.did_you_mean": "Vouliez-vous dire : {suggestions} ?",
    "error.see_help": "Écrivez {prefix}aide pour la liste des commandes.",
    "membership.invite_failed": (
        "⚠️ {name} n'a pas pu être invité·e dans : {rooms}. Le bot doit avoir le droit "
        "d'inviter dans ces salons et l'espace : donnez-le-lui dans les paramètres du salon "
        "(Rôles et permissions), puis invitez {name} vous-même."
    ),
    "membership.remove_failed": (
        "⚠️ {name} n'a pas pu être retiré·e de : {rooms}. Le bot doit être modérateur (niveau "
        "de pouvoir 50) dans ces salons et l'espace : donnez-lui ce niveau dans les paramètres "
        "du salon (Rôles et permissions), puis écrivez !promeneur retirer {user}. D'ici là, "
        "{name} voit encore ces salons, mais n'a plus le rôle de promeneur."
    ),
    "flood.slow_down": (
        "Doucement : vous m'avez envoyé beaucoup de commandes d'un coup dans ce salon. Je "
        "reprends dans un moment ; en message direct, je réponds sans attendre."
    ),
    "private.elsewhere": (
        "Cela contient des données personnelles : je vous l'envoie dans notre message direct "
        "chiffré."
    ),
    "private.invited": (
        "Cela contient des données personnelles : je ne l'envoie que dans un message direct "
        "chiffré entre vous et moi. Je vous y invite : acceptez l'invitation, puis redemandez-le "
        "moi là."
    ),
    "error.forbidden": ("La commande « {command} » est réservée {role}. Rien n'a été fait."),
    "error.answer": "{reason}",
    "error.usage": "{problem}\nUtilisation : {usage}",
    "error.missing_argument": "Il manque : {name}.",
    "error.too_many_arguments": "Trop d'éléments après la commande : « {extra} ».",
    "error.bad_integer": "{name} : nombre entier de 0 à {maximum} attendu (reçu « {value} »).",
    "error.internal": (
        "Désolé, une erreur inattendue s'est produite. Référence à donner à la coordination : "
        "{reference}."
    ),
    "dm.hint": "Je n'ai pas compris. Écrivez {prefix}aide pour voir ce que je sais faire.",
    "storage.down": (
        "⚠️ Je ne peux rien enregistrer pour le moment (disque plein ou base de données en "
        "lecture seule). Rien de ce qui est déjà enregistré n'est perdu ; votre message sera "
        "traité dès que ce sera réparé. La coordination est prévenue par le journal du bot."
    ),
    "undecryptable": (
        "Je n'ai pas pu déchiffrer votre message (clé de chiffrement manquante). "
        "Pouvez-vous le renvoyer ?"
    ),
    "kb.ask_a_question": (
        "Posez-moi votre question d'orientation, par exemple : « une jeune se fait harceler sur "
        "Snap, vers qui l'orienter ? ». Écrivez {prefix}aide pour voir tout ce que je sais faire."
    ),
    "kb.reloaded": "Base de connaissances rechargée : {count} fiche(s).",
    "kb.reload_failed": (
        "La base n'a pas été rechargée : {count} erreur(s). La base précédente reste en service.\n"
        "{errors}"
    ),
    "kb.stats_title": "Fiches les plus consultées :",
    "kb.stats_line": "• {title} : {count}",
    "kb.stats_empty": "• aucune consultation pour l'instant",
    "kb.stats_unanswered": ("Questions sans réponse : {count} (voir {prefix}kb non-resolues)."),
    "kb.unanswered_title": "Questions sans réponse ({shown} plus récente(s) sur {count}) :",
    "kb.unanswered_empty": "Aucune question sans réponse.",
    "duration.days": "{days} j {hours} h {minutes} min",
    "duration.hours": "{hours} h {minutes} min",
    "duration.minutes": "{minutes} min {seconds} s",
}
