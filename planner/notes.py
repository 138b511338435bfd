"""What a note can say about a target, a plan, a day or a suggestion: a kind with its data.

Notes are facts, never sentences: planner/wording.py says each one in words, so the page, the
command line and the exports word a note alike, and a view picks notes by kind instead of
searching their text. Equal notes are equal values, so repeats collapse. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Union

from planner.food import DietMode
from planner.profile import Standard
from planner.units import Every


class TargetNote(str, Enum):
    """What comes with a target, whatever the plan holds."""

    NO_UPPER_LIMIT = "no_upper_limit"
    ADEQUATE_INTAKE = "adequate_intake"  # below an AI is not proof of inadequacy
    INFANT = "infant"  # the AI assumes breast milk or formula
    OVER_50 = "over_50"  # IOM: most of it from fortified foods or a supplement
    FOOD_BOUND = "food_bound"  # the same advice at any age
    METFORMIN = "metformin"


# ---- what loading a plan changed (never saved with it) ------------------------------------------------

@dataclass(frozen=True)
class Sr24Upgraded:
    """The plan was saved with SR24 data; `foods` of its foods now use SR28 values."""

    foods: int


@dataclass(frozen=True)
class Sr24ValueChanged:
    description: str
    sr24_ug_per_100g: float | None
    sr28_ug_per_100g: float | None


@dataclass(frozen=True)
class Sr24Retired:
    """SR28 dropped this food: its SR24 record is kept, read-only."""

    description: str


# ---- a planned day (the person's own choices) ---------------------------------------------------------

@dataclass(frozen=True)
class NotAdvised:
    """A planned food that a safety rule for this person's life stage forbids."""

    description: str
    who: tuple[str, ...]  # the person's life stages the rule protects ("pregnancy")
    why: str
    source: str


@dataclass(frozen=True)
class RetinolOverLimit:
    """A day whose preformed vitamin A is above the upper limit for the person's age."""

    day: str
    retinol_ug: float
    limit_ug: float
    source: str


# ---- a plan's totals --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AbsorptionEstimate:
    """How the absorbed figure is estimated, and why its goal is what it is."""

    goal_ug: float
    standard: Standard  # the target's
    assumed_by: Standard  # whose assumption of the share absorbed sets the goal


@dataclass(frozen=True)
class WithoutIntrinsicFactor:
    """Only passive absorption is left; a clinician treats it."""


@dataclass(frozen=True)
class FoodBoundEstimate:
    """With food-bound malabsorption the absorbed estimate counts only part of food-bound B12."""


@dataclass(frozen=True)
class WeeklyDose:
    """A weekly supplement counts a seventh of its dose on every day."""

    dose_ug: float


@dataclass(frozen=True)
class UnknownValues:
    """Totals are minimums: some items have no B12 value."""


class ZeroReason(str, Enum):
    """Why a food's B12 value counts as 0 µg."""

    ANALOGUES = "analogues"  # seaweed, algae, tempeh, mushrooms: inactive analogues or variable amounts
    UNEXPLAINED = "unexplained"  # a plant food, not fortified, whose value nothing in it explains


@dataclass(frozen=True)
class NotReliable:
    """A planned food whose B12 does not count, and why (said once, here; its row says "counted as 0")."""

    description: str
    why: ZeroReason = ZeroReason.ANALOGUES


@dataclass(frozen=True)
class DietMismatch:
    description: str
    person_diet: DietMode
    food_diet: DietMode


class VeganWay(str, Enum):
    """The Vegan Society's three ways to a reliable B12 intake."""

    WEEKLY_SUPPLEMENT = "weekly_supplement"
    DAILY_SUPPLEMENT = "daily_supplement"
    FORTIFIED_FOODS = "fortified_foods"


@dataclass(frozen=True)
class VeganSocietyCheck:
    """Which way a vegan plan follows; None: none of them yet."""

    way: VeganWay | None


# ---- suggestions ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AdviceDisclaimer:
    """Suggestions are educational, not medical advice."""


@dataclass(frozen=True)
class InfantNoFoods:
    """Under 12 months the planner suggests no foods."""


@dataclass(frozen=True)
class InfantOfVeganMother:
    """A baby breastfed by a vegan mother depends on her B12."""


@dataclass(frozen=True)
class ClinicianNeeded:
    """Without intrinsic factor food cannot close the gap."""


@dataclass(frozen=True)
class NotOffered:
    """A life-stage rule that keeps foods out of the suggestions."""

    stages: tuple[str, ...]  # every life stage the rule protects, sorted
    what: str
    why: str
    source: str


@dataclass(frozen=True)
class ChildServings:
    """Children's servings per meal follow USDA's CACFP meal pattern."""

    meat_oz: float
    milk_cups: float


@dataclass(frozen=True)
class BreastfeedingVegan:
    """A breastfeeding vegan mother's B12 is her baby's."""


@dataclass(frozen=True)
class RaiseDose:
    """A supplement already taken is below the guidance: raise it, add no second one."""

    name: str
    ug: float
    every: Every
    wanted_ug: float


@dataclass(frozen=True)
class NothingToAdd:
    kind: str  # the target's kind: RDA, AI or RNI
    target_ug: float
    goal_ug: float


class SupplementReason(str, Enum):
    VEGAN = "vegan"  # the Vegan Society advises one for every vegan
    FORTIFIED_FIRST = "fortified_first"  # IOM: over 50 or food-bound malabsorption
    FOODS_FALL_SHORT = "foods_fall_short"  # the foods allowed cannot reach the target


@dataclass(frozen=True)
class SupplementIncluded:
    description: str
    reason: SupplementReason
    max_servings: int = 0  # per food, where the foods fall short


@dataclass(frozen=True)
class VeganFortifiedMet:
    """Fortified foods at `meals` meals give `ug`: the Vegan Society's way with foods."""

    meals: int
    ug: float


@dataclass(frozen=True)
class VeganFortifiedShort:
    """The foods allowed cannot give 3 µg from fortified foods at two meals."""


@dataclass(frozen=True)
class HasSupplement:
    """The day has a supplement already: no second one."""


@dataclass(frozen=True)
class DoesNotReach:
    """Even the plan does not reach the target with the foods allowed."""


@dataclass(frozen=True)
class VeganSocietyGuidance:
    """The Vegan Society's three ways, for a vegan's suggestions."""


@dataclass(frozen=True)
class CheckTheLabel:
    """Foods marked 'check the label' may hold honey, milk powder, gelatin or D3."""


@dataclass(frozen=True)
class AllergensLeftOut:
    """Allergen words leave out products of unknown ingredients too."""

    allergens: tuple[str, ...]  # sorted


@dataclass(frozen=True)
class TreatmentInPlace:
    """Without intrinsic factor, a daily high-dose supplement is listed: treatment, not to be doubled."""

    daily_ug: float


# ---- caveats on one food or item ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanItemNote:
    """A note the plan file carries on an item (e.g. why an old SR24 measure became grams)."""

    text: str


@dataclass(frozen=True)
class DataAge:
    """A fortified branded product: its B12 may have changed since USDA measured it."""

    year: int | None


@dataclass(frozen=True)
class NoB12Value:
    """The data has no B12 value for this food: not counted."""


@dataclass(frozen=True)
class CountsAsZero:
    """Not a reliable B12 source: counted as 0 µg."""


@dataclass(frozen=True)
class NewerValue:
    """A value in the data that a newer analysis puts far lower (or higher): both are shown."""

    food: str  # what the figures are for, as people say it ("cooked clams")
    data_ug_per_3oz: float  # what the planner counts, from the food's own record
    newer_ug_per_3oz: float
    newer_source: str
    covers_the_day: bool = False  # either figure alone meets an adult's target


@dataclass(frozen=True)
class NewerUsdaValue:
    """An SR28 value that USDA's survey database (FNDDS) gives anew."""

    description: str  # the FNDDS food that gives it
    ug_per_100g: float | None
    source: str
    data_year: int | None  # when the SR28 value was set


@dataclass(frozen=True)
class BrandsDiffer:
    """Yeast extracts: fortified with B12 in some countries and brands, not in others."""


Caveat = Union[PlanItemNote, DataAge, NoB12Value, CountsAsZero, NewerValue, NewerUsdaValue, BrandsDiffer]
Note = Union[
    TargetNote, Sr24Upgraded, Sr24ValueChanged, Sr24Retired, NotAdvised, RetinolOverLimit, AbsorptionEstimate,
    WithoutIntrinsicFactor, FoodBoundEstimate, WeeklyDose, UnknownValues, NotReliable, DietMismatch, VeganSocietyCheck,
    AdviceDisclaimer, InfantNoFoods, InfantOfVeganMother, ClinicianNeeded, NotOffered, ChildServings,
    BreastfeedingVegan, RaiseDose, NothingToAdd, SupplementIncluded, VeganFortifiedMet, VeganFortifiedShort,
    HasSupplement, DoesNotReach, VeganSocietyGuidance, CheckTheLabel, AllergensLeftOut, NewerValue, NewerUsdaValue,
    BrandsDiffer, TreatmentInPlace,
]
