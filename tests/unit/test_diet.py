"""Diet labels on named real foods (USDA's facts first, then names) and a hand-labelled sample."""

from __future__ import annotations

import pytest

from planner.diet import label_food
from planner.food import DietMode

MEAT_FISH_GROUPS = {
    "Beef Products", "Pork Products", "Poultry Products", "Lamb, Veal, and Game Products",
    "Sausages and Luncheon Meats", "Finfish and Shellfish Products",
}


# The traps a new user met (issue "Bundled data becomes USDA SR Legacy"), checked by hand:
# (NDB, allowed labels, fortified, unreliable, why). "Vegetarian or stricter" is written as the
# set of labels that are not wrong; a label may err strict, never permissive.
NOT_VEGAN = ("vegetarian", "pescatarian", "omnivore")
TRAPS = [
    ("16548", ("vegetarian",), True, False, "MORNINGSTAR FARMS Grillers bind with egg white"),
    ("16147", ("vegetarian",), True, False, "generic veggie burgers of SR's era hold egg white or milk"),
    ("22121", ("vegan",), True, False, "MORNINGSTAR FARMS Grillers Vegan says vegan"),
    ("16107", ("vegetarian",), False, False, "LanguaL H0205 EGG WHITE ADDED"),
    ("43212", ("vegan",), True, False, "LanguaL: soybean, vegetable fat and flavour added, nothing animal"),
    ("19116", ("omnivore",), False, False, "marshmallows are set with animal gelatin"),
    ("19177", ("omnivore",), False, False, "gelatin is made from animal skin and bones"),
    ("08376", ("omnivore",), True, False, "cereal with marshmallows (gelatin); B12 added per USDA"),
    ("04639", NOT_VEGAN, False, False, "ranch dressing is made with buttermilk"),
    ("19135", NOT_VEGAN, False, False, "MILKY WAY: milk chocolate and caramel"),
    ("19087", NOT_VEGAN, False, False, "white chocolate is milk solids"),
    ("16008", ("omnivore",), False, False, "LanguaL H0191 MEAT ADDED (franks)"),
    ("16005", ("omnivore",), False, False, "LanguaL H0262 ANIMAL FAT OR OIL ADDED"),
    ("20093", ("vegetarian",), False, False, "fresh pasta: LanguaL H0186 EGG ADDED, though the name is silent"),
    ("11658", ("vegetarian",), False, False, "souffle: LanguaL cow's milk, cheese and egg, no meat"),
    ("04589", ("pescatarian",), False, False, "cod liver oil is fish, not meat"),
    ("16112", ("vegan",), False, True, "miso is soy; its 0.08 µg B12 is not added, so it does not count"),
    ("18350", ("vegan", "vegetarian"), False, False, "a hamburger roll is bread, named for what it holds"),
    ("11958", ("vegan",), False, False, "hamburger relish is pickles"),
    ("16139", ("vegan",), True, False, "USDA: all 0.85 µg of its B12 is added"),
    ("16168", ("vegan",), False, True, "chocolate soymilk: 0.70 µg B12, none added: plants make no B12"),
    ("16166", ("vegan",), False, True, "unfortified chocolate soymilk: 0.70 µg B12, none added"),
    ("14016", ("vegan",), True, False, "almond milk: 1.25 µg B12, all added"),
    ("08087", ("vegan",), True, False, "Multi-Grain CHEERIOS: B12 added per USDA"),
    ("20044", ("vegan",), False, False, "enriched rice: USDA adds no B12 (added 0)"),
]


@pytest.mark.parametrize("ndb,labels,fortified,unreliable,why", TRAPS, ids=[t[0] for t in TRAPS])
def test_traps_get_the_right_label(catalog, ndb, labels, fortified, unreliable, why):
    food = catalog.get_food(f"sr:{ndb}")
    assert food.diet.value in labels, why
    assert (food.fortified, food.unreliable) == (fortified, unreliable), why


def test_no_vegan_food_sits_in_an_animal_group_or_has_an_animal_source(catalog):
    animal_groups = MEAT_FISH_GROUPS | {"Dairy and Egg Products"}
    # LanguaL source organisms (B facet) that are animals, and H0191 MEAT ADDED (sr28_langual.csv)
    animal_codes = {"B1125", "B1136", "B1161", "B1198", "B1201", "B1236", "B1253", "B1304", "B1316",
                    "B1346", "B1457", "B1460", "B1710", "B1711", "B1713", "H0191"}
    vegan = [f for f in catalog.values() if f.diet is DietMode.VEGAN]
    assert len(vegan) > 2000
    for food in vegan:
        assert food.food_group not in animal_groups, food.description
        assert not animal_codes & set(food.langual), food.description


def test_every_langual_organism_listed_as_animal_is_an_animal():
    from planner.diet import LANGUAL_ANIMAL_SOURCES
    from planner.snapshot import langual_descriptions

    names = {langual_descriptions()[code] for code in LANGUAL_ANIMAL_SOURCES}
    assert names == {"GUINEA FOWL", "SWINE", "CATTLE", "BROILER OR FRYER CHICKEN", "COW", "TURKEY (POULTRY)",
                     "GOOSE", "PIGEON", "DUCK", "QUAIL", "CHICKEN", "PHEASANT", "ROASTER CHICKEN", "CAPON", "HEN"}


def test_meatless_chicken_is_not_omnivore(catalog):
    assert catalog.get_food("sr:43128").diet is not DietMode.OMNIVORE


def test_laver_is_unreliable(catalog):
    assert catalog.get_food("sr:11446").unreliable


def test_silk_soymilks_and_total_are_fortified_and_plant_based(catalog):
    silk = [f for f in catalog.values() if f.description.startswith("SILK") and "soymilk" in f.description]
    assert len(silk) >= 10
    for food in silk + [catalog.get_food("sr:08077")]:
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
    assert catalog.get_food("sr:09077").diet is DietMode.VEGAN  # Crabapples are fruit
    assert catalog.get_food("sr:01139").diet is DietMode.VEGETARIAN  # Egg, goose
    assert catalog.get_food("sr:01106").diet is DietMode.VEGETARIAN  # Milk, goat
    assert catalog.get_food("sr:16098").diet is DietMode.VEGAN  # Peanut butter


def test_unreliable_foods_are_seaweed_algae_tempeh_mushrooms_or_unadded_plant_b12(catalog):
    for food in catalog.values():
        if food.unreliable:
            head = food.description.split(",")[0].lower()
            named = any(w in head for w in ("seaweed", "mushroom", "tempeh", "fungi", "spirulina"))
            unadded = (food.b12_ug_per_100g or 0) > 0 and not food.fortified and food.diet is DietMode.VEGAN
            assert named or unadded, food.description


def test_plant_milk_cereal_and_analogue_kinds_are_fortified_by_brand():
    labels = label_food("Cereals ready-to-eat, ACME Flakes", "Breakfast Cereals", None)
    assert labels.fortified and labels.check_label and labels.diet is DietMode.VEGAN
    labels = label_food("MORNINGSTAR FARMS Chik Patties", "Legumes and Legume Products", 1.0)
    assert labels.fortified and labels.check_label and labels.diet is DietMode.VEGETARIAN
    labels = label_food("Tofu crumbles, vegan, meatless", "Legumes and Legume Products", 1.0)
    assert labels.fortified and labels.check_label and labels.diet is DietMode.VEGAN
    assert not label_food("Oat milk, unfortified", "Beverages", 0.0).fortified


def test_usdas_added_b12_decides_fortification_over_the_name():
    assert label_food("Plant-based beverage, oat", "Beverages", 0.4, 0.4).fortified
    assert not label_food("Cereals, oats, instant, fortified, plain, dry", "Breakfast Cereals", 0.0, 0.0).fortified
    assert label_food("Cereals, oats, instant, fortified, plain, dry", "Breakfast Cereals", None).fortified


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
    ("16166", "vegan", False, True),  # Soymilk, chocolate, unfortified: B12 not added, not reliable
    ("16235", "vegan", True, False),  # SILK Plain soymilk
    ("17224", "omnivore", False, False),  # Lamb, ground
    ("18069", "vegan", False, False),  # Bread, white
    ("19095", "vegetarian", False, False),  # Ice cream
    ("19296", "vegetarian", False, False),  # Honey
    ("20044", "vegan", False, False),  # Rice, white, enriched: USDA adds no B12 to it
    ("21003", "omnivore", False, False),  # Biscuit with egg and bacon
    ("22402", "omnivore", False, False),  # Beef Macaroni
    ("35190", "pescatarian", False, False),  # Smoked sockeye salmon
    ("43128", "vegetarian", True, False),  # Chicken, meatless: an analogue of SR's era (egg white)
    ("43406", "vegan", False, True),  # Yeast extract spread: 0.5 µg B12, none added
]


def test_sample_has_fifty_distinct_foods():
    assert len({row[0] for row in HAND_LABELLED}) == 50


@pytest.mark.parametrize("ndb,diet,fortified,unreliable", HAND_LABELLED, ids=[r[0] for r in HAND_LABELLED])
def test_hand_labelled_sample_agrees(catalog, ndb, diet, fortified, unreliable):
    food = catalog.get_food(f"sr:{ndb}")
    assert (food.diet.value, food.fortified, food.unreliable) == (diet, fortified, unreliable)
