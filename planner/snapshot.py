"""The only reader of data/: the bundled USDA SR24 snapshot as food records.

Loaded once per process (`bundled_foods()` is cached); the snapshot is read-only.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping

from planner.diet import label_food
from planner.errors import UnknownFoodError
from planner.food import Food, unique_portions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SR24_DATA_TYPE = "SR24"
SR24_CITATION = "USDA SR24 (2011)"
SR24_YEAR = 2011


def sr24_id(ndb: str) -> str:
    return f"sr24:{ndb}"


def _number(text: str) -> float | None:
    return float(text) if text != "" else None  # empty = unknown, never 0


class FoodCatalog(Mapping[str, Food]):
    """Foods by id, in snapshot order. `get_food` raises, `find` returns None."""

    def __init__(self, foods: list[Food], manifest: dict | None = None):
        self._by_id = {food.id: food for food in foods}
        self.manifest = manifest or {}

    def __getitem__(self, food_id: str) -> Food:
        return self._by_id[food_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def find(self, food_id: str) -> Food | None:
        return self._by_id.get(food_id)

    def get_food(self, food_id: str) -> Food:
        try:
            return self._by_id[food_id]
        except KeyError:
            raise UnknownFoodError(food_id) from None

    def foods(self) -> list[Food]:
        return list(self._by_id.values())


def read_snapshot(data_dir: Path = DATA_DIR) -> FoodCatalog:
    """Read the CSV snapshot and label every food. Not cached; see bundled_foods()."""
    measures: dict[str, list[tuple[str, float]]] = defaultdict(list)
    with (data_dir / "sr24_measures.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            measures[row["ndb"]].append((row["label"], float(row["grams"])))
    foods: list[Food] = []
    with (data_dir / "sr24_foods.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ndb = row["ndb"]
            group = row["food_group"] or None
            b12 = _number(row["b12_ug_per_100g"])
            labels = label_food(row["description"], group, b12)
            foods.append(Food(
                id=sr24_id(ndb),
                description=row["description"],
                food_group=group,
                b12_ug_per_100g=b12,
                kcal_per_100g=_number(row["kcal_per_100g"]),
                retinol_ug_per_100g=_number(row["retinol_ug_per_100g"]),
                diet=labels.diet,
                check_label=labels.check_label,
                fortified=labels.fortified,
                unreliable=labels.unreliable,
                portions=unique_portions(measures.get(ndb, [])),
                data_type=SR24_DATA_TYPE,
                source=f"{SR24_CITATION}, NDB {ndb}",
                url=None,
            ))
    manifest = json.loads((data_dir / "sr24_manifest.json").read_text(encoding="utf-8"))
    return FoodCatalog(foods, manifest)


@lru_cache(maxsize=1)
def bundled_foods() -> FoodCatalog:
    """The bundled catalog, read once per process."""
    return read_snapshot(DATA_DIR)
