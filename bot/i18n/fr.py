"""French sentences (the default language)."""

MESSAGES: dict[str, str] = {
    "help.title": "Commandes disponibles",
    "help.footer": "Écrivez {prefix}aide pour revoir cette liste.",
    "help.usage": "Utilisation : {usage}",
    "help.aliases": "Autres noms : {aliases}",
    "help.unknown": "Pas de commande « {command} ». Écrivez {prefix}aide pour la liste.",
    # The weekly declaration dialogue (bot/declarations/dialog.py).
    "dialog.hours.title": "Combien d'heures de présence éducative en ligne cette semaine ?",
    "dialog.hours.help": "Exemples : 3h30, 3,5, 2 h, trois. Entre 0 et 60.",
    "dialog.networks.title": "Sur quels réseaux sociaux ?",
    "dialog.networks.help": (
        "{choices}\nPar numéros ou par noms : « 1 2 » ou « insta, snap et discord » ; « "
        "aucun » si aucun."
    ),
    "dialog.young_friends.title": (
        "Question du trimestre : combien de jeunes sont amis ou abonnés de votre profil "
        "professionnel aujourd'hui ?"
    ),
    "dialog.young_friends.help": (
        "Un nombre entre 0 et {most} : 240, aucun. Tous réseaux confondus."
    ),
    "dialog.young_friends.parents_title": (
        "Question du trimestre : combien de parents sont amis ou abonnés de votre profil "
        "professionnel aujourd'hui ?"
    ),
    "dialog.young_people.title": "Avec combien de jeunes avez-vous été en contact ?",
    "dialog.young_people.help": "Un nombre entre 0 et 1000 : 12, douze, aucun.",
    "dialog.young_people.parents_title": (
        "Avec combien de parents ou de familles avez-vous été en contact ?"
    ),
    "dialog.short_contacts.title": "Combien de contacts courts (un message, une réaction) ?",
    "dialog.short_contacts.help": "Un nombre entre 0 et 1000 : 5, cinq, aucun.",
    "dialog.age_groups.title": "Combien de jeunes de chaque tranche d'âge ?",
    "dialog.age_groups.help": (
        "{choices}\nLes nombres dans l'ordre (« 0 5 3 0 1 ») ou par tranche (« 15-17 : "
        "5, 18-21 : 3, parents 1 ») ; « aucune » si personne."
    ),
    "dialog.age_groups.parents_title": (
        "Combien de parents, et de jeunes de chaque tranche d'âge s'il y en a ?"
    ),
    "dialog.interactions.title": "Quels types d'échanges, et combien de chaque ?",
    "dialog.interactions.help": (
        "{choices}\nLes nombres dans l'ordre (« 5 2 1 0 ») ou par noms (« échanges 5, "
        "conseils 2 ») ; « aucun » si aucun."
    ),
    "dialog.topics.title": "Quelles thématiques avez-vous abordées ?",
    "dialog.topics.help": (
        "{choices}\nPar numéros ou par noms : « 5 17 » ou « cyberharcèlement, mal-être » "
        "; « aucune » si aucune."
    ),
    "dialog.referrals.title": (
        "Avez-vous orienté des jeunes ? Vers quels relais, et combien de fois ?"
    ),
    "dialog.referrals.help": (
        "{choices}\nPar noms ou numéros, « x2 » pour plusieurs fois : « 3018 x2, Fil "
        "Santé Jeunes » ou « 5 7x2 » ; « aucune » si aucune orientation."
    ),
    "dialog.remark.title": "Une remarque sur la semaine (facultatif) ?",
    "dialog.remark.help": (
        "Une phrase libre, sans nom, numéro, e-mail ni pseudo de jeune ; « passer » pour "
        "ne rien ajouter."
    ),
    "dialog.label.hours": "Heures en ligne",
    "dialog.label.networks": "Réseaux sociaux",
    "dialog.label.young_friends": "Amis ou abonnés du profil",
    "dialog.label.young_people": "Jeunes en contact",
    "dialog.label.short_contacts": "Contacts courts",
    "dialog.label.age_groups": "Tranches d'âge",
    "dialog.label.interactions": "Types d'interactions",
    "dialog.label.topics": "Thématiques",
    "dialog.label.referrals": "Orientations",
    "dialog.label.remark": "Remarque",
    "dialog.controls": "(« retour », « annuler », « rien cette semaine »)",
    "dialog.confirm": "Je l'enregistre ? Répondez « oui », ou « non » pour corriger.",
    "dialog.current": "Réponse actuelle : {value} (« garder » pour la conserver).",
    "dialog.waits_confirmation": "attend votre confirmation (« oui » ou « non »)",
    "dialog.waits_answer": "attend votre réponse à la question {number} : {title}",
    "dialog.paused": (
        "Votre déclaration de la {week} est en pause et {where} Rien n'est perdu. Si "
        "votre message était bien cette réponse, renvoyez-le tel quel."
    ),
    "dialog.summary_heading": "Déclaration de la {week}",
    "dialog.summary_inactive": (
        "{heading} : rien cette semaine (congés ou pas de présence en ligne)."
    ),
    "dialog.cancelled": "Déclaration annulée : rien n'a été enregistré.",
    "dialog.first_question": "Il n'y a pas de question avant celle-ci.",
    "dialog.not_optional": "Cette question n'est pas facultative.",
    "dialog.saved": "Merci ! Déclaration enregistrée : {week}.",
    "dialog.replaced": "Merci ! Déclaration remplacée : {week}.",
    "dialog.yes_or_no": "Répondez « oui » pour enregistrer ou « non » pour corriger.",
    "dialog.edit_ignored": "Modification ignorée : {reason}",
    "dialog.edited": "Réponse modifiée — {label} : {value}.",
    "dialog.no_longer_member": (
        "Vous ne faites plus partie des promeneurs du réseau : la déclaration en cours "
        "est abandonnée, rien n'a été enregistré."
    ),
    "dialog.expired": (
        "Votre déclaration en cours a expiré faute de réponse : rien n'a été enregistré. "
        "Écrivez !declarer pour la reprendre."
    ),
    "dashboard.title": "Tableau de bord du réseau",
    "dashboard.directory": "• Annuaire : {members}",
    "dashboard.empty": "vide",
    "dashboard.none": "aucune",
    "dashboard.declarations": (
        "• Déclarations du {quarter} (jusqu'à la semaine dernière) : {done} semaine(s) sur "
        "{expected} attendue(s) ; {late} promeneur(s) en retard (!declarations manquantes)"
    ),
    "dashboard.meetings": "• Prochaines réunions : {meetings}",
    "dashboard.deadline": "• Prochaine échéance : {deadline}",
    "dashboard.deadline_of": "{day} (bilan {period})",
    "dashboard.unanswered": "• Questions sans réponse de la base : {count} (!kb non-resolues)",
    "deadlines.title": "Prochaines échéances des bilans pour la Caf :",
    "deadlines.line": "• {day} ({days}) : bilan {period}",
    "deadlines.in": "dans {days} jour(s)",
    "deadlines.today": "aujourd'hui",
    "deadlines.none": "Aucune échéance de bilan configurée ([deadlines] de la configuration).",
    "deadlines.footer": (
        "Les déclarations manquantes : !mes-declarations (promeneurs), !declarations manquantes "
        "(coordination) ; le bilan : !rapport."
    ),
    "deadline.yours": (
        "📋 Échéance du {day} pour le bilan {period} : il vous manque les semaines {weeks}. "
        "Écrivez !declarer semaine {first} pour commencer."
    ),
    "deadline.missing_line": "• {user} : semaines {weeks}",
    "deadline.none_missing": "• personne : tout est déclaré.",
    "deadline.coordination": (
        "📋 Échéance du {day} (bilan {period}). Déclarations manquantes :\n{listed}\n\n"
        "{summary}\nFichiers : !rapport {period}"
    ),
    "deadline.grid": "Votre grille de répartition du temps : !grille {period}",
    "help.group": "Les commandes {group}… qui vous sont ouvertes :",
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
    "directory.bad_id": (
        "Identifiant Matrix attendu en premier, par exemple @camille:exemple.fr (reçu « {got} »)."
        "\nRien n'a changé."
    ),
    "directory.not_active": (
        "Pas de promeneur {user} en activité dans l'annuaire. !promeneurs les liste."
    ),
    "directory.already_in": "{user} est déjà dans l'annuaire : !promeneur modifier {user} champ=…",
    "directory.not_added": "{reason}\nRien n'a été ajouté.\n{fields}",
    "directory.added": (
        "{name} ajouté·e à l'annuaire. Invitation dans l'espace et les salons du réseau envoyée ; "
        "le message de bienvenue suivra en message direct."
    ),
    "directory.not_in": "{user} n'est pas dans l'annuaire : !promeneur ajouter {user} …",
    "directory.nothing_to_edit": "Rien à modifier : ajoutez champ=valeur.\n{fields}",
    "directory.not_edited": "{reason}\nRien n'a changé.\n{fields}",
    "directory.no_change": "aucun changement",
    "directory.edited": "Fiche de {name} modifiée : {changes}.",
    "directory.removed_again": "{name} est déjà parti·e : nouvel essai de retrait des salons.",
    "directory.removed": (
        "{name} est marqué·e comme parti·e ; ses déclarations restent dans les bilans."
    ),
    "directory.removed_from_rooms": (
        "{name} est marqué·e comme parti·e ; ses déclarations restent dans les bilans. Retrait "
        "des salons du réseau en cours."
    ),
    "directory.leave_refused": "{reason}\nRien n'a changé.",
    "directory.leave_past": "Le {day} est déjà passé.\nRien n'a changé.",
    "directory.leave_until": "jusqu'au {day} inclus",
    "directory.leave_open": "jusqu'à nouvel ordre",
    "directory.on_leave": (
        "{name} est en congé {period} : pas de rappels de déclaration pendant ce temps. "
        "Retour : !promeneur modifier {user} statut=actif"
    ),
    "directory.filters": (
        "Filtres possibles : structure=…, territoire=…, statut=actif|congés|parti."
    ),
    "directory.no_match": "Aucun promeneur ne correspond.",
    "directory.listed": "{count} promeneur(s) :",
    "directory.listed_more": "… et {count} autres : !annuaire exporter les donne tous.",
    "directory.nobody": "Personne ne correspond à « {query} » dans l'annuaire.",
    "directory.public_only": (
        "(Champs publics seulement ici ; toutes les colonnes en message direct.)"
    ),
    "directory.exported": "Annuaire : {count} fiche(s), colonnes {columns}.",
    "directory.import_confirm_only": (
        "« {got} » : seul « confirmer » est attendu après la commande."
    ),
    "directory.import_unread": "Fichier non lu : {reason}.\n{usage}",
    "directory.import_refused": "Fichier refusé : {reason}. Rien n'a changé.",
    "directory.import_summary": (
        "{added} ajout(s), {changed} modification(s), {unchanged} fiche(s) identique(s)"
    ),
    "directory.import_errors": (
        "{count} erreur(s) : rien n'a changé. Corrigez le fichier et renvoyez-le.\n{errors}"
    ),
    "directory.import_more_errors": "… et {count} autres.",
    "directory.import_preview": "Aperçu de l'import : {summary}. Rien n'a encore changé.",
    "directory.import_added": "• ajout : {user}",
    "directory.import_how": "Pour appliquer : répondez au fichier par !annuaire importer confirmer",
    "directory.import_applied": "Import appliqué : {summary}.",
    "directory.already_coordinator": "{user} fait déjà partie de la coordination.",
    "directory.coordinator_added": "{user} fait maintenant partie de la coordination.",
    "directory.coordinator_configured": (
        "{user} est coordinateur·rice dans la configuration du bot : seule la configuration peut "
        "changer cela."
    ),
    "directory.not_coordinator": "{user} n'a pas le rôle de coordination.",
    "directory.coordinator_removed": "{user} n'a plus le rôle de coordination.",
    "meetings.not_in_dm_yet": (
        "Pas encore de message direct ouvert avec le bot : {people}. Une invitation leur est "
        "envoyée ; ils auront les rappels une fois dedans."
    ),
    "meetings.not_created": "{reason}\nRien n'a été créé.",
    "meetings.not_changed": "{reason}\nRien n'a changé.",
    "meetings.created": "Réunion n° {number} créée et annoncée.",
    "meetings.edited": "Réunion n° {number} modifiée et annoncée.",
    "meetings.cancelled": "Réunion n° {number} annulée ; ses rappels aussi.",
    "meetings.new_title": "📅 Nouvelle réunion",
    "meetings.reminder": "⏰ Rappel, {when} : {title}, {date}{place}",
    "meetings.how_to_answer": (
        "Pour répondre, touchez une réaction sous ce message : ✅ je viens, ❌ je ne viens pas, "
        "❔ peut-être (ou écrivez !presence oui {number})."
    ),
    "meetings.edited_title": "✏️ Réunion modifiée",
    "meetings.cancelled_title": "❌ Réunion annulée",
    "meetings.no_such": "Pas de réunion n° {number} à venir. !reunions donne la liste.",
    "meetings.upcoming": "Prochaines réunions :",
    "meetings.none": "Aucune réunion à venir.",
    "meetings.recurring": "(récurrente)",
    "meetings.hidden": (
        "{count} réunion(s) réservée(s) à certaines personnes : écrivez-moi !reunions en message "
        "direct pour les voir."
    ),
    "attendance.bad_answer": (
        "« {got} » : réponse attendue oui, non ou peut-être. Rien n'a été noté."
    ),
    "attendance.upcoming": "à venir",
    "attendance.none_for_you": "Pas de réunion {which} pour vous. !reunions donne la liste.",
    "attendance.noted": "Noté : {said} pour « {title} », {when}.",
    "attendance.title": "Présences pour « {title} », {when} :",
    "announce.too_long": (
        "Annonce trop longue ({length} caractères ; {most} au plus). Rien n'a été publié."
    ),
    "announce.body": "📣 Annonce de la coordination\n{text}",
    "announce.posted": "Annonce publiée dans {count} salon(s).",
    "announce.waiting": (
        "{count} promeneur(s) n'ont pas encore ouvert leur message direct avec le bot "
        "(invitation envoyée) : {people}"
    ),
    "charter.missing": "• {name} ({user}) : pas de signature enregistrée",
    "charter.old": "• {name} ({user}) : signée le {day}",
    "charter.all_signed": "Toutes les chartes sont signées ({lasts}).",
    "charter.to_sign": (
        "Charte à faire signer ({count}) — {lasts} :\n{people}\n"
        "Une fois signée : !promeneur modifier @id charte=JJ/MM/AAAA"
    ),
    "charter.lasts_days": "validité {days} jours",
    "charter.lasts_always": "elle vaut pour toute la durée de la participation",
    "audit.empty": "Le journal est vide.",
    "audit.title": "Journal d'administration ({count} dernière(s) action(s)) :",
    "declarations.prompt": (
        "Bonjour ! C'est le moment de déclarer votre {week}. Répondez à la première question "
        "ci-dessous ; « rien cette semaine » si vous n'avez pas été en ligne, « annuler » pour le "
        "faire plus tard avec !declarer."
    ),
    "declarations.reminder": (
        "Petit rappel : votre {week} n'est pas encore déclarée. Répondez à la question "
        "ci-dessous, ou « annuler » et !declarer plus tard."
    ),
    "declarations.busy": (
        "Pensez aussi à votre {week} : terminez la déclaration en cours, puis "
        "!declarer semaine {number}."
    ),
    "help.line": "• {usage}{aliases} : {help}",
    "error.field": "{field} : {problem}",
    "error.several": "Plusieurs champs sont à revoir :\n{problems}",
    "error.unknown_fields": "Champ inconnu : {unknown}. Champs possibles : {known}.",
    "declarations.not_hours": (
        "« {got} » n'est pas une durée. Écrivez par exemple 3h30, 3,5 ou 2 h."
    ),
    "declarations.hours_range": "{hours} : la durée doit être comprise entre 0 et {most} heures.",
    "declarations.not_count": (
        "« {got} » n'est pas un nombre entier. Écrivez par exemple 12, douze ou 0."
    ),
    "declarations.count_range": "{count} : le nombre doit être compris entre 0 et {most}.",
    "declarations.no_choice": "Il faut au moins un choix (par numéro ou par nom).",
    "declarations.unknown_choices": (
        "Je ne reconnais pas {listed}. Répondez par les numéros de la liste (par exemple 1 3) ou "
        "par les noms, séparés par des virgules."
    ),
    "declarations.no_answer": "Il faut au moins une réponse.",
    "declarations.too_many_numbers": (
        "{numbers} nombres pour {headings} rubriques : donnez au plus un nombre par rubrique, dans "
        "l'ordre de la liste."
    ),
    "declarations.unknown_counted": (
        "Je ne reconnais pas « {got} ». Écrivez par exemple « {first} 3, {second} 1 », ou les "
        "nombres dans l'ordre de la liste."
    ),
    "declarations.counted_range": (
        "{label} : {count}, le nombre doit être compris entre 0 et {most}."
    ),
    "declarations.remark_too_long": "Remarque trop longue ({length} caractères ; au plus {most}).",
    "declarations.remark_identifies": (
        "Cette remarque contient {kinds}. Je ne garde rien qui puisse identifier un ou une jeune : "
        "reformulez sans cela, ou écrivez « passer »."
    ),
    "declarations.bad_week": (
        "« {got} » : semaine attendue, par exemple « semaine 46 », « semaine 46 2026 » ou "
        "« {current} »."
    ),
    "declarations.no_such_week": "La semaine {number} n'existe pas en {year}.",
    "declarations.no_hours": "Il manque les heures (par exemple « 4h » en premier).",
    "declarations.direct_only": (
        "Les déclarations se font en message direct avec moi (pour que personne d'autre ne voie "
        "vos réponses). Écrivez-moi !declarer en privé."
    ),
    "declarations.not_saved": "{reason}\nRien n'a été enregistré. Voir !aide declarer.",
    "declarations.saved_at_once": (
        "{summary}\nEnregistrée. Pour corriger : !declarer semaine {number}."
    ),
    "declarations.mine_title": "Vos déclarations du {quarter} :",
    "declarations.mine_week": "• semaine {number} : {state}",
    "declarations.mine_due": "à déclarer",
    "declarations.mine_open": "en cours",
    "declarations.mine_nothing": "rien cette semaine",
    "declarations.mine_declared": "{hours}, {young_people} jeune(s)",
    "declarations.missing_title": (
        "Semaines manquantes du {quarter} (jusqu'à la semaine dernière) :"
    ),
    "declarations.missing_line": "• {user} : semaines {weeks}",
    "declarations.missing_none": "• aucune : tout le monde est à jour.",
    "declarations.away_over": "Absence terminée : les rappels reprennent.",
    "declarations.away_bad_day": (
        "« {got} » : date de retour attendue, par exemple « !declarer absent jusqu'au 15/12 ». "
        "Rien n'a changé."
    ),
    "declarations.away_noted": (
        "Absence notée jusqu'au {day} inclus : pas de rappel d'ici là. « !declarer absent non » "
        "pour revenir plus tôt."
    ),
    "declarations.weekly_off": "Rappel hebdomadaire coupé. !declarer rappel oui pour le remettre.",
    "declarations.weekly_default": "Rappel hebdomadaire remis, au jour et à l'heure du réseau.",
    "declarations.weekly_bad_time": (
        "« {got} » : jour et heure attendus, par exemple « !declarer rappel jeudi 17h » ; ou "
        "« !declarer rappel non » pour le couper. Rien n'a changé."
    ),
    "declarations.weekly_set": "Rappel hebdomadaire : le {weekday} à {time}.",
    "reports.bad_period": (
        "« {got} » : période attendue, par exemple « T4 2026 », « 2026-Q4 », « S1 2026 », "
        "« 2e semestre 2026 » ou « 2026 »."
    ),
    "meetings.unknown_kind": "Type « {got} » inconnu. Types : {kinds}.",
    "meetings.bad_duration": "Durée attendue entre 15 min et 12 h, par exemple 2h ou 1h30.",
    "meetings.bad_audience": (
        "« pour » attend des identifiants Matrix séparés par des virgules : "
        "@camille:exemple.org, @yanis:exemple.org."
    ),
    "meetings.unknown_fields": "Champ inconnu : {unknown}. Champs : {known}.",
    "meetings.missing": "Il manque : {missing}. Exemple :\n{usage}",
    "meetings.empty_title": "Le titre ne peut pas être vide.",
    "meetings.too_long": "« {field} » est trop long ({length} caractères, {most} au plus).",
    "dates.no_time": "Heure manquante : écrivez par exemple {examples}.",
    "dates.bad_time": "« {got} » n'est pas une heure valide.",
    "dates.which_weekday": (
        "« {weekday} » : aujourd'hui ou dans une semaine ? Précisez la date, par exemple "
        "{examples}."
    ),
    "dates.unknown": "Date non reconnue. Écrivez par exemple {examples}.",
    "dates.wrong_weekday": "Le {day} est un {weekday}, pas un {said} : vérifiez la date.",
    "dates.bad_month": "« {got} » n'est pas un mois. Écrivez par exemple {examples}.",
    "dates.no_such_day": "{day} n'existe pas.",
    "dates.summer_time": "{time} n'existe pas le {day} (passage à l'heure d'été).",
    "dates.past": "Le {day} à {time} est déjà passé.",
    "dates.past_day": (
        "Le {day} est passé. Si vous pensiez à l'an prochain, écrivez la date avec l'année : "
        "{next}."
    ),
    "dates.monthly_day": (
        "Pour une réunion mensuelle à date fixe, choisissez un jour entre 1 et 28 (tous les mois "
        "n'ont pas de 29, 30 ou 31)."
    ),
    "dates.week_interval": "« {got} semaines » : écrivez deux, trois ou quatre.",
    "dates.unknown_rule": "Rythme non reconnu. Écrivez par exemple {examples}.",
    "dates.rule_needs_day": ("Quel jour de la période ? Écrivez par exemple {examples}."),
    "dates.rule_never": "Cette règle ne donne aucune date.",
    "directory.bad_day": "date attendue, par exemple 15/01/2027 (reçu « {got} »)",
    "directory.too_long": "{most} caractères au plus",
    "directory.bad_email": "adresse e-mail attendue, par exemple nom@structure.fr (reçu « {got} »)",
    "directory.bad_phone": (
        "numéro à 10 chiffres attendu, par exemple 03 20 00 00 00 (reçu « {got} »)"
    ),
    "directory.bad_choice": "{choices} attendu (reçu « {got} »)",
    "directory.file_unreadable": "fichier illisible : texte UTF-8 ou Windows attendu",
    "directory.file_too_big": "fichier trop gros ({size} octets ; {most} au plus)",
    "directory.file_not_csv": "fichier CSV illisible ({problem})",
    "directory.file_empty": "fichier vide : une ligne d'en-tête est attendue",
    "directory.file_header": "en-tête attendu : {header}",
    "directory.file_unknown_columns": "en-tête attendu : {header} (colonnes inconnues : {unknown})",
    "directory.file_line": "ligne {line}, {problem}",
    "directory.file_bad_id": (
        "identifiant Matrix attendu, par exemple @camille:exemple.fr (reçu « {got} »)"
    ),
    "directory.file_seen_above": "{user} figure déjà plus haut",
    "kb.reload_error": "• {problem}",
    "kb.unanswered_line": "• {day} : {text}",
    "privacy.my_data": (
        "Voici tout ce que le bot garde sur vous ({count} élément(s)). Il ne garde rien qui "
        "identifie un jeune. Les messages eux-mêmes restent sur le serveur Matrix, selon ses "
        "règles. Pour tout effacer : !supprimer-mes-donnees"
    ),
    "privacy.erase_confirm": (
        "Seront effacés : votre fiche d'annuaire, vos préférences et rappels de déclaration, vos "
        "dialogues en cours, vos réponses de présence, les rappels qui vous ont été adressés, les "
        "messages du bot gardés pour vous, votre nom dans le journal d'administration. Les "
        "chiffres de vos déclarations restent dans les totaux du réseau, sous un nom aléatoire et "
        "sans vos remarques : plus rien ne les relie à vous. Seuls restent, liés à votre "
        "identifiant Matrix, votre statut dans le réseau (actif, en congé ou parti) et la date "
        "de l'effacement : le bot ne vous demandera pas les semaines d'avant.\nPour confirmer, "
        "écrivez : !supprimer-mes-donnees confirmer"
    ),
    "privacy.erased": "C'est fait : vos données sont effacées.",
    "privacy.erased_coordinator": (
        "C'est fait : vos données sont effacées. Votre rôle de coordination vient de la "
        "configuration du bot : il reste."
    ),
    "declarations.ambiguous_choice": (
        "« {got} » peut vouloir dire {options}. Écrivez le nom en entier (ou son numéro)."
    ),
    "declarations.counted_unclear": (
        "Dans « {got} », je ne sais pas quel nombre va avec quoi. Écrivez par exemple "
        "« {first} 3, {second} 1 »."
    ),
    "declarations.week_future": (
        "La {week} n'est pas encore arrivée : on déclare la semaine en cours (semaine {current}) "
        "ou une semaine passée."
    ),
    "declarations.week_closed": (
        "La {week} n'est plus déclarable : le bilan {year} était à rendre le {closed}. {window}"
    ),
    "declarations.week_window": (
        "On peut déclarer les semaines de {year} jusqu'à la semaine en cours."
    ),
    "declarations.week_window_previous": (
        "On peut déclarer les semaines de {year} jusqu'à la semaine en cours, et toutes celles "
        "de {previous} jusqu'au {closes} (par exemple « semaine 50 {previous} »)."
    ),
    "declarations.week_twice": (
        "Deux semaines indiquées ({first} et {second}) : gardez-en une seule."
    ),
    "declarations.dry_run_title": (
        "Simulation hors ligne de la déclaration de la {week} : rien n'est envoyé ni enregistré."
    ),
    "declarations.dry_run_bot": "Bot",
    "declarations.dry_run_you": "Vous",
    "declarations.dry_run_saved": "Résultat : le bot enregistrerait cette déclaration.",
    "declarations.dry_run_unconfirmed": (
        "Résultat : déclaration complète ; le bot l'enregistrerait après « oui »."
    ),
    "declarations.dry_run_incomplete": (
        "Résultat : les réponses s'arrêtent avant la fin du dialogue ; rien ne serait enregistré."
    ),
    "declarations.dry_run_refused": (
        "Résultat : la dernière réponse est refusée (le bot repose la question) ; rien ne serait "
        "enregistré."
    ),
    "declarations.dry_run_cancelled": "Résultat : déclaration annulée ; rien ne serait enregistré.",
    "declarations.dry_run_extra_lines": (
        "{count} ligne(s) après la fin de la déclaration (« oui », « annuler » ou une déclaration "
        "en un message) : le dialogue ne les lirait pas. Retirez-les."
    ),
    "grid.shown": (
        "Grille de répartition du temps, {quarter} :\n{lines}\nSaisir : !grille reunions=6 "
        "formations=3h30 (une tâche par son numéro ou ses mots)."
    ),
    "grid.saved": "Grille de répartition du temps, {quarter}, enregistrée :\n{lines}",
    "grid.refused": "Grille non modifiée : {reason}",
    "grid.unknown_task": (
        "« {task} » ne désigne pas une seule tâche de la grille : écrivez son numéro (1 à "
        "{count}) ou ses mots, par exemple formations=3h30."
    ),
    "grid.no_task": (
        "« {got} » : à quelle tâche ? Écrivez tache=heures, par exemple reunions=6 ou 2=3h30."
    ),
    "grid.quarter_only": (
        "« {got} » n'est pas un trimestre : la grille est trimestrielle (T3 2026)."
    ),
    # The help of each command (`!aide`), by its name: command.<name>, command.<name>.details.
    "command.annonce": (
        "Publier une annonce dans les salons du réseau ; « !annonce dm … » l'envoie aussi en "
        "message direct à chaque promeneur."
    ),
    "command.rappel_charte": (
        "Les promeneurs dont la signature de la charte manque ou est trop ancienne."
    ),
    "command.tableau_de_bord": (
        "Le réseau d'un coup d'œil : promeneurs, déclarations, réunions, échéances, questions."
    ),
    "command.journal": (
        "Les derniers changements de la coordination (qui, quoi, quand, avant → après, refusé"
        " ou échoué) : !journal 30"
    ),
    "command.aide": (
        "Lister les commandes disponibles ; !aide <commande> pour le détail d'une commande."
    ),
    "command.ping": "Vérifier que le bot répond (version, durée de service).",
    "command.qui_suis_je": "Afficher votre rôle dans le réseau.",
    "command.etat": "État du bot : version, salons, messages en attente d'envoi.",
    "command.declarer": "Déclarer votre semaine d'activité, en message direct avec le bot.",
    "command.mes_declarations": "Vos semaines déclarées et manquantes du trimestre.",
    "command.declarations_manquantes": (
        "Qui n'a pas déclaré quelles semaines du trimestre (jusqu'à la semaine dernière ; "
        "jusqu'à son échéance, le trimestre qui vient de finir)."
    ),
    "command.rapport": (
        "Bilan trimestriel, semestriel ou annuel (résumé, synthèse PDF, CSV, XLSX, "
        "graphique), en message direct : !rapport T4 2026, !rapport S1 2026, !rapport 2026 ; "
        "sans précision, le trimestre en cours (jusqu'à son échéance, celui qui vient de "
        "finir)."
    ),
    "command.rapport.details": (
        "Périodes : un trimestre (« T4 2026 », « 2026-Q4 », « 4e trimestre 2026 »), un "
        "semestre (« S1 2026 », « 2026-S2 », « 1er semestre 2026 », « 2e semestre 2026 ») ou "
        "une année (« 2026 ») ; sans année, le dernier trimestre ou semestre commencé. Le "
        "classeur XLSX a une feuille par promeneur, par structure, par type de PdN, la "
        "synthèse départementale dans l'ordre des champs de la Caf et, pour un semestre ou "
        "une année, les heures et les jeunes par trimestre."
    ),
    "command.grille": (
        "Grille de répartition de votre temps du trimestre, pour la Caf : !grille (la voir), "
        "!grille reunions=6 formations=3h30 (saisir des heures), !grille T3 2026 …"
    ),
    "command.grille.details": (
        "Chaque tâche se nomme par son numéro ou un de ses mots (« 1=6 », « formations=3h30 "
        "», « echanges=12 ») ; une nouvelle saisie remplace les heures de cette tâche. La "
        "liste des tâches est celle de [coordination] tasks. Le bot montre à côté ce qu'il a "
        "vu dans le trimestre (réunions tenues, annonces, questions d'orientation, relances) "
        "; la grille est jointe au bilan du trimestre (!rapport)."
    ),
    "command.promeneur_ajouter": (
        "Ajouter un promeneur à l'annuaire (invité dans l'espace et les salons, accueilli en "
        "message direct)."
    ),
    "command.promeneur_modifier": (
        "Modifier la fiche d'un promeneur : !promeneur modifier @id structure=… tel=…"
    ),
    "command.promeneur_retirer": "Marquer un promeneur comme parti (son historique est gardé).",
    "command.promeneur_conges": (
        "Promeneur en congé jusqu'à une date (pas de rappels de déclaration) : !promeneur "
        "conges @id 15/01/2027"
    ),
    "command.promeneurs": (
        "La liste des promeneurs, filtrée si besoin : !promeneurs structure=MJC statut=actif"
    ),
    "command.annuaire": (
        "Chercher dans l'annuaire (nom, structure ou territoire, fautes admises) : !annuaire "
        "mjc lille"
    ),
    "command.annuaire_exporter": "L'annuaire complet en fichier CSV.",
    "command.annuaire_importer": (
        "Importer un fichier CSV (en réponse au fichier) : aperçu, puis « confirmer »."
    ),
    "command.coordinateur_ajouter": (
        "Donner le rôle de coordination à quelqu'un : !coordinateur ajouter @id"
    ),
    "command.coordinateur_retirer": (
        "Retirer le rôle de coordination donné dans le chat : !coordinateur retirer @id"
    ),
    "command.orienter": (
        "Trouver vers qui orienter un ou une jeune ; en message direct ou en mentionnant le "
        "bot, la question seule suffit."
    ),
    "command.kb_recharger": "Relire la base de connaissances sans redémarrer le bot.",
    "command.kb_stats": "Fiches les plus consultées et nombre de questions sans réponse.",
    "command.kb_non_resolues": (
        "Les dernières questions restées sans réponse (numéros, adresses et noms retirés)."
    ),
    "command.mes_donnees": (
        "Tout ce que le bot garde sur vous, en fichier JSON (en message direct)."
    ),
    "command.supprimer_mes_donnees": (
        "Effacer ce que le bot garde sur vous (confirmation demandée)."
    ),
    "command.presence": (
        "Dire si vous venez à la prochaine réunion (ou à la n° donnée) : !presence oui, "
        "!presence non 3, !presence peut-être."
    ),
    "command.reunion_presences": (
        "Qui vient à la prochaine séance d'une réunion : !reunion presences 3"
    ),
    "command.reunion_ajouter": (
        "Planifier une réunion (annoncée dans le salon du réseau avec son .ics)."
    ),
    "command.reunion_modifier": (
        "Modifier une réunion : !reunion modifier 3 puis les champs à changer (quand=…, lieu=…)"
    ),
    "command.reunion_annuler": "Annuler une réunion et ses rappels : !reunion annuler 3",
    "command.reunions": "Les prochaines réunions du réseau.",
    "command.echeances": (
        "Les prochaines échéances : les bilans pour la Caf, et celles du réseau qui vous "
        "concernent."
    ),
    # The welcome message, sent once in the new member's DM; {p} is the command prefix.
    "welcome.hello": "Bienvenue dans le réseau des Promeneurs du Net !",
    "welcome.hello_named": "Bienvenue dans le réseau des Promeneurs du Net, {name} !",
    "welcome.text": (
        "{hello} Je suis l'assistant du réseau. Ce que je fais pour vous :\n"
        "• Orientation : écrivez-moi une question (« une jeune me dit être harcelée sur Snap, "
        "vers qui l'orienter ? »), ici ou avec {p}orienter dans un salon. Si un jeune est en "
        "danger immédiat, les numéros d'urgence viennent toujours en premier.\n"
        "• Déclaration d'activité : chaque semaine, je vous pose quelques questions ici "
        "({p}declarer pour commencer, {p}mes-declarations pour voir où vous en êtes). "
        "Rien sur les jeunes eux-mêmes : seulement des nombres.\n"
        "• Réunions : {p}reunions, et je rappelle les dates.\n"
        "• La charte : votre présence en ligne se fait avec un profil professionnel identifié, "
        "dans le cadre des missions de votre structure ; la coordination vous la fait signer.\n"
        "• Vos données : {p}mes-donnees, {p}supprimer-mes-donnees.\n"
        "{p}aide liste tout."
    ),
    # A meeting as announced and listed.
    "meetings.summary.title": "Réunion n° {number} : {title} ({kind})",
    "meetings.summary.when": "• Quand : {when}, durée {duration}",
    "meetings.summary.repeated": "{rule} (première le {first})",
    "meetings.summary.place": "• Où : {place}",
    "meetings.summary.agenda": "• Ordre du jour : {agenda}",
    "meetings.summary.audience": "• Pour : {people}",
    "meetings.usage": (
        '!reunion ajouter copil titre="Comité de pilotage" quand="{day} à 14h" duree=2h '
        'lieu="Caf, salle 2" odj="bilan annuel"\n'
        "Types : copil, comité technique, réseau, inter-structures, formation, analyse de "
        "pratiques, journée départementale, régionale, point individuel, autre. « quand » accepte "
        "aussi une règle : « tous les premiers mardis du mois à 14h », « toutes les deux semaines "
        "le jeudi à 10h », « chaque trimestre le premier mardi à 14h ». « pour » limite la réunion "
        "à certaines personnes (@nom:serveur, séparés par des virgules) : elles sont alors "
        "prévenues en message direct."
    ),
    # The declaration dialogue's first message.
    "dialog.intro": "Déclaration de la {week}, en {count} questions courtes.",
    "dialog.intro_replacing": (
        "La {week} est déjà déclarée : vos réponses sont proposées ; « garder » conserve une "
        "réponse. La nouvelle déclaration remplacera l'ancienne une fois confirmée."
    ),
    "declare.one_message_usage": (
        "Déclaration en un message (en message direct) :\n"
        "!declarer 4h reseaux=insta,snap jeunes=12 contacts=5 ages=15-17:8,18-21:4 "
        "echanges=5,2,1,0 sujets=cyberharcèlement,mal-être orientations=3018x2 "
        'remarque="atelier au collège" semaine=46\n'
        "ou, la semaine en tête : !declarer semaine 46 4h reseaux=insta …\n"
        "Seules les heures sont obligatoires (en premier, ou heures=4) ; le reste vaut 0 ou "
        "aucun ; amis=240 donne le nombre d'amis jeunes du profil (une fois par trimestre). "
        "Sans semaine=, c'est la semaine en cours (le lundi, la semaine précédente). La "
        "déclaration est enregistrée tout de suite ; !declarer semaine N la corrige par le "
        "dialogue."
    ),
    "command.declarer.details": (
        "• !declarer : la semaine en cours (le lundi, la précédente), question par question.\n"
        "• !declarer semaine 46 : une semaine de cette année, en cours ou passée ; jusqu'à "
        "l'échéance du bilan annuel (fin janvier par défaut), aussi toute semaine de l'année "
        "écoulée (semaine 52 en janvier, ou avec l'année : semaine 50 2025, 2025-W50). Une "
        "semaine déjà déclarée est proposée telle quelle et remplacée après confirmation.\n"
        "• Pendant le dialogue : « retour », « passer » (question facultative), « annuler », "
        "« rien cette semaine » ou « congés ».\n"
        "• !declarer rappel jeudi 17h : votre jour et votre heure de rappel ; !declarer rappel "
        "non / oui : les couper ou les remettre.\n"
        "• !declarer absent jusqu'au 15/12 : congés, pas de rappel d'ici là (absent non : "
        "revenir plus tôt).\n"
        "• {usage}"
    ),
    # The directory's help.
    "directory.fields_help": (
        "Champs : prenom, nom, structure, territoire, email, tel, profils, type (jeunesse ou "
        "parentalité), label et charte (dates, par exemple 15/01/2026), statut (actif, congés, "
        "parti). Une valeur avec des espaces se met entre guillemets."
    ),
    "directory.add_usage": (
        '!promeneur ajouter @camille:exemple.fr prenom=Camille nom=Martin structure="MJC Nord" '
        'territoire=Lille email=camille@mjc.fr tel="03 20 00 00 00" profils="Camille PdN MJC" '
        "type=jeunesse charte=12/09/2025\n{fields}"
    ),
    "directory.import_usage": (
        "Envoyez le fichier CSV dans ce salon, puis répondez à ce message-fichier par "
        "!annuaire importer (aperçu, rien ne change) et, si l'aperçu convient, par "
        "!annuaire importer confirmer. Colonnes : {columns}"
    ),
    # A referral answer (bot/knowledge/render.py); the emergency block is bot/safety/emergency.py.
    "answer.to_confirm": "information à confirmer",
    "answer.details_hint": "Fiche complète et sources : répondez « {word} ».",
    "answer.phone": "tél. {number}",
    "answer.sms": "SMS {number}",
    "answer.chat": "chat : {address}",
    "answer.free": "gratuit",
    "answer.anonymous": "anonyme",
    "answer.relays": "Relais",
    "answer.local_relays": "Relais locaux ({department})",
    "answer.sources": "Sources",
    "answer.verified": "{name} : vérifié le {date} ({source})",
    "answer.unconfirmed": "{name} : à confirmer ({source})",
    "answer.no_source": "source à trouver",
    "answer.reviewed": "Fiche relue le {date}.",
    "answer.one_choice": (
        "Je ne suis pas sûr de la fiche. Répondez 1 pour afficher la plus proche :"
    ),
    "answer.choices": (
        "Plusieurs fiches peuvent correspondre. Répondez avec le numéro de la fiche qui convient :"
    ),
    "answer.none": (
        "Je n'ai pas de fiche qui réponde à cette question. La coordination du réseau peut vous "
        "aider à trouver le bon relais : {contact}"
    ),
    "answer.none_kept": (
        "Votre question est notée pour compléter la base, telle que la coordination la lira (ce "
        "qui pourrait identifier un ou une jeune est remplacé) : « {question} »"
    ),
    # The emergency block (bot/safety/emergency.py): it opens the first reply, so it is short.
    # Each number was checked on 29/11/2026 against a stored copy of a public page:
    # 15, 17, 18, 112, 114: service-public.fr fiche F33954 (copy of 22/07/2024) and
    # gouvernement.fr/actualite/le-112-le-numero-durgence-europeen (13/02/2023; a mobile needs a
    # SIM card); 3114: 3114.fr and the ARS page on the 3114; 119: solidarites.gouv.fr node 2219
    # (07/11/2025: free, 24/7, not on phone bills, children and young adults under 21);
    # 116 000: droitdenfance.org; 115: the Ille-et-Vilaine directory page on the 115;
    # post-exposure treatment: sida-info-service.org ("au plus tard dans les 48 h").
    "emergency.title": (
        "⚠️ Danger immédiat : appelez les secours, ni le bot ni vous ne les remplacez"
    ),
    "emergency.line.3114": "prévention du suicide, 24h/24, gratuit, aussi pour vous conseiller",
    "emergency.line.15": "SAMU, urgence médicale",
    "emergency.line.17": "police ou gendarmerie ; en ligne, elle peut faire identifier un compte",
    "emergency.line.112": "urgence, depuis tout téléphone",
    "emergency.line.114": "par SMS, si parler est impossible",
    "emergency.line.119": (
        "Allô Enfance en Danger, 24h/24, gratuit, absent des factures ; jusqu'à 21 ans et adultes "
        "inquiets"
    ),
    "emergency.line.116_000": "Enfants disparus, 24h/24, gratuit",
    "emergency.line.115": "hébergement d'urgence (Samu social), 24h/24, gratuit",
    "emergency.hospital": "Urgences de l'hôpital",
    "emergency.line.urgences": (
        "traitement post-exposition au VIH (TPE) au plus tard 48 h après le risque, au mieux dans "
        "les 4 h ; ou un CeGIDD"
    ),
    "emergency.advice.suicide": (
        "Lieu inconnu (le cas habituel en ligne) : appelez le 17 ou le 112 et signalez l'annonce "
        "sur PHAROS ; gardez le contact."
    ),
    "emergency.advice.child": "Danger grave et immédiat : 17, puis signalement au procureur.",
    "emergency.short.15": "SAMU",
    "emergency.short.17": "police",
    "emergency.short.112": "urgence",
    "emergency.short.114": "SMS",
    # Why a file sent in the chat cannot be read (bot/matrix/media.py).
    "file.not_found": "message introuvable",
    "file.undecryptable": "message indéchiffrable pour le bot",
    "file.not_a_file": "ce message n'est pas un fichier",
    "file.download_refused": "téléchargement refusé par le serveur",
    # Removing someone who left the network from its rooms (bot/matrix/membership.py).
    "membership.left_reason": "a quitté le réseau",
    "membership.forbidden": "droits insuffisants",
    "membership.error": "erreur",
    "membership.refused_in": "« {room} » ({reason} : {why})",
    # The network's own deadlines (bot/scheduling/network_deadlines.py).
    "network_deadlines.title": "Échéances du réseau :",
    "network_deadlines.line": "• n° {number} : {title}, {day} ({days}) — {audience}",
    "network_deadlines.for_promeneurs": "les promeneurs",
    "network_deadlines.for_coordination": "la coordination",
    "network_deadlines.no_reminder": "aucun rappel",
    "network_deadlines.today": "aujourd'hui",
    "network_deadlines.created": (
        "Échéance n° {number} enregistrée : {title}, {day}, pour {audience} ; rappels : "
        "{offsets} avant, en message direct."
    ),
    "network_deadlines.edited": (
        "Échéance n° {number} modifiée : {title}, {day}, pour {audience} ; rappels : {offsets} "
        "avant."
    ),
    "network_deadlines.cancelled": "Échéance n° {number} annulée ({title}) : plus de rappel.",
    "network_deadlines.no_such": "Pas d'échéance n° {number} en cours (!echeances les liste).",
    "network_deadlines.not_created": "Échéance non enregistrée :\n{reason}",
    "network_deadlines.not_changed": "Échéance non modifiée :\n{reason}",
    "network_deadlines.no_date": "la date manque, par exemple date=15/03/2027",
    "network_deadlines.no_title": (
        'le titre manque, par exemple !echeance ajouter "Appel à projets REAAP" date=15/03/2027'
    ),
    "network_deadlines.unknown_field": (
        "{got} n'est pas un champ d'échéance (titre, date, pour, rappels, note)"
    ),
    "network_deadlines.bad_audience": (
        "{got} : pour qui ? « promeneurs », « coordination », « tous » ou des identifiants "
        "@nom:serveur séparés par des virgules"
    ),
    "network_deadlines.bad_offsets": (
        "{got} : des jours avant l'échéance, par exemple rappels=14j,7j,1j (ou « aucun »)"
    ),
    "network_deadlines.reminder": "📅 Échéance {when} ({day}) : {title}.{note}",
    "dates.past_date": "Le {day} est déjà passé.",
    "command.echeance_ajouter": (
        "Ajouter une échéance du réseau (appel à projets, enquête…), rappelée en message direct "
        "à qui elle concerne."
    ),
    "command.echeance_ajouter.details": (
        '!echeance ajouter "Appel à projets REAAP" date=15/03/2027 pour=promeneurs '
        'rappels=14j,7j,1j note="dossier à envoyer à la Caf"\n'
        "• pour : promeneurs (par défaut), coordination, tous, ou des identifiants @nom:serveur "
        "séparés par des virgules.\n"
        "• rappels : des jours avant l'échéance (14j, 2 semaines…), à l'heure des rappels "
        "d'échéance ([deadlines] reminder_time) ; par défaut ceux des échéances de la Caf ; "
        "« aucun » pour n'en envoyer aucun.\n"
        "Chaque rappel part une seule fois à chaque personne, même après un redémarrage."
    ),
    "command.echeance_modifier": (
        "Modifier une échéance du réseau : !echeance modifier 2 puis les champs à changer "
        "(date=…, pour=…, rappels=…)"
    ),
    "command.echeance_annuler": (
        "Annuler une échéance du réseau et ses rappels : !echeance annuler 2"
    ),
    # Attendance confirmed after a meeting, and participation (bot/scheduling/attendance.py).
    "attendance.not_held_yet": (
        "La réunion n° {number} n'a pas encore eu lieu : les présences se confirment après."
    ),
    "attendance.to_confirm": (
        "{title}, {when} : présences à confirmer. D'après les réponses, présents : {people}.\n"
        "Pour l'enregistrer ainsi : !reunion presents {number} confirmer ; sinon, donnez la "
        "liste des présents : !reunion presents {number} @nom:serveur @autre:serveur"
    ),
    "attendance.already_confirmed": (
        "{title}, {when} : présences confirmées.\n• présents : {present}\n• absents : {absent}\n"
        "Pour corriger : !reunion presents {number} @nom:serveur …"
    ),
    "attendance.confirmed": (
        "Présences enregistrées pour {title}, {when} : {present} sur {expected} attendus "
        "({people})."
    ),
    "attendance.bad_list": (
        "{got} : donnez les présents par leur identifiant (@nom:serveur), ou « confirmer » pour "
        "garder ceux qui avaient répondu oui : !reunion presents {number} confirmer"
    ),
    "attendance.prompt": (
        "La réunion n° {number}, {title}, {when}, est passée : qui était là ? D'après les "
        "réponses : {people}.\nConfirmez avec !reunion presents {number} confirmer, ou donnez "
        "la liste des présents : !reunion presents {number} @nom:serveur …"
    ),
    "participation.title": (
        "Participation aux temps de coordination en {year} (séances confirmées) :"
    ),
    "participation.none": (
        "Aucune présence confirmée en {year} (!reunion presents après chaque réunion)."
    ),
    "participation.card": "  Participation {year} : {line}",
    "participation.csv_person": "promeneur",
    "participation.csv_kind": "type de réunion",
    "participation.csv_present": "présent",
    "participation.csv_expected": "attendu",
    "participation.csv_rate": "taux",
    "participation.csv_all": "toutes",
    "command.reunion_presents": (
        "Après une réunion, confirmer qui était là (pré-rempli d'après les réponses) : "
        "!reunion presents 3, puis « confirmer » ou la liste des présents."
    ),
    "command.participation": (
        "La participation de chaque promeneur aux réunions de l'année, par type, et son "
        "fichier CSV (en message direct) : !participation 2026 ; les séances d'une personne : "
        "!participation @nom:serveur"
    ),
    # The register of structures (bot/directory/structure_commands.py).
    "structures.none": (
        'Aucune structure au registre : !structure ajouter "MJC Nord" type=MJC '
        "convention_debut=01/01/2026 convention_fin=31/12/2027 charte=15/01/2026 bilan=2025 "
        'contact="Mme Durand" email=… tel=…'
    ),
    "structures.title": "Registre des structures ({count}) :",
    "structures.line": "• {name}{kind} : {count} promeneur(s)",
    "structures.from": "convention du",
    "structures.until": "jusqu'au",
    "structures.charter": "charte signée le",
    "structures.report": "dernier bilan reçu",
    "structures.contact": "contact",
    "structures.not_registered": "Structures des promeneurs absentes du registre : {names}",
    "structures.convention_over": "convention échue le {day}",
    "structures.convention_ending": "convention à renouveler avant le {day}",
    "structures.no_convention": "pas de convention enregistrée",
    "structures.no_charter": "charte pas encore signée par la structure",
    "structures.charter_old": "charte signée le {day}, à faire signer de nouveau",
    "structures.report_missing": "bilan annuel {year} pas encore reçu",
    "structures.no_name": (
        'le nom de la structure manque, par exemple !structure ajouter "MJC Nord"'
    ),
    "structures.bad_year": "{got} : une année attendue, par exemple bilan=2025",
    "structures.not_saved": "Structure non enregistrée :\n{reason}",
    "structures.exists": '« {name} » est déjà au registre : !structure modifier "{name}" …',
    "structures.added": "Structure « {name} » ajoutée au registre.",
    "structures.edited": "Structure « {name} » modifiée : {changes}",
    "structures.removed": (
        "Structure « {name} » retirée du registre (ses promeneurs gardent leur fiche)."
    ),
    "structures.no_such": "Pas de structure {name} au registre (!structures les liste).",
    "structures.rename": (
        "Le nom ne se change pas : retirez « {name} » puis ajoutez-la sous son nouveau nom."
    ),
    "structures.exported": "Registre des structures : {count} structure(s). Colonnes : {columns}",
    "structures.import_usage": (
        "Envoyez le fichier CSV dans ce salon, puis répondez à ce message-fichier par "
        "!structures importer (aperçu, rien ne change) et, si l'aperçu convient, par "
        "!structures importer confirmer. Colonnes : {columns} (dates jj/mm/aaaa, bilan : une "
        "année)."
    ),
    "structures.import_how": (
        "Pour appliquer : répondez au fichier par !structures importer confirmer"
    ),
    "command.structures": (
        "Le registre des structures : convention, charte, bilan annuel, contact, nombre de "
        "promeneurs, et ce qui manque (en message direct)."
    ),
    "command.structure_ajouter": (
        'Ajouter une structure au registre : !structure ajouter "MJC Nord" type=MJC '
        "convention_debut=01/01/2026 convention_fin=31/12/2027 charte=15/01/2026 bilan=2025 "
        'contact="Mme Durand" email=… tel=…'
    ),
    "command.structure_modifier": (
        'Modifier une structure : !structure modifier "MJC Nord" charte=20/11/2026 bilan=2026'
    ),
    "command.structure_retirer": (
        'Retirer une structure du registre : !structure retirer "MJC Nord"'
    ),
    "command.structures_exporter": "Le registre des structures en fichier CSV.",
    "command.structures_importer": (
        "Importer le registre des structures d'un fichier CSV (en réponse au fichier) : aperçu, "
        "puis « confirmer »."
    ),
    # Trainings (bot/scheduling/trainings.py, training_commands.py).
    "trainings.none": "Formations {year} : aucune séance du réseau, aucune formation notée.",
    "trainings.title": "Formations {year} :",
    "trainings.sessions": (
        "• séances de formation du réseau tenues (présences confirmées) : {count}"
    ),
    "trainings.plan": "Séances de formation du réseau dans l'année ({count}) :",
    "trainings.attended": "• {people} promeneur(s) formé(s), {count} formation(s) suivie(s)",
    "trainings.needs": "• besoins notés : {needs}",
    "trainings.session_done": "{present} présent(s) sur {expected}",
    "trainings.session_to_come": "à venir",
    "trainings.session_unconfirmed": "présences à confirmer (!reunion presents {number})",
    "trainings.own_only": (
        "Vous pouvez noter vos propres formations ; celles des autres, la coordination les note."
    ),
    "trainings.no_title": "le titre de la formation manque",
    "trainings.no_date": "la date manque, par exemple date=12/10/2026",
    "trainings.unknown_fields": "champs inconnus : {fields} (titre, date, duree)",
    "trainings.not_saved": "Formation non notée :\n{reason}",
    "trainings.saved": "Formation notée pour {user} : {title}, le {day}{hours}.",
    "trainings.need_usage": (
        "Pour noter un besoin de formation : !formation besoin @nom:serveur gestion de crise"
    ),
    "trainings.need_noted": "Besoin de formation noté pour {user} : {topic}.",
    "trainings.csv_person": "promeneur",
    "trainings.csv_title": "formation ou besoin",
    "trainings.csv_day": "date",
    "trainings.csv_hours": "durée",
    "trainings.csv_origin": "origine",
    "trainings.origin_network": "séance du réseau",
    "trainings.origin_other": "hors réseau",
    "trainings.origin_need": "besoin noté",
    "command.formation_suivie": (
        'Noter une formation suivie hors des séances du réseau : !formation suivie "PSC1" '
        "date=12/10/2026 duree=7h (la coordination : !formation suivie @nom:serveur …)"
    ),
    "command.formation_besoin": (
        "Noter un besoin de formation d'un promeneur : !formation besoin @nom:serveur gestion de "
        "crise"
    ),
    "command.formations": (
        "Le plan de formation de l'année : les séances de formation du réseau (réunions de type "
        "formation), qui a suivi quoi, les besoins notés, et leur fichier CSV : !formations 2026"
    ),
    # Recruitment (bot/directory/recruitment.py, recruitment_commands.py).
    "recruitment.status.recu": "candidature reçue",
    "recruitment.status.preselectionne": "présélectionné·e",
    "recruitment.status.presente": "présenté·e au COPIL",
    "recruitment.status.labellise": "labellisé·e",
    "recruitment.status.refuse": "non retenu·e",
    "recruitment.bad_status": (
        "{got} : statut attendu reçu, présélectionné, présenté au COPIL, labellisé ou refusé"
    ),
    "recruitment.no_name": 'le nom du candidat manque : !candidat ajouter "Prénom Nom" …',
    "recruitment.unknown_fields": "champs inconnus : {fields} (nom, structure, email, note)",
    "recruitment.not_saved": "Candidature non enregistrée :\n{reason}",
    "recruitment.added": "Candidature n° {number} enregistrée : {name} (candidature reçue).",
    "recruitment.no_such": "Pas de candidature n° {number} (!candidats les liste).",
    "recruitment.changed": "Candidature n° {number}, {name} : {status}.",
    "recruitment.then_add": (
        " Ajoutez-la à l'annuaire : !promeneur ajouter @nom:serveur prenom=… structure=…"
    ),
    "recruitment.removed": "Candidature n° {number} retirée (ses données sont effacées).",
    "recruitment.none": "Aucune candidature enregistrée.",
    "recruitment.no_target": (
        "Pas d'objectif {year} du COPIL (!recrutement objectif 40) ; le réseau compte {count} "
        "promeneur(s)."
    ),
    "recruitment.progress": (
        "Objectif {year} du COPIL : {target} promeneurs ; {count} aujourd'hui ({rate} %)."
    ),
    "recruitment.bad_target": "{got} : un nombre de promeneurs entre 1 et 10 000 est attendu.",
    "dashboard.recruitment": "• Recrutement : {progress} Candidatures en cours : {open}.",
    "command.candidat_ajouter": (
        'Enregistrer une candidature : !candidat ajouter "Prénom Nom" structure="MJC Nord" '
        "email=… note=…"
    ),
    "command.candidat": (
        "Faire avancer une candidature : !candidat 3 présélectionné (reçu, présélectionné, "
        "présenté au COPIL, labellisé, refusé)"
    ),
    "command.candidats": (
        "Les candidatures par statut et l'objectif du COPIL (en message direct)."
    ),
    "command.candidat_retirer": "Retirer une candidature et ses données : !candidat retirer 3",
    "command.recrutement_objectif": (
        "Noter l'objectif du COPIL en nombre de promeneurs : !recrutement objectif 40 [année]"
    ),
    "participation.usage": (
        "!participation [année] pour tout le réseau, !participation @nom:serveur [année] pour "
        "les séances d'une personne."
    ),
    "participation.none_for": "Aucune présence confirmée pour {user} en {year}.",
    "participation.history": "{user}, {year} : {line}",
    "participation.present": "présent·e",
    "participation.absent": "absent·e",
}
