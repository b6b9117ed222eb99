"""Reading what promeneurs type in the weekly dialogue: hours, counts, choices, remarks.

Every parser returns a value or raises a `UserError` whose sentence says what was expected; none
of them changes anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.text.errors import UserError
from bot.text.fold import fold
from bot.text.identifiers import cleaned, find_identifiers, kinds
from bot.text.lists import and_list
from bot.text.quote import shown

MAX_HOURS = 60
MAX_COUNT = 1000
MAX_FRIENDS = 20_000  # young friends or followers of a professional profile
MAX_REMARK = 500


_UNITS = {
    "zero": 0, "aucun": 0, "aucune": 0, "rien": 0, "pas": 0, "personne": 0,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "demi": 0.5, "demie": 0.5,
}  # fmt: skip
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def french_number(text: str) -> float | None:
    """`3`, `3,5`, `trois`, `vingt-deux`, `dix sept`, `aucun` as a number; None if not one."""
    raw = text.strip().replace(" ", "")
    if _NUMBER.fullmatch(raw):
        return float(raw.replace(",", "."))
    folded = fold(text)
    if not folded:
        return None
    words = [w for w in folded.replace("-", " ").split() if w != "et"]
    current, previous = 0.0, ""
    for word in words:
        word = {"vingts": "vingt", "cents": "cent"}.get(word, word)
        if word not in _UNITS:
            return None
        value = _UNITS[word]
        if value == 100:
            current = max(current, 1) * 100
        elif word == "vingt" and previous == "quatre":
            current += 80 - 4  # quatre-vingt(s): the four was already counted
        else:
            current += value
        previous = word
    return current


def parse_hours(text: str, most: float = MAX_HOURS) -> float:
    """Hours of online presence: `3h30`, `3,5`, `2 h`, `trois`, `90 min`, `0`."""
    compact = text.strip().casefold().replace(",", ".").replace(" ", "")
    folded = fold(text)
    value: float | None = None
    if match := re.fullmatch(r"(\d+)h(\d{1,2})(?:min)?", compact):
        value = int(match.group(1)) + int(match.group(2)) / 60
    elif match := re.fullmatch(r"(\d+(?:\.\d+)?)(?:h|heures?)?", compact):
        value = float(match.group(1))
    elif match := re.fullmatch(r"(\d+)(?:min|mn|minutes?)", compact):
        value = int(match.group(1)) / 60
    else:
        value = _hours_in_words(folded)
    if value is None:
        raise UserError("declarations.not_hours", got=shown(text))
    if not 0 <= value <= most:
        raise UserError("declarations.hours_range", hours=format_hours(value), most=most)
    return round(value, 2)


_FRACTIONS = {"demi": 0.5, "demie": 0.5, "quart": 0.25, "trois quarts": 0.75}


def _hours_in_words(folded: str) -> float | None:
    """`trois`, `deux heures trente`, `deux heures et demie`, `une heure et quart`."""
    hours, _, rest = re.sub(r"\b(?:h|heures?)\b", "|", folded, count=1).partition("|")
    hours = hours.strip()
    if hours in ("demi", "une demi", "une demie"):  # une demi-heure
        whole: float | None = 0.5
    else:
        whole = french_number(hours) if hours else None
    words = " ".join(re.sub(r"\b(?:et|minutes?|min)\b", " ", rest).split())
    if not words:
        return whole
    if whole is None:
        return None
    if words in _FRACTIONS:
        return whole + _FRACTIONS[words]
    minutes = french_number(words)
    if minutes is None or not 0 <= minutes < 60:
        return None
    return whole + minutes / 60


def parse_count(text: str, most: int = MAX_COUNT) -> int:
    """A number of young people or contacts: `12`, `douze`, `aucun`, `0`."""
    value = french_number(text)
    if value is None or value != int(value):
        raise UserError("declarations.not_count", got=shown(text))
    if not 0 <= value <= most:
        raise UserError("declarations.count_range", count=int(value), most=most)
    return int(value)


@dataclass(frozen=True)
class Choice:
    """One option of a multiple choice, with the other ways people write it."""

    label: str
    aliases: tuple[str, ...] = ()


_SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|&|\bet\b|\n)\s*")
_NONE_WORDS = {"aucun", "aucune", "rien", "non", "0", "zero", "pas"}


def _pieces(text: str, choices: Sequence[Choice] = ()) -> list[str]:
    """`insta, snap et discord` -> three pieces; `1 3 4` -> three numbers. A name that holds a
    separator (`Tabac et vapotage`, `Centre … d'assistance et de prévention …`) stays whole."""
    pieces = [p for p in _joined_names(text.strip(), choices) if p.strip()]
    if pieces and all(re.fullmatch(r"[\d\s]+", p) for p in pieces):
        return [n for p in pieces for n in p.split()]
    return pieces


_COUNT_AROUND = re.compile(r"^\s*\d+\s*(?:x|fois)?\s+|\s*(?:x|:)?\s*\d+\s*$", re.IGNORECASE)


def _joined_names(text: str, choices: Sequence[Choice]) -> list[str]:
    """`text` split at the separators, except inside a name of `choices` written whole (with its
    count before or after it, if any)."""
    parts = re.split(f"({_SEPARATORS.pattern})", text)
    pieces, separators = parts[0::2], parts[1::2]
    names = {fold(name) for choice in choices for name in (choice.label, *choice.aliases)}
    joined_names = {name for name in names if _SEPARATORS.search(name)}
    result: list[str] = []
    i = 0
    while i < len(pieces):
        end, piece = i, pieces[i]
        candidate = pieces[i]
        for j in range(i + 1, len(pieces)):
            candidate += separators[j - 1] + pieces[j]
            if fold(_COUNT_AROUND.sub("", candidate)) in joined_names:
                end, piece = j, candidate
        result.append(piece)
        i = end + 1
    return result


def _names(choices: Sequence[Choice]) -> dict[str, Choice]:
    return {fold(name): choice for choice in choices for name in (choice.label, *choice.aliases)}


def _exact(piece: str, choices: Sequence[Choice]) -> Choice | None:
    """By name or alias (case and accents aside), else by number in the list."""
    folded = fold(piece)
    found = _names(choices).get(folded)
    if found is None and folded.isdigit() and 1 <= int(folded) <= len(choices):
        found = choices[int(folded) - 1]
    return found


def _covers(words: str, name: str) -> bool:
    """Whether every word of `words` is a word of `name`, its beginning, plural or not (`ados`
    for `adolescents`), or a slip of it (`harcelment`)."""
    named = name.split()
    return all(
        any(
            word == other
            or (len(stem := word.removesuffix("s")) >= 3 and other.startswith(stem))
            or (len(word) >= 4 and fuzz.ratio(word, other) >= 85)
            for other in named
        )
        for word in words.split()
    )


def _choose(piece: str, choices: Sequence[Choice]) -> Choice | None:
    """The one option `piece` names: by name, alias or number; else the one whose words cover
    it; else the one it misspells. Two options that fit as well are asked back, never guessed."""
    found = _exact(piece, choices)
    folded = fold(piece)
    if found is not None or not folded or folded.isdigit():
        return found
    names = _names(choices)
    covering = list(dict.fromkeys(c for name, c in names.items() if _covers(folded, name)))
    if len(covering) == 1:
        return covering[0]
    if len(covering) > 1:
        raise UserError(
            "declarations.ambiguous_choice",
            got=shown(piece),
            options=" ou ".join(f"« {c.label} »" for c in covering[:4]),
        )
    compact = folded.replace(" ", "")
    scored = process.extract(
        compact, {name: name.replace(" ", "") for name in names}, scorer=fuzz.ratio, limit=None
    )
    best = [names[key] for _, score, key in scored if score >= 85 and score == scored[0][1]]
    best = list(dict.fromkeys(best))
    return best[0] if len(best) == 1 else None


def _choose_all(piece: str, choices: Sequence[Choice]) -> list[Choice] | None:
    """One option for the piece, or one per word (`insta snap`); None if something is unknown."""
    whole = _choose(piece, choices)
    if whole is not None:
        return [whole]
    words = piece.split()
    if len(words) > 1:
        each = [_choose(word, choices) for word in words]
        if None not in each:
            return each  # type: ignore[return-value]
    return None


def parse_choices(text: str, choices: Sequence[Choice], allow_none: bool) -> list[str]:
    """Several options by number or by name (typos allowed), in the order of the list."""
    if fold(text) in _NONE_WORDS:
        if allow_none:
            return []
        raise UserError("declarations.no_choice")
    chosen: list[Choice] = []
    unknown: list[str] = []
    for piece in _pieces(text, choices):
        found = _choose_all(piece, choices)
        if found is None:
            unknown.append(piece.strip())
        chosen.extend(c for c in found or () if c not in chosen)
    if unknown or not chosen:
        listed = ", ".join(f"« {shown(u)} »" for u in unknown[:5]) or f"« {shown(text)} »"
        raise UserError("declarations.unknown_choices", listed=listed)
    return [c.label for c in choices if c in chosen]


_TOKEN = re.compile(
    r"\d{1,2}\s*[-–]\s*\d{1,2}"  # an age range (`15-17`) is one name, not two numbers
    r"|\d+[^\W_]*[^\W\d_][^\W_]*"  # digits and letters (`17Cyber`): one name if it is one
    r"|\d+|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
)
_JOINERS = {"x", "fois"}  # `échanges x 5`, `5 fois conseil`


def _in_digits(text: str) -> str:
    """Numbers written in words as digits (`huit échanges et une prévention` gives `8 échanges
    et 1 prévention`), by text2num, which reads French numbers right up to the millions."""
    from text_to_num import alpha2digit  # here: only declarations read numbers in words

    return str(alpha2digit(text, "fr", threshold=0))


def _tokens(piece: str, names: dict[str, Choice]) -> list[str]:
    """Numbers and words; `17Cyber` stays whole when it is a name, else is `17` and `Cyber`."""
    found: list[str] = []
    for token in _TOKEN.findall(piece):
        mixed = token[:1].isdigit() and token.isalnum() and not token.isdigit()
        if mixed and fold(token) not in names:
            found += re.findall(r"\d+|\D+", token)
        else:
            found.append(token)
    return found


_NUMBER_TIMES = re.compile(r"(\d+)(?:\s*x\s*(\d+))?", re.IGNORECASE)
_NUMBERS_TIMES = re.compile(r"\s*\d+(?:\s*x\s*\d+)?(?:\s+\d+(?:\s*x\s*\d+)?)*\s*", re.IGNORECASE)


def _numbers_with_times(piece: str, choices: Sequence[Choice]) -> list[tuple[Choice, int]]:
    """`5 7x2`: numbers of the list (or names that are numbers, `3018`), each with its `x` count
    (1 without): the fifth once, the seventh twice. Empty if `piece` is not written so."""
    if not _NUMBERS_TIMES.fullmatch(piece) or "x" not in piece.lower():
        return []
    pairs = []
    for number, times in _NUMBER_TIMES.findall(piece):
        choice = _exact(number, choices)
        if choice is None:
            raise UserError("declarations.unknown_counted", got=shown(number), **_example(choices))
        pairs.append((choice, int(times or 1)))
    return pairs


def _refuse_unclear_numbers(text: str, choices: Sequence[Choice]) -> None:
    """`3018 2` could be the 3018 twice, or the 3018 and the second of the list: asked back.
    Numbers that are all names (`3018 119`) or all positions (`5 7`) are clear."""
    names = _names(choices)
    for part in _SEPARATORS.split(text.strip()):
        numbers = part.split()
        if len(numbers) > 1 and all(number.isdigit() for number in numbers):
            named = [number for number in numbers if fold(number) in names]
            if named and len(named) < len(numbers):
                raise UserError(
                    "declarations.counted_unclear", got=shown(part), **_example(choices)
                )


def _counted_piece(piece: str, choices: Sequence[Choice]) -> list[tuple[Choice, int]]:
    """`échanges`, `échanges 8`, `8 échanges`, `échanges : 8`, `8 échanges 3 conseils`: each
    option named with its number (1 when there is none). A number that could go with either of
    two names is asked back."""
    whole = _exact(piece, choices)
    if whole is not None and not piece.strip().isdigit():
        return [(whole, 1)]
    names = _names(choices)
    items: list[int | str] = []
    joined = False  # after `x`, a number is a count even if it names a relay (`3018 x119`)
    for token in _tokens(piece, names):
        if token.isdecimal() and (joined or fold(token) not in names):
            items.append(int(token))
        elif fold(token) in _JOINERS and items:
            joined = fold(token) == "x"  # `2 fois 3018`: the count comes before
            continue
        elif items and isinstance(items[-1], str):
            longer = f"{items[-1]} {token}"
            numbered = token.isdecimal() or items[-1].isdecimal()
            if numbered and not any(name.startswith(fold(longer)) for name in names):
                # `Fil Santé Jeunes 119`: 119 times, or the 119 too? Asked back.
                raise UserError(
                    "declarations.counted_unclear", got=shown(piece), **_example(choices)
                )
            items[-1] = longer
        else:
            items.append(token)
        joined = False
    counts = items[0::2] if items and isinstance(items[0], int) else items[1::2]
    labels = items[1::2] if items and isinstance(items[0], int) else items[0::2]
    if len(items) == 1 and isinstance(items[0], str):
        counts = [1]
    elif not (
        len(items) % 2 == 0
        and all(isinstance(c, int) for c in counts)
        and all(isinstance(label, str) for label in labels)
    ):
        raise UserError("declarations.counted_unclear", got=shown(piece), **_example(choices))
    pairs = []
    for label, count in zip(labels, counts, strict=True):
        choice = _choose(str(label), choices)
        if choice is None:
            raise UserError(
                "declarations.unknown_counted", got=shown(str(label)), **_example(choices)
            )
        pairs.append((choice, int(count)))
    return pairs


def _example(choices: Sequence[Choice]) -> dict[str, str]:
    return {"first": choices[0].label, "second": choices[1 % len(choices)].label}


def parse_counted(
    text: str, choices: Sequence[Choice], allow_none: bool, positional: bool = True
) -> dict[str, int]:
    """Options with a count each, the count before or after the name (`échanges 5, conseils 2`,
    `8 échanges et 3 conseils`, numbers in words too), or `5 2 1 0` in the list's order
    (`positional`), or else numbers of the list (`3 5`, once each)."""
    if fold(text) in _NONE_WORDS:
        if allow_none:
            return {}
        raise UserError("declarations.no_answer")
    stripped = _in_digits(text.strip())
    if positional and re.fullmatch(r"[\d\s]+", stripped):
        numbers = [int(n) for n in stripped.split()]
        if len(numbers) > len(choices):
            raise UserError(
                "declarations.too_many_numbers", numbers=len(numbers), headings=len(choices)
            )
        counts = {c.label: n for c, n in zip(choices, numbers, strict=False)}
    else:
        _refuse_unclear_numbers(stripped, choices)
        counts = {}
        for piece in _pieces(stripped, choices):
            if re.fullmatch(r"[\d\s]+", piece.strip()):  # numbers of the list, once each
                found = [_exact(number, choices) for number in piece.split()]
                pairs = [(choice, 1) for choice in found if choice is not None]
                if len(pairs) < len(found):
                    raise UserError(
                        "declarations.unknown_counted", got=shown(piece), **_example(choices)
                    )
            else:
                pairs = _numbers_with_times(piece, choices) or _counted_piece(piece, choices)
            for choice, count in pairs:
                counts[choice.label] = counts.get(choice.label, 0) + count
    for label, count in counts.items():
        if count > MAX_COUNT:
            raise UserError("declarations.counted_range", label=label, count=count, most=MAX_COUNT)
    return {c.label: counts[c.label] for c in choices if counts.get(c.label)}


def parse_remark(text: str) -> str:
    """A free remark, without anything that could identify a young person."""
    remark = " ".join(cleaned(text).split())
    if len(remark) > MAX_REMARK:
        raise UserError("declarations.remark_too_long", length=len(remark), most=MAX_REMARK)
    found = find_identifiers(remark)
    if found:  # said by kind only: the reply is stored too, and must not repeat them
        raise UserError(
            "declarations.remark_identifies", kinds=and_list([kind.label for kind in kinds(found)])
        )
    return remark


def format_hours(value: float) -> str:
    """3.5 -> `3 h 30`."""
    hours, minutes = divmod(round(value * 60), 60)
    return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"
