"""Process-wide, read-only views of the bundled data that are costly to build."""

from __future__ import annotations

from planner.datacache import load, save
from planner.once import once
from planner.search import SearchIndex
from planner.snapshot import bundled_foods

INDEX_CACHE = "search-index"


@once
def bundled_search_index() -> SearchIndex:
    """The search index over the bundled snapshot, built once per process (or kept between runs:
    planner/datacache.py)."""
    foods = list(bundled_foods().values())
    state = load(INDEX_CACHE)
    index = SearchIndex.from_state(foods, state) if isinstance(state, dict) else None
    if index is None:
        index = SearchIndex(foods)
        save(INDEX_CACHE, index.state())
    return index
