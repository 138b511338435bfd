"""The everyday foods of each diet, found with the same search people use, so a staple is the
food its name means to them ("milk" is fluid milk, not dried buttermilk)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from planner.advice.eligibility import blocked_reason, source_for
from planner.diet import ANIMAL_GROUPS
from planner.everyday import plain_national_cereal
from planner.food import DietMode, Food
from planner.profile import Profile
from planner.results import Source
from planner.search import SearchIndex


@dataclass(frozen=True)
class Staple:
    """A food a person of this diet recognises and eats: found with the search people use."""

    kind: str
    query: str
    meals: tuple[str, ...]
    fortified: bool = False  # a fortified product (first when IOM's over-50 advice applies)
    preferred: Callable[[Food], bool] | None = None  # the product a dietitian names first, when found


ANY_MEAL = ("breakfast", "lunch", "dinner", "snacks")


def unsweetened(food: Food) -> bool:
    """Plant milks: the unsweetened one first (no added sugar; CACFP's rule for young children too)."""
    return "unsweetened" in food.description.lower()


STAPLES: tuple[Staple, ...] = (
    Staple("milk", "milk", ANY_MEAL),
    Staple("eggs", "boiled egg", ("breakfast", "lunch")),
    Staple("yogurt", "yogurt", ("breakfast", "dinner", "snacks")),
    Staple("cheese", "cheddar", ("lunch", "dinner", "snacks")),
    Staple("salmon", "salmon", ("lunch", "dinner")),
    Staple("tuna", "tuna canned", ("lunch", "dinner")),
    Staple("sardines", "sardines", ("lunch", "dinner")),
    Staple("trout", "trout", ("lunch", "dinner")),
    Staple("beef", "beef ground", ("lunch", "dinner")),
    Staple("clams", "clams", ("lunch", "dinner")),
    Staple("fortified cereal", "fortified cereal", ("breakfast",), fortified=True,
           preferred=lambda food: plain_national_cereal(food.description, food.common_names)),
    Staple("fortified soy milk", "fortified soy milk", ANY_MEAL, fortified=True, preferred=unsweetened),
    Staple("fortified almond milk", "fortified almond milk", ANY_MEAL, fortified=True, preferred=unsweetened),
    Staple("fortified rice milk", "fortified rice milk", ANY_MEAL, fortified=True),  # FNDDS: one kind
    Staple("yeast extract", "yeast extract", ("breakfast", "lunch"), fortified=True),
)
STAPLE_SEARCH_DEPTH = 12  # how far down a staple's search results to look for an eligible food
PREFERRED_DEPTH = 80  # how far to look for the preferred product before taking the best of the first 12


def fortified_first(profile: Profile) -> bool:
    """Fortified foods lead for vegans and where IOM advises them (over 50, poor absorption)."""
    return profile.fortified_first or profile.diet is DietMode.VEGAN


def staple_sources(index: SearchIndex, profile: Profile) -> list[Source]:
    """The staples of this person's diet they may eat, each as the everyday food its name means."""
    found: list[Source] = []
    taken: set[str] = set()
    for staple in STAPLES:
        depth = STAPLE_SEARCH_DEPTH if staple.preferred is None else PREFERRED_DEPTH
        result = index.find(staple.query, diet=profile.diet, leave_out=profile.exclude, limit=depth)
        fitting = [food for food in result.foods
                   if food.id not in taken and (food.everyday or food.fortified)
                   and (food.fortified if staple.fortified else food.food_group in ANIMAL_GROUPS)
                   and blocked_reason(food, profile) is None]
        preferred = [food for food in fitting if staple.preferred and staple.preferred(food)]
        first_ones = [food for food in fitting if food in result.foods[:STAPLE_SEARCH_DEPTH]]
        for food in (preferred or first_ones)[:1]:
            found.append(source_for(food, profile, staple.kind, staple.meals))
            taken.add(food.id)
    return sorted(found, key=lambda s: not (s.food.fortified and fortified_first(profile)))  # stable: STAPLES order
