"""Where food records come from: FoodData Central when a client is configured and answers,
else the bundled SR Legacy (SR28) and FNDDS 2021–2023 data, with a sentence saying why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from planner.errors import FdcError
from planner.exclusions import exclusion_reason
from planner.fdc.client import FdcClient
from planner.fdc.protocol import DEFAULT_SEARCH_TYPES
from planner.food import DietMode, Food
from planner.search import SearchIndex, SearchResult, search_words
from planner.snapshot import BUNDLED_DATA_NAME

BUNDLED_ORIGIN = f"the bundled {BUNDLED_DATA_NAME}"
FDC_ORIGIN = "USDA FoodData Central (live)"


@dataclass(frozen=True)
class FoodSearchResult:
    result: SearchResult
    origin: str
    unavailable: str | None = None  # why the live source was not used (its error, in one sentence)

    @property
    def foods(self) -> tuple[Food, ...]:
        return self.result.foods


def _filtered(query: str, found: Sequence[Food], diet: DietMode | None, leave_out: Sequence[str],
              limit: int) -> SearchResult:
    """FDC's answer with the same diet filter and leave-out rule as the bundled search."""
    kept: list[Food] = []
    by_diet = by_words = 0
    for food in found:
        if diet is not None and not diet.allows(food.diet):
            by_diet += 1
        elif exclusion_reason(food, leave_out) is not None:
            by_words += 1
        else:
            kept.append(food)
    return SearchResult(tuple(kept[:limit]), len(found), by_diet, by_words, query, diet, live=True)


def search_foods(query: str, index: SearchIndex, client: FdcClient | None = None,
                 diet: DietMode | None = None, leave_out: Sequence[str] = (), limit: int = 25,
                 data_types: Iterable[str] = DEFAULT_SEARCH_TYPES) -> FoodSearchResult:
    """Search FDC when possible; on any FDC failure fall back to the bundled data and say so.

    Raises QueryError for an empty query (from either source) so the caller can ask again.
    """
    if client is not None:
        search_words(query)  # the same empty-query check for both sources
        try:
            found = client.search(query, data_types=data_types, page_size=min(max(limit * 2, 25), 200))
        except FdcError as error:
            bundled = index.find(query, diet=diet, leave_out=leave_out, limit=limit)
            return FoodSearchResult(bundled, BUNDLED_ORIGIN, str(error))
        return FoodSearchResult(_filtered(query, found, diet, leave_out, limit), FDC_ORIGIN)
    return FoodSearchResult(index.find(query, diet=diet, leave_out=leave_out, limit=limit), BUNDLED_ORIGIN)
