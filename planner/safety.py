"""Who should not be offered what, as a table of rules, each with its sources. Pure; no I/O.

Each rule names the life stages it protects, how it recognises a food from USDA's name and
group, why, and the source for each stage it protects. Suggestions leave out every food a rule
blocks for the person; a day the person planned by hand is warned about when it breaks a rule
for their life stage (liver in pregnancy, honey before 12 months, whole grapes for a toddler,
cold deli meat at 80, retinol over the upper limit), whatever the target says. Where a name is
unclear the rules err strict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from planner.diet import ALCOHOL_WORDS, ANIMAL_GROUPS, MEAT_FISH_GROUPS, NOT_ALCOHOL, PLANT_MILK
from planner.everyday import plain_national_cereal
from planner.food import Food
from planner.notes import NotAdvised, NotOffered, RetinolOverLimit
from planner.profile import Profile
from planner.words import fold

FDA_PREGNANCY = "US FDA, Food Safety for Pregnant Women"
NHS_PREGNANCY = "UK NHS, Foods to avoid in pregnancy"
FDA_FISH = "FDA/EPA, Advice about Eating Fish (2021): pregnancy, breastfeeding and children 1–11"
CDC_AT_RISK = "US CDC, People at increased risk for food poisoning (children under 5, adults 65 and over, " \
              "weakened immune systems)"
CDC_LISTERIA = "US CDC, Listeria: people at higher risk (65 and over, weakened immune systems)"
CDC_ALCOHOL = "US CDC and UK NHS: no known safe amount of alcohol in pregnancy"
AAP_HONEY = "AAP and US CDC: no honey before 12 months (infant botulism)"
AAP_MILK = "AAP: no cow's milk or plant drinks as a drink before 12 months"
AAP_CHOKING = "AAP, Choking prevention: foods to keep from children under 4"
FSA_RICE_DRINK = "UK FSA and NHS: no rice drinks for children under 5 (arsenic)"
NHS_PLANT_DRINKS = "UK NHS: under 5, fortified unsweetened soy is the only plant drink to use as a main milk"
DGA_SUGAR = "Dietary Guidelines for Americans 2020–2025: no added sugars under 2"
IOM_DRI = "IOM DRI (1998): tolerable upper intake of preformed vitamin A"
CACFP = "USDA CACFP meal pattern for children 1–5 (7 CFR 226.20)"
NOT_FOOD = "Not what a person eats as a B12 source (planner rule)"
IMPRACTICAL = "Not an everyday food to suggest; found when searched by name (planner rule)"


class LifeStage(str, Enum):
    """Whom a rule protects; values are the words a warning uses ("not advised (under 4)")."""

    PREGNANCY = "pregnancy"
    BREASTFEEDING = "breastfeeding"
    INFANT = "under 12 months"
    UNDER_2 = "under 2"
    UNDER_4 = "under 4"
    UNDER_5 = "under 5"
    CHILD = "ages 1–11"
    YOUNG_CHILD = "ages 1–5"
    OLDER_ADULT = "65 and over"
    IMMUNOCOMPROMISED = "a weakened immune system"
    EVERYONE = "everyone"


# The stages set by age: (stage, youngest, oldest) in months; None is open-ended.
AGE_STAGES: tuple[tuple[LifeStage, int, int | None], ...] = (
    (LifeStage.INFANT, 0, 11),
    (LifeStage.UNDER_2, 0, 23),
    (LifeStage.UNDER_4, 0, 47),
    (LifeStage.UNDER_5, 0, 59),
    (LifeStage.CHILD, 12, 11 * 12 + 11),
    (LifeStage.YOUNG_CHILD, 12, 5 * 12 + 11),
    (LifeStage.OLDER_ADULT, 65 * 12, None),
)


def life_stages(profile: Profile) -> frozenset[LifeStage]:
    months = profile.total_months
    stages = {stage for stage, low, high in AGE_STAGES if low <= months and (high is None or months <= high)}
    stages.add(LifeStage.EVERYONE)
    for stage, active in ((LifeStage.PREGNANCY, profile.pregnant), (LifeStage.BREASTFEEDING, profile.lactating),
                          (LifeStage.IMMUNOCOMPROMISED, profile.immunocompromised)):
        if active:
            stages.add(stage)
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


def _smoked_seafood(food: Food) -> bool:
    name = fold(food.description)
    return food.food_group == "Finfish and Shellfish Products" and bool(
        re.search(r"\b(?:smoked|kippered|lox|nova)\b", name)) and not re.search(r"\bcanned\b", name)


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


# Drinks by age. A drink, as people pour one: a milk, a plant drink, a beverage.
_DRINK = re.compile(r"^(?:milk|beverages?|soymilk|drink|juice|nectar)\b|\b(?:drink|beverage)\b")
_FLUID_MILK = re.compile(r"^milk, (?!dry|canned|evaporated|condensed|powder|imitation)")
_SWEETENED = re.compile(r"(?<!un)sweetened\b|\b(?:chocolate|vanilla|strawberry|flavou?r(?:ed|s)|syrup|acai)\b"
                        r"|(?<!no )(?<!no added )\bsugar\b(?![- ]free)")


def _alcohol(food: Food) -> bool:
    """Alcoholic drinks and dishes named with wine, beer or spirits (not vinegar or root beer)."""
    name = fold(food.description)
    return bool(ALCOHOL_WORDS.search(name)) and not NOT_ALCOHOL.search(name)


def _milk_as_a_drink(food: Food) -> bool:
    """Cow's milk or a plant drink poured as a drink (not yogurt, cheese or a formula)."""
    name = fold(food.description)
    return bool(_FLUID_MILK.search(name) or PLANT_MILK.search(name)) and "formula" not in name


def _sweetened_drink(food: Food) -> bool:
    name = fold(food.description)
    return bool(_DRINK.search(name) or PLANT_MILK.search(name)) and bool(_SWEETENED.search(name))


def _plant_drink_not_soy(food: Food) -> bool:
    name = fold(food.description)
    return bool(PLANT_MILK.search(name)) and not re.search(r"\bsoy", name)


def _choking_hazard(food: Food) -> bool:
    """Whole nuts, peanuts and seeds; whole grapes; hot dogs; popcorn; hard candy and gum."""
    name = fold(food.description)
    whole_nuts = food.food_group == "Nut and Seed Products" or name.startswith("peanuts")
    not_whole = re.search(r"\b(?:butter|paste|flour|meal|milk|oil|spread|cream|juice|tahini|drink)\b", name)
    return bool((whole_nuts and not not_whole)
                or re.search(r"^grapes\b|\b(?:frankfurters?|hot ?dogs?|wieners?|popcorn|candies, hard|"
                             r"hard candy|lollipops?|chewing gum|gum drops|marshmallows?)\b", name))


# The CACFP meal pattern's foods for children 1–5: milk (unflavoured), meat, poultry, fish, eggs,
# cheese and yogurt, fortified soy drink, and cereals low in sugar (read strictly: plain national cereals).
CACFP_GROUPS = frozenset({"Dairy and Egg Products", "Poultry Products", "Beef Products", "Pork Products",
                          "Lamb, Veal, and Game Products", "Finfish and Shellfish Products"})
_SHELLFISH = re.compile(r"^(?:mollusks|crustaceans)\b|\b(?:clams?|oysters?|mussels?|scallops?|shrimp|crabs?|"
                        r"lobsters?|crayfish|squid|octopus)\b")
# Read strictly too: pickled, smoked, cured or salted foods (salty, and cured meats are deli meats) and sauces,
# pastes and spreads are not a child's meal component, whatever group FNDDS files them under.
_NOT_A_MEAL_COMPONENT = re.compile(
    r"\b(?:ice cream|ice milk|frozen (?:yogurt|dessert|novelty)|eggnog|pudding|shakes?|custard|cream|butter|whey|"
    r"desserts?|imitation|cheese (?:food|product)|sausage|bacon|jerky|bologna|salami|frankfurter|"
    r"pickled|smoked|cured|corned|salted|sauces?|gravy|paste|pate|spread)\b")
WWEIA_SHELLFISH = "Shellfish"  # FNDDS's category for clams, shrimp … and dishes of them ("Seafood sauce")


def _outside_cacfp(food: Food) -> bool:
    """Not a food of the CACFP pattern for young children (shellfish, sausages, dishes, sweet cereals …)."""
    name = fold(food.description)
    if food.food_group == "Breakfast Cereals":
        return not plain_national_cereal(name, food.common_names)
    if PLANT_MILK.search(name):
        return not re.search(r"\bsoy", name) or bool(_SWEETENED.search(name))
    if food.food_group in CACFP_GROUPS:
        return bool(food.category == WWEIA_SHELLFISH or _SHELLFISH.search(name) or _NOT_A_MEAL_COMPONENT.search(name)
                    or _SWEETENED.search(name))
    return True


# FNDDS's categories of foods nobody is advised to eat for their B12 (added to sell them).
NOT_ADVISED_CATEGORIES = frozenset({
    "Sport and energy drinks", "Diet sport and energy drinks", "Nutritional beverages", "Enhanced water",
    "Protein and nutritional powders", "Nutrition bars", "Beer", "Wine", "Liquor and cocktails",
})
_NOT_ADVISED_NAMES = re.compile(
    r"\b(?:energy|energy drink|sports drink|gatorade|powerade|vitamin water|water with added vitamins|"
    r"protein (?:shake|powder)|protein powder isolate|muscle milk|k20|red bull|monster|rockstar|"
    r"full throttle|amp|nos|nutrition bar)\b|^(?:beverages, )?water\b")


def _not_a_source_to_advise(food: Food) -> bool:
    return food.category in NOT_ADVISED_CATEGORIES or bool(_NOT_ADVISED_NAMES.search(fold(food.description))) \
        or _alcohol(food)


@dataclass(frozen=True)
class FoodRule:
    id: str
    what: str  # the foods, in plain words
    protects: frozenset[LifeStage]  # never suggested to these; a planned day is warned about (but EVERYONE)
    matches: Callable[[Food], bool]
    why: str
    source: str  # for every stage the rule protects, unless `sources` names one for it
    sources: Mapping[LifeStage, str] = field(default_factory=dict)
    warns: bool = True  # False: it shapes suggestions only; a planned food breaking it is no danger

    def source_for(self, stages: Iterable[LifeStage]) -> str:
        """The sources that speak for these stages, once each."""
        return "; ".join(dict.fromkeys(self.sources.get(stage, self.source) for stage in stages))


def _stages(*stages: LifeStage) -> frozenset[LifeStage]:
    return frozenset(stages)


_AT_RISK = _stages(LifeStage.PREGNANCY, LifeStage.UNDER_5, LifeStage.OLDER_ADULT, LifeStage.IMMUNOCOMPROMISED,
                   LifeStage.EVERYONE)
_LISTERIA = _stages(LifeStage.PREGNANCY, LifeStage.OLDER_ADULT, LifeStage.IMMUNOCOMPROMISED)
_PREGNANCY_SOURCES = {LifeStage.PREGNANCY: f"{FDA_PREGNANCY}; {NHS_PREGNANCY}"}
FOOD_RULES: tuple[FoodRule, ...] = (
    FoodRule("raw-animal", "raw or undercooked meat, poultry, fish, shellfish or eggs", _AT_RISK, _raw_animal,
             "raw animal foods, raw oysters among them, can carry listeria, salmonella, vibrio and other germs; "
             "suggest the cooked form", CDC_AT_RISK, _PREGNANCY_SOURCES),
    FoodRule("raw-milk", "unpasteurised (raw) milk", _AT_RISK, _name(r"\b(?:unpasteuri[sz]ed|raw milk|milk, raw)\b"),
             "raw milk can carry listeria and other germs", CDC_AT_RISK, {LifeStage.PREGNANCY: FDA_PREGNANCY}),
    FoodRule("high-mercury", "the highest-mercury fish (king mackerel, marlin, orange roughy, shark, swordfish, "
             "tilefish, bigeye tuna)",
             _stages(LifeStage.PREGNANCY, LifeStage.BREASTFEEDING, LifeStage.CHILD, LifeStage.EVERYONE),
             _name(r"\b(?:mackerel, king|king mackerel|marlin|roughy|shark|swordfish|tilefish|bigeye)\b"),
             "these fish hold the most mercury", FDA_FISH),
    FoodRule("liver-pregnancy", "liver and liver products (pâté, liver sausage)", _stages(LifeStage.PREGNANCY),
             is_liver, "liver is very high in preformed vitamin A (retinol), which can harm an unborn baby",
             NHS_PREGNANCY),
    FoodRule("smoked-seafood", "refrigerated smoked seafood (lox, nova, kippered) unless cooked", _LISTERIA,
             _smoked_seafood, "cold smoked seafood can carry listeria", CDC_LISTERIA,
             {LifeStage.PREGNANCY: FDA_PREGNANCY}),
    FoodRule("cold-deli", "hot dogs, luncheon and deli meats unless heated until steaming", _LISTERIA,
             _cold_deli_meat, "cold deli meats can carry listeria; only heated forms are suggested", CDC_LISTERIA,
             {LifeStage.PREGNANCY: FDA_PREGNANCY}),
    FoodRule("soft-cheese", "soft cheeses that may be unpasteurised (queso fresco, queso blanco, panela), "
             "mould-ripened or blue-veined soft cheese", _LISTERIA,
             _name(r"\b(?:queso fresco|queso blanco|panela|brie|camembert|cheese, blue|blue cheese|roquefort|"
                   r"gorgonzola|limburger)\b"),
             "these cheeses can carry listeria", CDC_LISTERIA, _PREGNANCY_SOURCES),
    FoodRule("alcohol", "alcoholic drinks, and dishes made with wine, beer or spirits", _stages(LifeStage.PREGNANCY),
             _alcohol, "alcohol can harm an unborn baby", CDC_ALCOHOL),
    FoodRule("honey", "honey, and foods made with it", _stages(LifeStage.INFANT), _name(r"\bhoney\b"),
             "honey can carry the spores of infant botulism", AAP_HONEY),
    FoodRule("milk-drink-infant", "cow's milk or plant drinks as a drink", _stages(LifeStage.INFANT),
             _milk_as_a_drink, "before 12 months a baby's milk is breast milk or formula", AAP_MILK),
    FoodRule("choking", "whole nuts and seeds, whole grapes, hot dogs, popcorn, hard candy and gum",
             _stages(LifeStage.UNDER_4), _choking_hazard,
             "young children can choke on them; cut, mash or leave out", AAP_CHOKING),
    FoodRule("rice-drink", "rice drinks", _stages(LifeStage.UNDER_5), _name(r"\brice (?:milk|drink|beverage)\b"),
             "rice drinks hold too much arsenic for young children", FSA_RICE_DRINK),
    FoodRule("plant-drink", "plant drinks other than fortified soy (almond, oat, coconut …) as a milk",
             _stages(LifeStage.UNDER_5), _plant_drink_not_soy,
             "they lack the protein and energy young children get from milk", NHS_PLANT_DRINKS),
    FoodRule("sweetened-drink", "sweetened or flavoured milks and drinks", _stages(LifeStage.UNDER_2),
             _sweetened_drink, "no added sugar before age 2", DGA_SUGAR),
    FoodRule("cacfp", "foods outside the CACFP meal pattern (shellfish, sausages and deli meats, mixed dishes, "
             "sweet or store-brand cereals, drinks other than milk and fortified soy), read strictly: nor pickled, "
             "smoked or cured foods, sauces or spreads", _stages(LifeStage.YOUNG_CHILD),
             _outside_cacfp, "suggestions for young children keep to the everyday foods of the child-care meal "
             "pattern; others may still be planned by hand", CACFP, warns=False),
)
# Never suggested to anyone: not what a person eats (medical products, baby foods past 12 months,
# commodity items, dried animal ingredients, game and odd offal), or not an everyday food to
# suggest (octopus, caviar, açaí drinks …), whatever the everyday flag says. Search still finds them.
NEVER_SUGGESTED: tuple[FoodRule, ...] = (
    FoodRule("medical", "medical nutrition products (ENSURE, supplements for people with diabetes, meal "
             "replacements)", _stages(LifeStage.EVERYONE),
             _name(r"\b(?:ensure|glucerna|boost plus|nutritional supplement|nutritional shake|nutritional drink|"
                   r"meal replacement|slimfast|protein powder)\b"),
             "a medical or diet product, not everyday food", NOT_FOOD),
    FoodRule("infant", "infant formula and baby foods", _stages(LifeStage.EVERYONE),
             lambda food: food.food_group == "Baby Foods" or bool(
                 re.search(r"\b(?:babyfood|infant formula|toddler formula|child formula|infant|toddler)\b",
                           fold(food.description))),
             "made for babies; past 12 months children eat family foods", NOT_FOOD),
    FoodRule("commodity", "USDA Commodity items", _stages(LifeStage.EVERYONE), _name(r"\busda commodity\b"),
             "supplied to programmes, not sold to people", NOT_FOOD),
    FoodRule("dried-animal", "dried or powdered animal ingredients (dried egg, dry milk, dried buttermilk)",
             _stages(LifeStage.EVERYONE), _dried_animal, "an ingredient, not a food eaten as such", NOT_FOOD),
    FoodRule("offal-game", "game and odd offal (kidney, brain, spleen, lungs, giblets …)", _stages(LifeStage.EVERYONE),
             _odd_offal_or_game, "not what most people eat", NOT_FOOD),
    FoodRule("exotic", "foods few people eat or can buy (octopus, squid, caviar and roe, abalone, whelk, snails, "
             "frog legs, açaí drinks)", _stages(LifeStage.EVERYONE),
             _name(r"\b(?:octopus|squid|cuttlefish|caviar|roe|abalone|conch|whelk|snails?|frog|acai|whale|seal|"
                   r"walrus|eel)\b"),
             "not an everyday food", IMPRACTICAL),
    FoodRule("drinks-not-sources", "energy and sports drinks, vitamin waters, protein shakes, powders and bars, "
             "alcoholic drinks", _stages(LifeStage.EVERYONE), _not_a_source_to_advise,
             "added B12 in a drink or bar sold for energy, sport or slimming, or in alcohol, is not a way a dietitian "
             "would advise", IMPRACTICAL),
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


def _protected(rule: FoodRule, profile: Profile) -> list[LifeStage]:
    """The person's life stages a rule protects, in the table's order (everyone aside)."""
    stages = life_stages(profile)
    return [stage for stage in LifeStage if stage in rule.protects & stages and stage is not LifeStage.EVERYONE]


def planned_food_warning(food: Food, profile: Profile) -> NotAdvised | None:
    """A warning for a food the person planned that a rule for their life stage forbids."""
    for rule in rules_in_force(profile):
        if rule.warns and rule.matches(food):
            stages = _protected(rule, profile)
            return NotAdvised(food.description, tuple(stage.value for stage in stages), rule.why,
                              rule.source_for(stages))
    return None


def retinol_warning(retinol_ug: float, profile: Profile, label: str) -> RetinolOverLimit | None:
    limit = retinol_ul_ug(profile)
    if retinol_ug <= limit:
        return None
    return RetinolOverLimit(label, retinol_ug, limit, IOM_DRI)


def rules_in_force(profile: Profile) -> Iterable[FoodRule]:
    """The life-stage rules that apply to this person (for the notes and the planned-food warnings)."""
    return (rule for rule in FOOD_RULES if _protected(rule, profile))


def not_offered_notes(profile: Profile) -> list[NotOffered]:
    """The life-stage rules in force, as notes beside this person's suggestions."""
    notes = []
    for rule in rules_in_force(profile):
        stages = _protected(rule, profile)
        notes.append(NotOffered(tuple(stage.value for stage in stages), rule.what, rule.why,
                                rule.source_for(stages)))
    return notes
