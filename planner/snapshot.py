"""The only reader of the package's data: USDA SR Legacy (SR28) and FNDDS 2021–2023 as food
records, and the retired SR24 release (planner/data, read with importlib.resources, so it works
wherever the package is).

`bundled_foods()` is read once per process. Ids are `sr:<NDB>` and `fndds:<food code>`
(planner/fndds.py). Old `sr24:<NDB>` ids still
resolve: to the SR28 food with the same NDB (NDB numbers are stable across releases), or,
for the numbers SR28 dropped, to the old SR24 record, kept read-only and never searched.
The SR24 files are read only when such an id is met.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Callable, Iterator, Mapping

from planner.datacache import cached
from planner.diet import label_food
from planner.errors import UnknownFoodError
from planner.everyday import everyday_ndbs
from planner.fndds import FNDDS_CITATION, read_fndds, read_newer_values
from planner.food import FNDDS_PREFIX, RETIRED_DATA_TYPE, SR24_PREFIX, SR_PREFIX, Food, unique_portions
from planner.once import once

DATA_DIR: Traversable = files("planner") / "data"
SEARCH_TERMS: Traversable = DATA_DIR / "search_terms.csv"  # the reviewed compounds and synonyms (planner.words)
SR_DATA_TYPE = "SR Legacy"
SR_CITATION = "USDA SR Legacy (SR28, 2016)"
SR_RELEASE_NAME = "USDA SR Legacy (SR28)"
BUNDLED_DATA_NAME = f"{SR_RELEASE_NAME} and {FNDDS_CITATION}"  # what the bundled search and totals read
SR24_CITATION = "USDA SR24 (2011)"

# ComName entries that are not names people use (recipe numbers, commodity codes).
NOT_A_COMMON_NAME = re.compile(r"recipe no|commodity|^includes?\b|^original$|^\d", re.I)


def sr_id(ndb: str) -> str:
    return f"{SR_PREFIX}{ndb}"


def _number(text: str) -> float | None:
    return float(text) if text != "" else None  # empty = unknown, never 0


def common_names(com_name: str) -> tuple[str, ...]:
    """SR's ComName split into the names people type ("hot dog, frank, wiener")."""
    names = (" ".join(part.split()) for part in com_name.split(","))
    return tuple(dict.fromkeys(n for n in names if n and not NOT_A_COMMON_NAME.search(n)))


def csv_rows(resource: Traversable) -> Iterator[dict[str, str]]:
    """The rows of a bundled CSV file (UTF-8; line breaks inside quoted fields kept)."""
    with resource.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        yield from csv.DictReader(text)


def _measures(path: Traversable) -> dict[str, list[tuple[str, float]]]:
    measures: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in csv_rows(path):
        measures[row["ndb"]].append((row["label"], float(row["grams"])))
    return measures


class FoodCatalog(Mapping[str, Food]):
    """Current foods by id, in snapshot order. `get_food` raises, `find` returns None.

    Iteration yields current foods only; retired SR24 records are reached through their id.
    """

    def __init__(self, foods: list[Food], manifest: dict | None = None,
                 legacy: Callable[[], Mapping[str, Food]] | None = None):
        self._by_id = {food.id: food for food in foods}
        self.manifest = manifest or {}
        self._legacy_loader = legacy

    def __getitem__(self, food_id: str) -> Food:
        return self._by_id[food_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def sr24_record(self, ndb: str) -> Food | None:
        """The SR24 (2011) record of an NDB number, current in SR28 or not (old values, old portions)."""
        if self._legacy_loader is None:
            return None
        return self._legacy_loader().get(ndb)

    def canonical_id(self, food_id: str) -> str:
        """`sr24:<NDB>` -> `sr:<NDB>` where SR28 has that NDB; every other id unchanged."""
        if food_id.startswith(SR24_PREFIX):
            current = sr_id(food_id[len(SR24_PREFIX):])
            if current in self._by_id:
                return current
        return food_id

    def find(self, food_id: str) -> Food | None:
        """A food by any accepted id, old `sr24:` ids included; None when nothing matches."""
        food_id = self.canonical_id(food_id)
        found = self._by_id.get(food_id)
        if found is None and food_id.startswith(SR24_PREFIX):
            found = self.sr24_record(food_id[len(SR24_PREFIX):])
        return found

    def get_food(self, food_id: str) -> Food:
        found = self.find(food_id)
        if found is None:
            raise UnknownFoodError(food_id)
        return found

    def foods(self) -> list[Food]:
        return list(self._by_id.values())

    def fndds_codes(self) -> frozenset[str]:
        """The food codes of the bundled FNDDS foods, for FDC's Survey copies of them (their `foodCode`)."""
        return frozenset(food_id[len(FNDDS_PREFIX):] for food_id in self._by_id if food_id.startswith(FNDDS_PREFIX))

    def everyday_ndbs(self) -> frozenset[str]:
        """NDB numbers of the everyday foods, for FDC's copies of SR foods (their `ndbNumber`)."""
        return frozenset(food.id[len(SR_PREFIX):] for food in self._by_id.values() if food.everyday)


def _row_food(row: dict[str, str], measures: Mapping[str, list[tuple[str, float]]], food_id: str, data_type: str,
              source: str, **extras: Any) -> Food:
    """A snapshot row as a Food, labelled by today's rules (SR28's extra facts where the row has them)."""
    ndb, group = row["ndb"], row["food_group"] or None
    b12 = _number(row["b12_ug_per_100g"])
    labels = label_food(row["description"], group, b12, extras.get("b12_added_ug_per_100g"),
                        extras.get("langual", ()))
    return Food(id=food_id, description=row["description"], food_group=group, b12_ug_per_100g=b12,
                kcal_per_100g=_number(row["kcal_per_100g"]), retinol_ug_per_100g=_number(row["retinol_ug_per_100g"]),
                diet=labels.diet, check_label=labels.check_label, fortified=labels.fortified,
                unreliable=labels.unreliable, portions=unique_portions(measures.get(ndb, [])), data_type=data_type,
                source=source, **extras)


def read_sr24(data_dir: Traversable) -> dict[str, Food]:
    """Every SR24 record by NDB, labelled by today's rules and marked retired (data type SR24)."""
    measures = _measures(data_dir / "sr24_measures.csv")
    return {row["ndb"]: _row_food(row, measures, f"{SR24_PREFIX}{row['ndb']}", RETIRED_DATA_TYPE,
                                  f"{SR24_CITATION}, NDB {row['ndb']} (retired: not in SR28)", b12_data_year=2011)
            for row in csv_rows(data_dir / "sr24_foods.csv")}


def read_snapshot(data_dir: Traversable = DATA_DIR) -> FoodCatalog:
    """Read the bundled CSV files and label every food. Not cached; see bundled_foods()."""
    return _catalog(data_dir, snapshot_foods(data_dir))


def _catalog(data_dir: Traversable, foods: list[Food]) -> FoodCatalog:
    manifest = json.loads((data_dir / "sr28_manifest.json").read_text(encoding="utf-8"))
    legacy_dir = data_dir if (data_dir / "sr24_foods.csv").is_file() else None
    legacy = once(lambda: read_sr24(legacy_dir)) if legacy_dir else None
    return FoodCatalog(foods, manifest, legacy)


def snapshot_foods(data_dir: Traversable) -> list[Food]:
    """Every current food of the bundled data: SR28's, then FNDDS's."""
    measures = _measures(data_dir / "sr28_measures.csv")
    rows = list(csv_rows(data_dir / "sr28_foods.csv"))
    everyday = everyday_ndbs({r["ndb"]: r["survey"] == "Y" for r in rows},
                             {r["ndb"]: r["description"] for r in rows})
    foods = [_row_food(row, measures, sr_id(row["ndb"]), SR_DATA_TYPE, f"{SR_CITATION}, NDB {row['ndb']}",
                       brand_owner=row["manufacturer"] or None,
                       b12_added_ug_per_100g=_number(row["b12_added_ug_per_100g"]),
                       everyday=row["ndb"] in everyday, common_names=common_names(row["common_names"]),
                       b12_data_year=int(row["b12_year"]) if row["b12_year"] else None,
                       langual=tuple(row["langual"].split()))
             for row in rows]
    return foods + _fndds_foods(data_dir, foods)


def _fndds_foods(data_dir: Traversable, sr_foods: list[Food]) -> list[Food]:
    """The FNDDS foods (where the package has them), and each SR food whose B12 they give anew
    marked in place (`sr_foods` is updated)."""
    if not (data_dir / "fndds_foods.csv").is_file():
        return []
    by_ndb = {food.id[len(SR_PREFIX):]: food for food in sr_foods}
    fndds = read_fndds(list(csv_rows(data_dir / "fndds_foods.csv")), csv_rows(data_dir / "fndds_portions.csv"),
                       csv_rows(data_dir / "fndds_ingredients.csv"), by_ndb)
    newer = read_newer_values(data_dir, {food.id: food for food in fndds}, csv_rows)
    for position, food in enumerate(sr_foods):
        value = newer.get(food.id[len(SR_PREFIX):])
        if value is not None:
            sr_foods[position] = replace(food, superseded=value)
    return fndds


@once
def bundled_foods() -> FoodCatalog:
    """The bundled catalog, read once per process (built data kept between runs: planner/datacache.py)."""
    foods = cached("foods", lambda: snapshot_foods(DATA_DIR), lambda found: isinstance(found, list))
    return _catalog(DATA_DIR, foods)


@lru_cache(maxsize=1)
def langual_descriptions(data_dir: Traversable = DATA_DIR) -> dict[str, str]:
    """LanguaL code -> USDA's description, for explaining a label ("H0191 MEAT ADDED")."""
    return {row["code"]: row["description"] for row in csv_rows(data_dir / "sr28_langual.csv")}
