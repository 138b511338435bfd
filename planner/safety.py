"""Who should not be offered what, as a table of rules, each with its source. Pure; no I/O.

Each rule names the life stages it protects, how it recognises a food from USDA's name and
group, why, and its source. Suggestions leave out every food a rule blocks for the person;
a day the person planned by hand is warned about when it breaks a rule that applies to them
(liver in pregnancy, raw eggs for a toddler, retinol over the upper limit), whatever the
target says. Where a name is unclear the rules err strict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Callable, Iterable

from planner.diet import ANIMAL_GROUPS, MEAT_FISH_GROUPS
from planner.food import Food
from planner.notes import NotAdvised, NotOffered, RetinolOverLimit
from planner.profile import Profile
from planner.words import fold

FDA_PREGNANCY = "US FDA, Food Safety for Pregnant Women"
FDA_FISH = "FDA/EPA, Advice about Eating Fish (2021)"
NHS_PREGNANCY = "UK NHS, Foods to avoid in pregnancy"
IOM_DRI = "IOM DRI (1998): tolerable upper intake of preformed vitamin A"
NOT_FOOD = "Not what a person eats as a B12 source (planner rule)"


class LifeStage(str, Enum):
    PREGNANCY = "pregnancy"
    BREASTFEEDING = "breastfeeding"
    CHILD = "ages 1–8"
    EVERYONE = "everyone"


def life_stages(profile: Profile) -> frozenset[LifeStage]:
    stages = {LifeStage.EVERYONE}
    if profile.pregnant:
        stages.add(LifeStage.PREGNANCY)
    if profile.lactating:
        stages.add(LifeStage.BREASTFEEDING)
    if 1 <= profile.age_years <= 8:
        stages.add(LifeStage.CHILD)
    return frozenset(stages)


def _name(pattern: str) -> Callable[[Food], bool]:
    compiled = re.compile(pattern)
    return lambda food: bool(compiled.search(fold(food.description)))


def _raw_animal(food: Food) -> bool:
    """Raw or undercooked meat, poultry, fish, shellfish or egg (suggest the cooked form instead)."""
    name = fold(food.description)
    animal = food.food_group in ANIMAL_GROUPS - {"Dairy and Egg Products"} or name.startswith("egg")
    return animal and bool(re.search(r"(?:^|, )raw\b|\b(?:sushi|sashimi|tartare|ceviche|undercooked|rare)\b", name))


def is_liver(food: Food) -> bool:
    return bool(re.search(r"\b(?:liver|livers|liverwurst|braunschweiger|p[aâ]t[eé]|foie gras)\b",
                          fold(food.description))) and food.diet.value in ("omnivore", "pescatarian")


def _cold_deli_meat(food: Food) -> bool:
    """Hot dogs, luncheon and deli meats not said to be heated (listeria)."""
    name = fold(food.description)
    deli = food.food_group == "Sausages and Luncheon Meats" or bool(
        re.search(r"\b(?:frankfurters?|hot ?dogs?|wieners?|bologna|salami|luncheon|deli|pepperoni|pastrami)\b", name))
    return deli and not re.search(r"(?<!un)heated\b", name)


def _odd_offal_or_game(food: Food) -> bool:
    name = fold(food.description)
    offal = re.search(r"\b(?:kidneys?|brains?|spleen|lungs?|giblets|pancreas|thymus|sweetbreads|chitterlings|"
                      r"tripe|ears|feet|snout|tongue|heart|gizzards?|mechanically separated)\b", name)
    game = re.search(r"^(?:game meat|emu|ostrich|squab|frog legs|turtle|bear|beaver|muskrat|opossum|raccoon|"
                     r"squirrel|caribou|moose|elk|deer|bison|buffalo|goat|pheasant|quail|guinea hen|dove)\b|\bwild\b",
                     name)
    return bool(offal or (game and food.food_group in MEAT_FISH_GROUPS)) or \
        food.food_group == "American Indian/Alaska Native Foods"


def _dried_animal(food: Food) -> bool:
    name = fold(food.description)
    return food.food_group in ANIMAL_GROUPS and bool(
        re.search(r"\b(?:dried|dry|powder|powdered|dehydrated|freeze-dried)\b", name)) and "dry heat" not in name


@dataclass(frozen=True)
class FoodRule:
    id: str
    what: str  # the foods, in plain words
    protects: frozenset[LifeStage]  # never suggested to these; a planned day is warned about (but EVERYONE)
    matches: Callable[[Food], bool]
    why: str
    source: str


_ALL = frozenset(LifeStage)
_PREGNANCY = frozenset({LifeStage.PREGNANCY})
FOOD_RULES: tuple[FoodRule, ...] = (
    FoodRule("raw-animal", "raw or undercooked meat, poultry, fish, shellfish or eggs", _ALL, _raw_animal,
             "raw animal foods can carry listeria, salmonella and other germs; suggest the cooked form",
             f"{FDA_PREGNANCY}; {NHS_PREGNANCY}"),
    FoodRule("raw-milk", "unpasteurised (raw) milk", _ALL, _name(r"\b(?:unpasteuri[sz]ed|raw milk|milk, raw)\b"),
             "raw milk can carry listeria and other germs", FDA_PREGNANCY),
    FoodRule("high-mercury", "the highest-mercury fish (king mackerel, marlin, orange roughy, shark, swordfish, "
             "tilefish, bigeye tuna)", _ALL,
             _name(r"\b(?:mackerel, king|king mackerel|marlin|roughy|shark|swordfish|tilefish|bigeye)\b"),
             "these fish hold the most mercury", FDA_FISH),
    FoodRule("liver-pregnancy", "liver and liver products (pâté, liver sausage)", _PREGNANCY, is_liver,
             "liver is very high in preformed vitamin A (retinol), which can harm an unborn baby", NHS_PREGNANCY),
    FoodRule("smoked-seafood", "refrigerated smoked seafood (lox, nova, kippered) unless cooked", _PREGNANCY,
             lambda food: food.food_group == "Finfish and Shellfish Products" and bool(
                 re.search(r"\b(?:smoked|kippered|lox|nova)\b", fold(food.description)))
             and not re.search(r"\bcanned\b", fold(food.description)),
             "cold smoked seafood can carry listeria", FDA_PREGNANCY),
    FoodRule("cold-deli", "hot dogs, luncheon and deli meats unless heated until steaming", _PREGNANCY,
             _cold_deli_meat, "cold deli meats can carry listeria; only heated forms are suggested", FDA_PREGNANCY),
    FoodRule("soft-cheese", "soft cheeses that may be unpasteurised (queso fresco, queso blanco, panela), "
             "mould-ripened or blue-veined soft cheese", _PREGNANCY,
             _name(r"\b(?:queso fresco|queso blanco|panela|brie|camembert|cheese, blue|blue cheese|roquefort|"
                   r"gorgonzola|limburger)\b"),
             "these cheeses can carry listeria", f"{FDA_PREGNANCY}; {NHS_PREGNANCY}"),
)
# Never suggested to anyone: not what a person eats (medical products, baby foods past 12 months,
# commodity items, dried animal ingredients, game and odd offal), whatever the everyday flag says.
NEVER_SUGGESTED: tuple[FoodRule, ...] = (
    FoodRule("medical", "medical nutrition products (ENSURE, supplements for people with diabetes, meal "
             "replacements)", _ALL,
             _name(r"\b(?:ensure|glucerna|boost plus|nutritional supplement|nutritional shake|nutritional drink|"
                   r"meal replacement|slimfast|protein powder)\b"),
             "a medical or diet product, not everyday food", NOT_FOOD),
    FoodRule("infant", "infant formula and baby foods", _ALL,
             lambda food: food.food_group == "Baby Foods" or bool(
                 re.search(r"\b(?:babyfood|infant formula|toddler formula|child formula|infant|toddler)\b",
                           fold(food.description))),
             "made for babies; past 12 months children eat family foods", NOT_FOOD),
    FoodRule("commodity", "USDA Commodity items", _ALL, _name(r"\busda commodity\b"),
             "supplied to programmes, not sold to people", NOT_FOOD),
    FoodRule("dried-animal", "dried or powdered animal ingredients (dried egg, dry milk, dried buttermilk)", _ALL,
             _dried_animal, "an ingredient, not a food eaten as such", NOT_FOOD),
    FoodRule("offal-game", "game and odd offal (kidney, brain, spleen, lungs, giblets …)", _ALL, _odd_offal_or_game,
             "not what most people eat", NOT_FOOD),
)

# IOM tolerable upper intake of preformed vitamin A, µg/day, by age; pregnancy and lactation use
# the same values for their ages. (One 68 g slice of braised beef liver holds about 6,400 µg.)
RETINOL_UL_BY_AGE: tuple[tuple[int, float], ...] = ((3, 600.0), (8, 900.0), (13, 1700.0), (18, 2800.0),
                                                    (200, 3000.0))


def retinol_ul_ug(profile: Profile) -> float:
    for max_age, limit in RETINOL_UL_BY_AGE:
        if profile.age_years <= max_age:
            return limit
    return RETINOL_UL_BY_AGE[-1][1]


def blocking_rule(food: Food, profile: Profile) -> FoodRule | None:
    """The first rule that keeps this food out of suggestions for this person, or None."""
    return _blocking_rule(food, life_stages(profile))


@lru_cache(maxsize=131_072)
def _blocking_rule(food: Food, stages: frozenset[LifeStage]) -> FoodRule | None:
    for rule in (*FOOD_RULES, *NEVER_SUGGESTED):
        if rule.protects & stages and rule.matches(food):
            return rule
    return None


def planned_food_warning(food: Food, profile: Profile) -> NotAdvised | None:
    """A warning for a food the person planned that a rule for their life stage forbids."""
    stages = life_stages(profile)
    for rule in rules_in_force(profile):
        if rule.matches(food):
            who = tuple(stage.value for stage in sorted(rule.protects & stages - {LifeStage.EVERYONE}))
            return NotAdvised(food.description, who, rule.why, rule.source)
    return None


def retinol_warning(retinol_ug: float, profile: Profile, label: str) -> RetinolOverLimit | None:
    limit = retinol_ul_ug(profile)
    if retinol_ug <= limit:
        return None
    return RetinolOverLimit(label, retinol_ug, limit, IOM_DRI)


def rules_in_force(profile: Profile) -> Iterable[FoodRule]:
    """The life-stage rules that apply to this person (for the notes and the planned-food warnings)."""
    stages = life_stages(profile) - {LifeStage.EVERYONE}
    return (rule for rule in FOOD_RULES if rule.protects & stages)


def not_offered_notes(profile: Profile) -> list[NotOffered]:
    """The life-stage rules in force, as notes beside this person's suggestions."""
    return [NotOffered(tuple(sorted({stage.value for stage in rule.protects} - {LifeStage.EVERYONE.value})),
                       rule.what, rule.why, rule.source) for rule in rules_in_force(profile)]
