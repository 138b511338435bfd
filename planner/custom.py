"""A food record typed from a product label: name, serving size, and B12 per serving as
µg or as % Daily Value (2.4 µg on current US labels, 6 µg on labels before 2020)."""

from __future__ import annotations

import math
import re
from enum import Enum
from typing import Iterable

from planner.diet import is_unreliable
from planner.errors import PlannerError
from planner.food import DietMode, Food, unique_portions
from planner.plancheck import MAX_FOOD_ITEM_GRAMS

CUSTOM_DATA_TYPE = "Custom"
MAX_B12_PER_SERVING_UG = 100_000.0


class LabelUnit(str, Enum):
    MICROGRAMS = "ug"
    PERCENT_DV = "pct_dv"


class DailyValueBasis(float, Enum):
    """The B12 Daily Value a label's % refers to (FDA)."""

    CURRENT = 2.4  # labels since 2020
    BEFORE_2020 = 6.0


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "food"


def custom_food_id(name: str, taken: Iterable[str] = ()) -> str:
    """custom:<slug>, numbered when the plan already has that id."""
    base = f"custom:{slugify(name)}"
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def custom_food_from_label(name: str, serving_g: float, b12_amount: float, unit: LabelUnit,
                           basis: DailyValueBasis = DailyValueBasis.CURRENT,
                           diet: DietMode = DietMode.VEGAN, fortified: bool = True,
                           kcal_per_serving: float | None = None, taken_ids: Iterable[str] = ()) -> Food:
    """Build the record; raises PlannerError with a sentence for a label that cannot be right."""
    name = " ".join(str(name).split())
    if not name:
        raise PlannerError("Give the food a name, as on the label.")
    for label, value in (("Serving size", serving_g), ("B12 per serving", b12_amount)):
        if value is None or not math.isfinite(float(value)):
            raise PlannerError(f"{label} must be a number.")
    if not 0 < serving_g <= MAX_FOOD_ITEM_GRAMS:
        raise PlannerError(f"Serving size must be above 0 g and at most {MAX_FOOD_ITEM_GRAMS:g} g.")
    if b12_amount < 0:
        raise PlannerError("B12 per serving cannot be negative.")
    per_serving_ug = b12_amount if unit is LabelUnit.MICROGRAMS else b12_amount / 100.0 * basis.value
    if per_serving_ug > MAX_B12_PER_SERVING_UG:
        raise PlannerError(f"{per_serving_ug:g} µg in one serving is more than any food holds; check the label.")
    kcal = None
    if kcal_per_serving is not None:
        if not math.isfinite(kcal_per_serving) or kcal_per_serving < 0:
            raise PlannerError("Calories per serving must be 0 or more.")
        kcal = kcal_per_serving * 100.0 / serving_g
    source = (f"Product label, entered by the user ({b12_amount:g} µg per {serving_g:g} g serving)"
              if unit is LabelUnit.MICROGRAMS else
              f"Product label, entered by the user ({b12_amount:g} % DV of {basis.value:g} µg "
              f"per {serving_g:g} g serving)")
    return Food(
        id=custom_food_id(name, taken_ids),
        description=name,
        food_group=None,
        b12_ug_per_100g=per_serving_ug * 100.0 / serving_g,
        kcal_per_100g=kcal,
        retinol_ug_per_100g=None,
        diet=diet,
        check_label=False,
        fortified=fortified,
        unreliable=is_unreliable(name.lower()),
        portions=unique_portions([(f"1 serving ({serving_g:g} g)", serving_g)]),
        data_type=CUSTOM_DATA_TYPE,
        source=source,
    )
