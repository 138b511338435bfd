"""Search relevance: do everyday queries put the food a client means first?

    python -m bench.search_quality [--verbose]

Each query names the foods that count as right (a pattern over the USDA description, and
for some a flag such as "fortified"), and why. The first 25 are what a dietitian typed when
trying the planner; the rest were written from what people type, before any tuning, and are
kept unchanged while tuning. A food the bundled data lacks counts as right only when the
answer lists nothing, says so, and offers FoodData Central and "add from its label".
Prints top-1 and top-3 hit rates and every miss.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from planner.catalog import bundled_search_index
from planner.food import Food
from planner.wording import search_message

ABSENT = None  # the bundled data has no such food: the answer must say so


@dataclass(frozen=True)
class Case:
    query: str
    right: str | None  # regex over the description (case-insensitive), or ABSENT
    why: str
    fortified: bool = False  # the right food must also have B12 added

    def is_right(self, food: Food) -> bool:
        assert self.right is not None
        return bool(re.search(self.right, food.description, re.I)) and (food.fortified or not self.fortified)


FLUID_COW_MILK = r"^Milk, (whole|reduced fat|lowfat|nonfat|fat free)(?!.*\b(dry|canned|evaporated|condensed|chocolate))"
CASES = [
    # what a dietitian typed first (issue "Search that finds what people type")
    Case("milk", FLUID_COW_MILK, "fluid cow's milk: whole, 2 %, 1 % or skim"),
    Case("whole milk", r"^Milk, whole", "whole fluid milk"),
    Case("eggs", r"^Egg, whole, (raw|cooked)", "a whole egg, fresh or cooked"),
    Case("salmon", r"^Fish, salmon, .*(cooked|canned)", "salmon flesh as eaten: cooked or canned"),
    Case("tuna canned", r"^Fish, tuna, .*canned", "canned tuna"),
    Case("sardines", r"^Fish, sardine", "sardines (canned flesh)"),
    Case("cheddar", r"^Cheese, cheddar", "cheddar cheese, not cheddar crackers"),
    Case("cottage cheese", r"^Cheese, cottage", "cottage cheese"),
    Case("yogurt greek", r"^Yogurt, Greek", "Greek yogurt"),
    Case("beef ground", r"^Beef, ground", "ground beef"),
    Case("chicken breast", r"^Chicken, broilers? or fryers, breast", "broiler breast meat, not a deli slice"),
    Case("turkey",
         r"^Turkey, (whole|breast|ground|light|dark|all classes, (light|dark|meat))"
         r"(?!.*\b(giblets|neck|skin only|gizzard))",
         "turkey meat, not giblets"),
    Case("soy milk", r"^Soymilk|^SILK .*soymilk|soymilk", "a soymilk"),
    Case("almond milk", r"almond milk", "almond milk"),
    Case("fortified soy milk", r"soymilk", "a soymilk with B12 added", fortified=True),
    Case("oat milk", ABSENT, "SR28 has no oat milk"),
    Case("nutritional yeast", ABSENT, "SR28 has no nutritional yeast"),
    Case("cereal", r"^Cereals ready-to-eat", "a ready-to-eat breakfast cereal"),
    Case("cheerios", r"CHEERIOS", "CHEERIOS"),
    Case("tempeh", r"^Tempeh", "tempeh"),
    Case("nori", r"^Seaweed, laver", "nori is laver"),
    Case("tofu", r"^Tofu", "tofu"),
    Case("beef liver", r"^Beef, variety meats and by-products, liver", "beef liver"),
    Case("clams", r"^Mollusks, clam", "clams"),
    Case("shrimp", r"^Crustaceans, shrimp", "shrimp"),
    # written from what people type, before tuning
    Case("skim milk", r"^Milk, (nonfat|fat free)", "skim is nonfat milk"),
    Case("2% milk", r"^Milk, reduced fat, fluid, 2%", "2 % milk"),
    Case("chocolate milk", r"^Milk, chocolate", "chocolate milk"),
    Case("yogurt", r"^Yogurt", "yogurt"),
    Case("yoghurt", r"^Yogurt", "British spelling of yogurt"),
    Case("mozzarella", r"^Cheese, mozzarella", "mozzarella"),
    Case("swiss cheese", r"^Cheese, swiss", "swiss cheese"),
    Case("parmesan", r"^Cheese, parmesan", "parmesan"),
    Case("cream cheese", r"^Cheese, cream", "cream cheese"),
    Case("butter", r"^Butter, (salted|without salt|whipped)", "butter, not peanut butter"),
    Case("ice cream", r"^Ice creams,", "ice cream"),
    Case("kefir", r"kefir", "kefir"),
    Case("egg", r"^Egg, whole, (raw|cooked)", "a whole egg"),
    Case("scrambled eggs", r"^Egg, whole, cooked, scrambled", "scrambled egg"),
    Case("boiled egg", r"^Egg, whole, cooked, hard-boiled", "hard-boiled egg"),
    Case("ground beef", r"^Beef, ground", "ground beef, words in the other order"),
    Case("chicken",
         r"^Chicken, (broilers? or fryers|roasting|stewing)(?!.*\b(giblets|neck|skin only|liver|gizzard|heart|back))",
         "chicken meat"),
    Case("pork chop", r"^Pork, fresh, loin, .*chops?", "a pork loin chop"),
    Case("bacon", r"^Pork, cured, bacon", "bacon"),
    Case("ham", r"^(Pork, cured, ham|Ham,)", "ham"),
    Case("chicken liver", r"^Chicken, liver", "chicken liver"),
    Case("lamb", r"^Lamb, ", "lamb meat"),
    Case("hot dog", r"^(Frankfurter|OSCAR MAYER, Wieners)", "a frankfurter (SR's common name)"),
    Case("tuna", r"^Fish, tuna", "tuna"),
    Case("trout", r"^Fish, trout", "trout"),
    Case("cod", r"^Fish, cod", "cod"),
    Case("mussels", r"^Mollusks, mussel", "mussels"),
    Case("oysters", r"^Mollusks, oyster", "oysters"),
    Case("crab", r"^Crustaceans, crab", "crab, not crabapples"),
    Case("mackerel", r"^Fish, mackerel", "mackerel"),
    Case("herring", r"^Fish, herring", "herring"),
    Case("soymilk", r"soymilk", "a soymilk, written as one word"),
    Case("rice milk", r"rice milk|rice drink", "rice milk"),
    Case("coconut milk", r"coconut milk", "coconut milk"),
    Case("fortified cereal", r"^Cereals ready-to-eat", "a ready-to-eat cereal with B12 added", fortified=True),
    Case("corn flakes", r"Corn Flakes", "corn flakes"),
    Case("cornflakes", r"Corn Flakes", "corn flakes, one word"),
    Case("special k", r"SPECIAL K", "SPECIAL K"),
    Case("total cereal", r"TOTAL", "GENERAL MILLS TOTAL"),
    Case("oatmeal", r"^Cereals, (oats|QUAKER, (Instant|Quick) Oat)", "oats / oatmeal (SR's common name)"),
    Case("miso", r"^Miso", "miso"),
    Case("edamame", r"^Edamame", "edamame"),
    Case("seaweed", r"^Seaweed", "seaweed"),
    Case("spirulina", r"spirulina", "spirulina"),
    Case("marmite", r"^Yeast extract spread", "a yeast extract spread"),
    Case("yeast extract", r"^Yeast extract spread", "a yeast extract spread"),
    Case("veggie burger",
         r"^(Veggie burgers|MORNINGSTAR FARMS .*Burger|WORTHINGTON Vegetarian Burger|LOMA LINDA Vege-Burger)",
         "a veggie burger"),
    Case("chickpeas", r"^Chickpeas", "chickpeas"),
    Case("garbanzo beans", r"^Chickpeas", "garbanzo beans are chickpeas"),
    Case("mushrooms", r"^Mushrooms", "mushrooms"),
    Case("silk", r"^SILK", "the SILK brand"),
    Case("morningstar", r"^MORNINGSTAR FARMS", "the MORNINGSTAR FARMS brand"),
    Case("egg white", r"^Egg, white", "egg white"),
    Case("whey", r"whey", "whey"),
    Case("liver", r"(^Beef|^Chicken|^Pork|^Lamb|^Veal|^Turkey).*, liver", "a liver"),
    Case("hemp milk", ABSENT, "SR28 has no hemp milk"),
    Case("quorn", ABSENT, "SR28 has no QUORN products"),
]


def outcome(case: Case, limit: int = 3) -> tuple[bool, bool, str]:
    """(top-1 right, top-3 right, what came back) for one query on the bundled data."""
    result = bundled_search_index().find(case.query, limit=limit)
    foods = list(result.foods)
    message = search_message(result)
    shown = "; ".join(f.description[:60] for f in foods) or f"(nothing) {message}"
    if case.right is ABSENT:
        says_so = not foods and message is not None and "FoodData Central" in message and "label" in message
        return says_so, says_so, shown
    hits = [case.is_right(food) for food in foods]
    return bool(hits[:1] and hits[0]), any(hits), shown


def main() -> None:
    verbose = "--verbose" in sys.argv
    top1 = top3 = 0
    for case in CASES:
        first, any3, shown = outcome(case)
        top1 += first
        top3 += any3
        if verbose or not first:
            mark = "ok " if first else ("top3" if any3 else "MISS")
            print(f"{mark:4} {case.query!r:24} want: {case.why}\n     got: {shown}")
    total = len(CASES)
    print(f"{total} queries: top-1 {top1}/{total} = {100 * top1 / total:.0f} %, "
          f"top-3 {top3}/{total} = {100 * top3 / total:.0f} %")


if __name__ == "__main__":
    main()
