"""The bundled SR24 snapshot: counts from the brief (§6), named foods, unknown stays None."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from planner.errors import UnknownFoodError
from planner.snapshot import DATA_DIR, read_snapshot

ROOT = Path(__file__).resolve().parents[1]


def test_counts_match_the_sr24_release(catalog):
    assert len(catalog) == 8858
    assert sum(1 for f in catalog.values() if f.b12_ug_per_100g is not None) == 7598
    assert sum(1 for f in catalog.values() if (f.b12_ug_per_100g or 0) > 0) == 4741
    with (DATA_DIR / "sr24_measures.csv").open(encoding="utf-8") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 15274


def test_manifest_records_source_and_counts_without_timestamps():
    manifest = json.loads((DATA_DIR / "sr24_manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_package"]["name"] == "cronometer"
    assert manifest["source_package"]["version"] == "0.9.9+dfsg1-1"
    assert len(manifest["jar_sha256"]) == 64
    assert manifest["counts"] == {"foods": 8858, "foods_with_b12": 7598, "measures": 15274}
    text = json.dumps(manifest)
    assert "2026" not in text and "time" not in text.lower()


def test_beef_liver_braised_slice(catalog):
    liver = catalog.get_food("sr24:13326")
    assert liver.b12_ug_per_100g == pytest.approx(70.58)
    slice_ = liver.portion("1 slice")
    assert slice_.grams == 68
    assert round(liver.b12_ug(slice_.grams), 1) == 48.0
    assert liver.source == "USDA SR24 (2011), NDB 13326"


def test_ndb_numbers_keep_leading_zeros(catalog):
    butter = catalog.get_food("sr24:01001")
    assert butter.description == "Butter, salted"
    assert butter.food_group == "Dairy and Egg Products"


def test_unknown_b12_is_none_not_zero(catalog):
    cheez = catalog.get_food("sr24:01188")  # KRAFT CHEEZ WHIZ: no B12 row in SR24
    assert cheez.b12_ug_per_100g is None
    assert cheez.b12_ug(100) is None
    assert cheez.to_dict()["b12_ug_per_100g"] is None


def test_every_food_offers_100_g_and_unique_portion_labels(catalog):
    for food in catalog.values():
        labels = [p.label for p in food.portions]
        assert "100 g" in labels
        assert len(labels) == len(set(labels)), food.id


def test_repeated_usda_labels_are_told_apart(catalog):
    bread = catalog.get_food("sr24:18069")  # "1 slice" is listed at 28 g and 25 g
    assert bread.portion("1 slice").grams == 28
    assert bread.portion("1 slice (25 g)").grams == 25


def test_unknown_id_raises_and_find_returns_none(catalog):
    with pytest.raises(UnknownFoodError):
        catalog.get_food("sr24:99999")
    assert catalog.find("sr24:99999") is None


def test_food_record_round_trips_through_its_dict(catalog):
    from planner.food import Food

    for food_id in ("sr24:13326", "sr24:01188", "sr24:16235"):
        food = catalog.get_food(food_id)
        assert Food.from_dict(json.loads(json.dumps(food.to_dict()))) == food


def _fake_jar(path: Path) -> None:
    foods = {
        "usda_sr24/01001.xml": '<food uid="01001" name="Butter, salted"><measure amount="1.0" name="tbsp" '
        'grams="14.2"/><nutrient amount="717.0" name="Energy"/><nutrient amount="0.17" '
        'name="B12 (Cyanocobalamin)"/><nutrient amount="671.0" name="Retinol"/></food>',
        "usda_sr24/43128.xml": '<food uid="43128" name="Chicken, meatless"><nutrient amount="224.0" '
        'name="Energy"/></food>',
        "usda_sr24/foods.index": "01001|Butter, salted\n",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name in reversed(list(foods)):
            archive.writestr(name, foods[name])


def test_builder_is_deterministic_and_keeps_unknowns_empty(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_snapshot", ROOT / "scripts" / "build_snapshot.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    jar = tmp_path / "usda_sr24.jar"
    _fake_jar(jar)
    first, second = tmp_path / "a", tmp_path / "b"
    builder.build(jar, "0.9.9+dfsg1-1", first)
    builder.build(jar, "0.9.9+dfsg1-1", second)
    for name in ("sr24_foods.csv", "sr24_measures.csv", "sr24_manifest.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    manifest = json.loads((first / "sr24_manifest.json").read_text())
    assert manifest["jar_sha256"] == hashlib.sha256(jar.read_bytes()).hexdigest()
    assert manifest["counts"] == {"foods": 2, "foods_with_b12": 1, "measures": 1}
    loaded = read_snapshot(first)
    assert loaded.get_food("sr24:01001").portion("1 tbsp").grams == pytest.approx(14.2)
    meatless = loaded.get_food("sr24:43128")
    assert meatless.b12_ug_per_100g is None and meatless.retinol_ug_per_100g is None
    assert meatless.food_group == "Legumes and Legume Products"  # grouped by name, not NDB prefix
