"""What the planner works out, as typed values: each item, meal, day and plan against the target,
and the sources and day plan it suggests. Every figure a person sees comes from these.

Pure data with small derived properties: planner/totals.py and planner/advice/ fill them,
planner/wording.py says them in words and planner/jsonshapes.py writes them as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from planner.food import DietMode, Food, Portion
from planner.notes import Caveat, Note
from planner.targets import AbsorptionGoal, Target
from planner.units import Every, Grams, Micrograms


class Status(str, Enum):
    """Intake against the target (contract: `status`)."""

    BELOW_EAR = "below_ear"
    BELOW_TARGET = "below_target"
    MEETS_TARGET = "meets_target"


class AbsorptionStatus(str, Enum):
    """The absorbed estimate against the absorption goal (contract: `absorption_status`)."""

    MEETS_GOAL = "meets_goal"
    BELOW_GOAL = "below_goal"


class Clinical(str, Enum):
    """Without intrinsic factor intake is not what counts: treatment is (extra field `clinical`)."""

    NEEDS_CLINICIAN = "needs_clinician"
    TREATMENT_IN_PLACE = "treatment_in_place"  # a daily high-dose supplement, as a clinician prescribes


# ---- totals ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemTotal:
    """One planned item: what it holds and what counts toward its meal."""

    key: str  # food id, or "supplement:<name>"
    description: str
    grams: Grams | None  # None for supplements
    b12_ug: Micrograms | None  # what the item holds (a supplement: its dose); None = unknown
    counted_ug: Micrograms  # what counts toward this meal on this day
    source: str
    free_ug: Micrograms = 0.0  # of what counts, the free B12 (a supplement, or added to fortify a food)
    fortified: bool = False
    unreliable: bool = False
    caveats: tuple[Caveat, ...] = ()
    diet: DietMode | None = None  # None for supplements
    retinol_ug: Micrograms = 0.0  # preformed vitamin A, for the upper-limit check
    every: Every | None = None  # supplements only
    portion: str | None = None  # a food's household measure; None: by grams
    count: float = 1.0  # how many of the portion
    listed_on: str | None = None  # a weekly supplement shown on a day other than the one it is listed on

    @property
    def supplement(self) -> bool:
        return self.every is not None


@dataclass(frozen=True)
class MealTotal:
    name: str
    total_ug: Micrograms  # what is eaten at this meal, plus the daily share of weekly supplements
    absorbed_ug: Micrograms
    unknown_items: int
    items: tuple[ItemTotal, ...]
    standing_ug: Micrograms = 0.0  # the daily share (÷7) of weekly supplements taken with this meal
    standing_absorbed_ug: Micrograms = 0.0
    free_ug: Micrograms = 0.0  # of what is eaten at this meal, the free B12 (supplements, fortification)

    @property
    def eaten_ug(self) -> Micrograms:
        """B12 taken at this meal on this day (what intrinsic factor sees at once)."""
        return self.total_ug - self.standing_ug


@dataclass(frozen=True)
class DayTotal:
    label: str
    total_ug: Micrograms
    absorbed_ug: Micrograms
    unknown_items: int
    status: Status
    meals: tuple[MealTotal, ...]
    absorption_status: AbsorptionStatus = AbsorptionStatus.BELOW_GOAL
    retinol_ug: Micrograms = 0.0
    warnings: tuple[Note, ...] = ()  # rules the planned day breaks for this person (safety.py)
    clinical: Clinical | None = None  # without intrinsic factor: treatment in place, or a clinician needed
    mostly_food_bound: bool = False  # over 50, less than half of it free B12 (the IOM advises most of it free)

    @property
    def supplements(self) -> tuple[ItemTotal, ...]:
        return tuple(item for meal in self.meals for item in meal.items if item.supplement)

    @property
    def standing(self) -> tuple[ItemTotal, ...]:
        """Weekly supplements listed on another day that still count on this one."""
        return tuple(item for meal in self.meals for item in meal.items if item.listed_on)

    @property
    def empty(self) -> bool:
        """Nothing planned on this day itself (a weekly supplement listed on another day aside)."""
        return not any(item.listed_on is None for meal in self.meals for item in meal.items)


@dataclass(frozen=True)
class AverageTotal:
    total_ug: Micrograms
    absorbed_ug: Micrograms
    unknown_items: int
    status: Status
    absorption_status: AbsorptionStatus = AbsorptionStatus.BELOW_GOAL
    clinical: Clinical | None = None
    mostly_food_bound: bool = False  # as DayTotal's, over the days


@dataclass(frozen=True)
class PlanTotals:
    target: Target
    days: tuple[DayTotal, ...]
    average: AverageTotal
    goal: AbsorptionGoal
    notes: tuple[Note, ...]

    @property
    def absorption_goal_ug(self) -> Micrograms:
        return self.goal.goal_ug


# ---- suggestions ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Serving:
    """An amount to suggest (planner.serving picks it): a household portion times a count, or plain
    grams (portion None)."""

    label: str  # as a person reads it: "1 cup", "½ large", "1.5 oz (43 g)"
    portion: Portion | None
    count: float
    grams: Grams


class SourceKind(str, Enum):
    ANIMAL = "animal"
    FORTIFIED = "fortified"


@dataclass(frozen=True)
class Source:
    """A food that may be offered to this person, with its serving for their age."""

    food: Food
    serving: Serving
    b12_ug_per_serving: Micrograms
    kcal_per_serving: float | None
    kind: SourceKind = SourceKind.ANIMAL
    free_ug_per_serving: Micrograms = 0.0  # the fortification in it (free B12)
    staple: str | None = None  # the staple kind it stands for ("milk"), or None
    meals: tuple[str, ...] = ("breakfast", "lunch", "dinner")  # where a serving fits in the day
    more_like_this: int = 0
    caveats: tuple[Caveat, ...] = ()

    @property
    def id(self) -> str:
        return self.food.id

    def servings_to_close(self, gap_ug: Micrograms) -> float:
        return max(gap_ug, 0.0) / self.b12_ug_per_serving if self.b12_ug_per_serving else 0.0


class Guidance(str, Enum):
    """Why a supplement option is offered."""

    VEGAN_DAILY = "vegan_daily"  # Vegan Society: at least 10 µg daily
    VEGAN_WEEKLY = "vegan_weekly"  # Vegan Society: at least 2,000 µg weekly
    CLINICAL = "clinical"  # without intrinsic factor: high-dose oral B12 or injections


@dataclass(frozen=True)
class SupplementOption:
    id: str
    description: str  # the option's name, as a plan item is named when it is added
    ug: Micrograms
    every: Every
    why: Guidance


@dataclass(frozen=True)
class PlanAddition:
    """One step of a suggested day plan: servings of a food at a meal, or a supplement."""

    id: str
    description: str
    serving: Serving
    count: float  # servings of `serving`
    b12_ug: Micrograms
    meal: str
    every: Every | None = None  # supplements only

    @property
    def grams(self) -> Grams:
        return self.serving.grams * self.count


@dataclass(frozen=True)
class Suggestions:
    target: Target
    gap_ug: Micrograms
    sources: tuple[Source, ...]
    supplements: tuple[SupplementOption, ...]
    plan: tuple[PlanAddition, ...]
    total_after_ug: Micrograms
    absorbed_after_ug: Micrograms
    absorption_goal_ug: Micrograms
    status_after: Status
    absorption_status_after: AbsorptionStatus
    needs_clinician: bool
    notes: tuple[Note, ...]
    source_meals: tuple[str, ...] = ()  # the meal each source would be added to today (same order)
    clinical: Clinical | None = None

    @property
    def reaches_target(self) -> bool:
        return self.status_after is Status.MEETS_TARGET and self.absorption_status_after is AbsorptionStatus.MEETS_GOAL

    def share_of_target(self, source: Source) -> float:
        """A serving's B12 as a percentage of the target."""
        return 100.0 * source.b12_ug_per_serving / self.target.target_ug
