"""Build planner/data/fndds_* from USDA's FNDDS 2021–2023 "At A Glance" workbooks (FDC's "Survey (FNDDS)").

Maintainers only: users never run this. The four workbooks (USDA ARS Food Surveys Research
Group, October 2024) sit, pinned, in ../shared/reference/fndds-2021-2023; then:

    python -m scripts.build_fndds                  # or: python -m scripts.build_fndds FOLDER

Each workbook must have the sha256 pinned below unless `--allow-unpinned` is given. Every row
is checked and everything is read before anything is written, so a bad workbook never leaves a
half snapshot; the output is byte-identical for the same input (sorted rows, no timestamps).
It also lists the SR28 foods whose B12 FNDDS gives anew (fndds_newer_values.csv) and prints them.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import re
import sys
import zipfile
from collections.abc import Container, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from scripts.build_snapshot import DATA_DIR, BuildError, csv_text, manifest_text, number_text, write_outputs

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = PROJECT_DIR.parent / "shared" / "reference" / "fndds-2021-2023"
SR28_FOODS = DATA_DIR / "sr28_foods.csv"  # the committed SR28 snapshot the newer values compare with
RELEASE = "FNDDS 2021-2023"
CITATION = "USDA FNDDS 2021–2023"
DATASET = "USDA Food and Nutrient Database for Dietary Studies 2021-2023 (FNDDS), At A Glance workbooks"

FOODS = "2021-2023 FNDDS At A Glance - Foods and Beverages.xlsx"
NUTRIENTS = "2021-2023 FNDDS At A Glance - FNDDS Nutrient Values.xlsx"
PORTIONS = "2021-2023 FNDDS At A Glance - Portions and Weights.xlsx"
INGREDIENTS = "2021-2023 FNDDS At A Glance - FNDDS Ingredients.xlsx"

# sha256 of each workbook, as pinned in ../shared/reference/fndds-2021-2023/SHA256SUMS.
PINNED_SHA256 = {
    FOODS: "ae7e41d348ff0c9d63199c12746c9dfa8ee1444ce2efb32b824ae191814d7d15",
    NUTRIENTS: "3632f661f9dee3138f9eb59b90a9e31315861d544e03ff3ff90f1e9f45626300",
    PORTIONS: "6a53c6c0e07976424390c36b440e42ca0043822fda8de0c56f5f26ec19f7c4d5",
    INGREDIENTS: "844e2ca04adc3476aebbe46f5d37cdba73e037f13fd7a8c8af7a4605ef82af5a",
}
HEADER_ROW = 2  # row 1 is the workbook's title; rows below the header are data
FIRST_DATA_ROW = HEADER_ROW + 1

# The columns read from each workbook, by their published headers (a line break in a header
# reads as a space: "Vitamin B-12, added\n(mcg)" is "Vitamin B-12, added (mcg)").
COLUMNS = {
    FOODS: ("Food code", "Main food description", "Additional food description", "WWEIA Category number",
            "WWEIA Category description"),
    NUTRIENTS: ("Food code", "Vitamin B-12 (mcg)", "Vitamin B-12, added (mcg)", "Energy (kcal)", "Retinol (mcg)"),
    PORTIONS: ("Food code", "Seq num", "Portion description", "Portion weight (g)"),
    INGREDIENTS: ("Food code", "Seq num", "Ingredient code", "Ingredient description", "Ingredient weight (g)",
                  "Retention code", "Moisture change (%)"),
}
# Nutrient Values header -> food column, with its unit (per 100 g, as FNDDS gives every nutrient).
NUTRIENT_COLUMNS = {
    "Vitamin B-12 (mcg)": ("b12_ug_per_100g", "µg"),
    "Vitamin B-12, added (mcg)": ("b12_added_ug_per_100g", "µg"),
    "Energy (kcal)": ("kcal_per_100g", "kcal"),
    "Retinol (mcg)": ("retinol_ug_per_100g", "µg"),
}

FOOD_COLUMNS = ["food_code", "description", "additional_description", "wweia_category_number",
                "wweia_category_description", *(column for column, _ in NUTRIENT_COLUMNS.values())]
PORTION_COLUMNS = ["food_code", "seq", "description", "grams"]
INGREDIENT_COLUMNS = ["food_code", "seq", "ingredient_code", "ingredient_description", "grams", "retention_code",
                      "moisture_change_percent"]
NEWER_VALUE_COLUMNS = ["sr_ndb", "sr_description", "sr_b12_ug_per_100g", "sr_b12_year", "fndds_food_code",
                       "fndds_description", "fndds_b12_ug_per_100g", "ratio", "match"]
OUTPUT_FILES = ("fndds_foods.csv", "fndds_portions.csv", "fndds_ingredients.csv", "fndds_newer_values.csv",
                "fndds_manifest.json")

# Issue 24, item 6: a pair is recorded when FNDDS / SR28 is above 1.5 or below 0.67.
RATIO_ABOVE = Fraction(3, 2)
RATIO_BELOW = Fraction(67, 100)
# How an FNDDS description names a cooking method -> how SR28 names that method in its cooked
# records ("Mollusks, clam, mixed species, raw" -> "Mollusks, clam, mixed species, cooked, moist heat").
SR_COOKING = {"steamed": "cooked, moist heat", "boiled": "cooked, moist heat", "poached": "cooked, moist heat"}

Cells = dict[str, object]  # one workbook row: published header -> the cell's value as openpyxl read it


# ---- reading the workbooks ----------------------------------------------------------------

@dataclass(frozen=True)
class Workbook:
    name: str
    sha256: str
    rows: list[tuple[int, Cells]]  # (spreadsheet row number, cells) of every non-empty row


def _header(raw: object) -> str:
    return " ".join(str(raw).split())


def read_workbook(source: Path, name: str, pinned: dict[str, str] | None) -> Workbook:
    """One workbook's rows, checked against its pinned sha256 (None: accept any, say so in the manifest)."""
    path = source / name
    if not path.is_file():
        raise BuildError(f"{name}: missing from {source}")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if pinned is not None and pinned.get(name) != digest:
        raise BuildError(f"{name}: sha256 {digest} is not {RELEASE}'s pinned {pinned.get(name)} "
                         "(a different or damaged workbook; --allow-unpinned builds from it anyway)")
    try:
        # na_filter=False: text such as "NA" or "None" stays text; an empty cell reads as "".
        frame = pd.read_excel(io.BytesIO(data), header=HEADER_ROW - 1, dtype=object, engine="openpyxl",
                              na_filter=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise BuildError(f"{name}: not a readable Excel workbook ({error})") from None
    frame = frame.rename(columns=_header)
    for column in COLUMNS[name]:
        if column not in frame.columns:
            raise BuildError(f"{name}: no column {column!r} in its header row (row {HEADER_ROW})")
    rows = [(FIRST_DATA_ROW + index, dict(zip(COLUMNS[name], values, strict=True)))
            for index, values in enumerate(frame[list(COLUMNS[name])].itertuples(index=False))]
    return Workbook(name, digest, [(row, cells) for row, cells in rows if not all(map(_blank, cells.values()))])


# ---- reading cells ------------------------------------------------------------------------

def _blank(value: object) -> bool:
    return value is None or value == ""


def _text(where: str, column: str, value: object, required: bool = True) -> str:
    """Text exactly as published (double spaces and all); an optional empty cell is ''."""
    if _blank(value) and not required:
        return ""
    if _blank(value):
        raise BuildError(f"{where}: {column} is empty")
    if not isinstance(value, str):
        raise BuildError(f"{where}: {column} {value!r} is not text")
    return value


def _number(where: str, column: str, value: object, negative_ok: bool = False) -> str:
    """A number's canonical text (number_text): no rounding beyond what the cell holds."""
    if _blank(value):
        raise BuildError(f"{where}: {column} is empty")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise BuildError(f"{where}: {column} {value!r} is not a number")
    try:
        text = number_text(value if isinstance(value, str) else repr(value))
    except ValueError:
        raise BuildError(f"{where}: {column} {value!r} is not a number") from None
    if not math.isfinite(float(text)) or (text.startswith("-") and not negative_ok):
        raise BuildError(f"{where}: {column} {value!r} is not a number of 0 or more")
    return text


def _digits(where: str, column: str, value: object) -> str:
    """A code's digits: a whole number, or text of digits (which keeps its leading zeros)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value):
        return value
    if _blank(value):
        raise BuildError(f"{where}: {column} is empty")
    raise BuildError(f"{where}: {column} {value!r} is not a code of digits")


def _food_code(where: str, value: object) -> str:
    """FNDDS's 8-digit food code (a number loses leading zeros in Excel: they are put back)."""
    digits = _digits(where, "Food code", value)
    if len(digits) > 8:
        raise BuildError(f"{where}: Food code {value!r} is longer than 8 digits")
    return digits.zfill(8)


def _ingredient_code(where: str, value: object, food_codes: Container[str]) -> str:
    """An ingredient code in its own database's spelling: SR NDB numbers five digits, zero-padded
    like SR's (1077 -> 01077); 6-digit codes (Foundation foods, USDA's "… as ingredient"
    additions) and 8-digit FNDDS food codes (foods used as ingredients) as published."""
    digits = _digits(where, "Ingredient code", value)
    if len(digits) <= 5:
        return digits.zfill(5)
    if len(digits) == 8 and digits not in food_codes:
        raise BuildError(f"{where}: Ingredient code {digits} is an 8-digit food code not in {FOODS}")
    if len(digits) not in (6, 8):
        raise BuildError(f"{where}: Ingredient code {value!r} is not an SR NDB number, a 6-digit code "
                         "or an 8-digit food code")
    return digits


# ---- building the tables ------------------------------------------------------------------

@dataclass(frozen=True)
class Tables:
    foods: list[dict]
    portions: list[dict]
    ingredients: list[dict]
    foods_without_nutrients: list[str]  # food codes in Foods and Beverages that Nutrient Values lacks
    portions_without_weight: int  # portion rows of weight 0, left out


def _listed_food(where: str, value: object, known: Container[str]) -> str:
    code = _food_code(where, value)
    if code not in known:
        raise BuildError(f"{where}: food code {code} is not in {FOODS}")
    return code


def read_foods(workbook: Workbook) -> dict[str, dict]:
    """Every food in Foods and Beverages, by food code, without its nutrients yet."""
    foods: dict[str, dict] = {}
    for row, cells in workbook.rows:
        where = f"{workbook.name} row {row}"
        code = _food_code(where, cells["Food code"])
        if code in foods:
            raise BuildError(f"{where}: food code {code} is listed twice")
        foods[code] = {"food_code": code,
                       "description": _text(where, "Main food description", cells["Main food description"]),
                       "additional_description": _text(where, "Additional food description",
                                                       cells["Additional food description"], required=False),
                       "wweia_category_number": _digits(where, "WWEIA Category number",
                                                        cells["WWEIA Category number"]),
                       "wweia_category_description": _text(where, "WWEIA Category description",
                                                           cells["WWEIA Category description"])}
    return foods


def add_nutrients(foods: dict[str, dict], workbook: Workbook) -> list[str]:
    """Put each food's nutrients in its record; the codes of the foods with nutrient values."""
    valued: set[str] = set()
    for row, cells in workbook.rows:
        where = f"{workbook.name} row {row}"
        code = _listed_food(where, cells["Food code"], foods)
        if code in valued:
            raise BuildError(f"{where}: food code {code} is listed twice")
        valued.add(code)
        for header, (column, _) in NUTRIENT_COLUMNS.items():
            foods[code][column] = _number(where, header, cells[header])
    return sorted(valued)


def _food_rows(workbook: Workbook, food_codes: Container[str]) -> Iterator[tuple[str, str, int, Cells]]:
    """(where, food code, seq, cells) of each row of a per-food list, each (food, seq) once."""
    seen: set[tuple[str, int]] = set()
    for row, cells in workbook.rows:
        where = f"{workbook.name} row {row}"
        code = _listed_food(where, cells["Food code"], food_codes)
        seq = int(_digits(where, "Seq num", cells["Seq num"]))
        if (code, seq) in seen:
            raise BuildError(f"{where}: food code {code} seq {seq} is listed twice")
        seen.add((code, seq))
        yield where, code, seq, cells


def read_portions(workbook: Workbook, listed: Container[str], kept: Container[str]) -> tuple[list[dict], int]:
    """The kept foods' portions of weight > 0, sorted, and how many of theirs weigh 0 (left out)."""
    portions: list[dict] = []
    weightless = 0
    for where, code, seq, cells in _food_rows(workbook, listed):
        description = _text(where, "Portion description", cells["Portion description"])
        grams = _number(where, "Portion weight (g)", cells["Portion weight (g)"])
        if code in kept and float(grams) > 0:
            portions.append({"food_code": code, "seq": seq, "description": description, "grams": grams})
        elif code in kept:
            weightless += 1
    return sorted(portions, key=lambda r: (r["food_code"], r["seq"])), weightless


def read_ingredients(workbook: Workbook, listed: Container[str], kept: Container[str]) -> list[dict]:
    """The kept foods' ingredient lists, sorted; every row is checked."""
    ingredients: list[dict] = []
    for where, code, seq, cells in _food_rows(workbook, listed):
        row = {"food_code": code, "seq": seq,
               "ingredient_code": _ingredient_code(where, cells["Ingredient code"], listed),
               "ingredient_description": _text(where, "Ingredient description", cells["Ingredient description"]),
               "grams": _number(where, "Ingredient weight (g)", cells["Ingredient weight (g)"]),
               "retention_code": _digits(where, "Retention code", cells["Retention code"]),
               "moisture_change_percent": _number(where, "Moisture change (%)", cells["Moisture change (%)"],
                                                  negative_ok=True)}
        if code in kept:
            ingredients.append(row)
    return sorted(ingredients, key=lambda r: (r["food_code"], r["seq"]))


def build_tables(workbooks: dict[str, Workbook]) -> Tables:
    """Foods (those with nutrient values), their portions of weight > 0 and their ingredients, sorted."""
    listed = read_foods(workbooks[FOODS])
    valued = add_nutrients(listed, workbooks[NUTRIENTS])
    kept = set(valued)
    portions, weightless = read_portions(workbooks[PORTIONS], listed, kept)
    return Tables([listed[code] for code in valued], portions, read_ingredients(workbooks[INGREDIENTS], listed, kept),
                  sorted(set(listed) - kept), weightless)


# ---- newer values: FNDDS beside SR28 --------------------------------------------------------

def read_sr28_foods(path: Path) -> dict[str, dict[str, str]]:
    """The SR28 snapshot's foods by NDB (ndb, description, b12_ug_per_100g, b12_year …)."""
    if not path.is_file():
        raise BuildError(f"{path.name}: missing from {path.parent} (the SR28 snapshot FNDDS is compared with)")
    with path.open(encoding="utf-8", newline="") as file:
        return {row["ndb"]: row for row in csv.DictReader(file)}


def _cooked_form(food: dict, raw: dict[str, str], sr_names: dict[str, list[str]]) -> str | None:
    """The SR28 record of a raw SR food cooked the way the FNDDS food's name says, if exactly one."""
    methods = {SR_COOKING[word] for word in re.findall(r"[a-z]+", food["description"].lower()) if word in SR_COOKING}
    if len(methods) != 1 or not raw["description"].endswith(", raw"):
        return None
    matches = sr_names.get(f"{raw['description'].removesuffix(', raw')}, {methods.pop()}", [])
    return matches[0] if len(matches) == 1 else None


def sr_counterparts(tables: Tables, sr_foods: dict[str, dict[str, str]]) -> list[tuple[str, dict, str]]:
    """(SR NDB, FNDDS food, match) for each FNDDS food that is one SR28 food.

    Only foods whose ingredient list is a single SR ingredient (so never a mixed dish and its
    main ingredient). Without a cooking step (retention code 0, moisture change 0) the food is
    that SR food: match "same", or "renamed" where USDA now names the NDB differently from SR28
    (the code re-pointed to a newer sample). With one, FNDDS cooks the raw SR food itself, where
    SR28 kept its own cooked record: match "cooked" pairs the food with that record.
    """
    foods = {food["food_code"]: food for food in tables.foods}
    lists: dict[str, list[dict]] = {}
    for ingredient in tables.ingredients:
        lists.setdefault(ingredient["food_code"], []).append(ingredient)
    sr_names: dict[str, list[str]] = {}
    for ndb, named in sr_foods.items():
        sr_names.setdefault(named["description"], []).append(ndb)
    pairs: list[tuple[str, dict, str]] = []
    for code, (only, *others) in lists.items():
        sr_food = sr_foods.get(only["ingredient_code"])
        if others or sr_food is None:
            continue
        if only["retention_code"] == "0" and only["moisture_change_percent"] == "0":
            same = only["ingredient_description"] == sr_food["description"]
            pairs.append((only["ingredient_code"], foods[code], "same" if same else "renamed"))
        elif (cooked := _cooked_form(foods[code], sr_food, sr_names)) is not None:
            pairs.append((cooked, foods[code], "cooked"))
    return pairs


def b12_ratio(fndds: Fraction, sr: Fraction) -> Fraction | None:
    """FNDDS / SR28; None when SR28 says 0 (FNDDS above 0 is then an infinite ratio)."""
    return None if sr == 0 else fndds / sr


def is_newer_value(fndds: Fraction, sr: Fraction) -> bool:
    """Outside [0.67, 1.5]; both 0 agree, and SR28 0 against FNDDS above 0 counts as above 1.5."""
    ratio = b12_ratio(fndds, sr)
    if ratio is None:
        return fndds > 0
    return ratio > RATIO_ABOVE or ratio < RATIO_BELOW


def newer_values(tables: Tables, sr_foods: dict[str, dict[str, str]]) -> list[dict]:
    """The pairs whose B12 disagrees (both known), sorted by SR NDB then food code."""
    rows: list[dict] = []
    for ndb, food, match in sr_counterparts(tables, sr_foods):
        sr_food = sr_foods[ndb]
        if sr_food["b12_ug_per_100g"] == "":
            continue
        fndds, sr = Fraction(food["b12_ug_per_100g"]), Fraction(sr_food["b12_ug_per_100g"])
        if not is_newer_value(fndds, sr):
            continue
        ratio = b12_ratio(fndds, sr)
        rows.append({"sr_ndb": ndb, "sr_description": sr_food["description"],
                     "sr_b12_ug_per_100g": sr_food["b12_ug_per_100g"], "sr_b12_year": sr_food["b12_year"],
                     "fndds_food_code": food["food_code"], "fndds_description": food["description"],
                     "fndds_b12_ug_per_100g": food["b12_ug_per_100g"],
                     "ratio": "inf" if ratio is None else number_text(f"{float(ratio):.3g}"),
                     "match": match})
    return sorted(rows, key=lambda r: (r["sr_ndb"], r["fndds_food_code"]))


def newer_values_table(rows: list[dict]) -> str:
    """The pairs as a plain-text table for the terminal (long names shortened)."""
    def short(text: str, width: int = 40) -> str:
        return text if len(text) <= width else text[:width - 1] + "…"
    lines = [f"{'SR NDB':6}  {'SR28 food':40}  {'µg':>6}  {'year':4}  {'FNDDS':8}  {'FNDDS food':40}  {'µg':>6}"
             f"  {'ratio':>6}  match"]
    lines += [f"{r['sr_ndb']:6}  {short(r['sr_description']):40}  {r['sr_b12_ug_per_100g']:>6}  "
              f"{r['sr_b12_year']:4}  {r['fndds_food_code']:8}  {short(r['fndds_description']):40}  "
              f"{r['fndds_b12_ug_per_100g']:>6}  {r['ratio']:>6}  {r['match']}" for r in rows]
    return "\n".join(lines) + "\n"


# ---- writing --------------------------------------------------------------------------------

def build(source: Path = DEFAULT_SOURCE, out_dir: Path = DATA_DIR, pinned: dict[str, str] | None = PINNED_SHA256,
          sr28_foods: Path = SR28_FOODS) -> tuple[dict, list[dict]]:
    """Read and check all four workbooks, then write every output file; the manifest and the newer values."""
    workbooks = {name: read_workbook(source, name, pinned) for name in COLUMNS}
    sr_foods = read_sr28_foods(sr28_foods)
    tables = build_tables(workbooks)
    newer = newer_values(tables, sr_foods)
    manifest = {
        "dataset": DATASET,
        "release": RELEASE,
        "citation": CITATION,
        "data_type": "Survey (FNDDS)",
        "license": "public domain (U.S. Government work)",
        "source": "USDA ARS Food Surveys Research Group, 2021-2023 FNDDS At A Glance workbooks (October 2024)",
        "input_sha256": {**{name: workbooks[name].sha256 for name in sorted(workbooks)},
                         sr28_foods.name: hashlib.sha256(sr28_foods.read_bytes()).hexdigest()},
        "checksums": "pinned" if pinned is not None else "not checked (--allow-unpinned)",
        "counts": {
            "foods": len(tables.foods),
            "foods_with_b12_added": sum(1 for r in tables.foods if float(r["b12_added_ug_per_100g"]) > 0),
            "wweia_categories": len({r["wweia_category_number"] for r in tables.foods}),
            "portions": len(tables.portions),
            "ingredients": len(tables.ingredients),
            "newer_values": len(newer),
        },
        "left_out": {"foods_without_nutrient_values": tables.foods_without_nutrients,
                     "portions_without_weight": tables.portions_without_weight},
        "units": {column: unit for column, unit in NUTRIENT_COLUMNS.values()},
        "files": list(OUTPUT_FILES[:-1]),
    }
    write_outputs(out_dir, {
        "fndds_foods.csv": csv_text(FOOD_COLUMNS, tables.foods),
        "fndds_portions.csv": csv_text(PORTION_COLUMNS, tables.portions),
        "fndds_ingredients.csv": csv_text(INGREDIENT_COLUMNS, tables.ingredients),
        "fndds_newer_values.csv": csv_text(NEWER_VALUE_COLUMNS, newer),
        "fndds_manifest.json": manifest_text(manifest),
    })
    return manifest, newer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", type=Path, nargs="?", default=DEFAULT_SOURCE,
                        help=f"the folder of the four workbooks (default {DEFAULT_SOURCE})")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--allow-unpinned", action="store_true",
                        help=f"build from workbooks whose sha256 differs from {RELEASE}'s (recorded in the manifest)")
    args = parser.parse_args(argv)
    try:
        manifest, newer = build(args.source, args.out, None if args.allow_unpinned else PINNED_SHA256)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(manifest_text(manifest["counts"]), end="")
    print("\nSR28 B12 values FNDDS gives anew (ratio FNDDS/SR28 outside [0.67, 1.5]):")
    print(newer_values_table(newer), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
