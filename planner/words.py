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
    phrases: tuple[tuple[re.Pattern[str], str], ...] = ()  # synonyms of several words ("garbanzo beans")


@lru_cache(maxsize=1)
def vocabulary(path: Traversable = SEARCH_TERMS) -> Vocabulary:
    compounds: dict[str, tuple[str, ...]] = {}
    synonyms: dict[str, tuple[str, ...]] = {}
    phrases: list[tuple[str, str]] = []
    for row in csv_rows(path):
        term = " ".join(tokens(row["term"]))
        if row["kind"] == "synonym" and " " in term:
            phrases.append((term, " ".join(tokens(row["means"]))))
            continue
        table = compounds if row["kind"] == "compound" else synonyms
        table[term] = tuple(tokens(row["means"]))
    longest_first = sorted(phrases, key=lambda pair: -len(pair[0]))
    return Vocabulary(compounds, synonyms, tuple((re.compile(rf"\b{re.escape(term)}\b"), means)
                                                 for term, means in longest_first))


def tokens(text: str) -> list[str]:
    """Folded words and numbers as written, compounds not split (needs no vocabulary file)."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=131_072)
def words(text: str) -> tuple[str, ...]:
    """Folded words and numbers, compounds split ("2%" stays one word; "hard-boiled" is two). Cached:
    the names of 14,000 foods repeat the same segments (" raw", " cooked")."""
    compounds = vocabulary().compounds
    return tuple(part for word in tokens(text) for part in compounds.get(word, (word,)))


# Words that join a query's food words ("mac and cheese", "eggs with bacon") and that USDA's names
# join differently ("Macaroni or noodles with cheese"): not required to match.
JOINING_WORDS = frozenset({"and", "or", "with", "of", "the", "a", "an", "in", "on", "n"})


def query_words(text: str) -> list[str]:
    """A query's words with synonyms put in USDA's terms ("yoghurt" -> "yogurt"), joining words set
    aside unless they are all there is."""
    known = vocabulary()
    said = " ".join(tokens(text))
    for phrase, means in known.phrases:
        said = phrase.sub(means, said)
    out: list[str] = []
    for word in words(said):
        out.extend(known.synonyms.get(word, (word,)))
    return [word for word in out if word not in JOINING_WORDS] or out


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]
