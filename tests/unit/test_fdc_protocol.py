"""FDC request building and parsing, on plain dicts: our fixtures and the recorded samples."""

from __future__ import annotations

import json

import pytest

from planner.errors import PlannerError
from planner.fdc.protocol import (
    API_KEY_HEADER,
    RateLimit,
    batch_requests,
    diet_group,
    error_code,
    food_from_fdc,
    food_request,
    foods_from_batch,
    foods_from_search,
    parse_fdc_id,
    rate_limit,
    retry_after_seconds,
    search_request,
)
from planner.food import DietMode
from planner.jsonshapes import food_from_json, food_json
from tests.support.fdc_fixtures import fixture
from tests.support.shared import shared_path


def test_search_request_has_no_key_and_filters_types():
    request = search_request("  beef   liver ", ["SR Legacy", "Foundation"], page_size=500, page=2)
    params = dict(request.params)
    assert request.path == "foods/search"
    assert params["query"] == "beef liver" and params["pageSize"] == "200" and params["pageNumber"] == "2"
    assert [v for k, v in request.params if k == "dataType"] == ["SR Legacy", "Foundation"]
    assert "api_key" not in params and API_KEY_HEADER not in params


@pytest.mark.parametrize("bad", [dict(query="   "), dict(query="milk", data_types=["Experimental Foods"])])
def test_search_request_refuses_bad_input(bad):
    with pytest.raises(PlannerError):
        search_request(**bad)


def test_batches_hold_at_most_20_ids_without_repeats():
    requests = batch_requests(list(range(1, 46)) + [1, 2])
    assert [len(dict(r.params)["fdcIds"].split(",")) for r in requests] == [20, 20, 5]
    assert all(r.path == "foods" for r in requests)
    assert dict(food_request(5, abridged=True).params) == {"format": "abridged"}


@pytest.mark.parametrize("text,expected", [("fdc:168626", 168626), ("168626", 168626), (" 42 ", 42)])
def test_fdc_ids(text, expected):
    assert parse_fdc_id(text) == expected


@pytest.mark.parametrize("text", ["sr:13326", "abc", "", "12a"])
def test_bad_fdc_ids(text):
    with pytest.raises(PlannerError):
        parse_fdc_id(text)


def test_headers():
    assert rate_limit({"x-ratelimit-limit": "1000", "X-RateLimit-Remaining": "42"}) == RateLimit(1000, 42)
    assert RateLimit(1000, 42).running_low and not RateLimit(1000, 500).running_low
    assert RateLimit(30, 3).running_low
    assert retry_after_seconds({"Retry-After": "1"}) == 1.0
    assert retry_after_seconds({}) is None
    assert retry_after_seconds({"Retry-After": "soon"}) is None
    assert error_code(fixture("error-403.json")) == "API_KEY_INVALID"
    assert error_code({"code": "API_KEY_INVALID"}) == "API_KEY_INVALID"  # the unwrapped form


def test_sr_legacy_search_hit():
    liver, soymilk = foods_from_search(fixture("search-sr-legacy.json"))
    assert liver.id == "fdc:168626" and liver.data_type == "SR Legacy"
    assert liver.b12_ug_per_100g == pytest.approx(70.58)
    assert liver.retinol_ug_per_100g == pytest.approx(9428)
    assert liver.kcal_per_100g == pytest.approx(191)
    assert liver.portion("1 slice").grams == 68 and liver.portion("3 oz").grams == 85
    assert liver.diet is DietMode.OMNIVORE
    assert liver.source == "USDA FoodData Central, SR Legacy, FDC ID 168626"
    assert liver.url.endswith("/168626/nutrients")
    assert not soymilk.fortified and soymilk.diet is DietMode.VEGAN


def test_foundation_quirks_missing_unit_and_nameless_nutrients():
    cheddar, sliced = foods_from_search(fixture("search-foundation.json"))
    assert cheddar.b12_ug_per_100g == pytest.approx(1.06)
    assert cheddar.retinol_ug_per_100g == pytest.approx(316)  # no unitName: FDC's µg
    assert cheddar.kcal_per_100g == pytest.approx(408)  # Atwater energy id 2047
    assert sliced.b12_ug_per_100g is None  # no B12 row: unknown, not zero
    assert cheddar.diet is DietMode.VEGETARIAN


def test_fndds_search_hit():
    (milk,) = foods_from_search(fixture("search-fndds.json"))
    assert milk.b12_ug_per_100g == pytest.approx(0.54)
    assert not milk.fortified  # B12 added is 0
    assert milk.portion("1 cup").grams == 244
    assert milk.diet is DietMode.VEGETARIAN


def test_branded_search_hits():
    oat, barista = foods_from_search(fixture("search-branded.json"))
    assert oat.brand_owner == "Example Oat Co."
    assert oat.portion("1 cup (240 g)").grams == 240  # MLT: per 100 ml, taken as grams
    assert oat.fortified and oat.diet is DietMode.VEGAN
    assert barista.b12_ug_per_100g is None


def test_sr_legacy_details_with_header_rows_and_modifier_portions():
    liver = food_from_fdc(fixture("food-sr-legacy.json"))
    assert liver.b12_ug_per_100g == pytest.approx(70.58)
    assert liver.kcal_per_100g == pytest.approx(191)  # kcal, not the kJ row
    assert [(p.label, p.grams) for p in liver.portions] == [("1 slice", 68), ("3 oz", 85), ("100 g", 100)]
    assert liver.food_group == "Beef Products"


def test_foundation_details_measure_unit_portions_and_unitless_b12():
    milk = food_from_fdc(fixture("food-foundation.json"))
    assert milk.b12_ug_per_100g == pytest.approx(0.45)
    assert milk.portion("1 cup").grams == 244
    assert milk.diet is DietMode.VEGETARIAN


def test_fndds_details_added_b12_marks_fortified():
    cereal = food_from_fdc(fixture("food-fndds.json"))
    assert cereal.fortified
    assert cereal.portion("1 cup").grams == 30
    assert cereal.portion("Quantity not specified").grams == 30
    assert cereal.food_group.startswith("Ready-to-eat cereal")


def test_branded_details_grm_serving_and_nameless_b12():
    yeast = food_from_fdc(fixture("food-branded.json"))
    assert yeast.b12_ug_per_100g == pytest.approx(66.7)
    assert yeast.portion("2 tbsp (15 g)").grams == 15
    assert yeast.brand_owner == "Example Yeast Ltd." and yeast.data_type == "Branded"


def test_everyday_and_added_b12_in_fdc_records():
    liver = food_from_fdc(fixture("food-sr-legacy.json"), everyday_ndbs=frozenset({"13326"}))
    assert liver.everyday and liver.b12_added_ug_per_100g == 0.0  # SR Legacy: by its ndbNumber
    assert not food_from_fdc(fixture("food-sr-legacy.json")).everyday  # an NDB the snapshot does not flag
    cereal = food_from_fdc(fixture("food-fndds.json"))
    assert cereal.everyday and cereal.b12_added_ug_per_100g == pytest.approx(5.3)  # every FNDDS food
    yeast = food_from_fdc(fixture("food-branded.json"))
    assert not yeast.everyday and yeast.b12_added_ug_per_100g is None  # Branded: no 1246 row
    assert yeast.b12_data_year == 2023  # publicationDate 9/14/2023: "check today's label"


def test_abridged_details():
    cheddar = food_from_fdc(fixture("food-abridged.json"))
    assert cheddar.b12_ug_per_100g == pytest.approx(1.06)
    assert cheddar.kcal_per_100g == pytest.approx(408)


def test_batch_body_is_a_list():
    foods = foods_from_batch([fixture("food-sr-legacy.json"), fixture("food-branded.json")])
    assert [f.id for f in foods] == ["fdc:168626", "fdc:2555555"]
    with pytest.raises(PlannerError):
        foods_from_batch({"foods": []})


def test_fdc_categories_feed_the_diet_rules():
    assert diet_group("Plant Based Milk") == "Legumes and Legume Products"
    assert diet_group("Cheese") == "Dairy and Egg Products"
    assert diet_group("Beef Products") == "Beef Products"
    assert diet_group("Bananas") == "Fruits and Fruit Juices"
    assert diet_group(None) is None


def test_records_survive_a_plan_file_round_trip():

    for name in ("food-sr-legacy.json", "food-branded.json", "food-fndds.json"):
        food = food_from_fdc(fixture(name))
        assert food_from_json(json.loads(json.dumps(food_json(food)))) == food


# ---- the recorded real responses in ../shared (read in place) -----------------------------

def sample(name):
    return json.loads(shared_path("reference", "fdc-samples", name).read_text(encoding="utf-8"))


def test_real_foundation_search_b12_values():
    foods = {f.id: f for f in foods_from_search(sample("search-foundation.json"))}
    assert len(foods) == 5
    assert foods["fdc:328637"].b12_ug_per_100g == pytest.approx(1.06)
    assert foods["fdc:746767"].b12_ug_per_100g == pytest.approx(3.02)
    assert foods["fdc:747429"].b12_ug_per_100g is None


def test_real_branded_search_has_no_b12_and_gram_servings():
    foods = foods_from_search(sample("search-branded.json"))
    assert len(foods) == 10
    assert all(f.b12_ug_per_100g is None for f in foods)
    assert foods[0].portion("1 ONZ (28 g)").grams == 28
    assert all(f.data_type == "Branded" and f.brand_owner for f in foods)


def test_real_legacy_2019_search_format():
    foods = foods_from_search(sample("search-mixed.json"))
    assert len(foods) == 50
    assert {f.data_type for f in foods} >= {"SR Legacy", "Branded"}
    assert all(f.b12_ug_per_100g is None for f in foods)  # that format carries no nutrients


def test_real_sr_legacy_details():
    food = food_from_fdc(sample("food-sr-legacy.json"))
    assert food.b12_ug_per_100g == pytest.approx(0.4)
    assert [(p.label, p.grams) for p in food.portions] == [("1 slice", 21), ("1 cubic inch", 18), ("1 cup", 224),
                                                          ("100 g", 100)]
    assert food.diet is DietMode.VEGETARIAN  # imitation cheese is filed under dairy


def test_real_fndds_details():
    food = food_from_fdc(sample("food-fndds.json"))
    assert food.b12_ug_per_100g == 0.0 and not food.fortified
    assert {p.label for p in food.portions} >= {"1 banana", "1 cup", "Quantity not specified"}
    assert food.portion("1 banana").grams == 140


def test_real_branded_details_grm_serving_and_unknown_b12():
    food = food_from_fdc(sample("food-branded.json"))
    assert food.b12_ug_per_100g is None
    assert food.portion("3 Peanut Butter Cups (27 g)").grams == 27


def test_real_foundation_details_without_portions():
    food = food_from_fdc(sample("food-foundation.json"))
    assert food.b12_ug_per_100g is None
    assert [p.label for p in food.portions] == ["100 g"]


def test_real_abridged_details_string_ndb_number():
    food = food_from_fdc(sample("food-abridged.json"), everyday_ndbs=bundled_foods_everyday())
    assert food.b12_ug_per_100g == pytest.approx(1.06)
    assert food.everyday  # its string ndbNumber is a Survey-flagged SR28 food


def bundled_foods_everyday() -> frozenset[str]:
    from planner.snapshot import bundled_foods

    return frozenset(f.id[3:] for f in bundled_foods().values() if f.everyday)


@pytest.mark.parametrize("name,code", [("error-429.json", "OVER_RATE_LIMIT"), ("error-403.json", "API_KEY_MISSING")])
def test_real_error_bodies(name, code):
    assert error_code(sample(name)) == code


def test_the_bundled_catalog_tells_fdc_which_sr_foods_are_everyday(catalog):
    ndbs = catalog.everyday_ndbs()
    assert "13326" in ndbs and "15159" in ndbs  # braised liver; cooked clams (by their raw sibling)
    assert "05622" not in ndbs  # emu
