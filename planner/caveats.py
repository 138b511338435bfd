"""What a person should know about one food's figures wherever the food shows: in search, in a
day's items, in suggestions, the command line and the exports (one function, so none forgets)."""

from __future__ import annotations

from planner.diet import YEAST_PRODUCT
from planner.food import Food
from planner.notes import BrandsDiffer, Caveat, DataAge, NewerUsdaValue, NewerValue

GRAMS_PER_3OZ = 85.0
NIH_2022 = "NIH ODS B12 fact sheet (2022, from a newer USDA analysis)"
# Values in SR Legacy that newer analyses put far lower; the planner counts the record's value and
# shows the newer one beside it (plans with old sr24: ids open as these sr: records).
NEWER_VALUES: dict[str, tuple[str, float, str, bool]] = {
    # cooked clams: 98.89 µg/100 g (a 1987 analysis) against 17 µg per 3 oz
    "sr:15159": ("cooked clams", 17.0, NIH_2022, True),
    # retail turkey breast without added solution: 1.76 µg/100 g against 0.3 µg per 3 oz roasted
    "sr:05711": ("roasted turkey breast", 0.3, "NIH ODS B12 fact sheet (2022)", False),
    "sr:05733": ("roasted turkey breast", 0.3, "NIH ODS B12 fact sheet (2022)", False),
}


def newer_value(food: Food) -> NewerValue | None:
    """The newer figure for this food, where its record's value is known to be superseded."""
    known = NEWER_VALUES.get(food.id)
    if known is None or food.b12_ug_per_100g is None:
        return None
    name, newer_ug, source, covers = known
    return NewerValue(name, round(food.b12_ug(GRAMS_PER_3OZ) or 0.0, 2), newer_ug, source, covers)


def food_caveats(food: Food) -> tuple[Caveat, ...]:
    """The caveats every view shows beside this food's B12: the age of a fortified label, a newer value,
    a kind of food whose B12 depends on the brand."""
    found: list[Caveat] = []
    if food.label_may_have_changed:
        found.append(DataAge(food.b12_data_year))
    newer = newer_value(food)
    if newer is not None:
        found.append(newer)
    if food.superseded is not None:
        found.append(NewerUsdaValue(food.superseded.description, food.superseded.b12_ug_per_100g,
                                    food.superseded.source, food.b12_data_year))
    if YEAST_PRODUCT.search(food.description.lower()):
        found.append(BrandsDiffer())
    return tuple(found)
