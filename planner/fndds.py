"""USDA FNDDS 2021–2023 as food records: foods as Americans eat them, beside SR Legacy.

FNDDS (the Food and Nutrient Database for Dietary Studies) gives each food its B12 and B12
added, household portions ("1 medium", "1 egg", "1 clam"), a typical amount ("Quantity not
specified"), everyday synonyms (additional descriptions), a WWEIA food category, and an
ingredient list whose codes are SR NDB numbers or other FNDDS foods. Here:

- ids are `fndds:<8-digit food code>`; `food_group` is the SR group the WWEIA category
  corresponds to (so every rule written for SR groups reads FNDDS foods alike) and
  `category` the WWEIA category itself;
- the first portion is a natural unit (the counted unit the typical amount is made of, or
  "1 cup" for a drink), then USDA's others, then "usual amount" (the typical amount's weight);
  USDA's guideline rows are not portions anyone chooses;
- labels come from the ingredients, each an SR food with its own label, LanguaL and allergen
  facts, or an FNDDS food labelled the same way, together with the food's own name;
- an SR food whose B12 FNDDS gives anew (planner/data/fndds_newer_values.csv) carries that
  newer value, and suggestions use the FNDDS food instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from importlib.resources.abc import Traversable
from typing import Callable, Iterator, Mapping

from planner.diet import DietLabels, ingredient_labels, named_ingredient_labels
from planner.food import FNDDS_DATA_TYPE, FNDDS_PREFIX, INGREDIENT_DATA_TYPE, Food, SupersededValue, unique_portions

FNDDS_CITATION = "USDA FNDDS 2021–2023"
FNDDS_RELEASE_YEAR = 2023  # the survey years end in 2023: the values fortified products had then
USUAL_AMOUNT = "usual amount"
QUANTITY_NOT_SPECIFIED = "Quantity not specified"
GUIDELINE = re.compile(r"^Guideline amount\b", re.I)
NOT_A_CATEGORY = "9999"  # "Not included in a food category": nutrients and foods as ingredients

# WWEIA category number ranges -> the SR food group their foods belong to (None: none fits).
WWEIA_SR_GROUPS: tuple[tuple[int, int, str | None], ...] = (
    (1002, 1822, "Dairy and Egg Products"),  # milk, flavoured milk, shakes, cheese, yogurt
    (1902, 1902, "Beverages"),  # plant-based milk
    (1904, 1904, "Legumes and Legume Products"),  # plant-based yogurt
    (2002, 2004, "Beef Products"),
    (2006, 2006, "Pork Products"),
    (2008, 2008, "Lamb, Veal, and Game Products"),
    (2010, 2010, "Beef Products"),  # liver and organ meats
    (2202, 2206, "Poultry Products"),
    (2402, 2404, "Finfish and Shellfish Products"),
    (2502, 2502, "Dairy and Egg Products"),  # eggs and omelets
    (2602, 2602, "Sausages and Luncheon Meats"),  # cold cuts and cured meats
    (2604, 2604, "Pork Products"),  # bacon
    (2606, 2608, "Sausages and Luncheon Meats"),  # frankfurters, sausages
    (2802, 2802, "Legumes and Legume Products"),
    (2804, 2804, "Nut and Seed Products"),
    (2806, 2806, "Legumes and Legume Products"),  # soy and meat-alternative products
    (3002, 3506, "Meals, Entrees, and Side Dishes"),  # mixed dishes, Asian and Mexican dishes
    (3602, 3602, "Meals, Entrees, and Side Dishes"),  # pizza
    (3702, 3744, "Fast Foods"),  # burgers and sandwiches
    (3804, 3808, "Soups, Sauces, and Gravies"),
    (4002, 4004, "Cereal Grains and Pasta"),
    (4202, 4404, "Baked Products"),  # breads, rolls, tortillas, quick breads, pancakes
    (4602, 4804, "Breakfast Cereals"),  # ready-to-eat and cooked cereals
    (5002, 5008, "Snacks"),
    (5202, 5204, "Baked Products"),  # crackers
    (5402, 5404, "Snacks"),  # cereal and nutrition bars
    (5502, 5506, "Baked Products"),  # cakes, cookies, pastries
    (5702, 5806, "Sweets"),  # candy, ice cream, pudding, gelatins
    (6002, 6024, "Fruits and Fruit Juices"),
    (6402, 6806, "Vegetables and Vegetable Products"),
    (7002, 7006, "Fruits and Fruit Juices"),
    (7008, 7008, "Vegetables and Vegetable Products"),  # vegetable juice
    (7102, 7804, "Beverages"),  # soft drinks, coffee, tea, alcohol, water
    (8002, 8004, "Fats and Oils"),  # butter and animal fats, margarine
    (8006, 8008, "Dairy and Egg Products"),  # cream cheese, sour cream, cream (and its substitutes)
    (8010, 8012, "Fats and Oils"),  # mayonnaise, dressings and oils
    (8402, 8406, "Soups, Sauces, and Gravies"),  # condiments
    (8408, 8408, "Vegetables and Vegetable Products"),  # olives, pickles
    (8410, 8412, "Soups, Sauces, and Gravies"),  # pasta sauces, dips, gravies
    (8802, 8806, "Sweets"),  # sugars, honey, syrups
    (9002, 9404, "Baby Foods"),  # baby foods, juice, water, formula
    (9802, 9802, "Beverages"),  # protein and nutritional powders
)
DRINK_GROUPS = frozenset({"Beverages", "Fruits and Fruit Juices"})
DRINK_CATEGORIES = re.compile(r"^(?:1[0-4]\d\d|1902|7\d\d\d)$")  # milks, shakes, plant milks, drinks, juices
# Measures, not units a food comes in: the natural unit is counted ("1 medium", "1 egg", "1 slice").
MEASURE = re.compile(r"^1 (?:cup|fl oz|oz|tablespoon|teaspoon|tbsp|tsp|cubic inch|surface inch|linear inch|inch|"
                     r"miniature|g\b|gram|lb|pound|pint|quart|gallon|liter|ml|serving)", re.I)
PACKAGING = re.compile(r"\b(?:prepackaged|package|packet|container|individual|pouch|jar|box|bag|tub)\b", re.I)
MIN_UNIT_G = 10.0


def fndds_id(food_code: str) -> str:
    return f"{FNDDS_PREFIX}{food_code}"


def sr_group(category_number: str) -> str | None:
    """The SR group a WWEIA category's foods belong to."""
    if not category_number.isdigit():
        return None
    number = int(category_number)
    return next((group for low, high, group in WWEIA_SR_GROUPS if low <= number <= high), None)


def _is_unit(label: str, grams: float) -> bool:
    return label.startswith("1 ") and not MEASURE.match(label) and not PACKAGING.search(label) and grams >= MIN_UNIT_G


def natural_portions(measures: list[tuple[str, float]], category_number: str) -> list[tuple[str, float]]:
    """USDA's portions with the natural unit first and the typical amount as "usual amount" last;
    guideline rows left out."""
    usual = next((grams for label, grams in measures if label == QUANTITY_NOT_SPECIFIED), None)
    kept = [(label, grams) for label, grams in measures
            if label != QUANTITY_NOT_SPECIFIED and not GUIDELINE.match(label)]
    choices: list[Callable[[str, float], bool]] = []
    if DRINK_CATEGORIES.match(category_number):
        choices.append(lambda label, grams: label.startswith("1 cup"))
    choices += [lambda label, grams: _is_unit(label, grams) and grams == usual,
                lambda label, grams: _is_unit(label, grams) and label.startswith("1 medium"),
                _is_unit,
                lambda label, grams: label.startswith("1 cup")]
    first = next((portion for choose in choices for portion in kept if choose(*portion)), None)
    ordered = ([first] if first else []) + [portion for portion in kept if portion != first]
    if usual is not None and (first is None or first[1] != usual):
        ordered.append((USUAL_AMOUNT, usual))
    return ordered


def _number(text: str) -> float | None:
    return float(text) if text != "" else None


def _synonyms(additional: str) -> tuple[str, ...]:
    """FNDDS's additional descriptions: everyday synonyms, `;`-separated."""
    return tuple(dict.fromkeys(" ".join(part.split()) for part in additional.split(";") if part.strip()))


def read_fndds(rows: list[dict[str, str]], portion_rows: Iterator[dict[str, str]],
               ingredient_rows: Iterator[dict[str, str]], sr_foods: Mapping[str, Food]) -> list[Food]:
    """Every FNDDS food as a record, labelled from its ingredients (`sr_foods`: SR28 by NDB)."""
    measures: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in portion_rows:
        measures[row["food_code"]].append((" ".join(row["description"].split()), float(row["grams"])))
    ingredients: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in ingredient_rows:
        ingredients[row["food_code"]].append((row["ingredient_code"], row["ingredient_description"]))
    by_code = {row["food_code"]: row for row in rows}
    built: dict[str, Food] = {}

    def food(code: str, seen: frozenset[str] = frozenset()) -> Food:
        if code in built:
            return built[code]
        row = by_code[code]
        parts = tuple(_ingredient(ingredient, description, seen | {code})
                      for ingredient, description in ingredients.get(code, []))
        built[code] = _row_food(row, measures.get(code, []), parts)
        return built[code]

    def _ingredient(code: str, description: str, seen: frozenset[str]) -> Food:
        if len(code) == 5 and code in sr_foods:
            return sr_foods[code]
        if code in by_code and code not in seen:
            return food(code, seen)
        return named_ingredient(code, description)

    return [food(code) for code in by_code]


def named_ingredient(code: str, description: str) -> Food:
    """A nutrient "as ingredient", a Foundation food or a retired SR code: known by its name only."""
    labels = named_ingredient_labels(description)
    return Food(id=f"ingredient:{code}", description=description, food_group=None, b12_ug_per_100g=None,
                kcal_per_100g=None, retinol_ug_per_100g=None, diet=labels.diet, check_label=labels.check_label,
                fortified=False, unreliable=False, portions=(), data_type=INGREDIENT_DATA_TYPE,
                source=f"{FNDDS_CITATION}, ingredient {code}")


def _row_food(row: dict[str, str], measures: list[tuple[str, float]], parts: tuple[Food, ...]) -> Food:
    group, category = sr_group(row["wweia_category_number"]), row["wweia_category_description"] or None
    b12, added = _number(row["b12_ug_per_100g"]), _number(row["b12_added_ug_per_100g"])
    labels = ingredient_labels(row["description"], group, b12, added,
                               [DietLabels(p.diet, p.check_label, p.fortified, p.unreliable) for p in parts])
    code = row["food_code"]
    return Food(
        id=fndds_id(code), description=" ".join(row["description"].split()), food_group=group, b12_ug_per_100g=b12,
        kcal_per_100g=_number(row["kcal_per_100g"]), retinol_ug_per_100g=_number(row["retinol_ug_per_100g"]),
        diet=labels.diet, check_label=labels.check_label, fortified=labels.fortified, unreliable=labels.unreliable,
        portions=unique_portions(natural_portions(measures, row["wweia_category_number"])),
        data_type=FNDDS_DATA_TYPE, source=f"{FNDDS_CITATION}, food code {code}", b12_added_ug_per_100g=added,
        everyday=row["wweia_category_number"] != NOT_A_CATEGORY, common_names=_synonyms(row["additional_description"]),
        b12_data_year=FNDDS_RELEASE_YEAR, category=category,
        ingredients=parts,
    )


def newer_values(rows: Iterator[dict[str, str]], fndds: Mapping[str, Food]) -> dict[str, SupersededValue]:
    """SR NDB -> the value FNDDS gives anew (the first FNDDS food listed for it)."""
    found: dict[str, SupersededValue] = {}
    for row in rows:
        newer = fndds.get(fndds_id(row["fndds_food_code"]))
        if newer is None or row["sr_ndb"] in found:
            continue
        found[row["sr_ndb"]] = SupersededValue(newer.id, newer.description, newer.b12_ug_per_100g, FNDDS_CITATION)
    return found


def read_newer_values(data_dir: Traversable, fndds: Mapping[str, Food],
                      rows: Callable[[Traversable], Iterator[dict[str, str]]]) -> dict[str, SupersededValue]:
    path = data_dir / "fndds_newer_values.csv"
    return newer_values(rows(path), fndds) if path.is_file() else {}
