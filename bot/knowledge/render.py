"""How an answer reads: the emergency block first, then the entry, its relays, its sources.

The first reply fits a phone screen: the emergency block when there is a danger (the entry's
own emergency numbers are given there, not again below), what to do now (the part of the entry
above its `---` line), two or three relays, and how to ask for the rest. The whole entry comes
on request (`détails`) and in `pdn-bot ask`.

Every function returns the plain body and its HTML, in which all text from files or users is
escaped.
"""

from __future__ import annotations

import html
import re

from bot.i18n import Translator
from bot.knowledge.entries import Entry, KnowledgeBase, Resource
from bot.knowledge.index import Match, Verdict
from bot.safety.emergency import block_numbers, emergency_block
from bot.safety.kinds import Danger

Rendered = tuple[str, str]
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_T = Translator()
TO_CONFIRM = _T("answer.to_confirm")
DETAILS_WORD = "détails"
SHORT_RELAYS = 3  # relays in the first reply
DETAILS_HINT = _T("answer.details_hint", word=DETAILS_WORD)


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


def _phone_key(number: str) -> str:
    return number.replace(" ", "").replace(".", "")


def resource_line(resource: Resource, full: bool = True) -> str:
    """One relay on one line: in full, every contact, hours, conditions and note; in short, its
    first contact and hours. Uncertain facts are said to be so."""
    if not full:
        return _short_line(resource)
    contacts = []
    if resource.telephone:
        contacts.append(_T("answer.phone", number=resource.telephone))
    if resource.sms:
        contacts.append(_T("answer.sms", number=resource.sms))
    if resource.chat:
        contacts.append(_T("answer.chat", address=resource.chat))
    if full or not contacts:
        contacts += [c for c in (resource.url, resource.adresse) if c]
    details = [*contacts, *([resource.horaires] if resource.horaires else [])]
    if full:
        details += [
            word
            for word, flag in (
                (_T("answer.free"), resource.gratuit),
                (_T("answer.anonymous"), resource.anonyme),
            )
            if flag
        ]
    line = resource.nom + (f" : {' ; '.join(details)}" if details else "")
    if resource.note and (full or not details):
        line += f" ({resource.note})"
    if resource.a_confirmer:
        line += f" [{TO_CONFIRM}]"
    return line


def _short_line(resource: Resource) -> str:
    first = next(
        (c for c in (resource.telephone, resource.sms and _T("answer.sms", number=resource.sms),
                     resource.chat,
                     resource.url, resource.adresse) if c),
        "",
    )  # fmt: skip
    line = f"{resource.nom} : {first}" if first else resource.nom
    if resource.horaires:
        line += f" ({resource.horaires})"
    if resource.a_confirmer:
        line += f" [{TO_CONFIRM}]"
    return line


def _resources(title: str, resources: list[Resource], full: bool) -> Rendered:
    lines = [resource_line(r, full) for r in resources]
    plain = "\n".join([title, *(f"• {line}" for line in lines)])
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return plain, f"<p><strong>{html.escape(title)}</strong></p><ul>{items}</ul>"


def _relays(
    entry: Entry, base: KnowledgeBase, given: set[str]
) -> tuple[list[Resource], list[Resource]]:
    """The entry's national relays (a generic local one gives way to the department's own) and
    the department's, leaving out those whose number the emergency block already gives."""
    local = base.local_for(entry.id)
    national = [r for r in entry.header.ressources if r.portee != "locale" or not local]
    national = [r for r in national if _phone_key(r.telephone) not in given or not r.telephone]
    return national, local


def _sources(entry: Entry, base: KnowledgeBase) -> Rendered:
    """Each relay's source and the date it was checked, or what remains to confirm."""
    lines = []
    for resource in [*entry.header.ressources, *base.local_for(entry.id)]:
        if not resource.has_contact and not resource.a_confirmer:  # a kind of place, no fact
            lines.append(f"{resource.nom} : {resource.source}")
        elif resource.verifie_le is not None and not resource.a_confirmer:
            date = f"{resource.verifie_le:%d/%m/%Y}"
            lines.append(
                _T("answer.verified", name=resource.nom, date=date, source=resource.source)
            )
        else:
            source = resource.source or _T("answer.no_source")
            lines.append(_T("answer.unconfirmed", name=resource.nom, source=source))
    footer = _T("answer.reviewed", date=f"{entry.header.verifie_le:%d/%m/%Y}")
    title = _T("answer.sources")
    plain = "\n".join([title, *(f"• {line}" for line in lines), footer])
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return plain, (f"<p><em>{title}</em></p><ul>{items}</ul><p><em>{html.escape(footer)}</em></p>")


_SEPARATOR = re.compile(r"\n\s*---\s*\n")


def essential(entry: Entry) -> str:
    """What to do now: the part of the answer above its `---` line (all of it if none)."""
    return _SEPARATOR.split(entry.answer, maxsplit=1)[0].strip()


def full_text(entry: Entry) -> str:
    return _SEPARATOR.sub("\n\n", entry.answer, count=1).strip()


def entry_answer(
    entry: Entry,
    base: KnowledgeBase,
    contact: str,
    dangers: list[Danger] | None = None,
    full: bool = False,
) -> Rendered:
    """An entry, after the emergency block if there is a danger (the question's, or the entry's
    own): short for the first reply, whole with `full`."""
    dangers = list(dangers or [])
    if entry.header.urgence is not None and entry.header.urgence not in dangers:
        dangers.append(entry.header.urgence)
    # The entry's own urgency: its text says what to do at once, the block need not.
    advice = entry.header.urgence is None or full
    parts: list[Rendered] = [emergency_block(dangers, advice)] if dangers else []
    given = block_numbers(dangers) if dangers else set()
    header = entry.header
    answer = (full_text(entry) if full else essential(entry)).replace("{coordination}", contact)
    parts.append(
        (
            f"📌 {header.titre}\n{markdown_plain(answer)}",
            f"<p><strong>📌 {html.escape(header.titre)}</strong></p>{markdown_html(answer)}",
        )
    )
    national, local = _relays(entry, base, given)
    if full:
        if national:
            parts.append(_resources(_T("answer.relays"), national, full=True))
        if local:
            title = _T("answer.local_relays", department=base.department)
            parts.append(_resources(title, local, full=True))
        parts.append(_sources(entry, base))
    else:
        shown = [*national[: SHORT_RELAYS - min(len(local), 1)], *local[:1]][:SHORT_RELAYS]
        if shown:
            parts.append(_resources(_T("answer.relays"), shown, full=False))
        parts.append((DETAILS_HINT, f"<p><em>{html.escape(DETAILS_HINT)}</em></p>"))
    return _join(parts)


def choices(entries: list[Entry]) -> Rendered:
    title = _T("answer.one_choice") if len(entries) == 1 else _T("answer.choices")
    lines = [f"{i}. {e.title}" for i, e in enumerate(entries, 1)]
    plain = "\n".join([title, *lines])
    items = "".join(f"<li>{html.escape(e.title)}</li>" for e in entries)
    return plain, f"<p>{html.escape(title)}</p><ol>{items}</ol>"


def no_answer(contact: str, kept: str | None = None) -> Rendered:
    """No entry answers; `kept`: the question as noted for the coordinator, if it is."""
    plain = _T("answer.none", contact=contact)
    if kept is not None:
        plain += "\n" + _T("answer.none_kept", question=kept)
    return plain, "<p>" + html.escape(plain).replace("\n", "</p><p>") + "</p>"


def render_match(
    match: Match, base: KnowledgeBase, contact: str, full: bool = False, kept: str | None = None
) -> Rendered:
    """The whole answer to a question: the emergency block if any, then the entry (short, or
    whole with `full`), the choices, or no answer (with `kept`, the question as noted)."""
    if match.verdict is Verdict.CONFIDENT:
        return entry_answer(match.entries[0], base, contact, match.all_dangers, full)
    parts: list[Rendered] = [emergency_block(match.all_dangers)] if match.urgent else []
    if match.verdict is Verdict.AMBIGUOUS:
        parts.append(choices(match.entries))
    else:
        parts.append(no_answer(contact, kept))
    return _join(parts)


def _join(parts: list[Rendered]) -> Rendered:
    return "\n\n".join(p for p, _ in parts), "".join(h for _, h in parts)
