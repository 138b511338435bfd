"""Leave-out words: one rule for search and suggestions, strict where allergies are at stake.

A word for a major allergen (milk, egg, fish, shellfish, soy, wheat, peanut, tree nuts,
sesame) leaves out the food groups and names it implies ("soy": soymilk, tofu, tempeh, miso,
edamame, soy-based meat analogues; "milk": cheese, yogurt, whey, cream, butter, milk drinks),
the foods whose LanguaL facets name it, and every product whose ingredients the data does
not list (cereals, breads, sweets, snacks, mixed dishes, analogues), saying so. It leaves
out nothing else: "milk" keeps almond and soy milk, "egg" keeps eggplant, "wheat" keeps
buckwheat. Words for what people leave out for faith or conscience (pork, gelatin, alcohol)
leave out what they imply by name, group and LanguaL (pork: lard, ham, gelatin unless its
source is stated; gelatin: marshmallows, gummies; alcohol: wine, beer, spirits and dishes named
with them). Any other word leaves out foods with a name word that starts with it, phrases
such as "peanut butter" aside when the word is "butter". Pure; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from planner.diet import (
    ALCOHOL_WORDS,
    GELATIN_NAMES,
    LOOK_ALIKES,
    MEAT_ANALOGUE,
    NOT_ALCOHOL,
    made_with_lard,
    unlisted_ingredients,
)
from planner.food import Food
from planner.notes import AllergensLeftOut
from planner.words import fold, stem, words


def _names(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


@dataclass(frozen=True)
class Allergen:
    """A major allergen, or a food left out for faith or conscience (pork, gelatin, alcohol): the
    words people type for it and what it implies in USDA's data."""

    name: str
    typed_as: frozenset[str]  # stems of the words that mean it
    names: re.Pattern[str]  # in a name (lower case, neutral phrases such as "peanut butter" removed)
    langual: frozenset[str] = frozenset()  # SR LanguaL codes (sr28_langual.csv) that contain it
    groups: frozenset[str] = frozenset()  # SR groups made of it ...
    except_names: re.Pattern[str] | None = None  # ... except foods named like this
    look_alikes: bool = False  # set aside phrases that only look like it ("soy milk", "peanut butter")
    unlisted_too: bool = True  # products whose ingredients USDA does not list may hold it (allergens)
    implied_by: Callable[[str], bool] | None = None  # a name rule beyond words (refried beans: lard)


MILK = Allergen(
    "milk", frozenset({"milk", "dairi", "lactose"}),
    _names("milks?", "cheeses?", "cheddar", "mozzarella", "parmesan", "ricotta", "brie", "feta", "cheez",
           "yogurts?", "yoghurts?", "whey", "casein", "caseinate", "cream", "butter", "buttermilk",
           "ghee", "kefir", "custard", "puddings?", "ice creams?", "frozen yogurts?", "milkfat", "lactose",
           "milk chocolate", "white chocolate", "chocolate", "caramels?", "fudge", "toffee", "nougat",
           "eggnog", "alfredo", "ensure", "instant breakfast", "shakes?", "malted", "dulce de leche",
           "cheeseburgers?", "pizza", "lasagna", "macaroni and cheese", "quiche", "souffle"),
    langual=frozenset({"B1201", "H0143", "H0184", "H0260", "H0271", "H0748"}),
    groups=frozenset({"Dairy and Egg Products"}), except_names=re.compile(r"^eggs?\b(?!.*\b(cheese|milk|cream)\b)"),
    look_alikes=True)
EGG = Allergen(
    "egg", frozenset({"egg"}),
    _names("eggs?", "egg whites?", "yolks?", "mayonnaise", "mayo", "miracle whip", "eggnog", "meringue",
           "custard", "quiche", "souffle", "french toast", "egg noodles?", "noodles, egg", "omelets?",
           "pancakes?", "waffles?", "eggo", "hollandaise", "caesar"),
    langual=frozenset({"H0185", "H0186", "H0205"}))
FISH = Allergen(
    "fish", frozenset({"fish", "finfish"}),
    _names("fish", "salmon", "tuna", "cod", "anchov(?:y|ies)", "sardines?", "herring", "mackerel", "trout",
           "tilapia", "catfish", "haddock", "pollock", "halibut", "bass", "perch", "pike", "carp", "snapper",
           "swordfish", "flounder", "sole", "whiting", "roe", "caviar", "surimi", "worcestershire", "caesar",
           "bonito", "eel", "smelt", "shark", "mullet", "pompano", "shad", "sturgeon", "whitefish", "lox"))
SHELLFISH = Allergen(
    "shellfish", frozenset({"shellfish", "seafood"}),
    _names("crustaceans?", "mollusks?", "molluscs?", "shrimps?", "prawns?", "crabs?", "lobsters?", "crayfish",
           "crawfish", "clams?", "oysters?", "mussels?", "scallops?", "squid", "calamari", "octopus",
           "snails?", "whelks?", "abalone", "conch", "cuttlefish", "krill", "seafood"))
CRUSTACEANS = Allergen(
    "crustaceans", frozenset({"crustacean"}),
    _names("crustaceans?", "shrimps?", "prawns?", "crabs?", "lobsters?", "crayfish", "crawfish", "krill"))
MOLLUSCS = Allergen(
    "molluscs", frozenset({"mollusc", "mollusk"}),
    _names("mollusks?", "molluscs?", "clams?", "oysters?", "mussels?", "scallops?", "squid", "calamari",
           "octopus", "snails?", "whelks?", "abalone", "conch", "cuttlefish"))
SOY = Allergen(
    "soy", frozenset({"soy", "soya", "soybean"}),
    re.compile(r"\b(?:soy\w*|soya|tofu|tempeh|miso|edamame|natto|shoyu|tamari|okara|yuba|"
               r"(?:textured )?vegetable protein)\b|" + MEAT_ANALOGUE.pattern),
    langual=frozenset({"B1452"}))
_WHEAT_NAMES = ("wheat", "flour", "breads?", "breaded", "bread crumbs", "breadcrumbs", "rolls?", "buns?",
                "bagels?", "biscuits?", "crackers?", "croutons?", "pasta", "spaghetti", "macaroni", "noodles?",
                "lasagna", "couscous", "bulgur", "semolina", "durum", "farina", "spelt", "seitan", "gluten",
                "pretzels?", "pizza", "tortillas?", "pies?", "cakes?", "cookies?", "muffins?", "doughnuts?",
                "pastry", "pastries", "waffles?", "pancakes?", "batter", "battered", "cream of wheat")
_WHEAT_CODES = frozenset({"B1079", "B1312", "B1418", "B1421", "B3507", "B2917", "H0319", "H0222"})
_NOT_WHEAT = re.compile(r"\b(?:rice|corn|cellophane|buckwheat|soba) (?:noodles?|flour|tortillas?|bread)\b"
                        r"|\b(?:noodles?|flour|tortillas?), (?:rice|corn)\b")
WHEAT = Allergen("wheat", frozenset({"wheat"}), _names(*_WHEAT_NAMES), langual=_WHEAT_CODES,
                 except_names=_NOT_WHEAT)
GLUTEN = Allergen("gluten", frozenset({"gluten"}), _names(*_WHEAT_NAMES, "barley", "rye", "malt", "malted",
                                                          "triticale"),
                  langual=_WHEAT_CODES | {"B1230", "B1313", "B1358", "H0336"}, except_names=_NOT_WHEAT)
PEANUT = Allergen(
    "peanut", frozenset({"peanut", "groundnut"}),
    _names("peanuts?", "peanut butter", "groundnuts?", "reese'?s", "snickers", "payday", "baby ruth"),
    langual=frozenset({"B1337", "H0124"}))
TREE_NUTS = Allergen(
    "tree nuts", frozenset({"nut", "treenut"}),
    _names("nuts?", "almonds?", "walnuts?", "cashews?", "pecans?", "pistachios?", "hazelnuts?", "filberts?",
           "macadamias?", "brazilnuts?", "brazil nuts?", "pine nuts?", "pinyon", "chestnuts?", "praline",
           "marzipan", "nutella", "almond milk", "almond butter", "nougat", "beechnuts?", "hickory"),
    langual=frozenset({"B1071", "B1130", "B1213", "B1221", "B1272", "B1289", "B1320", "B1416", "B1451",
                       "B1453", "B1463", "B1533", "B1543", "B1553", "B1584", "B1596", "B2416", "B2417", "H0757"}),
    groups=frozenset({"Nut and Seed Products"}), except_names=re.compile(r"^seeds?\b"))
SESAME = Allergen(
    "sesame", frozenset({"sesame"}),
    _names("sesame", "tahini", "halvah", "halva", "benne"),
    langual=frozenset({"B1226"}))
# Left out by name and LanguaL, not for every product of unknown ingredients: what a person who
# avoids them checks on a label is named on its front (gelatin unless a plant or fish source is
# stated; lard, and refried beans not said to be vegetarian; wine, beer and spirits, and dishes
# named with them).
_GELATIN_STATED = re.compile(r"\b(?:fish|beef|agar|vegan|plant-based|pectin) gelatin")
PORK = Allergen(
    "pork", frozenset({"pork", "pig", "swine"}),
    _names("pork", "ham", "hams", "bacon", "lard", "prosciutto", "pancetta", "chorizo", "pepperoni", "salami",
           "bologna", "frankfurters?", "hot ?dogs?", "chitterlings", "cracklings?", *GELATIN_NAMES),
    langual=frozenset({"B1136"}), groups=frozenset({"Pork Products"}), except_names=_GELATIN_STATED,
    unlisted_too=False, implied_by=made_with_lard)
GELATIN = Allergen("gelatin", frozenset({"gelatin", "gelatine"}), _names(*GELATIN_NAMES),
                   except_names=_GELATIN_STATED, unlisted_too=False)
ALCOHOL = Allergen("alcohol", frozenset({"alcohol", "wine", "beer", "liquor", "spirit"}), ALCOHOL_WORDS,
                   except_names=NOT_ALCOHOL, unlisted_too=False)
ALLERGENS = (MILK, EGG, FISH, SHELLFISH, CRUSTACEANS, MOLLUSCS, SOY, WHEAT, GLUTEN, PEANUT, TREE_NUTS, SESAME)
LEFT_OUT_BY_NAME = (PORK, GELATIN, ALCOHOL)
# "tree nuts" is typed as two words; "nuts" alone means the same.
_TWO_WORD = {("tree", "nut"): TREE_NUTS}


@lru_cache(maxsize=1024)
def allergen_for(word: str) -> Allergen | None:
    """The allergen a leave-out word names ("Eggs" -> egg, "tree nuts" -> tree nuts), else None."""
    stems = tuple(stem(w) for w in words(word))
    if stems in _TWO_WORD:
        return _TWO_WORD[stems]
    if len(stems) != 1:
        return None
    return next((allergen for allergen in (*ALLERGENS, *LEFT_OUT_BY_NAME) if stems[0] in allergen.typed_as), None)


def _name(food: Food) -> str:
    """The name and common names, folded to lower case."""
    return fold(", ".join((food.description, *food.common_names)))


def _plain_name(food: Food) -> str:
    """The name with phrases whose words name something else set aside ("peanut butter")."""
    return LOOK_ALIKES.sub(" ", _name(food))


@lru_cache(maxsize=131_072)
def contains(allergen: Allergen, food: Food) -> bool:
    """Does the data say (by name, group or LanguaL, or those of an ingredient USDA lists) that this food
    holds the allergen? Cached: FNDDS recipes share their SR ingredients."""
    if allergen.langual & set(food.langual):
        return True
    name = _plain_name(food) if allergen.look_alikes else _name(food)
    if allergen.except_names is not None and allergen.except_names.search(name):
        named = False
    else:
        named = bool(allergen.names.search(name)) or food.food_group in allergen.groups
    named = named or (allergen.implied_by is not None and allergen.implied_by(name))
    return named or any(contains(allergen, part) for part in food.ingredients)


@lru_cache(maxsize=65_536)
def ingredients_unknown(food: Food) -> bool:
    """A product the data lists no ingredients for, whatever its diet label: it may hold any allergen.
    Where USDA lists them (FNDDS), unknown only if an ingredient's own are."""
    if food.ingredients_listed:
        return any(ingredients_unknown(part) for part in food.ingredients)
    return food.check_label or unlisted_ingredients(food.description, food.food_group)


def name_has_word(food: Food, word: str) -> bool:
    """Any word of the name starts with `word` ("soy" hits "soymilk"; "butter" spares "peanut butter")."""
    wanted = fold(word).strip()
    if not wanted:
        return False
    return any(name_word.startswith(wanted) for name_word in re.findall(r"[a-z0-9%]+", _plain_name(food)))


def exclusion_reason(food: Food, leave_out: Iterable[str]) -> str | None:
    """Why the person's leave-out words leave this food out, or None when they do not."""
    for word in leave_out:
        allergen = allergen_for(word)
        if allergen is not None:
            if contains(allergen, food):
                return f"contains {allergen.name}"
            if allergen.unlisted_too and ingredients_unknown(food):
                return f"ingredients unknown: may contain {allergen.name}"
        elif name_has_word(food, word):
            return f"its name has \u201c{word.strip()}\u201d"
    return None


def allergen_note(leave_out: Iterable[str]) -> AllergensLeftOut | None:
    """The note that says allergen words leave out products of unknown ingredients too."""
    named = sorted({a.name for a in map(allergen_for, leave_out) if a is not None and a.unlisted_too})
    return AllergensLeftOut(tuple(named)) if named else None
