"""Units and how often: the small vocabulary every layer shares. Pure."""

from __future__ import annotations

from enum import Enum

Micrograms = float
Grams = float
DAYS_PER_WEEK = 7
SHOWN_DECIMALS = 2  # µg are shown with two decimals; verdicts compare the numbers as shown


def as_shown(ug: Micrograms) -> Micrograms:
    """An amount as the page, the table and the exports show it: a verdict never contradicts its figures."""
    return round(ug, SHOWN_DECIMALS)


class Every(str, Enum):
    """How often a supplement is taken; values are the plan file's strings."""

    DAY = "day"
    WEEK = "week"
