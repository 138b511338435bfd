"""What may be offered to a person, best first, and what of it they are shown.

It depends on the person only, not on their day: an app works it out once per profile
(`rank_sources`) and passes it to `suggest` for each day. Order: the staples of their diet,
then everyday foods, fortified products and the rest; fortified first where IOM's advice or
a vegan diet calls for it; FNDDS's foods (as people eat them) before SR's; near-duplicates (a
dozen cereals of one brand) folded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from planner.advice.eligibility import blocked_reason, source_for
from planner.advice.staples import fortified_first, staple_sources
from planner.food import FNDDS_DATA_TYPE, Food
from planner.profile import Profile
from planner.results import Source
from planner.search import SearchIndex
from planner.words import stems

PLAN_CANDIDATES = 40  # the day plan looks at the staples and this many of the next-ranked foods
SHOWN_AT_LEAST = 6  # other everyday or fortified foods fill the list up to this when staples are few


@dataclass(frozen=True)
class Ranking:
    """What may be offered to a person, best first, and what of it they are shown."""

    shown: tuple[Source, ...]
    planned_from: tuple[Source, ...]  # the staples and the next PLAN_CANDIDATES: what a day plan draws on


def rank_sources(foods: Iterable[Food], profile: Profile, index: SearchIndex | None = None) -> Ranking:
    ranked = candidate_sources(foods, profile, index)
    staples = len([s for s in ranked if s.staple])
    return Ranking(tuple(shown_sources(ranked)), ranked[:staples + PLAN_CANDIDATES])


def candidate_sources(foods: Iterable[Food], profile: Profile, index: SearchIndex | None = None) -> tuple[Source, ...]:
    """Every food that may be offered, best first: staples, everyday foods, fortified products, the rest."""
    staples = staple_sources(index, profile) if index is not None else []
    staple_ids = {s.id for s in staples}
    others: list[tuple[tuple, Source]] = []
    first_fortified = fortified_first(profile)
    for food in foods:
        if food.id in staple_ids or blocked_reason(food, profile) is not None:
            continue
        source = source_for(food, profile)
        tier = 0 if food.everyday else 1 if food.fortified else 2
        first = 0 if (food.fortified and first_fortified) else 1
        as_eaten = food.data_type != FNDDS_DATA_TYPE  # FNDDS's foods, as people eat them, before SR's
        others.append(((tier, first, as_eaten, -source.b12_ug_per_serving, food.id), source))
    others.sort(key=lambda pair: pair[0])
    return tuple(staples + [source for _, source in others])


@lru_cache(maxsize=65_536)
def _group_key(food: Food) -> tuple[str, str]:
    """Near-duplicates share a group and the first word of the name (cereals, SILK, Fish …)."""
    words = stems(food.description)
    return (food.food_group or "", words[0] if words else "")


def shown_sources(sources: Sequence[Source]) -> list[Source]:
    """What a person sees: every staple of their diet; other everyday or fortified foods only where
    staples are few (a vegan's list), near-duplicates folded."""
    staples = [s for s in sources if s.staple]
    rest = [s for s in sources if not s.staple and (s.food.everyday or s.food.fortified)]
    return staples + group_near_duplicates(rest, max(SHOWN_AT_LEAST - len(staples), 0))


def group_near_duplicates(sources: Sequence[Source], shown: int) -> list[Source]:
    """The best of each group, saying how many more like it were folded away."""
    counts: dict[tuple[str, str], int] = {}
    for source in sources:
        counts[_group_key(source.food)] = counts.get(_group_key(source.food), 0) + 1
    kept: list[Source] = []
    taken: set[tuple[str, str]] = set()
    for source in sources:
        key = _group_key(source.food)
        if key in taken:
            continue
        taken.add(key)
        kept.append(replace(source, more_like_this=counts[key] - 1))
        if len(kept) >= shown:
            break
    return kept
