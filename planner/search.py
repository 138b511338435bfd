"""Offline food search that behaves like a search people trust. No I/O.

Matching: every query word must match a word of the name or of SR's common names — the
same word after folding case, accents and plurals ("Eggs" = "egg"), compounds either way
("soy milk" = "soymilk"), synonyms from planner/data/search_terms.csv ("nori" = "laver"), or, for
words of three letters or more, the start of a word ("chedd"). "fortified" matches foods
with B12 added.

Ranking, best first, as a key a test can read (`SearchIndex.explain`):
1. the food the words *name*: every word matches whole, and one of them sits in the name's
   head (its first segment, or the next ones after a category such as "Fish," or a brand)
   or in a common name — before foods that merely contain the words;
2. plain forms before dried, powdered, infant, commodity, restaurant items and odd parts
   (giblets, neck …) unless the query asks for them: people who type "milk" mean fluid milk;
3. everyday foods (SR's Survey flag) first;
4. the words together as typed ("almond milk" before "milk chocolate, with almonds");
5. more query words in the head; 6. a known B12 value before an unknown one;
7. fewer other words in the head, then shorter names, then NDB order (stable).

A multi-word query that names no food finds nothing, so the answer can say the bundled data
lacks it (oat milk) instead of listing foods that only mention the words. Vectorised with
numpy over boolean masks, so a common word costs about what a rare one does.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Iterable, Sequence

import numpy as np

from planner.diet import MEAT_FISH_GROUPS, MIXED_DISH_GROUPS
from planner.errors import QueryError
from planner.exclusions import exclusion_reason
from planner.food import FNDDS_DATA_TYPE, SR_PREFIX, DietMode, Food
from planner.words import JOINING_WORDS, fold, query_words, stem, tokens, words

MAX_QUERY_WORDS = 12
MIN_PREFIX_CHARS = 3
FORTIFIED_WORD = "fortified"

# Name segments that file a food under a category: the food itself is named after them.
# ("Pork, cured, bacon" is bacon; "Beverages, almond milk" is almond milk.)
CATEGORY_HEADS = frozenset({
    "fish", "mollusks", "crustaceans", "beverages", "cereals", "cereals ready-to-eat", "candies", "snacks",
    "babyfood", "fast foods", "restaurant", "alcoholic beverage", "alcoholic beverages", "usda commodity",
    "game meat", "nuts", "seeds", "spices", "sweeteners", "syrups", "toppings", "frozen novelties",
    "formulated bar", "oil", "pork", "beef", "lamb", "veal", "chicken", "turkey", "cheese", "milk", "yogurt",
    "egg", "cured", "fresh", "broilers or fryers", "broiler or fryers", "roasting", "stewing", "seaweed",
    "potato", "potatoes", "cereal", "bread", "roll", "rolls",
})
# Forms and parts people do not mean unless they say so: each is one bit.
SPECIAL_WORDS = (
    "dried", "dry", "powder", "powdered", "dehydrated", "freeze", "concentrate", "mix", "mixture", "infant",
    "formula", "babyfood", "toddler", "human", "commodity", "restaurant", "fast", "imitation", "substitute",
    "meatless", "industrial", "evaporated", "condensed", "deli", "prepackaged", "breaded", "battered",
    "tenders", "nuggets", "rotisserie", "kit", "giblets", "neck", "skin", "gizzard", "heart", "kidney",
    "brain", "lung", "spleen", "tongue", "tripe", "feet", "separable", "variety", "mechanically", "smoked",
    "liquid", "chocolate", "pickled",
)
# Words that qualify the plain food: a first segment made of the query's words and these
# is the food itself ("Cereals ready-to-eat" for "cereal").
PLAIN_QUALIFIERS = frozenset(stem(w) for w in (
    "whole", "raw", "fresh", "plain", "regular", "fluid", "cooked", "ready", "to", "eat", "all", "types",
    "varieties", "mixed", "species", "original", "unsweetened", "sweetened", "salted", "unsalted", "meat",
    "only", "reduced", "fat", "lowfat", "low", "nonfat", "free", "lean", "brewed", "nfs", "boiled", "poached",
    "steamed", "baked", "roasted", "broiled", "grilled",
))
_CATEGORY_STEMS = frozenset(stem(w) for head in CATEGORY_HEADS for w in tokens(head))  # no file read at import
MEAT_FISH_RAW = re.compile(r"(?:^|, )raw\b")
# Animal foods people eat cooked: "eggs" is a cooked egg, not the raw egg of recipes ("Egg, whole, raw").
RAW_LAST_GROUPS = MEAT_FISH_GROUPS | {"Dairy and Egg Products"}
NOT_SPECIFIED = re.compile(r"\bns as to [^,]*|\bnfs\b")
# FNDDS categories of fruit and vegetables people mostly mean raw: "tomato" is a raw tomato.
RAW_FIRST_CATEGORIES = frozenset({
    "Apples", "Bananas", "Grapes", "Peaches and nectarines", "Strawberries", "Blueberries and other berries",
    "Citrus fruits", "Melons", "Other fruits and fruit salads", "Pears", "Pineapple", "Mango and papaya",
    "Tomatoes", "Lettuce and lettuce salads", "Onions", "Other vegetables and combinations",
})
# How it was cooked or eaten, not a dried food or a part ("skin eaten": FNDDS's chicken as served).
COOKING_PHRASES = re.compile(r"\b(?:dry|moist) heat\b|\bskin (?:not )?eaten\b|\bfrom (?:dried|raw|frozen|canned)\b")
_SPECIAL_STEMS = {stem(word): bit for bit, word in enumerate(SPECIAL_WORDS)}
_BRAND_SEGMENT = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")  # "GENERAL MILLS", "KELLOGG'S"


_NOT_KEPT = ("foods", "_word_masks", "_exclusion_masks")


@dataclass(frozen=True)
class SearchResult:
    """Foods best first, and an honest count of what matched and what the filters hid (bundled or
    FoodData Central's answer); planner.wording.search_message says what it means for the person."""

    foods: tuple[Food, ...]
    matches: int  # every food that matched, before the diet filter and leave-out words
    hidden_by_diet: int = 0
    hidden_by_exclusions: int = 0
    query: str = ""  # as typed
    diet: DietMode | None = None  # the diet filter, if any
    live: bool = False  # FoodData Central's answer, not the bundled data's

    @property
    def all_hidden(self) -> bool:
        """Foods matched, but the diet filter and the leave-out words hid every one."""
        return bool(self.matches) and self.hidden_by_diet + self.hidden_by_exclusions == self.matches

    @property
    def shown_of(self) -> int:
        """How many matches the filters left (the "of" in "25 of 132 matches")."""
        return self.matches - self.hidden_by_diet - self.hidden_by_exclusions


def search_words(query: str) -> list[str]:
    """The distinct words of a query; an empty or all-punctuation query is refused."""
    found = list(dict.fromkeys(query_words(query)))[:MAX_QUERY_WORDS]
    if not found:
        if any(ch.isalpha() for ch in query):
            raise QueryError("USDA names foods in English: type the food's English name, e.g. 'milk'.")
        raise QueryError("Type a food name to search, e.g. 'milk' or 'beef liver'.")
    return found


def _head_segments(description: str) -> int:
    """How many leading segments name the food: 1, plus one per category or brand segment."""
    segments = [s.strip() for s in description.split(",")]
    count = 1
    while count < len(segments) and (fold(segments[count - 1]) in CATEGORY_HEADS
                                     or _BRAND_SEGMENT.match(segments[count - 1])):
        count += 1
    return count


@dataclass(frozen=True)
class _FoodWords:
    stems: frozenset[str]  # every word of name and common names
    head: frozenset[str]  # words that name the food
    bigrams: frozenset[tuple[str, str]]  # adjacent words within a segment
    raw: frozenset[str]  # unstemmed, for prefixes
    raw_head: frozenset[str]  # unstemmed head words, for prefixes
    head_size: int
    first_segment: frozenset[str]  # the first segment's words, plain qualifiers set aside
    made_of: frozenset[str]  # a food of one ingredient it is also called by: that ingredient's first segment
    head_qualifiers: frozenset[str]  # head words that make it a variant ("buttermilk", "yolk", "canned")
    named_by: tuple[frozenset[str], ...]  # each name's words that say what it is (the name, then the common
    # names), plain qualifiers set aside


def _naming_common_names(food: Food) -> list[str]:
    """The common names that name the food. Not a dish's that only names one of its ingredients: FNDDS lists a
    dish's variants so ("Soup, pho, no meat": "tofu"; "Lentil curry": "chickpea"); still searched, not a name.
    A food that is not a dish is what its common names say (a cereal of its grains and added vitamins)."""
    if food.food_group not in MIXED_DISH_GROUPS or len(food.ingredients) < 2:
        return list(food.common_names)
    named = {stem(w) for part in food.ingredients for text in (part.description.split(",")[0], *part.common_names)
             for w in words(text)}

    def ingredient_only(common: str) -> bool:
        said = {stem(w) for w in words(common) if w not in JOINING_WORDS} - PLAIN_QUALIFIERS
        return bool(said) and said <= named
    return [common for common in food.common_names if not ingredient_only(common)]


def _food_words(food: Food) -> _FoodWords:
    segments = [s for s in food.description.split(",") if s.strip()]
    head_count = _head_segments(food.description)
    naming = _naming_common_names(food)
    names = [*segments, *naming, *(common for common in food.common_names if common not in naming)]
    segment_words = [words(text) for text in names]  # split once; stems and raw words both come from it
    segment_stems = [[stem(w) for w in seg] for seg in segment_words]
    head_stems = {s for seg in segment_stems[:head_count] for s in seg}
    naming_span = slice(len(segments), len(segments) + len(naming))  # the common names that name the food
    naming_stems = segment_stems[naming_span]
    head = head_stems | {s for seg in naming_stems for s in seg}  # common names name the food
    bigrams = {pair for seg in segment_stems for pair in pairwise(seg)}
    if len(segments) > 1 and segment_stems[0] and segment_stems[1]:
        bigrams.add((segment_stems[1][0], segment_stems[0][-1]))  # SR's inverted "Cheese, cream"
    raw = {w for seg in segment_words for w in seg}
    raw_head = {w for seg in [*segment_words[:head_count], *segment_words[naming_span]] for w in seg}
    first = (frozenset(stem(w) for w in segment_words[0] if w not in JOINING_WORDS) - PLAIN_QUALIFIERS
             if segment_stems else frozenset())  # "Pizza with pepperoni": pizza and pepperoni
    # made of one ingredient that one of its common names calls it by ("Soybean curd": "tofu", of "Tofu, soft, …")
    sole = (frozenset(stem(w) for w in words(food.ingredients[0].description.split(",")[0])) - PLAIN_QUALIFIERS
            if len(food.ingredients) == 1 else frozenset())
    made_of = sole if sole and sole in {frozenset(seg) - PLAIN_QUALIFIERS for seg in naming_stems} else frozenset()
    brands = {s for text, seg in zip(segments[:head_count], segment_stems, strict=False)
              if _BRAND_SEGMENT.match(text) for s in seg}
    unspecified = {stem(w) for phrase in NOT_SPECIFIED.findall(food.description.lower()) for w in words(phrase)}
    qualifiers = head_stems - PLAIN_QUALIFIERS - _CATEGORY_STEMS - brands - unspecified
    filed_under = {s for text, seg in zip(segments[:head_count - 1], segment_stems, strict=False)
                   if fold(text.strip()) in CATEGORY_HEADS for s in seg}  # "Fish, salmon": filed under fish
    said = NOT_SPECIFIED.sub(" ", food.description.lower())  # "NS as to major flour": nothing named
    # the name without the category it is filed under; FNDDS's common names as they are ("dinner roll" names a
    # roll filed under "Roll": its "roll" is part of that name)
    named_by = tuple(frozenset(stem(w) for w in words(name) if w not in JOINING_WORDS) - PLAIN_QUALIFIERS - filed
                     for name, filed in ((said, filed_under), *((NOT_SPECIFIED.sub(" ", common.lower()), frozenset())
                                                                for common in naming
                                                                if food.data_type == FNDDS_DATA_TYPE)))
    return _FoodWords(frozenset(s for seg in segment_stems for s in seg), frozenset(head), frozenset(bigrams),
                      frozenset(raw), frozenset(raw_head), len(head_stems), first, made_of, frozenset(qualifiers),
                      named_by)


def fndds_twins(foods: Iterable[Food]) -> frozenset[str]:
    """SR foods an FNDDS food is made of alone ("Milk, whole" of SR's whole milk), or whose value FNDDS
    gives anew: the same food twice, shown once near the top (the FNDDS one)."""
    twins = {food.ingredients[0].id for food in foods if len(food.ingredients) == 1}
    return frozenset({twin for twin in twins if twin.startswith(SR_PREFIX)}
                     | {food.id for food in foods if food.superseded is not None})


def _special_stems(food: Food) -> set[str]:
    return {s for s in map(stem, words(COOKING_PHRASES.sub(" ", fold(food.description)))) if s in _SPECIAL_STEMS}


def _special_bits(food: Food) -> int:
    return sum(1 << _SPECIAL_STEMS[s] for s in _special_stems(food))


def _postings(pairs: Iterable[tuple[object, int]]) -> dict:
    """Each key's positions, in order: the pairs come position by position, each key once per position."""
    grouped: dict[object, list[int]] = {}
    for key, position in pairs:
        grouped.setdefault(key, []).append(position)
    return {key: np.array(ids, dtype=np.int32) for key, ids in grouped.items()}


class SearchIndex:
    """Inverted indexes over the foods' words, built once per catalog."""

    def __init__(self, foods: Iterable[Food]):
        self.foods: list[Food] = [f for f in foods if not f.retired]
        self._size = len(self.foods)
        per_food = [_food_words(food) for food in self.foods]
        self._any = _postings((s, i) for i, fw in enumerate(per_food) for s in fw.stems)
        self._head = _postings((s, i) for i, fw in enumerate(per_food) for s in fw.head)
        self._bigram = _postings((b, i) for i, fw in enumerate(per_food) for b in fw.bigrams)
        raw = _postings((w, i) for i, fw in enumerate(per_food) for w in fw.raw)
        self._raw_vocabulary = sorted(raw)
        self._raw = raw
        self._raw_head = _postings((w, i) for i, fw in enumerate(per_food) for w in fw.raw_head)
        self._fortified = np.array([f.fortified for f in self.foods], dtype=bool)
        self._everyday = np.array([f.everyday for f in self.foods], dtype=bool)
        self._known_b12 = np.array([f.b12_ug_per_100g is not None for f in self.foods], dtype=bool)
        self._special = np.array([_special_bits(food) for food in self.foods], dtype=np.int64)
        self._head_size = np.array([fw.head_size for fw in per_food], dtype=np.int16)
        self._first_segment = _postings((w, i) for i, fw in enumerate(per_food) for w in fw.first_segment)
        self._first_size = np.array([len(fw.first_segment) for fw in per_food], dtype=np.int16)
        self._made_of = _postings((w, i) for i, fw in enumerate(per_food) for w in fw.made_of)
        self._made_of_size = np.array([len(fw.made_of) for fw in per_food], dtype=np.int16)
        names = [(i, name) for i, fw in enumerate(per_food) for name in fw.named_by]  # grouped by food, in order
        self._name_postings = _postings((w, entry) for entry, (_, name) in enumerate(names) for w in name)
        self._name_size = np.array([len(name) for _, name in names], dtype=np.int16)
        self._name_starts = np.flatnonzero(np.r_[True, np.diff([i for i, _ in names]) != 0])  # each food's first
        self._name_first = np.zeros(len(names), dtype=bool)
        self._name_first[self._name_starts] = True
        self._qualifier = _postings((w, i) for i, fw in enumerate(per_food) for w in fw.head_qualifiers)
        self._qualifier_count = np.array([len(fw.head_qualifiers) for fw in per_food], dtype=np.int16)
        self._cooked_raw_food = np.array([f.category in RAW_FIRST_CATEGORIES and not MEAT_FISH_RAW.search(
            fold(f.description)) for f in self.foods], dtype=bool)
        self._raw_animal = np.array([f.food_group in RAW_LAST_GROUPS and bool(MEAT_FISH_RAW.search(fold(f.description)))
                                     for f in self.foods], dtype=bool)
        self._generic = np.array([f.brand_owner is None for f in self.foods], dtype=bool)
        self._as_eaten = np.array([f.data_type == FNDDS_DATA_TYPE for f in self.foods], dtype=bool)
        twins = fndds_twins(self.foods)
        self._twin = np.array([f.id in twins for f in self.foods], dtype=bool)
        self._length = np.array([len(f.description) for f in self.foods], dtype=np.int16)
        self._diet_rank = np.array([f.diet.rank for f in self.foods], dtype=np.int8)
        self._position = {food.id: i for i, food in enumerate(self.foods)}
        self._add_caches()

    def _add_caches(self) -> None:
        self._word_masks = lru_cache(maxsize=1024)(self._word_masks_uncached)
        self._exclusion_masks = lru_cache(maxsize=32)(self._exclusion_mask_uncached)

    def state(self) -> dict[str, object]:
        """What the index was built into, without its foods (kept between runs: planner/datacache.py)."""
        kept = {name: value for name, value in vars(self).items() if name not in _NOT_KEPT}
        return {**kept, "food_ids": [food.id for food in self.foods]}

    @classmethod
    def from_state(cls, foods: Iterable[Food], state: dict[str, object]) -> "SearchIndex | None":
        """The index kept for these foods, or None when it was built for others."""
        current = [f for f in foods if not f.retired]
        if state.get("food_ids") != [food.id for food in current]:
            return None
        index = cls.__new__(cls)
        vars(index).update({name: value for name, value in state.items() if name != "food_ids"})
        index.foods = current
        index._add_caches()
        return index

    def clear_cache(self) -> None:
        """Forget cached per-word masks (benchmarks measure the cold path with it)."""
        self._word_masks.cache_clear()

    def _mask(self, ids: np.ndarray | None) -> np.ndarray:
        mask = np.zeros(self._size, dtype=bool)
        if ids is not None:
            mask[ids] = True
        return mask

    def _word_masks_uncached(self, word: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(matches at all, matches as a whole word, whole word in the head) for one query word."""
        if word == FORTIFIED_WORD:
            return self._fortified, self._fortified, np.zeros(self._size, dtype=bool)
        word_stem = stem(word)
        whole = self._mask(self._any.get(word_stem))
        matched, head = whole.copy(), self._mask(self._head.get(word_stem))
        if len(word) >= MIN_PREFIX_CHARS:
            for prefixed in self._prefixed(word):
                matched[self._raw[prefixed]] = True
                if prefixed in self._raw_head:
                    head[self._raw_head[prefixed]] = True
        return matched, whole, head

    def _exclusion_mask_uncached(self, leave_out: tuple[str, ...]) -> np.ndarray:
        return np.array([exclusion_reason(food, leave_out) is not None for food in self.foods], dtype=bool)

    def _prefixed(self, start: str) -> list[str]:
        """The words of the names that begin with `start` (the vocabulary is sorted)."""
        first = bisect.bisect_left(self._raw_vocabulary, start)
        return self._raw_vocabulary[first:bisect.bisect_left(self._raw_vocabulary, start + "\x7f", lo=first)]

    def _completed(self, term: str) -> str:
        """A word as typed so far ("chedd") completed to the commonest word it starts ("cheddar")."""
        if term == FORTIFIED_WORD or stem(term) in self._any or len(term) < MIN_PREFIX_CHARS:
            return term
        candidates = self._prefixed(term)
        return max(candidates, key=lambda word: (len(self._raw[word]), word)) if candidates else term

    def _ranked(self, typed: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Matching positions best first, and whether each one names the food."""
        candidates, keys = self._rank_keys(typed)
        if candidates.size == 0:
            return candidates, np.zeros(0, dtype=bool)
        order = np.lexsort((candidates, *(values for _, values in reversed(keys))))  # the first key decides first
        named = ~keys[0][1]
        return candidates[order], named[order]

    def _rank_keys(self, typed: Sequence[str]) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
        """The matching positions, and the ranking's keys over them, most significant first (lower first)."""
        terms = [self._completed(term) for term in typed]
        matched = np.ones(self._size, dtype=bool)
        all_whole = np.ones(self._size, dtype=bool)
        in_head = np.zeros(self._size, dtype=np.int16)
        for term in terms:
            any_hit, whole, head = self._word_masks(term)
            matched &= any_hit
            all_whole &= whole
            in_head += head
        candidates = np.flatnonzero(matched)
        if candidates.size == 0:
            return candidates, []
        named = (all_whole & (in_head > 0))[candidates]
        asked = sum(1 << _SPECIAL_STEMS[stem(t)] for t in terms if stem(t) in _SPECIAL_STEMS)
        plain = (self._special[candidates] & ~asked) == 0
        together = np.zeros(candidates.size, dtype=np.int16)
        stems = [stem(t) for t in terms if t != FORTIFIED_WORD]
        for pair in pairwise(stems):
            together += self._mask(self._bigram.get(pair))[candidates]
        first_asked = np.zeros(self._size, dtype=np.int16)
        made_of_asked = np.zeros(self._size, dtype=np.int16)
        qualifiers_asked = np.zeros(self._size, dtype=np.int16)
        names_asked = np.zeros(self._name_size.size, dtype=np.int16)
        for word_stem in set(stems):
            first_asked += self._mask(self._first_segment.get(word_stem))
            made_of_asked += self._mask(self._made_of.get(word_stem))
            qualifiers_asked += self._mask(self._qualifier.get(word_stem))
            hits = self._name_postings.get(word_stem)
            if hits is not None:
                names_asked[hits] += 1
        # the words the query did not ask, in the food's name or in a common name that holds every query word
        unasked_by_name = self._name_size - names_asked
        counted = self._name_first | (names_asked == len(set(stems)))
        unasked = np.minimum.reduceat(np.where(counted, unasked_by_name, np.iinfo(np.int16).max),
                                      self._name_starts)[candidates]
        exact_first = (first_asked[candidates] == self._first_size[candidates]) & (first_asked[candidates] > 0)
        # a food named otherwise ("Soybean curd") made of just what was asked ("Tofu, soft, …"); not "Goat milk"
        made_of_size = self._made_of_size[candidates]
        exact_first |= ((first_asked[candidates] == 0) & (made_of_asked[candidates] == made_of_size)
                        & (made_of_size == len(set(stems))))
        variant = self._qualifier_count[candidates] - qualifiers_asked[candidates]
        return candidates, [
            ("not_named", ~named),  # foods the words name first
            ("special_form", ~plain),  # plain forms first
            ("not_everyday", ~self._everyday[candidates]),  # everyday first
            ("sr_twin", self._twin[candidates]),  # an SR food after the FNDDS food made of it alone (one, not two)
            ("raw_animal", self._raw_animal[candidates]),  # meat, fish and eggs as eaten (cooked, canned) before raw
            ("first_not_query", ~exact_first),  # a first segment, or the one ingredient's, that is the query
            # ("Yogurt, …" before "Tofu yogurt"; "Soybean curd", made of "Tofu, …", before "Lentil curry" for tofu)
            ("cooked_not_raw", self._cooked_raw_food[candidates]),  # a raw tomato before a cooked one
            ("unasked_words", unasked),  # fewer words the query did not ask ("Coffee, brewed" before "Coffee, Cuban")
            ("not_as_eaten", ~self._as_eaten[candidates]),  # FNDDS's foods, as people eat them, before SR's
            ("variant_words", variant),  # fewer words that make it a variant ("Milk, whole" before "Milk, buttermilk")
            ("branded", ~self._generic[candidates]),  # the generic food before a brand's
            ("words_apart", -together),  # the words together as typed
            ("fewer_in_head", -in_head[candidates]),  # more query words in the head
            ("b12_unknown", ~self._known_b12[candidates]),  # a known B12 value first
            ("other_head_words", self._head_size[candidates] - in_head[candidates]),  # fewer other words in the head
            ("length", self._length[candidates]),  # shorter names
        ]

    def find(self, query: str, diet: DietMode | None = None, leave_out: Sequence[str] = (),
             limit: int = 20) -> SearchResult:
        """Foods for a query, best first, with the counts the diet and leave-out words hid."""
        terms = search_words(query)
        ranked, named = self._ranked(terms)
        if len(terms) > 1 and not named.any():
            ranked = ranked[:0]  # nothing is named this: do not list foods that merely mention the words
        if ranked.size == 0:
            return SearchResult((), 0, query=query)
        by_diet = (self._diet_rank[ranked] > diet.rank) if diet is not None else np.zeros(ranked.size, dtype=bool)
        leave = tuple(sorted({fold(w).strip() for w in leave_out if fold(w).strip()}))
        by_words = self._exclusion_masks(leave)[ranked] & ~by_diet if leave else np.zeros(ranked.size, dtype=bool)
        kept = ranked[~(by_diet | by_words)]
        return SearchResult(tuple(self.foods[i] for i in kept[:max(limit, 0)]), int(ranked.size),
                            int(by_diet.sum()), int(by_words.sum()), query, diet)

    def explain(self, query: str, food_id: str) -> dict[str, object]:
        """The ranking facts of one food for a query (why A ranks above B), or {} if it does not match."""
        terms = [self._completed(term) for term in search_words(query)]
        ranked, named = self._ranked(terms)
        position = self._position.get(food_id)
        if position is None:
            return {}
        hits = np.flatnonzero(ranked == position)
        if hits.size == 0:
            return {}
        food, at, food_words = self.foods[position], int(hits[0]), _food_words(self.foods[position])
        stems = [stem(t) for t in terms if t != FORTIFIED_WORD]
        asked = {stem(t) for t in terms}
        return {
            "rank": at + 1,
            "names_the_food": bool(named[at]),
            "special_forms": sorted(_special_stems(food) - asked),
            "everyday": food.everyday,
            "words_together": sum(1 for pair in pairwise(stems) if pair in food_words.bigrams),
            "words_in_head": sum(1 for s in stems if s in food_words.head),
            "b12_known": food.b12_ug_per_100g is not None,
            "keys": self._keys_of(terms, position),
        }

    def _keys_of(self, terms: Sequence[str], position: int) -> dict[str, int]:
        """One food's ranking keys for these terms, most significant first (lower ranks first)."""
        candidates, keys = self._rank_keys(terms)
        at = int(np.flatnonzero(candidates == position)[0])
        return {name: int(values[at]) for name, values in keys}
