"""Estimated B12 absorbed from one dose (NIH ODS, IOM). An estimate, shown beside intake.

Intrinsic factor saturates at about 1.5 µg per meal; passive diffusion takes ~1 % of any
dose. The model fits ODS's anchors: 1 µg -> 0.56 µg, 1,000 µg -> 11.5 µg.
"""

from __future__ import annotations

Micrograms = float

IF_CAPACITY_UG = 1.5
IF_HALF_SATURATION_UG = 1.73
PASSIVE_FRACTION = 0.01


def absorbed_ug(dose_ug: Micrograms, intrinsic_factor: bool = True) -> Micrograms:
    """B12 absorbed from `dose_ug` eaten at one meal (or one supplement dose)."""
    if dose_ug <= 0:
        return 0.0
    passive = PASSIVE_FRACTION * dose_ug
    if not intrinsic_factor:  # pernicious anaemia, some gastric surgery
        return passive
    return IF_CAPACITY_UG * dose_ug / (dose_ug + IF_HALF_SATURATION_UG) + passive
