"""Words as search and leave-out rules compare them: folded, split, and stemmed.

"Crème" and "creme", "eggs" and "egg", "berries" and "berry", "soymilk" and "soy milk" are
the same words here. The compounds and synonyms are a small reviewed table, kept as data
(planner/data/search_terms.csv, read through planner.snapshot), so a reviewer reads them
without reading code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable

from planner.snapshot import SEARCH_TERMS, csv_rows

_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[a-z]+")


def fold(text: str) -> str:
    """Lower case without accents ("Crème Fraîche" -> "creme fraiche"); other scripts drop out."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude English stem for plurals and simple inflections, the same for name and query."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in (("ies", "i"), ("oes", "o"), ("ches", "ch"), ("shes", "sh"),
                                ("sses", "ss"), ("xes", "x"), ("ie", "i")):
        if word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:-1] + "i" if word.endswith("y") else word


@dataclass(frozen=True)
class Vocabulary:
    """The reviewed compounds ("soymilk" = "soy milk") and synonyms ("nori" = "laver")."""

    compounds: dict[str, tuple[str, ...]]
    synonyms: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def vocabulary(path: Traversable = SEARCH_TERMS) -> Vocabulary:
    compounds: dict[str, tuple[str, ...]] = {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for row in csv_rows(path):
        table = compounds if row["kind"] == "compound" else synonyms
        table[fold(row["term"])] = tuple(tokens(row["means"]))
    return Vocabulary(compounds, synonyms)


def tokens(text: str) -> list[str]:
    """Folded words and numbers as written, compounds not split (needs no vocabulary file)."""
    return _TOKEN.findall(fold(text))


def words(text: str) -> list[str]:
    """Folded words and numbers, compounds split ("2%" stays one word; "hard-boiled" is two)."""
    compounds = vocabulary().compounds
    out: list[str] = []
    for word in tokens(text):
        out.extend(compounds.get(word, (word,)))
    return out


def query_words(text: str) -> list[str]:
    """A query's words with synonyms put in SR's terms ("yoghurt" -> "yogurt")."""
    synonyms = vocabulary().synonyms
    out: list[str] = []
    for word in words(text):
        out.extend(synonyms.get(word, (word,)))
    return out


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]
