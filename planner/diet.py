"""Diet labels (diet, check_label, fortified, unreliable) from USDA's facts, then names.

USDA's own facts come first: "Vitamin B-12, added" (nutrient 578) for fortification, and
SR's LanguaL facets for the source organism (B) and added ingredients (H, e.g. H0191 MEAT
ADDED). Where those are silent the rules read the food group and the words of the name,
as tables. The rules err strict: a food that may hold meat, fish, dairy,
egg, honey or gelatin is never called vegan; a label may be too strict, never too lax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from planner.food import DietMode

V, VG, P, O = DietMode.VEGAN, DietMode.VEGETARIAN, DietMode.PESCATARIAN, DietMode.OMNIVORE

# Group -> the label its foods start from. Groups not listed are mixed dishes (below).
GROUP_BASE: dict[str, DietMode] = {
    "Beef Products": O,
    "Pork Products": O,
    "Poultry Products": O,
    "Lamb, Veal, and Game Products": O,
    "Sausages and Luncheon Meats": O,
    "Finfish and Shellfish Products": P,
    "Dairy and Egg Products": VG,
    "Spices and Herbs": V,
    "Fats and Oils": V,
    "Fruits and Fruit Juices": V,
    "Vegetables and Vegetable Products": V,
    "Nut and Seed Products": V,
    "Legumes and Legume Products": V,
    "Cereal Grains and Pasta": V,
    "Baked Products": V,
    "Sweets": V,
    "Beverages": V,
    "Breakfast Cereals": V,
    "Snacks": V,
}
# Soups, fast foods, entrees, baby foods, restaurant and regional dishes: the main
# ingredients are not in the name often enough to call them vegan.
MIXED_DISH_GROUPS = frozenset({
    "Soups, Sauces, and Gravies", "Fast Foods", "Meals, Entrees, and Side Dishes",
    "Restaurant Foods", "Baby Foods", "American Indian/Alaska Native Foods",
})
MIXED_DISH_BASE = VG
SR_GROUP_NAMES = frozenset(GROUP_BASE) | MIXED_DISH_GROUPS
MEAT_FISH_GROUPS = frozenset(group for group, base in GROUP_BASE.items() if base in (O, P))
ANIMAL_GROUPS = frozenset(group for group, base in GROUP_BASE.items() if base is not V)

# Plant-based by name, minor ingredients unknown (honey, milk powder, gelatin, D3).
CHECK_LABEL_GROUPS = frozenset({"Breakfast Cereals", "Baked Products", "Sweets", "Snacks"}) | MIXED_DISH_GROUPS
# Single plant foods: plants make no B12, so B12 here that nobody added is not a reliable source.
# In every other plant group (products: breads, sweets, drinks, spreads) it betrays an
# animal ingredient such as milk, whey or egg.
PLANT_FOOD_GROUPS = frozenset({
    "Vegetables and Vegetable Products", "Fruits and Fruit Juices", "Legumes and Legume Products",
    "Nut and Seed Products", "Spices and Herbs", "Cereal Grains and Pasta",
})

# LanguaL facets (SR28 LANGUAL/LANGDESC): source organisms and added ingredients that an
# animal-free food cannot have. COW is the dairy cow (milk); CATTLE is beef.
LANGUAL_DIET: dict[str, DietMode] = {
    "B1125": O,  # GUINEA FOWL
    "B1136": O,  # SWINE
    "B1161": O,  # CATTLE
    "B1198": O,  # BROILER OR FRYER CHICKEN
    "B1201": VG,  # COW
    "B1236": O,  # TURKEY (POULTRY)
    "B1253": O,  # GOOSE
    "B1304": O,  # PIGEON
    "B1316": O,  # DUCK
    "B1346": O,  # QUAIL
    "B1457": O,  # CHICKEN
    "B1460": O,  # PHEASANT
    "B1710": O,  # ROASTER CHICKEN
    "B1711": O,  # CAPON
    "B1713": O,  # HEN
    "H0191": O,  # MEAT ADDED
    "H0171": O,  # POULTRY ADDED
    "H0262": O,  # ANIMAL FAT OR OIL ADDED
    "H0143": VG,  # CHEESE ADDED
    "H0149": VG,  # HONEY ADDED
    "H0184": VG,  # MILK ADDED
    "H0185": VG,  # EGG YOLK ADDED
    "H0186": VG,  # EGG ADDED
    "H0205": VG,  # EGG WHITE ADDED
    "H0260": VG,  # WHEY ADDED
    "H0271": VG,  # BUTTER ADDED
    "H0748": VG,  # MILK PROTEIN ADDED
}
LANGUAL_ANIMAL_SOURCES = frozenset(code for code in LANGUAL_DIET if code.startswith("B"))


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


MEAT_WORDS = _words(
    "beef", "pork", "ham", "hams", "bacon", "chicken", "turkey", "lamb", "veal", "mutton", "goat",
    "duck", "goose", "venison", "elk", "bison", "buffalo", "rabbit", "quail", "pheasant",
    "sausages?", "salami", "bologna", "frankfurters?", "franks?", "hot ?dogs?", "wieners?",
    "meats?", "meatballs?", "meatloaf", "liver", "livers", "liverwurst", "braunschweiger",
    "p[aâ]t[eé]", "giblets", "tripe", "sweetbreads", "lard", "tallow", "animal fat",
    "bacon grease", "chorizo", "pastrami", "corned", "prosciutto", "jerky", "broth", "bouillon",
    "consomme", "gravy", "burgers?", "cheeseburgers?", "hamburgers?", "pepperoni",
    "chili con carne", "chitterlings", "oxtail", "poultry", "squab", "dove", "mcchicken", "mcrib",
    "steaks?", "sirloin", "cold ?cuts?", "reindeer", "moose", "caribou", "bear, (?:black|polar)", "owl",
    # marine mammals (Alaska Native foods): meat, fat and oil alike
    "whales?", "beluga", "bowhead", "muktuk", "blubber", "seals?", "walrus", "sea lions?", "bone marrow",
)
# In mixed dishes (soups, fast food, restaurant meals, entrees) these words mean meat in the dish:
# a club or cold-cut sub, chili, wonton, Italian wedding soup (meatballs), a "supreme" or "works"
# pizza, a taco salad, stroganoff, ramen with its flavour packet, a restaurant lasagna.
DISH_MEAT_WORDS = _words(
    "club", "chili", "wontons?", "wedding soup", "supreme", "the works", "feast", "extravaganzza",
    "meat lovers?", "taco salad", "stroganoff", "ramen", "deluxe breakfast", "big breakfast", "pizza rolls",
    "lasagne", "lasagna classico",
)
DISH_MEAT_NEGATORS = re.compile(r"\b(?:cheese|vegetable|veggie|spinach) lasagn")
CHILI_NOT_A_DISH = re.compile(r"\b(?:peppers?|sauce|powder|seasoning)\b")  # chili the pepper, not the stew
# Animal gelatin (marshmallows, gelatin desserts, gummies): not even vegetarian,
# whatever else the name says, unless it claims to be vegan.
GELATIN_NAMES = ("gelatins?", "gelatines?", "marshmallows?", "gummy", "gummi", "starburst", "jell-?o")
GELATIN_WORDS = _words(*GELATIN_NAMES)
# Alcoholic drinks and dishes named with them; vinegar and root beer are not.
ALCOHOL_WORDS = re.compile(r"^alcoholic beverage|\b(?:wine|beer|ale|lager|liqueur|liquor|rum|vodka|whiske?y|brandy|"
                           r"sherry|sake|bourbon|tequila|cognac|schnapps|daiquiri|margarita|martini)\b")
NOT_ALCOHOL = re.compile(r"\b(?:vinegar|root beer|ginger ale|non-?alcoholic|alcohol-free)\b")
FISH_WORDS = _words(
    "fish", "salmon", "tuna", "cod", "anchovy", "anchovies", "sardines?", "shrimp", "crab",
    "lobster", "clams?", "oysters?", "mussels?", "scallops?", "squid", "octopus", "caviar",
    "roe", "surimi", "herring", "mackerel", "trout", "tilapia", "catfish", "haddock",
    "pollock", "halibut", "seafood", "shellfish", "crustaceans", "mollusks", "worcestershire",
    "caesar", "green goddess", "bonito", "krill", "eel", "snail", "jellyfish",
    "smelts?", "cockles?", "chitons?", "ascidians?", "tunicates?", "oopah", "sea cucumbers?", "devilfish",
    "sheefish", "blackfish", "steelhead",
)
DAIRY_EGG_WORDS = _words(
    "milk", "milks", "cheese", "cheeses", "cheddar", "mozzarella", "parmesan", "cream", "butter",
    "buttermilk", "yogurt", "yoghurt", "whey", "casein", "caseinate", "eggs?", "ghee", "custard",
    "eggnog", "kefir", "milkfat", "mayonnaise", "honey", "cakes?", "cheesecake", "cookies?",
    "muffins?", "pancakes?", "waffles?", "croissants?", "brioche", "french toast", "doughnuts?",
    "brownies?", "alfredo", "puddings?", "ice creams?", "lactose", "souffle", "quiche", "omelet",
    "meringue", "malted", "miracle whip",
    # dressings made with buttermilk, egg or cheese
    "ranch", "thousand island", "russian dressing", "roquefort", "coleslaw", "poppyseed",
    "peppercorn dressing", "creamy dressing", "dressing, creamy",
)
# Confectionery made with milk or butter; in a plant milk "chocolate" is cocoa.
CONFECTIONERY_WORDS = _words("chocolate", "milky", "caramels?", "nougat", "toffee", "fudge",
                             "butterscotch", "truffles?", "creme")
# Meat-analogue brands: their recipes hold milk or egg white, and their "burgers" hold no meat.
ANALOGUE_BRANDS = ("morningstar", "loma linda", "worthington", "gardenburger", "boca")
# Branded products whose recipes hold milk, butter or egg white (SR has no ingredient lists):
# labelled vegetarian unless the name says vegan.
DAIRY_EGG_BRANDS = _words(
    *ANALOGUE_BRANDS, "kit kat", "snickers",
    "3 musketeers", "m&m'?s", "reese'?s", "twix", "almond joy", "heath", "caramello", "symphony",
    "5th avenue", "butterfinger", "payday", "tootsie", "york", r"mr\. goodbar", "100 grand",
    "whatchamacallit", "baby ruth", "oh henry", "skor", "toblerone", "krackel", "rolo", "whoppers",
    "milk duds", "mounds", "hershey'?s", "dove", "cocoavia", "eggo", "slimfast",
)
# Phrases whose words name something else: "peanut butter" is not butter, "soy milk" not
# milk, "eggplant" not egg. Shared with the leave-out rule (exclusions.py).
LOOK_ALIKES = re.compile(
    r"\b(?:peanut butter|almond butter|cashew butter|apple butter|cocoa butter|sesame butter|nut butter|"
    r"soy ?milk|almond milk|rice milk|oat milk|coconut milk|coconut cream|cream of tartar|cream of wheat|"
    r"crabapples?|mushrooms?, oyster|oyster mushrooms?|butternut|butterbur|buttercup|custard[- ]apple|"
    r"fish sauce substitute|eggplant|milkweed|beefsteak|"
    # buns and relishes named after what they go with are plant foods
    r"(?:rolls?|buns?), (?:hamburger|hot ?dog)(?: or (?:hamburger|hot ?dog))?|"
    r"(?:hamburger|hot ?dog) (?:rolls?|buns?)|relish, (?:hamburger|hot ?dog))\b"
)
# For the diet label only: phrases with an animal word that do not change the diet ("Sauce,
# duck" is plum sauce; "Egg, duck" is an egg; "Milk, goat" is milk).
NEUTRAL_PHRASES = re.compile(
    r"\b(?:sauce, duck|duck sauce|egg, (?:duck|goose|quail|turkey)|(?:milk|cheese|yogurt), goat|"
    r"goat (?:milk|cheese)|(?:coconut|grated|nut) meat|steak (?:fries|cut)|sauce, steak|steak sauce)\b|"
    + LOOK_ALIKES.pattern
)
# Fish products named with an animal-organ word ("Fish oil, cod liver" is fish, not meat).
FISH_PHRASES = re.compile(r"\b(?:cod|fish|shark) liver\b")
MEAT_FISH_NEGATORS = _words(
    "meatless", "imitation", "vegetarian", "vegan", "veggie", "meat substitute", "meat analog",
    "plant[- ]based", "soyburger", "vege", "veja", *ANALOGUE_BRANDS, "tofurky", "quorn",
)
DAIRY_EGG_NEGATORS = _words("non-?dairy", "dairy[- ]free", "vegan", "egg[- ]free", "eggless")
VEGAN_CLAIM = _words("vegan")
# Only these words turn a food filed with meat or fish into a plant food ("imitation" crab
# made from surimi is still fish).
MEATLESS = _words("meatless", "vegetarian", "vegan")
MEAT_ANALOGUE = re.compile(
    r"\b(?:meatless|" + "|".join(ANALOGUE_BRANDS) + "|soyburgers?|"
    r"vegetarian (?:fillets|meatloaf|burgers?|stew)|veggie (?:burgers?|patt(?:y|ies)|pattie)|"
    r"tofurky|quorn|seitan)\b"
)

FORTIFIED_WORDS = re.compile(
    r"\b(?:fortified|enriched)\b"
    r"|\bwith added\b[^()]*?\bvitamins\b"
    r"|\badded (?:nutrients|vitamins|vitamin b-?12|b-?12)\b"
    r"|\bvitamins? (?:and minerals )?added\b"
)
# Fortified with something other than B12 only, or explicitly not fortified.
NOT_B12_FORTIFIED = re.compile(
    r"\b(?:unfortified|unenriched|not fortified|non-?fortified)\b"
    r"|\b(?:calcium|iron|protein|vitamin [ad])[- ]fortified\b"
    r"|\bfortified with (?:calcium|iron|vitamin [ad])\b(?!.*b-?12)"
)
RTE_CEREAL = re.compile(r"\bready[- ]to[- ]eat\b|\brte\b")
FORTIFYING_BRANDS = re.compile(r"^silk\b")  # SILK fortifies its soymilks with B12
YEAST_PRODUCT = re.compile(r"\b(?:yeast extract|nutritional yeast|yeast flakes)\b")
ENHANCED = re.compile(r"\benhanced\b")  # "Soymilk, enhanced"; pork "enhanced" is brined
PLANT_MILK = re.compile(r"\b(?:soy ?milk|almond milk|rice milk|oat milk|soy beverage|"
                        r"almond beverage|rice beverage|oat beverage|plant based milk)\b")

# Foods that *are* these (the name's head, before the first comma) give B12 values that
# do not count: they hold inactive analogues or variable amounts (NIH ODS).
UNRELIABLE_HEAD = _words(
    "seaweed", "laver", "nori", "kelp", "wakame", "kombu", "dulse", "irishmoss", "agar",
    "spirulina", "chlorella", "algae", "tempeh", "mushrooms?", "fungi", "morels?",
    "chanterelles?", "shiitake", "enoki", "maitake", "portabellas?", "portobellos?",
)
# One-ingredient foods filed among products (Sweets, Breakfast Cereals, Baked Products, Snacks).
ONE_INGREDIENT = re.compile(
    r"^(?:sugars?, (?:granulated|brown|powdered)|honey$|syrups?, (?:corn|maple)|molasses|cocoa, dry powder|"
    r"leavening agents|cereals, oats, (?:regular and quick|instant, (?:fortified|not fortified), plain)|"
    r"cereals, corn grits|babyfood, water|snacks, popcorn, air-popped|sweeteners, tabletop|jellies$|"
    r"jams and preserves$)")
# Refried beans not said to be vegetarian are made with lard, as "traditional" ones are.
LARD_FOODS = re.compile(r"\brefried beans\b|\bfrijoles\b.*\bvolteados\b")
NOT_LARD = re.compile(r"\b(?:vegetarian|vegan|fat[- ]free|no (?:added )?fat|without fat)\b")


def made_with_lard(text: str) -> bool:
    """Refried beans unless said to be vegetarian or fat-free (lower-case name)."""
    return bool(LARD_FOODS.search(text)) and not NOT_LARD.search(text)


SPREAD_OR_DRESSING = _words("margarine", "margarine-like", "spreads?", "dressings?")  # may hold whey or egg
DISH_WORDS = _words("soup", "sauce", "gravy", "with", "and", "stuffed", "pizza", "dish", "salad",
                    "risotto", "stew", "pie", "casserole", "dip", "burger")


@dataclass(frozen=True)
class DietLabels:
    diet: DietMode
    check_label: bool
    fortified: bool
    unreliable: bool


def _strictest(*diets: DietMode) -> DietMode:
    return max(diets, key=lambda d: d.rank)


def name_diet(name: str) -> DietMode:
    """The label the words of a lower-cased name call for (vegan when no animal word appears)."""
    text = FISH_PHRASES.sub(" fish ", NEUTRAL_PHRASES.sub(" ", name))
    vegan_claim = bool(VEGAN_CLAIM.search(text))
    if GELATIN_WORDS.search(text) and not vegan_claim:
        return O
    if made_with_lard(text):
        return O
    diet = V
    if not MEAT_FISH_NEGATORS.search(text):
        if MEAT_WORDS.search(text):
            return O
        if FISH_WORDS.search(text):
            diet = P
    plant_milk = bool(PLANT_MILK.search(name))
    if not DAIRY_EGG_NEGATORS.search(text) and (
            DAIRY_EGG_WORDS.search(text) or (CONFECTIONERY_WORDS.search(text) and not plant_milk)
            or (DAIRY_EGG_BRANDS.search(text) and not vegan_claim)):
        diet = _strictest(diet, VG)
    return diet


def dish_diet(name: str, food_group: str | None) -> DietMode:
    """Omnivore for a mixed dish whose name means meat in it (a club sub, chili, a "supreme" pizza)."""
    if food_group not in MIXED_DISH_GROUPS or MEAT_FISH_NEGATORS.search(name):
        return V
    found = DISH_MEAT_WORDS.findall(DISH_MEAT_NEGATORS.sub(" ", name))
    return O if any(word != "chili" or not CHILI_NOT_A_DISH.search(name) for word in found) else V


def langual_diet(codes: Iterable[str]) -> DietMode:
    """The strictest label the LanguaL facets call for (vegan when none is animal)."""
    return _strictest(V, *(LANGUAL_DIET[code] for code in codes if code in LANGUAL_DIET))


def is_unreliable(name: str) -> bool:
    head = name.split(",", 1)[0]
    return bool(UNRELIABLE_HEAD.search(head)) and not DISH_WORDS.search(head)


def _fortified_by_name(name: str, diet: DietMode, food_group: str | None, analogue: bool, has_b12: bool) -> bool:
    """Fortification read from the name and the kind of food, where USDA gives no added-B12 value."""
    if NOT_B12_FORTIFIED.search(name):
        return False
    plant_milk = bool(PLANT_MILK.search(name))
    kind_fortified = diet in (V, VG) and (
        analogue
        or (food_group == "Breakfast Cereals" and (bool(RTE_CEREAL.search(name)) or has_b12))
        or ((plant_milk or bool(YEAST_PRODUCT.search(name))) and has_b12)
        or (plant_milk and bool(ENHANCED.search(name) or FORTIFYING_BRANDS.search(name)))
    )
    return bool(FORTIFIED_WORDS.search(name)) or kind_fortified


def unlisted_ingredients(description: str, food_group: str | None) -> bool:
    """A product whose minor ingredients USDA does not list (cereals, breads, sweets, snacks, mixed
    dishes, meat analogues, spreads and dressings), whatever its diet label: it may hold any allergen.
    Foods of one ingredient filed in those groups (sugar, honey, plain oats, baking powder) are not."""
    name = description.lower()
    if ONE_INGREDIENT.search(name):
        return False
    return bool(food_group in CHECK_LABEL_GROUPS or MEAT_ANALOGUE.search(name)
                or (food_group == "Fats and Oils" and SPREAD_OR_DRESSING.search(name)))


VITAMIN_D = re.compile(r"\bvitamin d\b")  # may be D3 from lanolin (wool grease)


def ingredient_labels(description: str, food_group: str | None, b12_ug_per_100g: float | None,
                      b12_added_ug_per_100g: float | None, ingredients: Sequence[DietLabels]) -> DietLabels:
    """The labels of a food whose ingredients USDA lists (FNDDS): its name and every ingredient's
    label, the strictest winning; B12 in a food of plant ingredients only that nobody added does not
    count. Without an ingredient list, the rules for SR foods."""
    if not ingredients:
        return label_food(description, food_group, b12_ug_per_100g, b12_added_ug_per_100g)
    name = description.lower()
    diet = _strictest(name_diet(name), dish_diet(name, food_group), *(part.diet for part in ingredients))
    if b12_added_ug_per_100g is not None:
        fortified = b12_added_ug_per_100g > 0
    else:
        fortified = _fortified_by_name(name, diet, food_group, False, (b12_ug_per_100g or 0) > 0)
    unreliable = is_unreliable(name) or (diet is V and (b12_ug_per_100g or 0) > 0 and not fortified)
    check_label = diet in (V, VG) and any(part.check_label for part in ingredients)
    return DietLabels(diet, check_label, fortified, unreliable)


def named_ingredient_labels(description: str) -> DietLabels:
    """A nutrient or food a recipe names only ("Vitamin D as ingredient", "Spinach, baby"): by its
    name, from vegan; vitamin D may be D3 from lanolin, so "check the label"."""
    name = description.lower()
    return DietLabels(name_diet(name), bool(VITAMIN_D.search(name)), False, False)


def label_food(description: str, food_group: str | None, b12_ug_per_100g: float | None,
               b12_added_ug_per_100g: float | None = None, langual: Iterable[str] = ()) -> DietLabels:
    """Label one food from its name, group, B12, USDA's added B12 (None = not given) and LanguaL codes."""
    name = description.lower()
    codes = tuple(langual)
    analogue = bool(MEAT_ANALOGUE.search(name))
    base = GROUP_BASE.get(food_group or "", MIXED_DISH_BASE)
    if analogue or (base in (O, P) and MEATLESS.search(name)):
        base = V  # meat analogues are plant foods by their main ingredients
    diet = _strictest(base, name_diet(name), langual_diet(codes), dish_diet(name, food_group))
    if analogue and not codes and not VEGAN_CLAIM.search(name):
        # Analogues of SR's era mostly bind with egg white or milk; LanguaL, where present,
        # lists what was added (e.g. "Sausage, meatless": H0205 EGG WHITE ADDED).
        diet = _strictest(diet, VG)
    has_b12 = (b12_ug_per_100g or 0) > 0
    if b12_added_ug_per_100g is not None:  # USDA says how much was added: believe it
        fortified = b12_added_ug_per_100g > 0
    else:
        fortified = _fortified_by_name(name, diet, food_group, analogue, has_b12)
    unreliable = is_unreliable(name)
    hidden_animal = False
    if diet is V and has_b12 and not fortified and not unreliable:
        # Plants make no B12. In a single plant food or a plant milk it does not
        # count; in any other product it likely comes from milk, whey or egg.
        if (food_group in PLANT_FOOD_GROUPS or PLANT_MILK.search(name)) and not analogue:
            unreliable = True
        else:
            hidden_animal, diet = True, VG
    # Yeast extracts (Marmite, Vegemite) are fortified in some countries and brands, not in others.
    check_label = (diet in (V, VG) and (hidden_animal or unlisted_ingredients(description, food_group))
                   or bool(YEAST_PRODUCT.search(name)))
    return DietLabels(diet=diet, check_label=check_label, fortified=fortified, unreliable=unreliable)
