"""The emergency block: the numbers that come first when a message evokes a danger.

It is short on purpose (it opens the first reply, which must fit a phone screen) and it does
not depend on the knowledge base, so that it is shown even when the base cannot be read. Its
words are in the catalogue (`emergency.*` in bot/i18n/fr.py), with the sources of each number.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.i18n import Translator
from bot.safety.kinds import Danger

_T = Translator()
TITLE = _T("emergency.title")


@dataclass(frozen=True)
class Line:
    """One line of the block: a number (or a place) and what to say of it."""

    key: str  # a number, or the name of a place, shown in bold
    text: str


# The key of each line in the catalogue: "emergency.line.<key>", spaces as "_".
_LINES: dict[str, Line] = {
    key: Line(shown, _T(f"emergency.line.{key.replace(' ', '_')}"))
    for key, shown in (
        ("3114", "3114"), ("15", "15"), ("17", "17"), ("112", "112"), ("114", "114"),
        ("119", "119"), ("116 000", "116 000"), ("115", "115"),
        ("urgences", _T("emergency.hospital")),
    )
}  # fmt: skip

# Which lines, most useful first, for each kind of danger.
_ORDER: dict[Danger, tuple[str, ...]] = {
    Danger.SUICIDE: ("3114", "112", "15", "114"),
    Danger.HEALTH: ("15", "112", "114"),
    Danger.VIOLENCE: ("17", "112", "114", "119"),
    Danger.CHILD: ("119", "17", "112", "114"),
    Danger.MISSING: ("17", "116 000", "119"),
    Danger.SHELTER: ("115", "119", "17"),
    Danger.EXPOSURE: ("urgences", "15"),
    Danger.GENERAL: ("112", "3114", "119", "15", "17", "114"),
}
# What to do at once, beyond calling, when it is not obvious.
_ADVICE: dict[Danger, str] = {
    Danger.SUICIDE: _T("emergency.advice.suicide"),
    Danger.CHILD: _T("emergency.advice.child"),
}
# Numbers that stand together on one line once the first ones are given.
_GENERIC = ("15", "17", "112", "114")


def emergency_lines(dangers: list[Danger]) -> list[Line]:
    """The lines for these dangers, each number once: the first two of each kind, then the rest,
    generic numbers (15, 17, 112, 114) last."""
    chosen: dict[str, None] = {}
    for danger in dangers:
        for key in _ORDER[danger][:2]:
            chosen.setdefault(key, None)
    for danger in dangers:
        for key in _ORDER[danger]:
            chosen.setdefault(key, None)
    return [_LINES[key] for key in chosen]


def block_numbers(dangers: list[Danger]) -> set[str]:
    """The numbers the block gives, written without spaces ("116000")."""
    return {line.key.replace(" ", "") for line in emergency_lines(dangers)}


def emergency_block(dangers: list[Danger], advice: bool = True) -> tuple[str, str]:
    """The block, as plain text and as escaped HTML: the most useful number first, the other
    specific ones one per line, the generic ones together on a last line, then what to do at
    once (unless `advice` is False: the entry that follows says it)."""
    lines = emergency_lines(dangers)
    first, rest = lines[0], lines[1:]  # the most useful number always leads
    specific = [first, *(line for line in rest if line.key not in _GENERIC)]
    generic = [line for line in rest if line.key in _GENERIC]
    if len(specific) < 2 and generic:  # the next generic number earns a line of its own
        specific.append(generic.pop(0))
    items = [(line.key, line.text) for line in specific]
    if generic:
        items.append((" · ".join(line.key for line in generic), _together(generic)))
    said = [_ADVICE[d] for d in dangers if d in _ADVICE] if advice else []
    plain = [TITLE, *(f"• {key} : {text}" for key, text in items), *said]
    rich = "".join(
        f"<li><strong>{html.escape(key)}</strong> : {html.escape(text)}</li>" for key, text in items
    )
    extra = "".join(f"<p>{html.escape(a)}</p>" for a in said)
    return "\n".join(plain), f"<p><strong>{html.escape(TITLE)}</strong></p><ul>{rich}</ul>{extra}"


def _together(lines: list[Line]) -> str:
    return ", ".join(_T(f"emergency.short.{line.key}") for line in lines)
