"""Process-wide, read-only views of the bundled data that are costly to build."""

from __future__ import annotations

from functools import lru_cache

from planner.search import SearchIndex
from planner.snapshot import bundled_foods


@lru_cache(maxsize=1)
def bundled_search_index() -> SearchIndex:
    """The search index over the bundled snapshot, built once per process."""
    return SearchIndex(bundled_foods().values())
