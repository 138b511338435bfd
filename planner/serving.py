"""The typical serving of a food: a household measure people recognise, never "1 turkey".

Rules are a table: the first kind a food matches names the measure to prefer; otherwise the
first measure between 10 g and 350 g (USDA lists some measures that are not servings, such as
"1 turkey"); otherwise 100 g. Children get USDA's CACFP servings per meal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from planner.diet import MEAT_FISH_GROUPS
from planner.food import HUNDRED_GRAMS, Food, Portion
from planner.results import Serving
from planner.wording import counted_serving, cups, ounces, serving_share, whole_grams

MIN_SERVING_G = 10.0
MAX_SERVING_G = 350.0
DEFAULT_SERVING = Portion(HUNDRED_GRAMS, 100.0)


@dataclass(frozen=True)
class ServingRule:
    """Foods of a kind (by group, or by a word of the name) prefer a measure label."""

    label: re.Pattern[str]
    groups: frozenset[str] = frozenset()
    name: re.Pattern[str] | None = None

    def applies_to(self, food: Food) -> bool:
        return food.food_group in self.groups or bool(self.name and self.name.search(food.description))


OUNCE_FOODS = re.compile(r"^cheese\b", re.I)  # cheese counts as a meat alternate, ounce for ounce
CUP_FOODS = re.compile(r"\b(milk|soymilk|soy milk|yogurt|kefir)\b", re.I)
EGG_FOODS = re.compile(r"^eggs?\b", re.I)
WHOLE_EGG_PORTIONS = ("1 large", "1 egg")  # SR28's and FNDDS's names for one large egg
SERVING_RULES = (
    ServingRule(re.compile(r"^3 oz\b"), groups=MEAT_FISH_GROUPS),
    ServingRule(re.compile(r"^1 (slice|oz)\b"), name=OUNCE_FOODS),
    ServingRule(re.compile(r"^1 large\b"), name=EGG_FOODS),
    ServingRule(re.compile(r"\bcup\b"), name=CUP_FOODS),
    ServingRule(re.compile(r"NLEA serving"), groups=frozenset({"Breakfast Cereals"})),
)


def _in_range(portion: Portion) -> bool:
    return MIN_SERVING_G <= portion.grams <= MAX_SERVING_G


def typical_serving(food: Food) -> Portion:
    """The serving the planner suggests and counts in."""
    measures = [p for p in food.portions if p.label != DEFAULT_SERVING.label and _in_range(p)]
    for rule in SERVING_RULES:
        if rule.applies_to(food):
            for portion in measures:
                if rule.label.search(portion.label):
                    return portion
    return measures[0] if measures else DEFAULT_SERVING


# Children's servings per meal, USDA CACFP meal pattern (7 CFR 226.20): ounces of
# meat, fish, egg or cheese and cups of milk, by age band. From 14 the adult servings apply.
CHILD_BANDS: tuple[tuple[int, float, float], ...] = ((2, 1.0, 0.5), (5, 1.5, 0.75), (13, 2.0, 1.0))
ADULT_MEAT_OZ = 3.0
GRAMS_PER_OZ = 28.35
CUP_MEASURE = re.compile(r"^(?:1 cup|8 fl oz)\b")


def _of(portion: Portion, count: float) -> Serving:
    """`count` of a measure, read the way people say it: "½ cup", "¾ large", "10 g (⅓ of 0.75 cup …)"."""
    grams = portion.grams * count
    if count == 1 or portion.label.startswith("1 "):
        label = counted_serving(portion.label, count)
    else:
        label = serving_share(grams, portion.label, count)
    return Serving(label, portion, count, grams)


def child_band(age_years: int) -> tuple[float, float] | None:
    """(ounces of meat, cups of milk) per meal for a child, or None from age 14."""
    for max_age, meat_oz, milk_cups in CHILD_BANDS:
        if 1 <= age_years <= max_age:
            return meat_oz, milk_cups
    return None


def serving_for(food: Food, age_years: int) -> Serving:
    """The serving suggested to a person of this age: the typical one, or a child's (CACFP)."""
    usual = typical_serving(food)
    band = child_band(age_years)
    if band is None and (usual.label.startswith("3 oz") or food.food_group not in MEAT_FISH_GROUPS):
        return _of(usual, 1.0)
    meat_oz, milk_cups = band or (ADULT_MEAT_OZ, 1.0)
    egg = next((p for p in food.portions if p.label in WHOLE_EGG_PORTIONS), None)
    if EGG_FOODS.search(food.description) and egg is not None:
        return _of(egg, meat_oz / 2)  # CACFP: 1 oz equivalent = ½ large egg
    cup = next((p for p in food.portions if CUP_MEASURE.match(p.label)), None)
    if CUP_FOODS.search(food.description) and cup is not None:
        serving = _of(cup, milk_cups)
        return serving if milk_cups == 1 else replace(serving, label=cups(milk_cups))
    if food.food_group in MEAT_FISH_GROUPS or OUNCE_FOODS.search(food.description):
        grams = meat_oz * GRAMS_PER_OZ
        return Serving(ounces(meat_oz, grams), None, 1.0, grams)
    share = meat_oz / ADULT_MEAT_OZ  # other foods scaled as the meat serving is
    if usual.label == HUNDRED_GRAMS:
        return Serving(whole_grams(usual.grams * share), None, 1.0, usual.grams * share)
    return _of(usual, round(share, 2))
