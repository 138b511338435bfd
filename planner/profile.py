"""A person the planner plans for, with the checks that refuse impossible profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from planner.errors import ProfileError
from planner.food import DietMode

MAX_AGE_YEARS = 120
# IOM tables pregnancy and lactation for ages 14-50 only.
REPRODUCTIVE_AGES = range(14, 51)


class Sex(str, Enum):
    FEMALE = "female"
    MALE = "male"


class Standard(str, Enum):
    IOM = "iom"
    EFSA = "efsa"
    WHO = "who"


class Absorption(str, Enum):
    """How this person absorbs B12; values are the plan-file strings."""

    NORMAL = "normal"
    FOOD_BOUND = "food_bound"  # atrophic gastritis, long-term PPIs or H2 blockers: food-bound B12 poorly
    NO_INTRINSIC_FACTOR = "no_intrinsic_factor"  # pernicious anaemia, some gastric surgery

    @property
    def cli_value(self) -> str:
        return self.value.replace("_", "-")


@dataclass(frozen=True)
class Profile:
    age_years: int
    sex: Sex
    age_months: int = 0
    pregnant: bool = False
    lactating: bool = False
    standard: Standard = Standard.IOM
    diet: DietMode = DietMode.OMNIVORE
    absorption: Absorption = Absorption.NORMAL
    exclude: tuple[str, ...] = field(default_factory=tuple)
    supplements_allowed: bool = True
    immunocompromised: bool = False  # a weakened immune system: the food-safety rules of people at risk
    metformin: bool = False  # long-term metformin lowers B12 absorption; calls for periodic checks

    def __post_init__(self) -> None:
        problem = profile_problem(self)
        if problem:
            raise ProfileError(problem)

    @property
    def total_months(self) -> int:
        return self.age_years * 12 + self.age_months

    @property
    def infant(self) -> bool:
        return self.age_years == 0

    @property
    def intrinsic_factor(self) -> bool:
        """Food B12 is absorbed through intrinsic factor; without it only ~1 % of a dose is."""
        return self.absorption is not Absorption.NO_INTRINSIC_FACTOR

    @property
    def fortified_first(self) -> bool:
        """IOM: over 50, or with food-bound malabsorption, get most B12 from fortified foods or supplements."""
        return self.age_years > 50 or self.absorption is Absorption.FOOD_BOUND


def profile_problem(profile: Profile) -> str | None:
    """The first reason this profile cannot be a real person, or None."""
    if not isinstance(profile.age_years, int) or isinstance(profile.age_years, bool):
        return "Age must be a whole number of years."
    if profile.age_years < 0 or profile.age_years > MAX_AGE_YEARS:
        return f"Age must be between 0 and {MAX_AGE_YEARS} years (got {profile.age_years})."
    if not isinstance(profile.age_months, int) or not 0 <= profile.age_months <= 11:
        return f"Months must be between 0 and 11 (got {profile.age_months})."
    if profile.pregnant and profile.lactating:
        return "Choose pregnant or lactating, not both: the recommended amounts differ."
    for state, active in (("Pregnancy", profile.pregnant), ("Lactation", profile.lactating)):
        if not active:
            continue
        if profile.sex is not Sex.FEMALE:
            return f"{state} applies to a female profile only."
        if profile.age_years not in REPRODUCTIVE_AGES:
            return (f"{state} is tabled for ages 14 to 50 only "
                    f"(got {profile.age_years}); plan this person with a clinician.")
    return None
