"""Estimated B12 absorbed from one dose (NIH ODS, IOM). An estimate, shown beside intake.

Intrinsic factor saturates at about 1.5 µg per meal; passive diffusion takes ~1 % of any
dose. The model fits ODS's anchors: 1 µg -> 0.56 µg, 1,000 µg -> 11.5 µg.
"""

from __future__ import annotations

from planner.profile import Absorption
from planner.units import Micrograms

IF_CAPACITY_UG = 1.5
IF_HALF_SATURATION_UG = 1.73
PASSIVE_FRACTION = 0.01
# Food-bound malabsorption (atrophic gastritis, long-term acid reducers): B12 bound to food protein
# is released poorly; free B12 (a supplement, the B12 added to a fortified food) is absorbed as
# usual. The IOM (DRI 1998, citing Miller et al. 1992) reports healthy people absorbing 12–39 % of
# food-bound B12 against 54–97 % of free B12, and people with food-bound malabsorption under 12 %.
# The planner assumes a quarter of food-bound B12 is released: an assumption that errs strict.
FOOD_BOUND_RELEASE = 0.25
FOOD_BOUND_BASIS = ("with food-bound malabsorption the planner counts a quarter of the B12 bound in food as "
                    "released for absorption (IOM DRI 1998: under 12 % of food-bound B12 absorbed, where "
                    "healthy people absorb 12–39 %); free B12 from supplements and fortified foods counts in full")


def absorbed_ug(dose_ug: Micrograms, intrinsic_factor: bool = True) -> Micrograms:
    """B12 absorbed from `dose_ug` eaten at one meal (or one supplement dose)."""
    if dose_ug <= 0:
        return 0.0
    passive = PASSIVE_FRACTION * dose_ug
    if not intrinsic_factor:  # pernicious anaemia, some gastric surgery
        return passive
    return IF_CAPACITY_UG * dose_ug / (dose_ug + IF_HALF_SATURATION_UG) + passive


def meal_absorbed_ug(food_bound_ug: Micrograms, free_ug: Micrograms, absorption: Absorption) -> Micrograms:
    """B12 absorbed from one meal: its free B12 and what is released of its food-bound B12 meet
    intrinsic factor together."""
    release = FOOD_BOUND_RELEASE if absorption is Absorption.FOOD_BOUND else 1.0
    return absorbed_ug(free_ug + release * food_bound_ug, absorption is not Absorption.NO_INTRINSIC_FACTOR)
