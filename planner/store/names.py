"""Names of plans and clients: kept as typed (NFC), compared case-folded. Pure; no I/O.

Any script works ("Мой план", "我的计划", "!!!" and "Food" are four names); "Client A" and
"client a" are one. Control characters (NUL included) and lone surrogates are refused.
"""

from __future__ import annotations

import unicodedata

from planner.errors import InvalidName

MAX_NAME_CHARS = 200
REFUSED_CATEGORIES = {"Cc": "a control character", "Cs": "a lone surrogate"}


def clean_name(text: str, kind: str) -> str:
    """The name to keep: NFC, outer spaces trimmed; raises InvalidName with the reason."""
    if not isinstance(text, str):
        raise InvalidName(f"A {kind} name must be text.")
    name = unicodedata.normalize("NFC", text).strip()
    for char in name:
        category = unicodedata.category(char)
        if category in REFUSED_CATEGORIES:
            raise InvalidName(f"A {kind} name cannot contain {REFUSED_CATEGORIES[category]} "
                              f"(U+{ord(char):04X}); type it without one.")
    if not name:
        raise InvalidName(f"Type a name for the {kind} first.")
    if len(name) > MAX_NAME_CHARS:
        raise InvalidName(f"A {kind} name can be at most {MAX_NAME_CHARS} characters (this one has {len(name)}).")
    return name


def name_key(name: str) -> str:
    """The form names are compared in: case-folded, NFC (Unicode's caseless matching)."""
    return unicodedata.normalize("NFC", name.casefold())
