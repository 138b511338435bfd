"""The FNDDS snapshot builder: small workbooks in USDA's layout written here, and the real ones in ../shared."""

from __future__ import annotations

import csv
import hashlib
import json
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

import scripts.build_fndds as builder
from scripts.build_fndds import FOODS, INGREDIENTS, NUTRIENTS, PORTIONS
from scripts.build_snapshot import FOOD_COLUMNS as SR28_FOOD_COLUMNS
from scripts.build_snapshot import csv_text
from tests.support.shared import shared_path

DATA_DIR = Path(builder.DATA_DIR)

# The headers as USDA publishes them (line breaks and all), with a column the builder does not read.
HEADERS: dict[str, list[str]] = {
    FOODS: ["Food code", "Main food description", "Additional food description", "WWEIA Category number",
            "WWEIA Category description"],
    NUTRIENTS: ["Food code", "Main food description", "Energy (kcal)", "Protein (g)", "Retinol (mcg)",
                "Vitamin B-12 (mcg)", "Vitamin B-12, added\n(mcg)"],
    PORTIONS: ["Food code", "Main food description", "Seq num", "Portion description", "Portion weight\n(g)"],
    INGREDIENTS: ["Food code", "Seq num", "Ingredient code", "Ingredient description", "Ingredient weight (g)",
                  "Retention code", "Moisture change\n(%)"],
}
ROWS: dict[str, list[list[object]]] = {
    FOODS: [
        [11000000, "Milk, human", None, 9602, "Human milk"],
        [11111000, "Milk, whole", "leche fresca", 1002, "Milk, whole"],
        [11320100, "Soy milk, unsweetened", None, 1902, "Plant-based milk"],
        [11350020, "Almond milk, unsweetened", None, 1902, "Plant-based milk"],
        [11360200, "Oat milk", None, 1902, "Plant-based milk"],
        [26303160, "Clams, steamed or boiled", None, 2404, "Shellfish"],
        [26303180, "Clams, canned", None, 2404, "Shellfish"],
        [27250110, "Clams, breaded", "fried  clams", 2404, "Shellfish"],
        [63101000, "Apple, raw", "apple, NFS", 6002, "Apples"],
        [81101000, "Butter, stick", None, 8002, "Butter and animal fats"],
        ["09999999", "Water, tap", None, 7702, "Tap water"],  # a text cell keeps its leading zero
    ],
    NUTRIENTS: [
        [11111000, "Milk, whole", 61, 3.27, 31, 0.54, 0],
        [11320100, "Soy milk, unsweetened", 33, 2.8, 0, 0.39, 0.39],
        [11350020, "Almond milk, unsweetened", 15, 0.6, 0, 0.34, 0.34],
        [11360200, "Oat milk", 45, 1, 0, 0.5, 0.5],
        [26303160, "Clams, steamed or boiled", 109, 20.3, 108, 12.14, 0],
        [26303180, "Clams, canned", 112, 19, 110, 12.69, 0],
        [27250110, "Clams, breaded", 230, 12, 60, 9.5, 0],
        [63101000, "Apple, raw", 61, 0.17, 0, 0.0, 0],
        [81101000, "Butter, stick", 717, 0.85, 671, 0, 0],
        [9999999, "Water, tap", 0, 0, 0, 0, 0],  # the same food as "09999999": Excel drops leading zeros
    ],
    PORTIONS: [
        [11000000, "Milk, human", 1, "1 cup", 246],
        [11000000, "Milk, human", 2, "Quantity not specified", 0],
        [11111000, "Milk, whole", 1, "1 cup", 244],
        [11111000, "Milk, whole", 2, "Guideline amount per fl oz of beverage", 2.5],
        [11111000, "Milk, whole", 3, "Quantity not specified", 244],
        [26303160, "Clams, steamed or boiled", 2, "1 cup", 135],
        [26303160, "Clams, steamed or boiled", 1, "1 clam", 15],
        [26303160, "Clams, steamed or boiled", 3, "Quantity not specified", 85],
        [81101000, "Butter, stick", 1, "1 tablespoon", 14.2],
        [81101000, "Butter, stick", 2, "Quantity not specified", 0],
    ],
    INGREDIENTS: [
        [11111000, 1, 1077, "Milk, whole, 3.25% milkfat, with added vitamin D", 100, 0, 0],
        [11320100, 1, 16222, "Soy milk, unsweetened, plain, shelf stable", 100, 0, 0],
        [11350020, 1, 14091, "Beverages, almond milk, unsweetened, shelf stable", 100, 0, 0],
        [11360200, 1, 8120, "Cereals, oats, regular and quick, not fortified, dry", 5, 0, 0],
        [11360200, 2, 999418, "Vitamin B-12 as ingredient", 0.005, 0, 0],
        [11360200, 3, 11320100, "Soy milk, unsweetened", 10, 0, 0],
        [26303160, 1, 15157, "Mollusks, clam, mixed species, raw", 100, 2755, -21],
        [26303180, 1, 15157, "Mollusks, clam, mixed species, raw", 100, 2770, -20],
        [27250110, 1, 15159, "Mollusks, clam, mixed species, cooked, moist heat", 70, 0, 0],
        [27250110, 2, 20081, "Wheat flour, white, all-purpose, enriched, bleached", 30, 0, 0],
        [63101000, 1, 9003, "Apples, raw, with skin", 100, 0, 0],
        [81101000, 1, 1001, "Butter, stick, salted", 100, 0, 0],
        [9999999, 1, 14411, "Beverages, water, tap, drinking", 100, 0, 0],
    ],
}
SR28 = [
    {"ndb": "01001", "description": "Butter, salted", "b12_ug_per_100g": "0.17", "b12_year": "2003"},
    {"ndb": "01077", "description": "Milk, whole, 3.25% milkfat, with added vitamin D", "b12_ug_per_100g": "0.45",
     "b12_year": "2011"},
    {"ndb": "08120", "description": "Cereals, oats, regular and quick, not fortified, dry", "b12_ug_per_100g": "0"},
    {"ndb": "09003", "description": "Apples, raw, with skin", "b12_ug_per_100g": "0", "b12_year": "1984"},
    {"ndb": "14091", "description": "Beverages, almond milk, unsweetened, shelf stable", "b12_ug_per_100g": "0",
     "b12_year": "2015"},
    {"ndb": "14411", "description": "Beverages, water, tap, drinking", "b12_ug_per_100g": ""},
    {"ndb": "15157", "description": "Mollusks, clam, mixed species, raw", "b12_ug_per_100g": "11.28",
     "b12_year": "2010"},
    {"ndb": "15159", "description": "Mollusks, clam, mixed species, cooked, moist heat", "b12_ug_per_100g": "98.89",
     "b12_year": "1987"},
    {"ndb": "16222", "description": "Soymilk (all flavors), unsweetened, with added calcium, vitamins A and D",
     "b12_ug_per_100g": "1.11", "b12_year": "2007"},
]


def write_workbooks(folder: Path, **changes: list) -> Path:
    """The four workbooks in USDA's layout: a title row, the header row, then data."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, headers in HEADERS.items():
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append([f"{name.split(' - ')[1].removesuffix('.xlsx')}\n2021-2023 Food and Nutrient Database "
                      "for Dietary Studies - At A Glance"])
        sheet.append(changes.get(f"{name}:headers", headers))
        for row in changes.get(name, ROWS[name]):
            sheet.append(row)
        book.save(folder / name)
    return folder


def write_sr28(path: Path, rows: list[dict] = SR28) -> Path:
    path.write_text(csv_text(SR28_FOOD_COLUMNS, rows), encoding="utf-8")
    return path


def build(tmp_path: Path, source: Path, out: str = "out") -> tuple[dict, list[dict]]:
    return builder.build(source, tmp_path / out, pinned=None, sr28_foods=write_sr28(tmp_path / "sr28_foods.csv"))


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in builder.OUTPUT_FILES}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def changed(name: str, index: int, column: int, value: object) -> list[list[object]]:
    rows = [list(row) for row in ROWS[name]]
    rows[index][column] = value
    return rows


# ---- small workbooks ------------------------------------------------------------------------

def test_a_rebuild_writes_the_same_bytes_and_no_temp_files(tmp_path):
    source = write_workbooks(tmp_path / "fndds")
    build(tmp_path, source, "first")
    build(tmp_path, source, "second")
    first = outputs(tmp_path / "first")
    build(tmp_path, source, "first")  # over its own output
    assert outputs(tmp_path / "first") == first == outputs(tmp_path / "second")
    assert sorted(p.name for p in (tmp_path / "first").iterdir()) == sorted(builder.OUTPUT_FILES)


def test_manifest_records_each_input_sha256_counts_release_and_citation(tmp_path):
    source = write_workbooks(tmp_path / "fndds")
    manifest, _ = build(tmp_path, source)
    assert manifest["input_sha256"][FOODS] == hashlib.sha256((source / FOODS).read_bytes()).hexdigest()
    assert set(manifest["input_sha256"]) == {FOODS, NUTRIENTS, PORTIONS, INGREDIENTS, "sr28_foods.csv"}
    assert manifest["release"] == "FNDDS 2021-2023"
    assert manifest["citation"] == "USDA FNDDS 2021–2023"
    assert manifest["data_type"] == "Survey (FNDDS)"
    assert manifest["checksums"].startswith("not checked")
    assert manifest["counts"] == {"foods": 10, "foods_with_b12_added": 3, "wweia_categories": 6, "portions": 7,
                                  "ingredients": 13, "newer_values": 4}
    assert manifest["left_out"] == {"foods_without_nutrient_values": ["11000000"], "portions_without_weight": 1}
    written = json.loads((tmp_path / "out" / "fndds_manifest.json").read_text(encoding="utf-8"))
    assert written == manifest
    assert "2026" not in json.dumps(manifest)  # no build timestamps


def test_records_are_kept_as_published(tmp_path):
    build(tmp_path, write_workbooks(tmp_path / "fndds"))
    foods = {row["food_code"]: row for row in read_csv(tmp_path / "out" / "fndds_foods.csv")}
    assert foods["26303160"] == {"food_code": "26303160", "description": "Clams, steamed or boiled",
                                 "additional_description": "", "wweia_category_number": "2404",
                                 "wweia_category_description": "Shellfish", "b12_ug_per_100g": "12.14",
                                 "b12_added_ug_per_100g": "0", "kcal_per_100g": "109", "retinol_ug_per_100g": "108"}
    assert foods["27250110"]["additional_description"] == "fried  clams"  # double space and all
    assert foods["63101000"]["b12_ug_per_100g"] == "0"  # 0.0 in the cell, written canonically
    assert foods["09999999"]["description"] == "Water, tap"
    assert "11000000" not in foods  # no nutrient values
    portions = [(r["food_code"], r["seq"], r["description"], r["grams"])
                for r in read_csv(tmp_path / "out" / "fndds_portions.csv")]
    assert portions == [
        ("11111000", "1", "1 cup", "244"),
        ("11111000", "2", "Guideline amount per fl oz of beverage", "2.5"),
        ("11111000", "3", "Quantity not specified", "244"),
        ("26303160", "1", "1 clam", "15"),
        ("26303160", "2", "1 cup", "135"),
        ("26303160", "3", "Quantity not specified", "85"),
        ("81101000", "1", "1 tablespoon", "14.2"),
    ]
    ingredients = [(r["food_code"], r["ingredient_code"], r["grams"], r["retention_code"], r["moisture_change_percent"])
                   for r in read_csv(tmp_path / "out" / "fndds_ingredients.csv")]
    assert ingredients[:1] == [("09999999", "14411", "100", "0", "0")]
    assert [row[1] for row in ingredients if row[0] == "11360200"] == ["08120", "999418", "11320100"]
    assert ("26303160", "15157", "100", "2755", "-21") in ingredients


def test_pairs_are_single_sr_ingredients_whose_b12_differs(tmp_path):
    _, newer = build(tmp_path, write_workbooks(tmp_path / "fndds"))
    assert read_csv(tmp_path / "out" / "fndds_newer_values.csv") == newer
    assert [(r["sr_ndb"], r["fndds_food_code"], r["match"], r["ratio"]) for r in newer] == [
        ("01001", "81101000", "renamed", "0"),  # FNDDS 0 against SR28 0.17
        ("14091", "11350020", "same", "inf"),  # SR28 0 against FNDDS 0.34
        ("15159", "26303160", "cooked", "0.123"),  # 12.14 / 98.89: raw clams steamed, beside SR28's cooked clams
        ("16222", "11320100", "renamed", "0.351"),  # 0.39 / 1.11
    ]  # not: whole milk (0.54 / 0.45), apple (0 and 0), canned or breaded clams, tap water (SR28 unknown)
    assert newer[2] == {"sr_ndb": "15159", "sr_description": "Mollusks, clam, mixed species, cooked, moist heat",
                        "sr_b12_ug_per_100g": "98.89", "sr_b12_year": "1987", "fndds_food_code": "26303160",
                        "fndds_description": "Clams, steamed or boiled", "fndds_b12_ug_per_100g": "12.14",
                        "ratio": "0.123", "match": "cooked"}


@pytest.mark.parametrize("fndds,sr,newer", [
    ("1.5", "1", False), ("1.51", "1", True), ("0.67", "1", False), ("0.66", "1", True), ("1", "1", False),
    ("0", "0", False), ("0.34", "0", True), ("0", "0.17", True),
], ids=["1.5 exactly", "above 1.5", "0.67 exactly", "below 0.67", "equal", "both 0", "SR28 0", "FNDDS 0"])
def test_newer_value_is_a_ratio_outside_067_to_15(fndds, sr, newer):
    assert builder.is_newer_value(Fraction(fndds), Fraction(sr)) is newer


@pytest.mark.parametrize("changes,message", [
    ({PORTIONS: [[26303160, "Clams", 1, "1 clam", "fifteen"]]},
     f"{PORTIONS} row 3: Portion weight (g) 'fifteen' is not a number"),
    ({NUTRIENTS: changed(NUTRIENTS, 4, 5, None)}, f"{NUTRIENTS} row 7: Vitamin B-12 (mcg) is empty"),
    ({INGREDIENTS: changed(INGREDIENTS, 1, 4, -5)},
     f"{INGREDIENTS} row 4: Ingredient weight (g) -5 is not a number of 0 or more"),
    ({FOODS: changed(FOODS, 2, 0, 113201000)}, f"{FOODS} row 5: Food code 113201000 is longer than 8 digits"),
    ({FOODS: [*ROWS[FOODS], ROWS[FOODS][1]]}, f"{FOODS} row 14: food code 11111000 is listed twice"),
    ({PORTIONS: [[12345678, "Unknown", 1, "1 cup", 100]]}, f"{PORTIONS} row 3: food code 12345678 is not in {FOODS}"),
    ({PORTIONS: [[26303160, "Clams", "one", "1 clam", 15]]},
     f"{PORTIONS} row 3: Seq num 'one' is not a code of digits"),
    ({INGREDIENTS: changed(INGREDIENTS, 0, 2, 1234567)}, f"{INGREDIENTS} row 3: Ingredient code 1234567 is not an SR"),
    ({INGREDIENTS: changed(INGREDIENTS, 0, 2, 12345678)},
     f"{INGREDIENTS} row 3: Ingredient code 12345678 is an 8-digit food code not in {FOODS}"),
], ids=["not a number", "empty B12", "negative grams", "long food code", "food twice", "unknown food", "bad seq",
        "7-digit ingredient", "unknown food as ingredient"])
def test_a_bad_row_stops_the_build_naming_workbook_and_row(tmp_path, changes, message):
    with pytest.raises(builder.BuildError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build(tmp_path, write_workbooks(tmp_path / "fndds", **changes))


def test_a_missing_column_or_workbook_or_a_file_that_is_no_workbook_is_named(tmp_path):
    headers = [h for h in HEADERS[NUTRIENTS] if h != "Vitamin B-12, added\n(mcg)"]
    rows = [row[:-1] for row in ROWS[NUTRIENTS]]
    source = write_workbooks(tmp_path / "column", **{f"{NUTRIENTS}:headers": headers, NUTRIENTS: rows})
    with pytest.raises(builder.BuildError, match=rf"^{NUTRIENTS}: no column 'Vitamin B-12, added \(mcg\)' in its "
                                                 r"header row \(row 2\)$"):
        build(tmp_path, source)
    source = write_workbooks(tmp_path / "missing")
    (source / PORTIONS).unlink()
    with pytest.raises(builder.BuildError, match=f"^{PORTIONS}: missing from "):
        build(tmp_path, source)
    (source / PORTIONS).write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(builder.BuildError, match=f"^{PORTIONS}: not a readable Excel workbook"):
        build(tmp_path, source)


@pytest.mark.parametrize("damage,message", [
    ("pinned", f"error: {FOODS}: sha256 "),
    ("missing", f"error: {INGREDIENTS}: missing from "),
    ("column", f"error: {PORTIONS}: no column 'Portion description'"),
    ("value", f"error: {NUTRIENTS} row 3: Retinol (mcg) 'n/a' is not a number"),
])
def test_a_failed_build_says_one_line_and_leaves_the_output_untouched(tmp_path, capsys, damage, message):
    out = tmp_path / "out"
    assert builder.main([str(write_workbooks(tmp_path / "good")), "--out", str(out), "--allow-unpinned"]) == 0
    before = outputs(out)
    capsys.readouterr()
    changes = {"column": {f"{PORTIONS}:headers": [h for h in HEADERS[PORTIONS] if h != "Portion description"]},
               "value": {NUTRIENTS: changed(NUTRIENTS, 0, 4, "n/a")}}.get(damage, {})
    bad = write_workbooks(tmp_path / "bad", **changes)
    if damage == "missing":
        (bad / INGREDIENTS).unlink()
    pinned = [] if damage == "pinned" else ["--allow-unpinned"]
    assert builder.main([str(bad), "--out", str(out), *pinned]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(message)
    assert outputs(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(builder.OUTPUT_FILES)  # no temp files left


def test_the_builder_prints_the_counts_and_the_pairs(tmp_path, capsys):
    source = write_workbooks(tmp_path / "fndds")
    assert builder.main([str(source), "--out", str(tmp_path / "out"), "--allow-unpinned"]) == 0
    printed = capsys.readouterr().out
    assert '"foods": 10' in printed
    table = printed[printed.index("SR NDB"):].splitlines()
    assert len(table) == 1 + len(read_csv(tmp_path / "out" / "fndds_newer_values.csv"))
    assert any(line.startswith("16222") and "Soy milk, unsweetened" in line and "0.351" in line for line in table)


# ---- USDA's workbooks and the committed files ------------------------------------------------

@pytest.fixture(scope="module")
def built_from_usda(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("fndds")
    manifest, _ = builder.build(shared_path("reference", "fndds-2021-2023"), out)  # pinned checksums
    return out, manifest


def test_committed_files_are_what_the_builder_makes_from_usdas_workbooks(built_from_usda):
    out, manifest = built_from_usda
    assert manifest["counts"]["foods"] == 5431  # USDA: 5,431 foods and beverages
    assert manifest["counts"]["wweia_categories"] == 171  # USDA: 171 WWEIA food categories
    assert manifest["left_out"]["foods_without_nutrient_values"] == ["11000000"]  # Milk, human
    for name in builder.OUTPUT_FILES:
        assert (out / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


@pytest.fixture(scope="module")
def committed_foods() -> dict[str, dict[str, str]]:
    return {row["food_code"]: row for row in read_csv(DATA_DIR / "fndds_foods.csv")}


def portions_of(food_code: str) -> list[tuple[str, str]]:
    return [(r["description"], r["grams"]) for r in read_csv(DATA_DIR / "fndds_portions.csv")
            if r["food_code"] == food_code]


# Checked facts: ../shared/reference/fndds-2021-2023/README.md, and issue 24 ("1 clam" 15 g).
@pytest.mark.parametrize("food_code,description,b12,b12_added", [
    ("63101000", "Apple, raw", "0", "0"),
    ("31103010", "Egg, whole, boiled or poached", "0.82", "0"),
    ("11360200", "Oat milk", "0.5", "0.5"),
    ("26303160", "Clams, steamed or boiled", "12.14", "0"),
    ("11111000", "Milk, whole", "0.54", "0"),
])
def test_committed_foods_hold_the_checked_b12_values(committed_foods, food_code, description, b12, b12_added):
    food = committed_foods[food_code]
    assert (food["description"], food["b12_ug_per_100g"], food["b12_added_ug_per_100g"]) == (description, b12,
                                                                                             b12_added)


@pytest.mark.parametrize("food_code,portion", [
    ("63101000", ("1 small", "165")), ("63101000", ("1 medium", "200")), ("31103010", ("1 egg", "50")),
    ("26303160", ("1 clam", "15")),
])
def test_committed_portions_hold_the_checked_household_measures(food_code, portion):
    assert portion in portions_of(food_code)


def test_committed_portions_keep_the_typical_amount_and_guideline_rows():
    milk = [description for description, _ in portions_of("11111000")]
    assert "Quantity not specified" in milk
    assert any(description.startswith("Guideline amount per") for description in milk)
    assert all(float(r["grams"]) > 0 for r in read_csv(DATA_DIR / "fndds_portions.csv"))


def test_committed_newer_values_hold_cooked_clams_and_only_ratios_outside_067_to_15(committed_foods):
    newer = read_csv(DATA_DIR / "fndds_newer_values.csv")
    pairs = {(r["sr_ndb"], r["fndds_food_code"]): r for r in newer}
    clams = pairs[("15159", "26303160")]  # the checked fact: SR28's 1987 value against FNDDS
    assert (clams["sr_b12_ug_per_100g"], clams["sr_b12_year"], clams["fndds_b12_ug_per_100g"]) == ("98.89", "1987",
                                                                                                   "12.14")
    sr28 = {row["ndb"]: row for row in read_csv(DATA_DIR / "sr28_foods.csv")}
    for row in newer:
        fndds, sr = Fraction(row["fndds_b12_ug_per_100g"]), Fraction(row["sr_b12_ug_per_100g"])
        assert fndds > Fraction(3, 2) * sr or fndds < Fraction(67, 100) * sr, row
        assert row["sr_b12_ug_per_100g"] == sr28[row["sr_ndb"]]["b12_ug_per_100g"]
        assert row["fndds_b12_ug_per_100g"] == committed_foods[row["fndds_food_code"]]["b12_ug_per_100g"]
