"""Diet labels (diet, check_label, fortified, unreliable) from a food's name and group.

The rules are tables of groups and words (brief §3 and §6); `label_food` only scans them.
It sees names, not ingredient lists, so it errs strict: a food that may hold meat, fish,
dairy or egg as a main ingredient is never called vegan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

# Plant-based by name, minor ingredients unknown (honey, milk powder, gelatin, D3).
CHECK_LABEL_GROUPS = frozenset({"Breakfast Cereals", "Baked Products", "Sweets", "Snacks"}) | MIXED_DISH_GROUPS


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


MEAT_WORDS = _words(
    "beef", "pork", "ham", "hams", "bacon", "chicken", "turkey", "lamb", "veal", "mutton", "goat",
    "duck", "goose", "venison", "elk", "bison", "buffalo", "rabbit", "quail", "pheasant",
    "sausages?", "salami", "bologna", "frankfurters?", "hot ?dogs?", "wieners?",
    "meats?", "meatballs?", "meatloaf", "liver", "livers", "liverwurst", "braunschweiger",
    "p[aâ]t[eé]", "giblets", "tripe", "sweetbreads", "lard", "tallow", "gelatin",
    "animal fat", "bacon grease", "chorizo", "pastrami", "corned", "prosciutto", "jerky",
    "broth", "bouillon", "consomme", "gravy", "burgers?", "cheeseburgers?", "hamburgers?",
    "pepperoni", "chili con carne", "chitterlings", "oxtail", "poultry", "squab", "dove",
)
FISH_WORDS = _words(
    "fish", "salmon", "tuna", "cod", "anchovy", "anchovies", "sardines?", "shrimp", "crab",
    "lobster", "clams?", "oysters?", "mussels?", "scallops?", "squid", "octopus", "caviar",
    "roe", "surimi", "herring", "mackerel", "trout", "tilapia", "catfish", "haddock",
    "pollock", "halibut", "seafood", "shellfish", "crustaceans", "mollusks", "worcestershire",
    "caesar", "bonito", "krill", "eel", "snail", "jellyfish",
)
DAIRY_EGG_WORDS = _words(
    "milk", "milks", "cheese", "cheeses", "cheddar", "mozzarella", "parmesan", "cream", "butter", "buttermilk", "yogurt", "yoghurt", "whey", "casein", "caseinate",
    "eggs?", "ghee", "custard", "eggnog", "kefir", "milkfat", "milk chocolate", "mayonnaise",
    "honey", "cakes?", "cheesecake", "cookies?", "muffins?", "pancakes?", "waffles?",
    "croissants?", "brioche", "french toast", "doughnuts?", "brownies?", "alfredo",
    "puddings?", "ice creams?", "lactose", "souffle", "quiche", "omelet",
)
# Phrases that look animal but are not ("Sauce, duck" is plum sauce; "Egg, duck" an egg).
NEUTRAL_PHRASES = re.compile(
    r"\b(?:sauce, duck|duck sauce|egg, (?:duck|goose|quail|turkey)|(?:milk|cheese|yogurt), goat|"
    r"goat (?:milk|cheese)|peanut butter|almond butter|cashew butter|apple butter|"
    r"cocoa butter|sesame butter|nut butter|soy ?milk|almond milk|rice milk|oat milk|"
    r"coconut milk|coconut cream|cream of tartar|cream of wheat|crabapples?|"
    r"mushrooms?, oyster|oyster mushrooms?|butternut|butterbur|buttercup|custard[- ]apple|"
    r"fish sauce substitute|eggplant|milkweed|beefsteak)\b"
)
MEAT_FISH_NEGATORS = _words(
    "meatless", "imitation", "vegetarian", "vegan", "veggie", "meat substitute", "meat analog",
    "plant[- ]based", "soyburger", "vege", "veja", "morningstar", "worthington", "loma linda",
    "gardenburger", "boca", "tofurky", "quorn",
)
DAIRY_EGG_NEGATORS = _words("non-?dairy", "dairy[- ]free", "vegan", "egg[- ]free", "eggless")
# Only these words turn a food filed with meat or fish into a plant food ("imitation" crab
# made from surimi is still fish).
MEATLESS = _words("meatless", "vegetarian", "vegan")
MEAT_ANALOGUE = re.compile(
    r"\b(?:meatless|morningstar|worthington|loma linda|gardenburger|boca|soyburger|"
    r"vegetarian (?:fillets|meatloaf|burger|stew)|veggie (?:burger|pattie|patty)|"
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
# do not count (brief §3): inactive analogues or variable amounts.
UNRELIABLE_HEAD = _words(
    "seaweed", "laver", "nori", "kelp", "wakame", "kombu", "dulse", "irishmoss", "agar",
    "spirulina", "chlorella", "algae", "tempeh", "mushrooms?", "fungi", "morels?",
    "chanterelles?", "shiitake", "enoki", "maitake", "portabellas?", "portobellos?",
)
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
    """The label the words of a name call for (vegan when no animal word appears)."""
    text = NEUTRAL_PHRASES.sub(" ", name)
    diet = V
    if not MEAT_FISH_NEGATORS.search(text):
        if MEAT_WORDS.search(text):
            return O
        if FISH_WORDS.search(text):
            diet = P
    if DAIRY_EGG_WORDS.search(text) and not DAIRY_EGG_NEGATORS.search(text):
        diet = _strictest(diet, VG)
    return diet


def is_unreliable(name: str) -> bool:
    head = name.split(",", 1)[0]
    return bool(UNRELIABLE_HEAD.search(head)) and not DISH_WORDS.search(head)


def label_food(description: str, food_group: str | None, b12_ug_per_100g: float | None,
               b12_added: bool = False) -> DietLabels:
    """Label one food. `b12_added` is FDC's "Vitamin B-12, added" being present and > 0."""
    name = description.lower()
    analogue = bool(MEAT_ANALOGUE.search(name))
    base = GROUP_BASE.get(food_group or "", MIXED_DISH_BASE)
    if analogue or (base in (O, P) and MEATLESS.search(name)):
        base = V  # meat analogues are plant foods by their main ingredients
    diet = _strictest(base, name_diet(name))
    unreliable = is_unreliable(name)
    has_b12 = (b12_ug_per_100g or 0) > 0
    plant_milk = bool(PLANT_MILK.search(name))

    kind_fortified = diet in (V, VG) and (
        analogue
        or (food_group == "Breakfast Cereals" and (bool(RTE_CEREAL.search(name)) or has_b12))
        or ((plant_milk or bool(YEAST_PRODUCT.search(name))) and has_b12)
        or (plant_milk and bool(ENHANCED.search(name) or FORTIFYING_BRANDS.search(name)))
    )
    fortified = b12_added or (not NOT_B12_FORTIFIED.search(name) and (
        bool(FORTIFIED_WORDS.search(name)) or kind_fortified))
    # Plants make no B12 (brief §3). A plant-by-name food with B12 that nothing explains
    # (fortification, an unreliable source, plant-milk noise) likely hides milk or egg.
    hidden_animal = diet == V and has_b12 and not (fortified or unreliable or plant_milk)
    if hidden_animal:
        diet = VG
    check_label = diet in (V, VG) and (analogue or hidden_animal or food_group in CHECK_LABEL_GROUPS)
    return DietLabels(diet=diet, check_label=check_label, fortified=fortified, unreliable=unreliable)
