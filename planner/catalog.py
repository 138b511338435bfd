"""Process-wide, read-only views of the bundled data that are costly to build."""

from __future__ import annotations

from planner.once import once
from planner.search import SearchIndex
from planner.snapshot import bundled_foods


@once
def bundled_search_index() -> SearchIndex:
    """The search index over the bundled snapshot, built once per process."""
    return SearchIndex(bundled_foods().values())
