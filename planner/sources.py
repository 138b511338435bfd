"""Where food records come from: FoodData Central when a client is configured and answers,
else the bundled SR Legacy (SR28) snapshot, with a sentence saying why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from planner.errors import FdcError
from planner.fdc.client import FdcClient
from planner.fdc.protocol import DEFAULT_SEARCH_TYPES
from planner.food import DietMode, Food
from planner.search import SearchIndex, query_words
from planner.snapshot import SR_RELEASE_NAME

BUNDLED_ORIGIN = f"bundled {SR_RELEASE_NAME}"
FDC_ORIGIN = "USDA FoodData Central (live)"


@dataclass(frozen=True)
class FoodSearchResult:
    foods: tuple[Food, ...]
    origin: str
    message: str | None = None  # why the live source was not used


def search_foods(query: str, index: SearchIndex, client: FdcClient | None = None,
                 diet: DietMode | None = None, limit: int = 25,
                 data_types: Iterable[str] = DEFAULT_SEARCH_TYPES) -> FoodSearchResult:
    """Search FDC when possible; on any FDC failure fall back to the bundled data and say so.

    Raises QueryError for an empty query (from either source) so the caller can ask again.
    """
    if client is not None:
        query_words(query)  # the same empty-query check for both sources
        try:
            found = client.search(query, data_types=data_types, page_size=min(max(limit * 2, 25), 200))
        except FdcError as error:
            foods = index.search(query, diet=diet, limit=limit)
            return FoodSearchResult(tuple(foods), BUNDLED_ORIGIN,
                                    f"{error} Showing the bundled {SR_RELEASE_NAME} data instead.")
        allowed = [f for f in found if diet is None or diet.allows(f.diet)]
        return FoodSearchResult(tuple(allowed[:limit]), FDC_ORIGIN)
    return FoodSearchResult(tuple(index.search(query, diet=diet, limit=limit)), BUNDLED_ORIGIN)
