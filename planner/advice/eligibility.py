"""Which foods may be offered to a person, and the serving each is offered in.

A food is offered only where it is a B12 source that counts (animal, or fortified), suits the
diet (vegan sources are fortified), breaks no safety rule for the person's life stage
(planner/safety.py), holds none of their leave-out words, and one serving stays within the
preformed vitamin A upper limit for their age. Cheap checks first; cached per food and person.
"""

from __future__ import annotations

from functools import lru_cache

from planner.caveats import food_caveats
from planner.diet import ANIMAL_GROUPS, MEAT_FISH_GROUPS
from planner.exclusions import exclusion_reason
from planner.food import DietMode, Food
from planner.notes import Caveat
from planner.profile import Profile
from planner.results import Serving, Source, SourceKind
from planner.safety import blocking_rule, is_liver, retinol_ul_ug
from planner.serving import serving_for

MAIN_MEALS = ("breakfast", "lunch", "dinner")
# Where a serving fits in the day, by kind (for foods that are not staples).
MEAL_FIT: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"Breakfast Cereals"}), ("breakfast",)),
    (MEAT_FISH_GROUPS, ("lunch", "dinner")),
)


@lru_cache(maxsize=65_536)
def serving_at_age(food: Food, age_years: int) -> Serving:
    return serving_for(food, age_years)


def _b12_source(food: Food) -> bool:
    """A food whose B12 counts and is either animal or fortified (plants make no B12)."""
    return ((food.b12_ug_per_100g or 0) > 0 and not food.unreliable and not food.retired
            and (food.fortified or food.food_group in ANIMAL_GROUPS))


@lru_cache(maxsize=262_144)
def blocked_reason(food: Food, profile: Profile) -> str | None:
    """Why this food is not offered to this person, or None when it may be (cheap checks first;
    cached, since the app asks again on every rerun for the same person)."""
    if not _b12_source(food):
        return "not a B12 source that counts"
    if food.superseded is not None:
        return "USDA gives a newer value (FNDDS): the newer food is offered instead"
    if not profile.diet.allows(food.diet):
        return f"not {profile.diet.value}"
    if profile.diet is DietMode.VEGAN and not food.fortified:
        return "vegan sources of B12 are fortified"
    rule = blocking_rule(food, profile)
    if rule is not None:
        return rule.what
    if profile.exclude:
        reason = exclusion_reason(food, profile.exclude)
        if reason:
            return reason
    serving = serving_at_age(food, profile.age_years)
    retinol = food.retinol_ug(serving.grams)
    if retinol is None and is_liver(food):
        return "liver without a retinol value: assumed over the upper limit"
    if (retinol or 0.0) > retinol_ul_ug(profile):
        return "one serving holds more preformed vitamin A than the upper limit"
    return None


def meals_for(food: Food) -> tuple[str, ...]:
    """The meals a serving of this food fits (cereal at breakfast, fish at lunch or dinner)."""
    for groups, meals in MEAL_FIT:
        if food.food_group in groups:
            return meals
    if food.check_label and food.food_group == "Legumes and Legume Products":
        return ("lunch", "dinner")  # veggie burgers and the like
    return MAIN_MEALS


@lru_cache(maxsize=65_536)
def _source_facts(food: Food, age_years: int) -> tuple[Serving, float, float, float | None, tuple[Caveat, ...]]:
    """What a source's line says that depends only on the food and the age (cached)."""
    serving = serving_at_age(food, age_years)
    b12 = food.b12_ug(serving.grams) or 0.0
    return serving, b12, min(b12, food.free_b12_ug(serving.grams)), food.kcal(serving.grams), food_caveats(food)


def source_for(food: Food, profile: Profile, staple: str | None = None,
               meals: tuple[str, ...] | None = None) -> Source:
    """The food as a source for this person: its serving for their age, B12 and kcal per serving."""
    serving, per_serving, free, kcal, caveats = _source_facts(food, profile.age_years)
    return Source(food, serving, per_serving, kcal, SourceKind.FORTIFIED if food.fortified else SourceKind.ANIMAL,
                  free, staple, meals or meals_for(food), caveats=caveats)
