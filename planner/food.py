"""The food record every source fills (bundled SR28, retired SR24, live FDC, custom labels).

Fields follow the shared contract "Food record". Unknown nutrient values are None, never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from planner.errors import UnknownPortionError
from planner.units import Grams, Micrograms

HUNDRED_GRAMS = "100 g"
SR_PREFIX = "sr:"  # bundled SR Legacy (SR28)
SR24_PREFIX = "sr24:"  # the earlier bundled release; resolves to SR28 or a retired record
FNDDS_PREFIX = "fndds:"  # bundled FNDDS 2021–2023, by 8-digit food code
BUNDLED_PREFIXES = (SR_PREFIX, SR24_PREFIX, FNDDS_PREFIX)
RETIRED_DATA_TYPE = "SR24"
FNDDS_DATA_TYPE = "Survey (FNDDS)"
INGREDIENT_DATA_TYPE = "FNDDS ingredient"  # a nutrient or food an FNDDS recipe names only


def is_bundled_id(food_id: str) -> bool:
    """Bundled foods need no record in a plan file: the snapshot is authoritative."""
    return food_id.startswith(BUNDLED_PREFIXES)


class DietMode(str, Enum):
    """Diets from strictest to most inclusive; values are the CLI/JSON strings."""

    VEGAN = "vegan"
    VEGETARIAN = "vegetarian"
    PESCATARIAN = "pescatarian"
    OMNIVORE = "omnivore"

    @property
    def rank(self) -> int:
        return _DIET_ORDER.index(self)

    def allows(self, food_diet: "DietMode") -> bool:
        """A vegan food suits every diet; an omnivore-only food suits omnivores only."""
        return food_diet.rank <= self.rank


_DIET_ORDER = [DietMode.VEGAN, DietMode.VEGETARIAN, DietMode.PESCATARIAN, DietMode.OMNIVORE]


@dataclass(frozen=True)
class Portion:
    label: str
    grams: Grams


def _grams_text(grams: float) -> str:
    return f"{grams:g}"


def unique_portions(measures: Iterable[tuple[str, float]]) -> tuple[Portion, ...]:
    """Household measures with labels made unique, plus "100 g" always.

    USDA sometimes lists one label twice with different weights ("1 slice" 28 g and 25 g);
    a plan refers to a portion by label, so later repeats get their weight appended.
    Exact repeats (same label, same grams) are dropped.
    """
    portions: list[Portion] = []
    seen: dict[str, float] = {}
    for label, grams in measures:
        label = re.sub(r"\s+", " ", label).strip()
        if not label or not grams or grams <= 0:
            continue
        if label in seen:
            if seen[label] == grams:
                continue
            label = f"{label} ({_grams_text(grams)} g)"
            if label in seen:
                continue
        seen[label] = grams
        portions.append(Portion(label, float(grams)))
    if HUNDRED_GRAMS not in seen:
        portions.append(Portion(HUNDRED_GRAMS, 100.0))
    return tuple(portions)


@dataclass(frozen=True)
class SupersededValue:
    """USDA's newer B12 value for an SR food: the FNDDS food that gives it."""

    food_id: str
    description: str
    b12_ug_per_100g: Micrograms | None
    source: str


@dataclass(frozen=True)
class Food:
    id: str
    description: str
    food_group: str | None
    b12_ug_per_100g: Micrograms | None
    kcal_per_100g: float | None
    retinol_ug_per_100g: Micrograms | None
    diet: DietMode
    check_label: bool
    fortified: bool
    unreliable: bool
    portions: tuple[Portion, ...]
    data_type: str
    source: str
    brand_owner: str | None = None
    url: str | None = None
    b12_added_ug_per_100g: Micrograms | None = None  # USDA nutrient 578 / FDC 1246; None = not given
    everyday: bool = False  # commonly eaten (SR Survey flag, corrected; FNDDS foods)
    common_names: tuple[str, ...] = ()
    b12_data_year: int | None = None  # when the B12 value was set (fortified products change)
    langual: tuple[str, ...] = ()  # SR LanguaL codes of the source (B) and treatment (H) facets
    category: str | None = None  # FNDDS's WWEIA food category ("Milk, whole")
    # FNDDS's recipe: each ingredient's own record (an SR food, an FNDDS food, or a named one)
    ingredients: tuple["Food", ...] = field(default=(), compare=False, repr=False)
    superseded: SupersededValue | None = None  # an SR value FNDDS gives anew
    _portion_index: dict[str, Portion] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_portion_index", {p.label: p for p in self.portions})

    def __hash__(self) -> int:
        """By id: equal records share an id, and caches keyed by food stay cheap."""
        return hash(self.id)

    def portion(self, label: str) -> Portion:
        try:
            return self._portion_index[label]
        except KeyError:
            raise UnknownPortionError(self.id, label, [p.label for p in self.portions]) from None

    def has_portion(self, label: str) -> bool:
        return label in self._portion_index

    @property
    def retired(self) -> bool:
        """An SR24 food that SR28 dropped: kept so old plans open, never searched or suggested."""
        return self.data_type == RETIRED_DATA_TYPE

    @property
    def label_may_have_changed(self) -> bool:
        """Fortified branded products are reformulated (Cheerios' B12 changed): their data shows its age.
        FNDDS's fortified foods are products too (cereals, plant milks), named without their maker."""
        return self.fortified and (self.brand_owner is not None or self.data_type == FNDDS_DATA_TYPE)

    @property
    def ingredients_listed(self) -> bool:
        """USDA lists what it is made of (FNDDS's recipes): labels and allergens follow the ingredients."""
        return self.data_type in (FNDDS_DATA_TYPE, INGREDIENT_DATA_TYPE)

    def b12_ug(self, grams: Grams) -> Micrograms | None:
        """B12 in `grams` of this food, or None when USDA has no value."""
        if self.b12_ug_per_100g is None:
            return None
        return self.b12_ug_per_100g * grams / 100.0

    def free_b12_ug(self, grams: Grams) -> Micrograms:
        """The B12 in `grams` that is free, not bound to food protein: what was added to fortify it
        (USDA's "B12, added"; all of a fortified vegan food's where USDA gives no such value)."""
        if self.b12_added_ug_per_100g is not None:
            return min(self.b12_added_ug_per_100g, self.b12_ug_per_100g or 0.0) * grams / 100.0
        return (self.b12_ug(grams) or 0.0) if self.fortified and self.diet is DietMode.VEGAN else 0.0

    def retinol_ug(self, grams: Grams) -> Micrograms | None:
        if self.retinol_ug_per_100g is None:
            return None
        return self.retinol_ug_per_100g * grams / 100.0

    def kcal(self, grams: Grams) -> float | None:
        if self.kcal_per_100g is None:
            return None
        return self.kcal_per_100g * grams / 100.0
