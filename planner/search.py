"""Offline search over food records: every query word must match a word of the name
(prefixes count, word order does not), better matches first. Built once per catalog.

No I/O; the caller passes the foods. Scoring is vectorised with numpy over boolean masks,
so a common word ("milk", hundreds of hits) costs about what a rare one does.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from itertools import combinations
from typing import Iterable

import numpy as np

from planner.errors import QueryError
from planner.food import DietMode, Food

_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[a-z]+")
MAX_QUERY_WORDS = 12
MAX_EXACT_HEAD_WORDS = 4


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def tokens(text: str) -> list[str]:
    """Lower-case singular words and numbers ("2%" stays one token; "hard-boiled" is two)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [_singular(word) for word in _TOKEN.findall(folded)]


def query_words(query: str) -> list[str]:
    """The distinct words of a query; an empty or all-punctuation query is refused."""
    words = list(dict.fromkeys(tokens(query)))[:MAX_QUERY_WORDS]
    if not words:
        raise QueryError("Type a food name to search, e.g. 'milk' or 'beef liver'.")
    return words


def _postings(pairs: Iterable[tuple[str, int]]) -> dict[str, np.ndarray]:
    grouped: dict[str, set[int]] = {}
    for word, position in pairs:
        grouped.setdefault(word, set()).add(position)
    return {word: np.fromiter(sorted(ids), dtype=np.int32) for word, ids in grouped.items()}


class SearchIndex:
    """Inverted indexes from words to food positions, plus a sorted vocabulary for prefixes.

    Ranking, best first: more query words matched as whole words, more matched in the
    name's head (before the first comma: what the food *is*), a head made only of query
    words, a name that starts with the first query word, then shorter, more generic names.
    """

    def __init__(self, foods: Iterable[Food]):
        self.foods: list[Food] = list(foods)
        size = len(self.foods)
        word_lists = [tokens(food.description) for food in self.foods]
        head_lists = [tokens(food.description.split(",", 1)[0]) for food in self.foods]
        self._words = _postings((w, i) for i, ws in enumerate(word_lists) for w in ws)
        self._head = _postings((w, i) for i, ws in enumerate(head_lists) for w in ws)
        self._first = _postings((ws[0], i) for i, ws in enumerate(word_lists) if ws)
        exact: dict[frozenset[str], list[int]] = {}
        for i, head in enumerate(head_lists):
            if head and len(set(head)) <= MAX_EXACT_HEAD_WORDS:
                exact.setdefault(frozenset(head), []).append(i)
        self._exact_head = {key: np.array(ids, dtype=np.int32) for key, ids in exact.items()}
        self._vocabulary = sorted(self._words)
        order = sorted(range(size), key=lambda i: (len(word_lists[i]), self.foods[i].description))
        self._static_rank = np.empty(size, dtype=np.int32)
        self._static_rank[order] = np.arange(size, dtype=np.int32)
        self._diet_rank = np.array([food.diet.rank for food in self.foods], dtype=np.int8)
        self._size = size
        self._word_masks = lru_cache(maxsize=512)(self._word_masks_uncached)

    def clear_cache(self) -> None:
        """Forget cached per-word masks (benchmarks measure the cold path with it)."""
        self._word_masks.cache_clear()

    def _mask(self, postings: dict[str, np.ndarray], words: Iterable[str]) -> np.ndarray:
        mask = np.zeros(self._size, dtype=bool)
        for word in words:
            ids = postings.get(word)
            if ids is not None:
                mask[ids] = True
        return mask

    def _word_masks_uncached(self, query_word: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(any word has the prefix, whole-word hit, head prefix hit, first-word prefix hit)."""
        start = bisect.bisect_left(self._vocabulary, query_word)
        end = bisect.bisect_left(self._vocabulary, query_word + "\uffff", lo=start)
        prefixed = self._vocabulary[start:end]
        return (self._mask(self._words, prefixed), self._mask(self._words, [query_word]),
                self._mask(self._head, prefixed), self._mask(self._first, prefixed))

    def search(self, query: str, diet: DietMode | None = None, limit: int = 20) -> list[Food]:
        """Foods whose names hold every query word (as a word or a word's prefix)."""
        words = query_words(query)
        matched = np.ones(self._size, dtype=bool)
        whole = np.zeros(self._size, dtype=np.int16)
        in_head = np.zeros(self._size, dtype=np.int16)
        for word in words:
            any_hit, whole_hit, head_hit, _ = self._word_masks(word)
            matched &= any_hit
            whole += whole_hit
            in_head += head_hit
        if diet is not None:
            matched &= self._diet_rank <= diet.rank
        candidates = np.flatnonzero(matched)
        if candidates.size == 0 or limit < 1:
            return []
        exact = np.zeros(self._size, dtype=np.int16)
        for size in range(1, min(len(words), MAX_EXACT_HEAD_WORDS) + 1):
            for subset in combinations(words, size):
                ids = self._exact_head.get(frozenset(subset))
                if ids is not None:
                    exact[ids] = 1
        starts = self._word_masks(words[0])[3]
        score = ((whole * 32 + in_head) * 2 + exact) * 2 + starts
        order = np.lexsort((self._static_rank[candidates], -score[candidates]))
        return [self.foods[i] for i in candidates[order[:limit]]]
