"""Names of plans and clients: kept as typed (NFC), compared in a folded form. Pure; no I/O.

Any script works ("Мой план", "我的计划", "!!!" and "Food" are four names); "Client A",
"client a" and "Client\u00a0A" are one. Refused, because they make one name pass for another or
hide part of it: control and lone surrogate characters; invisible and text-direction (format)
characters and line or paragraph separators; more than a few combining marks on one character;
Latin letters mixed with Cyrillic or Greek ones inside one word ("Сlient" with a Cyrillic С).
The zero-width joiner and non-joiner stay where a script or an emoji needs them (Persian,
Indic scripts, "👩‍⚕️"), never beside a Latin, Greek or Cyrillic letter.
"""

from __future__ import annotations

import unicodedata
from typing import Callable

from planner.errors import InvalidName

MAX_NAME_CHARS = 200
MAX_MARKS_ON_ONE_CHARACTER = 4  # Thai, Tibetan and Indic clusters need up to about three
REFUSED_CATEGORIES = {
    "Cc": "a control character",
    "Cs": "a lone surrogate",
    "Cf": "an invisible or text-direction character",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}
JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner
# Letters that are blank on screen though not in category Cf: the Hangul fillers and the
# combining grapheme joiner.
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f")
VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))  # emoji or text style of the character before
# Alphabets with letters that look alike (Latin C, Cyrillic С, Greek Ϲ): one word keeps to one of them.
LOOK_ALIKE_ALPHABETS = ("LATIN", "CYRILLIC", "GREEK")


def _alphabet(char: str) -> str | None:
    """LATIN, CYRILLIC or GREEK for a letter of one of those alphabets (by its Unicode name); else None."""
    word = unicodedata.name(char, "").split(" ", 1)[0]
    return word if word in LOOK_ALIKE_ALPHABETS else None


def _joiner_in_place(name: str, index: int) -> bool:
    """A joiner between two visible characters, after one outside the look-alike alphabets."""
    before = name[index - 1] if index else ""
    after = name[index + 1] if index + 1 < len(name) else ""
    return (bool(before) and bool(after) and not before.isspace() and not after.isspace()
            and not before.isascii() and _alphabet(before) is None and after not in JOINERS)


def _refused_character(name: str) -> tuple[str, str] | None:
    """The first character the name cannot hold, with what it is; None when there is none."""
    for index, char in enumerate(name):
        category = unicodedata.category(char)
        if char in JOINERS and _joiner_in_place(name, index):
            continue
        if category in REFUSED_CATEGORIES:
            return char, REFUSED_CATEGORIES[category]
        if char in INVISIBLE:
            return char, REFUSED_CATEGORIES["Cf"]
    return None


def _longest_mark_run(name: str) -> int:
    longest = run = 0
    for char in name:
        run = run + 1 if unicodedata.category(char).startswith("M") else 0
        longest = max(longest, run)
    return longest


def _words(name: str) -> list[str]:
    """Runs of letters and marks: what a reader takes in as one word."""
    spaced = "".join(char if unicodedata.category(char)[0] in "LM" else " " for char in name)
    return spaced.split()


def _mixed_word(name: str) -> tuple[str, list[str]] | None:
    """The first word mixing look-alike alphabets, and those alphabets in order; None when none does."""
    for word in _words(name):
        found = sorted({alphabet for alphabet in map(_alphabet, word) if alphabet is not None},
                       key=LOOK_ALIKE_ALPHABETS.index)
        if len(found) > 1:
            return word, found
    return None


def clean_name(text: str, kind: str) -> str:
    """The name to keep: NFC, outer spaces trimmed; raises InvalidName with the reason."""
    if not isinstance(text, str):
        raise InvalidName(f"A {kind} name must be text.")
    name = unicodedata.normalize("NFC", text).strip()
    refused = _refused_character(name)
    if refused is not None:
        char, what = refused
        raise InvalidName(f"A {kind} name cannot contain {what} (U+{ord(char):04X}); type it without one.")
    if not name:
        raise InvalidName(f"Type a name for the {kind} first.")
    if len(name) > MAX_NAME_CHARS:
        raise InvalidName(f"A {kind} name can be at most {MAX_NAME_CHARS} characters (this one has {len(name)}).")
    marks = _longest_mark_run(name)
    if marks > MAX_MARKS_ON_ONE_CHARACTER:
        raise InvalidName(f"A {kind} name can have at most {MAX_MARKS_ON_ONE_CHARACTER} accents or other "
                          f"combining marks on one character (this one has {marks} in a row).")
    mixed = _mixed_word(name)
    if mixed is not None:
        word, alphabets = mixed
        raise InvalidName(f"A {kind} name cannot mix {' and '.join(a.title() for a in alphabets)} letters in one "
                          f"word ('{word}'), since they look alike; type the word in one alphabet.")
    return name


def _ignored_in_key(char: str) -> bool:
    """Invisible characters: they never tell two names apart (rows saved before they were refused)."""
    return (unicodedata.category(char) == "Cf" or char in INVISIBLE
            or any(ord(char) in selectors for selectors in VARIATION_SELECTORS))


def name_key(name: str) -> str:
    """The form names are compared in: NFKC and case-folded (Unicode's compatibility caseless
    match), invisible characters dropped, any run of whitespace one space. So "Client\u00a0plan",
    "client  plan" and "Ｃlient plan" are "client plan"."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(char for char in folded if not _ignored_in_key(char)).split())


def _numbered(name: str, number: int) -> str:
    suffix = f" ({number})"
    return name[:MAX_NAME_CHARS - len(suffix)] + suffix


def free_name(name: str, taken: Callable[[str], bool]) -> str:
    """The name, else "name (2)", "name (3)" …: the first whose key is not `taken`, cut to the length limit."""
    candidate, number = name, 1
    while taken(name_key(candidate)):
        number += 1
        candidate = _numbered(name, number)
    return candidate
