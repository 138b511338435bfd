"""The typical serving of a food: a household measure people recognise, never "1 turkey".

Rules are a table: the first kind a food matches names the measure to prefer; otherwise the
first measure between 10 g and 350 g; otherwise 100 g (brief §6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.diet import MEAT_FISH_GROUPS
from planner.food import HUNDRED_GRAMS, Food, Portion

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


SERVING_RULES = (
    ServingRule(re.compile(r"^3 oz\b"), groups=MEAT_FISH_GROUPS),
    ServingRule(re.compile(r"^1 (slice|oz)\b"), name=re.compile(r"^cheese\b", re.I)),
    ServingRule(re.compile(r"^1 large\b"), name=re.compile(r"^eggs?\b", re.I)),
    ServingRule(re.compile(r"\bcup\b"), name=re.compile(r"\b(milk|soymilk|soy milk|yogurt|kefir)\b", re.I)),
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
