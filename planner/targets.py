"""Recommended B12 intakes as cited tables and the lookup that resolves a profile.

Each standard is a tuple of frozen rows, transcribed from its source (IOM/NIH ODS, EFSA 2015,
WHO/FAO 2004); `life_stage_target` scans them. No ifs per age.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from planner.errors import ProfileError
from planner.notes import TargetNote
from planner.profile import Absorption, Profile, Standard
from planner.units import Micrograms

OPEN_END = 12 * 200  # months; no upper age bound


class TargetKind(str, Enum):
    RDA = "RDA"
    AI = "AI"
    RNI = "RNI"


class Condition(str, Enum):
    NONE = "none"
    PREGNANT = "pregnant"
    LACTATING = "lactating"


@dataclass(frozen=True)
class TargetRow:
    life_stage: str
    min_months: int  # inclusive, age in months
    max_months: int  # inclusive
    condition: Condition
    target_ug: Micrograms
    kind: TargetKind
    ear_ug: Micrograms | None


IOM_SOURCE = "Institute of Medicine DRI (1998), as tabled by NIH Office of Dietary Supplements"
EFSA_SOURCE = "EFSA adequate intakes (2015)"
WHO_SOURCE = "WHO/FAO recommended nutrient intakes (2004)"

_N, _P, _L = Condition.NONE, Condition.PREGNANT, Condition.LACTATING
RDA, AI, RNI = TargetKind.RDA, TargetKind.AI, TargetKind.RNI


def _years(low: int, high: int | None) -> tuple[int, int]:
    return low * 12, (high * 12 + 11) if high is not None else OPEN_END


IOM_ROWS = (
    TargetRow("0–6 months", 0, 6, _N, 0.4, AI, None),
    TargetRow("7–12 months", 7, 11, _N, 0.5, AI, None),
    TargetRow("1–3 years", *_years(1, 3), _N, 0.9, RDA, 0.7),
    TargetRow("4–8 years", *_years(4, 8), _N, 1.2, RDA, 1.0),
    TargetRow("9–13 years", *_years(9, 13), _N, 1.8, RDA, 1.5),
    TargetRow("14–18 years", *_years(14, 18), _N, 2.4, RDA, 2.0),
    TargetRow("19–50 years", *_years(19, 50), _N, 2.4, RDA, 2.0),
    TargetRow("51+ years", *_years(51, None), _N, 2.4, RDA, 2.0),
    TargetRow("pregnancy, 14–18 years", *_years(14, 18), _P, 2.6, RDA, 2.2),
    TargetRow("pregnancy, 19–50 years", *_years(19, 50), _P, 2.6, RDA, 2.2),
    TargetRow("lactation, 14–18 years", *_years(14, 18), _L, 2.8, RDA, 2.4),
    TargetRow("lactation, 19–50 years", *_years(19, 50), _L, 2.8, RDA, 2.4),
)
EFSA_ROWS = (
    TargetRow("7–11 months", 7, 11, _N, 1.5, AI, None),
    TargetRow("1–3 years", *_years(1, 3), _N, 1.5, AI, None),
    TargetRow("4–6 years", *_years(4, 6), _N, 1.5, AI, None),
    TargetRow("7–10 years", *_years(7, 10), _N, 2.5, AI, None),
    TargetRow("11–14 years", *_years(11, 14), _N, 3.5, AI, None),
    TargetRow("15–17 years", *_years(15, 17), _N, 4.0, AI, None),
    TargetRow("adults, 18+ years", *_years(18, None), _N, 4.0, AI, None),
    TargetRow("pregnancy", 0, OPEN_END, _P, 4.5, AI, None),
    TargetRow("lactation", 0, OPEN_END, _L, 5.0, AI, None),
)
WHO_ROWS = (
    TargetRow("0–6 months", 0, 6, _N, 0.4, RNI, None),
    TargetRow("7–12 months", 7, 11, _N, 0.7, RNI, None),
    TargetRow("1–3 years", *_years(1, 3), _N, 0.9, RNI, None),
    TargetRow("4–6 years", *_years(4, 6), _N, 1.2, RNI, None),
    TargetRow("7–9 years", *_years(7, 9), _N, 1.8, RNI, None),
    TargetRow("10–18 years", *_years(10, 18), _N, 2.4, RNI, None),
    TargetRow("adults, 19+ years", *_years(19, None), _N, 2.4, RNI, None),
    TargetRow("pregnancy", 0, OPEN_END, _P, 2.6, RNI, None),
    TargetRow("lactation", 0, OPEN_END, _L, 2.8, RNI, None),
)
STANDARD_TABLES: dict[Standard, tuple[tuple[TargetRow, ...], str]] = {
    Standard.IOM: (IOM_ROWS, IOM_SOURCE),
    Standard.EFSA: (EFSA_ROWS, EFSA_SOURCE),
    Standard.WHO: (WHO_ROWS, WHO_SOURCE),
}

@dataclass(frozen=True)
class Target:
    life_stage: str
    target_ug: Micrograms
    kind: TargetKind
    ear_ug: Micrograms | None
    standard: Standard
    source: str
    notes: tuple[TargetNote, ...]


def _condition(profile: Profile) -> Condition:
    if profile.pregnant:
        return Condition.PREGNANT
    if profile.lactating:
        return Condition.LACTATING
    return Condition.NONE


def find_row(rows: tuple[TargetRow, ...], months: int, condition: Condition) -> TargetRow | None:
    for row in rows:
        if row.condition is condition and row.min_months <= months <= row.max_months:
            return row
    return None


def life_stage_target(profile: Profile) -> Target:
    """The B12 target for this profile under its chosen standard."""
    rows, source = STANDARD_TABLES[profile.standard]
    row = find_row(rows, profile.total_months, _condition(profile))
    if row is None:
        raise ProfileError(f"The {profile.standard.name} table sets no B12 amount for this "
                           f"profile (age {profile.age_years} y {profile.age_months} m); "
                           "choose IOM/NIH or WHO.")
    notes = [TargetNote.NO_UPPER_LIMIT]
    if row.kind is TargetKind.AI:
        notes.append(TargetNote.ADEQUATE_INTAKE)
    if profile.infant:
        notes.append(TargetNote.INFANT)
    if profile.age_years > 50 and profile.intrinsic_factor:  # without it fortified foods do not help either
        notes.append(TargetNote.OVER_50)
    if profile.absorption is Absorption.FOOD_BOUND:
        notes.append(TargetNote.FOOD_BOUND)
    if profile.metformin:
        notes.append(TargetNote.METFORMIN)
    return Target(row.life_stage, row.target_ug, row.kind, row.ear_ug, profile.standard,
                  source, tuple(notes))


# The share of food B12 each standard assumes is absorbed, where it states one: the IOM RDA
# assumes about half. EFSA's and WHO/FAO's figures are not tabled here, so the planner applies
# IOM's assumption to them and says so.
ABSORBED_SHARE: dict[Standard, float] = {Standard.IOM: 0.5}


@dataclass(frozen=True)
class AbsorptionGoal:
    """What absorption should reach for a target: the target times the share its standard assumes."""

    goal_ug: Micrograms
    standard: Standard  # the target's
    assumed_by: Standard  # whose assumption applies (IOM's where the target's standard states none)


def absorption_goal(target: Target) -> AbsorptionGoal:
    """What absorption should reach for this target, by its standard's own assumption or IOM's."""
    assumed_by = target.standard if target.standard in ABSORBED_SHARE else Standard.IOM
    return AbsorptionGoal(target.target_ug * ABSORBED_SHARE[assumed_by], target.standard, assumed_by)


def applicable_standards(profile: Profile) -> tuple[Standard, ...]:
    """The standards whose tables set an amount for this person (EFSA sets none under 7 months)."""
    months, condition = profile.total_months, _condition(profile)
    return tuple(standard for standard, (rows, _) in STANDARD_TABLES.items()
                 if find_row(rows, months, condition) is not None)
