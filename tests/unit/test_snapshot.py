"""The bundled SR28 snapshot: counts from USDA's SR28 documentation, named foods checked against outside
sources (FDC's record for 169901, the NIH table), old SR24 ids, unknown stays None."""

from __future__ import annotations

import json

import pytest

from planner.errors import UnknownFoodError
from planner.jsonshapes import food_from_json, food_json
from planner.snapshot import DATA_DIR, common_names
from planner.wording import food_caveats_text


def test_counts_match_the_sr28_release(catalog):
    sr = [f for f in catalog.values() if f.id.startswith("sr:")]
    assert len(sr) == 8789
    assert sum(1 for f in sr if f.b12_ug_per_100g is not None) == 7596
    assert sum(1 for f in sr if (f.b12_added_ug_per_100g or 0) > 0) == 323
    assert sum(len(f.portions) - 1 for f in sr) >= 15000  # 15,438 measures, a few relabelled


def test_manifest_records_the_release_and_input_checksums():
    manifest = json.loads((DATA_DIR / "sr28_manifest.json").read_text(encoding="utf-8"))
    assert manifest["release"] == "SR28"
    assert manifest["checksums"] == "pinned"
    # ../shared/reference/sr28/SHA256SUMS, FOOD_DES.txt and NUT_DATA.txt (uncompressed)
    sha256 = manifest["input_sha256"]
    assert sha256["FOOD_DES.txt"] == "a0b39f3ac21703c75c855c35bd8f99df4710db2904a8c351fc5e7f5ed3596b98"
    assert sha256["NUT_DATA.txt"] == "8b86e1d65bfa581e503fdafd16ce41fc04e7e4b00498c3888a04ec0c8f846759"
    assert manifest["counts"]["foods"] == 8789 and manifest["counts"]["measures"] == 15438


def test_imitation_cheddar_matches_fdcs_own_record_169901(catalog):
    # ../shared/reference/sr28/README.md: energy 239, retinol 111, B12 0.40, added 0.00, 3 portions
    food = catalog.get_food("sr:43278")
    assert (food.kcal_per_100g, food.retinol_ug_per_100g, food.b12_ug_per_100g) == (239, 111, 0.4)
    assert food.b12_added_ug_per_100g == 0
    assert [(p.label, p.grams) for p in food.portions[:3]] == [
        ("1 slice", 21), ("1 cubic inch", 18), ("1 cup", 224)]
    assert food.source == "USDA SR Legacy (SR28, 2016), NDB 43278"
    assert food.data_type == "SR Legacy"


def test_two_percent_milk_per_cup_matches_the_nih_table(catalog):
    milk = catalog.get_food("sr:01079")  # NIH ODS: 1.3 µg per cup of 2 % milk
    assert round(milk.b12_ug(milk.portion("1 cup").grams), 1) == 1.3


def test_fortified_soymilk_whose_name_never_says_b12(catalog):
    soymilk = catalog.get_food("sr:16139")
    assert (soymilk.b12_ug_per_100g, soymilk.b12_added_ug_per_100g) == (0.85, 0.85)
    assert soymilk.fortified and soymilk.everyday
    assert soymilk.portion("1 cup").grams == 243


def test_cooked_clams_take_the_raw_clams_everyday_flag(catalog):
    raw, cooked = catalog.get_food("sr:15157"), catalog.get_food("sr:15159")
    assert raw.everyday and cooked.everyday
    assert catalog.get_food("sr:15241").everyday  # trout, cooked (SR flags only the raw 15240)
    assert not catalog.get_food("sr:05622").everyday  # emu, a meat few people report eating


def test_common_names_are_the_ones_people_type(catalog):
    assert "hot dog" in catalog.get_food("sr:07022").common_names
    assert common_names("NFSMI Recipe No. G-08") == ()
    assert common_names("Includes USDA Commodity B879") == ()
    assert common_names("oatmeal, old-fashioned oats, rolled oats") == ("oatmeal", "old-fashioned oats", "rolled oats")


def test_branded_fortified_food_shows_the_age_of_its_data(catalog):
    cheerios = catalog.get_food("sr:08087")  # Multi-Grain CHEERIOS: 20.69 µg in SR24, 5.19 in SR28
    assert cheerios.brand_owner == "General Mills Inc."
    assert cheerios.b12_data_year == 2014
    assert food_caveats_text(cheerios) == ("B12 data from 2014; check today's label "
                                           "(fortified products are reformulated)")
    assert food_caveats_text(catalog.get_food("sr:01079")) is None  # milk is not a branded product


def test_old_sr24_ids_resolve_to_the_same_ndb_in_sr28(catalog):
    renamed = catalog.get_food("sr24:01029")  # only renamed: "…, part skim milk, low moisture" in SR24
    assert renamed.id == "sr:01029"
    assert renamed.description == "Cheese, mozzarella, low moisture, part-skim"
    assert catalog.canonical_id("sr24:01029") == "sr:01029"


def test_numbers_sr28_dropped_resolve_to_their_retired_sr24_record(catalog):
    retired = catalog.get_food("sr24:01075")
    assert retired.id == "sr24:01075" and retired.retired
    assert retired.description == "Milk substitutes, fluid with hydrogenated vegetable oils"
    assert retired.source == "USDA SR24 (2011), NDB 01075 (retired: not in SR28)"
    assert "sr24:01075" not in catalog and retired not in catalog.values()  # never searched or suggested
    assert catalog.find("sr:01075") is None


def test_sr24_values_stay_available_for_change_reports(catalog):
    assert catalog.sr24_record("08087").b12_ug_per_100g == pytest.approx(20.69)
    assert catalog.get_food("sr:08087").b12_ug_per_100g == pytest.approx(5.19)


def test_ndb_numbers_keep_leading_zeros(catalog):
    butter = catalog.get_food("sr:01001")
    assert butter.description == "Butter, salted"
    assert butter.food_group == "Dairy and Egg Products"


def test_unknown_b12_is_none_not_zero(catalog):
    cheez = catalog.get_food("sr:01188")  # KRAFT CHEEZ WHIZ: no B12 row in SR28
    assert cheez.b12_ug_per_100g is None and cheez.b12_added_ug_per_100g is None
    assert cheez.b12_ug(100) is None
    assert food_json(cheez)["b12_ug_per_100g"] is None


def test_every_food_offers_100_g_and_unique_portion_labels(catalog):
    for food in catalog.values():
        labels = [p.label for p in food.portions]
        assert "100 g" in labels
        assert len(labels) == len(set(labels)), food.id


def test_repeated_usda_labels_are_told_apart(catalog):
    bread = catalog.get_food("sr:18069")  # "1 slice" is listed at 29 g and 25 g
    assert bread.portion("1 slice").grams == 29
    assert bread.portion("1 slice (25 g)").grams == 25


def test_unknown_id_raises_and_find_returns_none(catalog):
    with pytest.raises(UnknownFoodError):
        catalog.get_food("sr:99999")
    assert catalog.find("sr:99999") is None
    assert catalog.find("sr24:99999") is None


def test_food_record_round_trips_through_its_dict(catalog):
    for food_id in ("sr:13326", "sr:01188", "sr:16235", "sr:16139", "sr:07022", "sr24:01075"):
        food = catalog.get_food(food_id)
        assert food_from_json(json.loads(json.dumps(food_json(food)))) == food
