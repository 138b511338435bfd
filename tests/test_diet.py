"""Diet labels on named real foods (brief §3, §6) and a hand-labelled sample."""

from __future__ import annotations

import pytest

from planner.diet import label_food
from planner.food import DietMode

MEAT_FISH_GROUPS = {
    "Beef Products", "Pork Products", "Poultry Products", "Lamb, Veal, and Game Products",
    "Sausages and Luncheon Meats", "Finfish and Shellfish Products",
}


def test_unfortified_soymilk_is_not_fortified(catalog):
    soymilk = catalog.get_food("sr24:16166")
    assert soymilk.b12_ug_per_100g == pytest.approx(0.7)
    assert not soymilk.fortified
    assert soymilk.diet is DietMode.VEGAN


def test_meatless_chicken_is_not_omnivore(catalog):
    assert catalog.get_food("sr24:43128").diet is not DietMode.OMNIVORE


def test_laver_is_unreliable(catalog):
    assert catalog.get_food("sr24:11446").unreliable


def test_silk_soymilks_and_total_are_fortified_and_plant_based(catalog):
    silk = [f for f in catalog.values() if f.description.startswith("SILK") and "soymilk" in f.description]
    assert len(silk) >= 10
    for food in silk + [catalog.get_food("sr24:08077")]:
        assert food.fortified, food.description
        assert food.diet is DietMode.VEGAN, food.description


def test_chicken_mushroom_soup_is_omnivore_and_not_unreliable(catalog):
    soups = [f for f in catalog.values() if f.description.startswith("Soup, chicken mushroom")]
    assert soups
    for soup in soups:
        assert soup.diet is DietMode.OMNIVORE
        assert not soup.unreliable


def test_no_meat_or_fish_group_food_is_vegetarian_unless_meatless(catalog):
    for food in catalog.values():
        if food.food_group in MEAT_FISH_GROUPS and food.diet.rank <= DietMode.VEGETARIAN.rank:
            assert "meatless" in food.description.lower(), food.description


def test_names_that_trip_naive_rules(catalog):
    assert catalog.get_food("sr24:09077").diet is DietMode.VEGAN  # Crabapples are fruit
    assert catalog.get_food("sr24:01139").diet is DietMode.VEGETARIAN  # Egg, goose
    assert catalog.get_food("sr24:01106").diet is DietMode.VEGETARIAN  # Milk, goat
    assert catalog.get_food("sr24:16098").diet is DietMode.VEGAN  # Peanut butter


def test_unreliable_only_for_foods_that_are_seaweed_algae_tempeh_or_mushrooms(catalog):
    for food in catalog.values():
        if food.unreliable:
            head = food.description.split(",")[0].lower()
            assert any(w in head for w in ("seaweed", "mushroom", "tempeh", "fungi", "spirulina"))


def test_plant_milk_cereal_and_analogue_kinds_are_fortified_by_brand():
    labels = label_food("Cereals ready-to-eat, ACME Flakes", "Breakfast Cereals", None)
    assert labels.fortified and labels.check_label and labels.diet is DietMode.VEGAN
    labels = label_food("MORNINGSTAR FARMS Chik Patties", "Legumes and Legume Products", 1.0)
    assert labels.fortified and labels.check_label and labels.diet is DietMode.VEGAN
    assert not label_food("Oat milk, unfortified", "Beverages", 0.0).fortified


def test_fdc_added_b12_marks_fortified():
    assert label_food("Plant-based beverage, oat", "Beverages", 0.4, b12_added=True).fortified


def test_hidden_animal_ingredient_is_not_called_vegan():
    # A plant name with B12 that nothing explains (not fortified, not a plant milk)
    labels = label_food("Margarine, regular, tub", "Fats and Oils", 0.1)
    assert labels.diet is DietMode.VEGETARIAN and labels.check_label


# Labelled by hand from the food names (diet, fortified, unreliable); not produced by the code.
HAND_LABELLED = [
    ("01001", "vegetarian", False, False),  # Butter, salted
    ("01009", "vegetarian", False, False),  # Cheese, cheddar
    ("01077", "vegetarian", False, False),  # Milk, whole, with added vitamin D
    ("01123", "vegetarian", False, False),  # Egg, whole, raw
    ("01117", "vegetarian", False, False),  # Yogurt, plain
    ("01128", "vegetarian", False, False),  # Egg, fried
    ("01129", "vegetarian", False, False),  # Egg, hard-boiled
    ("02047", "vegan", False, False),  # Salt, table
    ("04053", "vegan", False, False),  # Oil, olive
    ("04582", "vegan", False, False),  # Oil, canola
    ("04025", "vegetarian", False, False),  # Mayonnaise
    ("05006", "omnivore", False, False),  # Chicken, meat and skin
    ("05062", "omnivore", False, False),  # Chicken breast
    ("06016", "omnivore", False, False),  # Soup, cream of chicken
    ("06128", "omnivore", False, False),  # Soup, chicken noodle
    ("06007", "omnivore", False, False),  # Soup, bean with ham
    ("07007", "omnivore", False, False),  # Bologna, beef
    ("08013", "vegan", True, False),  # CHEERIOS
    ("08077", "vegan", True, False),  # Whole Grain TOTAL
    ("08120", "vegan", False, False),  # Oats, not fortified
    ("09003", "vegan", False, False),  # Apples
    ("09040", "vegan", False, False),  # Bananas
    ("09077", "vegan", False, False),  # Crabapples
    ("10024", "omnivore", False, False),  # Pork loin
    ("11090", "vegan", False, False),  # Broccoli
    ("11260", "vegan", False, True),  # Mushrooms, white
    ("11446", "vegan", False, True),  # Seaweed, laver (nori)
    ("11529", "vegan", False, False),  # Tomatoes
    ("12061", "vegan", False, False),  # Almonds
    ("13326", "omnivore", False, False),  # Beef liver
    ("14209", "vegan", False, False),  # Coffee
    ("15076", "pescatarian", False, False),  # Salmon
    ("15157", "pescatarian", False, False),  # Clam
    ("15138", "pescatarian", False, False),  # Imitation crab made from surimi (fish)
    ("16014", "vegan", False, False),  # Black beans
    ("16098", "vegan", False, False),  # Peanut butter
    ("16114", "vegan", False, True),  # Tempeh
    ("16139", "vegan", True, False),  # Soymilk with added calcium, vitamins A and D
    ("16166", "vegan", False, False),  # Soymilk, chocolate, unfortified
    ("16235", "vegan", True, False),  # SILK Plain soymilk
    ("17224", "omnivore", False, False),  # Lamb, ground
    ("18069", "vegan", False, False),  # Bread, white
    ("19095", "vegetarian", False, False),  # Ice cream
    ("19296", "vegetarian", False, False),  # Honey
    ("20044", "vegan", True, False),  # Rice, white, enriched ("enriched" counts, per the issue)
    ("21003", "omnivore", False, False),  # Biscuit with egg and bacon
    ("22402", "omnivore", False, False),  # Beef Macaroni
    ("35190", "pescatarian", False, False),  # Smoked sockeye salmon
    ("43128", "vegan", True, False),  # Chicken, meatless (meat analogue)
    ("43406", "vegan", True, False),  # Yeast extract spread
]


def test_sample_has_fifty_distinct_foods():
    assert len({row[0] for row in HAND_LABELLED}) == 50


@pytest.mark.parametrize("ndb,diet,fortified,unreliable", HAND_LABELLED, ids=[r[0] for r in HAND_LABELLED])
def test_hand_labelled_sample_agrees(catalog, ndb, diet, fortified, unreliable):
    food = catalog.get_food(f"sr24:{ndb}")
    assert (food.diet.value, food.fortified, food.unreliable) == (diet, fortified, unreliable)
