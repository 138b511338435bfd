"""Leave-out words that protect allergies (one rule for search and suggestions).

Each case names a real SR28 food by NDB, checked by hand, and what the word must do to it.
"""

from __future__ import annotations

import pytest

from planner.exclusions import allergen_for, allergen_note, exclusion_reason
from planner.notes import AllergensLeftOut
from planner.wording import note_text

LEFT_OUT = [  # (word, NDB, why it must go)
    ("soy", "16126", "tofu is soy"),
    ("soy", "16114", "tempeh is soy"),
    ("soy", "16112", "miso is soy"),
    ("soy", "16139", "soymilk is soy"),
    ("soy", "11212", "edamame is soy"),
    ("soy", "16548", "MORNINGSTAR FARMS Grillers: a soy-based analogue"),
    ("soya", "16139", "soya is soy"),
    ("milk", "01009", "cheddar is milk"),
    ("milk", "01256", "Greek yogurt is milk"),
    ("milk", "01115", "whey is milk"),
    ("milk", "01053", "cream is milk"),
    ("milk", "01001", "butter is milk"),
    ("dairy", "01077", "dairy means milk"),
    ("egg", "01123", "an egg"),
    ("eggs", "04025", "mayonnaise is made with egg"),
    ("egg", "20093", "fresh pasta: LanguaL EGG ADDED"),
    ("shellfish", "15159", "clams are molluscs: shellfish means both"),
    ("shellfish", "15150", "shrimp are crustaceans"),
    ("fish", "15076", "salmon is fish"),
    ("wheat", "18069", "white bread is wheat"),
    ("peanut", "16098", "peanut butter is peanut"),
    ("nuts", "12061", "almonds are tree nuts"),
    ("tree nuts", "14016", "almond milk is a tree-nut drink"),
    ("sesame", "12166", "tahini is sesame"),
    ("butter", "01001", "a word that is not an allergen matches the start of a name word"),
    ("liver", "13326", "beef liver"),
]
KEPT = [  # (word, NDB, why it must stay)
    ("milk", "14016", "almond milk is not milk"),
    ("milk", "16139", "soymilk is not milk"),
    ("egg", "11209", "eggplant is not egg"),
    ("wheat", "20008", "buckwheat is not wheat"),
    ("butter", "16098", "peanut butter is not butter"),
    ("fish", "15159", "clams are shellfish, not fish"),
    ("shellfish", "15076", "salmon is fish, not shellfish"),
    ("soy", "01077", "cow's milk holds no soy"),
    ("peanut", "12061", "almonds are not peanuts"),
    ("liver", "13023", "beef steak is not liver"),
]


@pytest.mark.parametrize("word,ndb,why", LEFT_OUT, ids=[f"{w}-{n}" for w, n, _ in LEFT_OUT])
def test_allergen_and_name_words_leave_out(catalog, word, ndb, why):
    assert exclusion_reason(catalog.get_food(f"sr:{ndb}"), [word]) is not None, why


@pytest.mark.parametrize("word,ndb,why", KEPT, ids=[f"{w}-{n}" for w, n, _ in KEPT])
def test_allergen_words_exclude_nothing_else(catalog, word, ndb, why):
    assert exclusion_reason(catalog.get_food(f"sr:{ndb}"), [word]) is None, why


def test_allergen_words_leave_out_products_of_unknown_ingredients_and_say_so(catalog):
    cereal = catalog.get_food("sr:08013")  # CHEERIOS: ingredients not in the data
    assert exclusion_reason(cereal, ["soy"]) == "ingredients unknown: may contain soy"
    assert exclusion_reason(cereal, ["pork"]) is None  # an ordinary word only matches names
    assert allergen_note(["soy", "pork"]) == AllergensLeftOut(("soy",))
    assert "products whose ingredients the USDA data does not list" in note_text(AllergensLeftOut(("soy",)))
    assert allergen_note(["pork"]) is None


def test_the_allergen_note_does_not_say_a_kind_of_food_is_gone_when_some_of_it_is_offered(catalog):
    """FNDDS lists its cereals' ingredients: a person leaving out fish is still offered O's, so the note says
    "many cereals", not "cereals"; and "them" for more than one allergen."""
    oats = catalog.get_food("fndds:57123000")  # Cereal, O's, plain
    assert oats.food_group == "Breakfast Cereals" and exclusion_reason(oats, ["fish"]) is None
    note = note_text(AllergensLeftOut(("fish",)))
    assert "(many cereals, breads" in note and "foods that contain it," in note
    assert "foods that contain any of them," in note_text(AllergensLeftOut(("fish", "milk")))


@pytest.mark.parametrize("typed,allergen", [("Milk", "milk"), ("EGGS", "egg"), ("tree nuts", "tree nuts"),
                                            ("shellfish", "shellfish"), ("crustaceans", "crustaceans"),
                                            ("molluscs", "molluscs"), ("gluten", "gluten"), ("pork", "pork"),
                                            ("eggplant", None)])
def test_which_words_name_an_allergen(typed, allergen):
    found = allergen_for(typed)
    assert (found.name if found else None) == allergen
