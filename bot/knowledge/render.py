"""How an answer reads: the emergency block first, then the entry, its relays, its source.

Every function returns the plain body and its HTML, in which all text from files or users is
escaped.
"""

from __future__ import annotations

import html
import re

from bot.knowledge.danger import emergency_numbers
from bot.knowledge.entries import Danger, Entry, KnowledgeBase, Resource
from bot.knowledge.index import Match, Verdict

Rendered = tuple[str, str]
_BOLD = re.compile(r"\*\*(.+?)\*\*")
TO_CONFIRM = "information à confirmer"


def markdown_html(text: str) -> str:
    """The small Markdown the entries use (paragraphs, `- ` lists, **bold**), as escaped HTML."""
    parts: list[str] = []
    items: list[str] = []
    paragraph: list[str] = []

    def inline(line: str) -> str:
        return _BOLD.sub(r"<strong>\1</strong>", html.escape(line))

    def flush() -> None:
        if paragraph:
            parts.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            parts.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            if paragraph:
                flush()
            items.append(line[2:])
        elif not line:
            flush()
        elif items and raw.startswith(" "):
            items[-1] += " " + line
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return "".join(parts)


def markdown_plain(text: str) -> str:
    lines = [f"• {line[2:]}" if line.startswith("- ") else line for line in text.splitlines()]
    return _BOLD.sub(r"\1", "\n".join(lines)).strip()


def emergency_block(dangers: list[Danger]) -> Rendered:
    numbers = emergency_numbers(dangers)
    title = "⚠️ Danger immédiat : les secours d'abord"
    lines = [f"• {n.number} : {n.label}" for n in numbers]
    footer = "Ni le bot ni le promeneur ne remplacent un service d'urgence."
    plain = "\n".join([title, *lines, footer])
    items = "".join(
        f"<li><strong>{html.escape(n.number)}</strong> : {html.escape(n.label)}</li>"
        for n in numbers
    )
    return (
        plain,
        f"<p><strong>{html.escape(title)}</strong></p><ul>{items}</ul><p>{html.escape(footer)}</p>",
    )


def resource_line(resource: Resource) -> str:
    """One relay on one line: contacts, hours, conditions; uncertain facts said to be so."""
    contacts = []
    if resource.telephone:
        contacts.append(f"tél. {resource.telephone}")
    if resource.sms:
        contacts.append(f"SMS {resource.sms}")
    if resource.chat:
        contacts.append(f"chat : {resource.chat}")
    if resource.url:
        contacts.append(resource.url)
    if resource.adresse:
        contacts.append(resource.adresse)
    conditions = [
        word
        for word, flag in (("gratuit", resource.gratuit), ("anonyme", resource.anonyme))
        if flag
    ]
    details = [*contacts, *([resource.horaires] if resource.horaires else []), *conditions]
    line = resource.nom + (f" : {' ; '.join(details)}" if details else "")
    if resource.note:
        line += f" ({resource.note})"
    if resource.a_confirmer:
        line += f" [{TO_CONFIRM}]"
    return line


def _resources(title: str, resources: list[Resource]) -> Rendered:
    lines = [resource_line(r) for r in resources]
    plain = "\n".join([title, *(f"• {line}" for line in lines)])
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return plain, f"<p><strong>{html.escape(title)}</strong></p><ul>{items}</ul>"


def entry_answer(entry: Entry, base: KnowledgeBase, contact: str) -> Rendered:
    header = entry.header
    answer = entry.answer.replace("{coordination}", contact)
    plain = [f"📌 {header.titre}", markdown_plain(answer)]
    rich = [f"<p><strong>📌 {html.escape(header.titre)}</strong></p>", markdown_html(answer)]
    local = base.local_for(entry.id)
    # A generic local relay ("the Maison des Adolescents") gives way to the department's own.
    national = [r for r in header.ressources if r.portee != "locale" or not local]
    if national:
        block = _resources("Relais", national)
        plain.append(block[0])
        rich.append(block[1])
    if local:
        block = _resources(f"Relais locaux ({base.department})", local)
        plain.append(block[0])
        rich.append(block[1])
    source = f"Source : {header.source} ; fiche vérifiée le {header.verifie_le:%d/%m/%Y}."
    plain.append(source)
    rich.append(f"<p><em>{html.escape(source)}</em></p>")
    return "\n\n".join(plain), "".join(rich)


def choices(entries: list[Entry]) -> Rendered:
    if len(entries) == 1:
        title = "Je ne suis pas sûr de la fiche. Répondez 1 pour afficher la plus proche :"
    else:
        title = (
            "Plusieurs fiches peuvent correspondre. "
            "Répondez avec le numéro de la fiche qui convient :"
        )
    lines = [f"{i}. {e.title}" for i, e in enumerate(entries, 1)]
    plain = "\n".join([title, *lines])
    items = "".join(f"<li>{html.escape(e.title)}</li>" for e in entries)
    return plain, f"<p>{html.escape(title)}</p><ol>{items}</ol>"


def no_answer(contact: str) -> Rendered:
    plain = (
        "Je n'ai pas de fiche qui réponde à cette question. La coordination du réseau peut vous "
        f"aider à trouver le bon relais : {contact}\n"
        "Votre question est notée pour compléter la base, sans numéros, adresses, liens ni noms."
    )
    return plain, "<p>" + html.escape(plain).replace("\n", "</p><p>") + "</p>"


def render_match(match: Match, base: KnowledgeBase, contact: str) -> Rendered:
    """The whole answer to a question: emergency block if any, then the entry, choices or none."""
    parts: list[Rendered] = []
    if match.urgent:
        parts.append(emergency_block(match.all_dangers))
    if match.verdict is Verdict.CONFIDENT:
        parts.append(entry_answer(match.entries[0], base, contact))
    elif match.verdict is Verdict.AMBIGUOUS:
        parts.append(choices(match.entries))
    else:
        parts.append(no_answer(contact))
    return "\n\n".join(p for p, _ in parts), "".join(h for _, h in parts)
