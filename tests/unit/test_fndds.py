"""USDA FNDDS 2021–2023 beside SR Legacy (issue 24): the records, their portions, labels from their
ingredients, the newer values they give SR foods, search, advice, and FDC's Survey foods as the
same foods. Expected values are USDA's, read from the workbooks' published rows."""

from __future__ import annotations

import json

import pytest

from planner.advice.dayplan import CurrentDay
from planner.advice.eligibility import blocked_reason
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.caveats import food_caveats
from planner.cli import main
from planner.exclusions import exclusion_reason
from planner.fdc.protocol import food_from_fdc
from planner.fndds import USUAL_AMOUNT, natural_portions, sr_group
from planner.food import FNDDS_DATA_TYPE, DietMode
from planner.jsonshapes import food_json, plan_json
from planner.notes import NewerUsdaValue
from planner.plan import FoodItem, add_item, new_plan
from planner.planfile import parse_plan
from planner.profile import Profile, Sex
from planner.snapshot import DATA_DIR, bundled_foods, csv_rows
from tests.support.fdc_fixtures import fixture_text

CLAMS_STEAMED, CLAMS_SR = "fndds:26303160", "sr:15159"


@pytest.fixture(scope="module")
def fndds(catalog):
    return [food for food in catalog.values() if food.data_type == FNDDS_DATA_TYPE]


def test_every_fndds_food_is_a_record_with_its_code_and_source(catalog, fndds):
    assert len(fndds) == 5431
    clams = catalog.get_food(CLAMS_STEAMED)
    assert clams.description == "Clams, steamed or boiled" and clams.category == "Shellfish"
    assert clams.food_group == "Finfish and Shellfish Products"  # the SR group its category belongs to
    assert clams.source == "USDA FNDDS 2021–2023, food code 26303160"
    assert all(food.id == f"fndds:{food.source[-8:]}" for food in fndds)


def test_cli_food_shows_an_fndds_food_like_an_sr_one(capsys):
    assert main(["food", CLAMS_STEAMED, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["b12_ug_per_100g"] == 12.14 and record["b12_added_ug_per_100g"] == 0
    assert {"label": "1 clam", "grams": 15.0} in record["portions"] and record["portions"][0]["label"] == "1 clam"
    assert record["data_type"] == "Survey (FNDDS)" and record["ingredients"][0]["id"] == "sr:15157"  # raw clams


def test_the_superseded_sr_value_says_so_wherever_the_food_shows(capsys, catalog):
    assert main(["food", CLAMS_SR]) == 0
    said = capsys.readouterr().out
    assert "USDA's newer value: 12.14 µg/100 g, USDA FNDDS 2021–2023, Clams, steamed or boiled" in said
    assert "this SR28 value dates from 1987" in said
    newer = [c for c in food_caveats(catalog.get_food(CLAMS_SR)) if isinstance(c, NewerUsdaValue)]
    assert newer == [NewerUsdaValue("Clams, steamed or boiled", 12.14, "USDA FNDDS 2021–2023", 1987)]
    assert food_caveats(catalog.get_food("sr:15157")) == ()  # raw clams: FNDDS agrees (11.28 vs 11.28)


def test_suggestions_use_the_newer_food_never_the_superseded_one(catalog):
    person = Profile(30, Sex.MALE)
    superseded = [food for food in catalog.values() if food.superseded is not None]
    listed = {row["sr_ndb"] for row in csv_rows(DATA_DIR / "fndds_newer_values.csv")}
    assert {food.id for food in superseded} == {f"sr:{ndb}" for ndb in listed} and len(listed) > 20
    assert all(blocked_reason(food, person) is not None for food in superseded)
    result = suggest(person, catalog.values(), CurrentDay(), bundled_search_index())
    offered = [s.id for s in result.sources] + [a.id for a in result.plan]
    assert not set(offered) & {food.id for food in superseded}


@pytest.mark.parametrize("measures,category,first", [
    ([("1 small", 165), ("1 medium", 200), ("1 cup", 125), ("Quantity not specified", 200)], "6002", "1 medium"),
    ([("1 banana", 126), ("1 cup, mashed", 225), ("Quantity not specified", 126)], "6004", "1 banana"),
    ([("1 cup", 135), ("1 egg", 50), ("Quantity not specified", 50)], "2502", "1 egg"),
    ([("1 fl oz", 30.5), ("1 cup", 244), ("Guideline amount per fl oz of beverage", 2.5),
      ("Quantity not specified", 244)], "1002", "1 cup"),
    ([("1 prepackaged single serving", 28), ("1 cup", 28), ("Quantity not specified", 28)], "4604", "1 cup"),
    ([("1 cubic inch", 17), ("1 slice", 28), ("Quantity not specified", 40)], "1602", "1 slice"),
    ([("1 oz", 28.35)], "2402", "1 oz"),  # no unit at all: USDA's first
])
def test_the_first_portion_is_a_natural_unit(measures, category, first):
    portions = natural_portions([(label, float(grams)) for label, grams in measures], category)
    assert portions[0][0] == first
    assert not any(label.startswith(("Guideline", "Quantity")) for label, _ in portions)


def test_the_typical_amount_is_the_usual_amount_unless_the_unit_weighs_it():
    clams = natural_portions([("1 clam", 15.0), ("1 cup", 135.0), ("Quantity not specified", 85.0)], "2404")
    assert clams == [("1 clam", 15.0), ("1 cup", 135.0), (USUAL_AMOUNT, 85.0)]
    apple = natural_portions([("1 medium", 200.0), ("Quantity not specified", 200.0)], "6002")
    assert apple == [("1 medium", 200.0)]


def test_every_wweia_category_has_its_sr_group(fndds):
    assert {food.category for food in fndds if food.food_group is None} == {"Not included in a food category"}
    assert sr_group("2502") == "Dairy and Egg Products" and sr_group("4604") == "Breakfast Cereals"


def test_apple_finds_apple_raw_first_with_one_medium_first(capsys):
    assert main(["search", "apple", "--json"]) == 0
    top = json.loads(capsys.readouterr().out)["foods"][0]
    assert top["description"] == "Apple, raw" and top["portions"][0] == {"label": "1 medium", "grams": 200.0}


def test_the_same_everyday_food_is_listed_once_near_the_top():
    foods = [f.description for f in bundled_search_index().find("hard boiled egg", limit=2).foods]
    assert foods == ["Egg, whole, boiled or poached", "Egg, whole, cooked, hard-boiled"]  # FNDDS's first
    milk = [f.id for f in bundled_search_index().find("milk", limit=6).foods]
    assert "sr:01077" not in milk  # SR's whole milk: FNDDS's "Milk, whole" is made of it alone


# ---- labels and leave-out words from the ingredients ------------------------------------------------

def _has_animal(food, seen=()) -> bool:
    return any(part.diet is not DietMode.VEGAN or _has_animal(part) for part in food.ingredients)


def test_no_fndds_food_labelled_vegan_has_a_non_vegan_ingredient(fndds):
    wrong = [(food.id, food.description) for food in fndds if food.diet is DietMode.VEGAN and _has_animal(food)]
    assert wrong == []


@pytest.mark.parametrize("food_id,what,at_most,left_out_by", [
    ("fndds:55101000", "Pancakes, plain", DietMode.VEGETARIAN, ("egg", "milk")),
    ("fndds:58106210", "Pizza, cheese, from restaurant or fast food", DietMode.VEGETARIAN, ("milk", "wheat")),
    ("fndds:72116150", "Caesar salad, with romaine, no dressing", DietMode.PESCATARIAN, ("fish",)),  # anchovy
    ("fndds:27150210", "Fish sauce", DietMode.PESCATARIAN, ("fish",)),
    ("fndds:91745010", "Candy, gummy", DietMode.OMNIVORE, ("gelatin", "pork")),
    ("fndds:41205010", "Refried beans (made with lard)", DietMode.OMNIVORE, ("pork",)),
    ("fndds:41811890", "Veggie burger patty, no bun", DietMode.VEGETARIAN, ("egg",)),
    ("fndds:41601070", "Soup, miso or tofu", DietMode.OMNIVORE, ("soy",)),
    ("fndds:71601010", "Potato salad with egg, made with mayonnaise", DietMode.VEGETARIAN, ("egg",)),
    ("fndds:32103000", "Egg salad, made with mayonnaise", DietMode.VEGETARIAN, ("egg",)),
])
def test_diet_traps_are_labelled_from_their_ingredients(catalog, food_id, what, at_most, left_out_by):
    food = catalog.get_food(food_id)
    assert food.diet.rank >= at_most.rank, what
    for word in left_out_by:
        assert exclusion_reason(food, [word]) is not None, (what, word)


def test_plain_foods_keep_their_labels_and_leave_out_nothing_else(catalog):
    oat_milk, miso, apple = (catalog.get_food(i) for i in ("fndds:11360200", "fndds:41420110", "fndds:63101000"))
    assert oat_milk.diet is DietMode.VEGAN and oat_milk.fortified
    assert exclusion_reason(oat_milk, ["milk"]) is None and exclusion_reason(oat_milk, ["tree nuts"]) is None
    assert miso.diet is DietMode.VEGAN and exclusion_reason(miso, ["fish"]) is None
    assert exclusion_reason(miso, ["soy"]) == "contains soy"
    assert apple.diet is DietMode.VEGAN and exclusion_reason(apple, ["egg"]) is None


def test_pork_leaves_out_lard_beans_and_fat_free_ham_but_not_vegetarian_beans(catalog):
    """"Fat-free" spares refried beans (no lard), never a ham."""
    left_out = {i: exclusion_reason(catalog.get_food(i), ["pork"]) for i in
                ("sr:16103", "fndds:41205010", "sr:07028", "fndds:25230210", "sr:16171", "sr:16172")}
    assert [i for i, why in left_out.items() if why] == ["sr:16103", "fndds:41205010", "sr:07028", "fndds:25230210"]


def test_a_bread_made_with_milk_is_not_vegan_and_holds_milk(catalog):
    bread = catalog.get_food("fndds:51101050")  # Bread, white, made from home recipe or purchased at a bakery
    assert any("milk" in part.description.lower() for part in bread.ingredients)
    assert bread.diet is not DietMode.VEGAN and exclusion_reason(bread, ["milk"]) == "contains milk"


# ---- advice on what people eat ---------------------------------------------------------------------------

def test_a_vegetarians_day_says_a_cup_of_milk_and_an_egg():
    result = suggest(Profile(30, Sex.FEMALE, diet=DietMode.VEGETARIAN, supplements_allowed=False),
                     bundled_foods().values(), CurrentDay(), bundled_search_index())
    said = {(a.description, a.serving.label) for a in result.plan}
    assert ("Milk, NFS", "1 cup") in said or ("Milk, whole", "1 cup") in said
    assert ("Egg, whole, boiled or poached", "1 egg") in said


def test_a_vegans_fortified_cereal_is_named_as_fndds_names_it_and_says_check_the_label():
    result = suggest(Profile(30, Sex.FEMALE, diet=DietMode.VEGAN), bundled_foods().values(), CurrentDay(),
                     bundled_search_index())
    cereal = next(s for s in result.sources if s.staple == "fortified cereal")
    assert cereal.food.data_type == FNDDS_DATA_TYPE and cereal.food.description.startswith("Cereal, ")
    assert any(type(c).__name__ == "DataAge" for c in cereal.caveats)
    soy = next(s for s in result.sources if s.staple == "fortified soy milk")
    assert soy.food.description == "Soy milk, unsweetened" and soy.serving.label == "1 cup"


# ---- plans and FoodData Central --------------------------------------------------------------------------

def test_a_plan_with_fndds_foods_saves_without_their_records_and_opens_again(catalog):
    plan = add_item(new_plan("Day", Profile(30, Sex.FEMALE)), 0, "breakfast",
                    FoodItem(CLAMS_STEAMED, portion="1 clam", count=6), catalog.get_food(CLAMS_STEAMED))
    document = plan_json(plan)
    assert document["foods"] == {}  # bundled: the record is not copied into the file
    reopened = parse_plan(json.dumps(document), catalog)
    assert reopened.days[0].meals[0].items == plan.days[0].meals[0].items


def test_fdcs_survey_food_of_a_bundled_code_is_the_same_food(catalog):
    hit = json.loads(fixture_text("search-fndds.json"))["foods"][0]
    live = food_from_fdc(hit, fndds_codes=catalog.fndds_codes())
    assert live.id == f"fndds:{hit['foodCode']}" and live.id in catalog
    assert food_from_fdc(hit).id == f"fdc:{hit['fdcId']}"  # without the bundled codes: FDC's own id
    assert food_json(catalog.get_food(live.id))["id"] == live.id
