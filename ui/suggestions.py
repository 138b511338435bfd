"""The day's suggestions, cached for the server process: the ranking per person (the same for
every day of theirs), the answer per person and day (frozen, so shared, not copied)."""

from __future__ import annotations

import streamlit as st

from planner.advice.dayplan import CurrentDay
from planner.advice.ranking import Ranking, rank_sources
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.profile import Profile
from planner.results import PlanTotals, Suggestions
from planner.snapshot import bundled_foods


@st.cache_resource(max_entries=64, show_spinner=False)
def ranked_sources(profile: Profile) -> Ranking:
    """The foods that may be offered to a person, best first: the same for every day of theirs."""
    return rank_sources(bundled_foods().values(), profile, bundled_search_index())


@st.cache_resource(max_entries=256, show_spinner=False)
def suggestions_for(profile: Profile, current: CurrentDay) -> Suggestions:
    return suggest(profile, bundled_foods().values(), current, bundled_search_index(),
                   ranking=ranked_sources(profile))


def day_suggestions(totals: PlanTotals, profile: Profile, day_index: int) -> Suggestions:
    """What to add to this day of the plan, for this person."""
    return suggestions_for(profile, CurrentDay.from_day(totals.days[day_index]))
