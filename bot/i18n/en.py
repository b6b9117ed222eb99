"""English sentences (optional language)."""

MESSAGES: dict[str, str] = {
    "help.title": "Available commands",
    "help.footer": "Type {prefix}help to see this list again.",
    "help.usage": "Usage: {usage}",
    "help.aliases": "Other names: {aliases}",
    "help.unknown": "No command “{command}”. Type {prefix}help for the list.",
    "ping.reply": "Pong! pdn-bot {version}, up for {uptime}.",
    "whoami.coordinator": "You are {user}: coordinator of the network.",
    "whoami.promeneur": "You are {user}: promeneur of the network.",
    "whoami.guest": "You are {user}: you are not a member of the network yet.",
    "status.reply": (
        "Bot status: version {version}, up for {uptime}; {rooms} room(s); "
        "{pending} message(s) waiting to be sent."
    ),
    "role.coordinator": "coordinators",
    "role.promeneur": "promeneurs",
    "role.guest": "everyone",
    "error.unknown_command": "Unknown command: “{command}”.",
    "error.did_you_mean": "Did you mean: {suggestions}?",
    "error.see_help": "Type {prefix}help for the list of commands.",
    "membership.invite_failed": (
        "⚠️ {name} could not be invited to: {rooms}. The bot needs the right to invite in "
        "these rooms and the space (room settings, Roles & Permissions); then invite {name} "
        "yourself."
    ),
    "membership.remove_failed": (
        "⚠️ {name} could not be removed from: {rooms}. The bot must be a moderator (power "
        "level 50) in these rooms and the space (room settings, Roles & Permissions); then "
        "write !member remove {user}. Until then {name} still sees these rooms, without the "
        "promeneur role."
    ),
    "flood.slow_down": (
        "Easy: you sent me many commands at once in this room. I will answer again in a "
        "moment; in a direct message I answer without waiting."
    ),
    "private.elsewhere": "This holds personal data: I am sending it to our encrypted direct chat.",
    "private.invited": (
        "This holds personal data: I only send it to an encrypted direct chat between us. I am "
        "inviting you to one: accept the invitation, then ask me there again."
    ),
    "error.forbidden": "The command “{command}” is for {role} only. Nothing was done.",
    "error.usage": "{problem}\nUsage: {usage}",
    "error.missing_argument": "Missing: {name}.",
    "error.too_many_arguments": "Too much after the command: “{extra}”.",
    "error.bad_integer": "{name}: a whole number from 0 to {maximum} expected (got “{value}”).",
    "error.internal": "Sorry, something unexpected went wrong. Reference: {reference}.",
    "dm.hint": "I did not understand. Type {prefix}help to see what I can do.",
    "storage.down": (
        "⚠️ I cannot save anything right now (disk full or read-only database). Nothing already "
        "saved is lost; your message will be handled as soon as this is fixed."
    ),
    "undecryptable": "I could not decrypt your message (missing key). Could you send it again?",
    "kb.ask_a_question": (
        "Ask me your referral question, for example: “une jeune se fait harceler sur Snap, vers "
        "qui l'orienter ?”. Type {prefix}help to see everything I can do."
    ),
    "kb.reloaded": "Knowledge base reloaded: {count} entries.",
    "kb.reload_failed": (
        "The knowledge base was not reloaded: {count} error(s). The previous base stays in use.\n"
        "{errors}"
    ),
    "kb.stats_title": "Most consulted entries:",
    "kb.stats_line": "• {title}: {count}",
    "kb.stats_empty": "• none yet",
    "kb.stats_unanswered": "Unanswered questions: {count} (see {prefix}kb unanswered).",
    "kb.unanswered_title": "Unanswered questions ({shown} most recent of {count}):",
    "kb.unanswered_empty": "No unanswered question.",
    "duration.days": "{days} d {hours} h {minutes} min",
    "duration.hours": "{hours} h {minutes} min",
    "duration.minutes": "{minutes} min {seconds} s",
}
