"""Which supplement doses to offer, and when the guidance calls for one.

The Vegan Society's doses (10 µg daily or 2,000 µg weekly) for everyone with intrinsic
factor; without it, the clinical dose a clinician prescribes (1,000–2,000 µg a day). A
supplement already taken below the guidance is to be raised, never doubled.
"""

from __future__ import annotations

from typing import Sequence

from planner.food import DietMode
from planner.notes import RaiseDose, SupplementReason
from planner.profile import Profile
from planner.results import Guidance, SupplementOption
from planner.totals import VEGAN_DAILY_SUPPLEMENT_UG, VEGAN_WEEKLY_SUPPLEMENT_UG
from planner.units import Every, Micrograms

CLINICAL_DAILY_UG = 1000.0


def supplement_options(profile: Profile) -> tuple[SupplementOption, ...]:
    if not profile.intrinsic_factor:
        return (SupplementOption("supplement:b12-1000ug-daily", "B12, 1,000 µg daily, as a clinician prescribes",
                                 CLINICAL_DAILY_UG, Every.DAY, Guidance.CLINICAL),)
    return (
        SupplementOption("supplement:b12-10ug-daily", "B12 supplement (cyanocobalamin), 10 µg daily",
                         VEGAN_DAILY_SUPPLEMENT_UG, Every.DAY, Guidance.VEGAN_DAILY),
        SupplementOption("supplement:b12-2000ug-weekly", "B12 supplement (cyanocobalamin), 2,000 µg weekly",
                         VEGAN_WEEKLY_SUPPLEMENT_UG, Every.WEEK, Guidance.VEGAN_WEEKLY),
    )


def supplement_reason(profile: Profile) -> SupplementReason | None:
    """Why the guidance calls for a supplement for this person, or None."""
    if profile.diet is DietMode.VEGAN:
        return SupplementReason.VEGAN
    if profile.fortified_first:
        return SupplementReason.FORTIFIED_FIRST
    return None


def raise_dose_note(profile: Profile, supplements: Sequence[tuple[str, Micrograms, Every]]) -> RaiseDose | None:
    """A supplement already taken that is below what the guidance asks: raise its dose, add no second."""
    if profile.diet is not DietMode.VEGAN:
        return None
    daily = max((ug for _, ug, every in supplements if every is Every.DAY), default=0.0)
    weekly = max((ug for _, ug, every in supplements if every is Every.WEEK), default=0.0)
    if daily >= VEGAN_DAILY_SUPPLEMENT_UG or weekly >= VEGAN_WEEKLY_SUPPLEMENT_UG:
        return None
    name, ug, every = supplements[0]
    return RaiseDose(name, ug, every, VEGAN_DAILY_SUPPLEMENT_UG if every is Every.DAY else VEGAN_WEEKLY_SUPPLEMENT_UG)
