"""Units and how often: the small vocabulary every layer shares. Pure."""

from __future__ import annotations

from enum import Enum

Micrograms = float
Grams = float
DAYS_PER_WEEK = 7


class Every(str, Enum):
    """How often a supplement is taken; values are the plan file's strings."""

    DAY = "day"
    WEEK = "week"
