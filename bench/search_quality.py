"""Search relevance: do everyday queries put the food a client means first?

    python -m bench.search_quality [--verbose]

Each query names the foods that count as right (a pattern over the USDA description, and
for some a flag such as "fortified"), and why. Two sections:

- B12_CASES, queries about B12 sources. The first 25 are what a dietitian typed when trying
  the planner; the rest were written from what people type, before any tuning, and are kept
  unchanged while tuning. When FNDDS 2021-2023 foods joined SR28 (issue 24), a pattern that
  rejected FNDDS's name for the same food gained that name ("eggs" takes FNDDS's
  "Egg, whole, boiled or poached" as it took SR's "Egg, whole, cooked, hard-boiled"), one that
  FNDDS would have made accept a dish or a brand lost it ("ham" is not "Ham, potatoes, and
  vegetables"), and "oat milk", which FNDDS has, became a positive case; the comments say which.
- EVERYDAY_CASES (issue 24), everyday foods that are not B12 sources, as people type them:
  fruit, vegetables, drinks, breads, cereals, grains and pasta, mixed dishes, snacks and
  sweets, condiments. They were written before looking at what the search returns, and are
  not to be tuned to it. Right is what a person typing the query means, as eaten, from either
  database where both have it ("apple" is SR's "Apples, raw, with skin" or FNDDS's
  "Apple, raw"): raw fruit, plainly cooked vegetables and grains, a generic dish; never a
  brand, a canned-in-syrup form, a baby food or an ingredient nobody eats as such.

A food the bundled data lacks counts as right only when the answer lists nothing, says so,
and offers FoodData Central and "add from its label". Prints top-1 and top-3 hit rates, for
each section and for the whole set, and every miss. tests/unit/test_search_quality_cases.py
checks the cases themselves against the bundled files, not the search.
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


# Patterns shared by several cases. Where SR28 and FNDDS name the same food differently, a
# pattern takes both names: SR's first, then FNDDS's.
FLUID_COW_MILK = (r"^Milk, (NFS$|whole|reduced fat|lowfat|low fat|nonfat|fat free)"
                  r"(?!.*\b(dry|canned|evaporated|condensed|chocolate))")
# FNDDS's plain omelet or scrambled egg: not the ones "with cheese", "with meat", "with vegetables" …
FNDDS_SCRAMBLED = r"Egg omelet or scrambled egg, (NS as to fat|made with|no added fat|from fast food)"
# As eaten: cooked, not the raw egg of recipes (SR "Egg, whole, raw, fresh", FNDDS "Egg, whole, raw").
WHOLE_EGG = rf"^(Egg, whole, (cooked|boiled or poached|fried|baked)|{FNDDS_SCRAMBLED})"
RTE_CEREAL = r"^(Cereals ready-to-eat|Cereal, (?!cooked))"  # FNDDS: "Cereal, O's, plain", not "Cereal or granola bar"
SOYMILK = r"soymilk|^Soy milk"  # FNDDS spells it in two words
FNDDS_CHICKEN = r"^Chicken(, NS as to part| (breast|leg|drumstick|thigh|wing),)(?!.*\b(deli|sliced))"

B12_CASES = [
    # what a dietitian typed first (issue "Search that finds what people type").
    # A trailing "FNDDS" comment marks a pattern that gained FNDDS's name for the same food when
    # FNDDS 2021-2023 joined SR28 (issue 24); "tightened" marks one that FNDDS would otherwise
    # have made accept a dish or a brand the case never meant.
    Case("milk", FLUID_COW_MILK, "fluid cow's milk: whole, 2 %, 1 % or skim"),  # FNDDS "low fat (1%)", "NFS"
    Case("whole milk", r"^Milk, whole", "whole fluid milk"),
    Case("eggs", WHOLE_EGG, "a whole egg, cooked"),  # FNDDS boiled, fried, baked, scrambled
    Case("salmon", r"^Fish, salmon, (.*(cooked|canned)|(NFS|baked or broiled|grilled|steamed)$)",
         "salmon flesh as eaten: cooked or canned"),  # FNDDS "NFS", "baked or broiled", "grilled", "steamed"
    Case("tuna canned", r"^Fish, tuna, .*canned", "canned tuna"),
    Case("sardines", r"^Fish, sardine", "sardines (canned flesh)"),
    Case("cheddar", r"^Cheese, cheddar", "cheddar cheese, not cheddar crackers"),
    Case("cottage cheese", r"^Cheese, cottage", "cottage cheese"),
    Case("yogurt greek", r"^Yogurt, Greek", "Greek yogurt"),
    Case("beef ground", r"^Beef, ground", "ground beef"),
    Case("chicken breast", r"^(Chicken, broilers? or fryers, breast|Chicken breast, (?!.*\b(deli|sliced)))",
         "broiler breast meat, not a deli slice"),  # FNDDS "Chicken breast, …"
    Case("turkey",
         r"^Turkey, (whole|breast|ground|light|dark|all classes, (light|dark|meat))"
         r"(?!.*\b(giblets|neck|skin only|gizzard))|^Turkey(, NFS$| light or dark meat)",
         "turkey meat, not giblets"),  # FNDDS "Turkey, NFS" and its comma-less "Turkey light or dark meat"
    Case("soy milk", rf"^Soymilk|^SILK .*soymilk|{SOYMILK}", "a soymilk"),  # FNDDS "Soy milk, …"
    Case("almond milk", r"^(Beverages, (chocolate )?almond milk|Almond milk)",
         "almond milk"),  # tightened: not FNDDS "Yogurt, almond milk"
    Case("fortified soy milk", SOYMILK, "a soymilk with B12 added", fortified=True),  # FNDDS "Soy milk, …"
    Case("oat milk", r"^Oat milk", "oat milk (FNDDS; SR28 has none)"),  # was ABSENT: FNDDS has it
    Case("nutritional yeast", ABSENT,
         "neither has nutritional yeast (FNDDS's \"Yeast\" is brewer's yeast, another food)"),
    Case("cereal", RTE_CEREAL, "a ready-to-eat breakfast cereal"),  # FNDDS "Cereal, …"
    Case("cheerios", r"CHEERIOS|^Cereal, O's", "CHEERIOS"),  # FNDDS "Cereal, O's" is Cheerios by name
    Case("tempeh", r"^Tempeh", "tempeh"),
    Case("nori", r"^Seaweed, laver", "nori is laver"),
    Case("tofu", r"^(Tofu(?! and )|Soybean curd(?! cheese))",
         "tofu"),  # FNDDS "Soybean curd"; tightened: not FNDDS "Tofu and vegetables …"
    Case("beef liver", r"^(Beef, variety meats and by-products, liver|Liver, beef$)", "beef liver"),  # FNDDS
    Case("clams", r"^(Mollusks, clam|Clams, )", "clams"),  # FNDDS "Clams, …"
    Case("shrimp", r"^(Crustaceans, shrimp|Shrimp, (?!cake))", "shrimp"),  # FNDDS "Shrimp, …"
    # written from what people type, before tuning
    Case("skim milk", r"^Milk, (nonfat|fat free)", "skim is nonfat milk"),
    Case("2% milk", r"^Milk, reduced fat(, fluid, 2%| \(2%\)$)", "2 % milk"),  # FNDDS "Milk, reduced fat (2%)"
    Case("chocolate milk", r"^(Milk, chocolate|Chocolate milk, (?!Nesquik))",
         "chocolate milk"),  # FNDDS "Chocolate milk, …", not the brand
    Case("yogurt", r"^Yogurt", "yogurt"),
    Case("yoghurt", r"^Yogurt", "British spelling of yogurt"),
    Case("mozzarella", r"^Cheese, mozzarella", "mozzarella"),
    Case("swiss cheese", r"^Cheese, swiss", "swiss cheese"),
    Case("parmesan", r"^Cheese, parmesan", "parmesan"),
    Case("cream cheese", r"^(Cheese, cream|Cream cheese, )", "cream cheese"),  # FNDDS "Cream cheese, …"
    Case("butter", r"^Butter, (salted|without salt|whipped|NFS$|stick$|tub$)",
         "butter, not peanut butter"),  # FNDDS "Butter, stick", "tub", "NFS"
    Case("ice cream", r"^(Ice creams,|Ice cream, (NFS|vanilla|chocolate|soft serve))",
         "ice cream"),  # FNDDS "Ice cream, …", not a bar, cone or sandwich
    Case("kefir", r"kefir", "kefir"),
    Case("egg", WHOLE_EGG, "a whole egg"),  # FNDDS as "eggs"
    Case("scrambled eggs", rf"^(Egg, whole, cooked, scrambled|{FNDDS_SCRAMBLED})",
         "scrambled egg"),  # FNDDS "Egg omelet or scrambled egg", plain
    Case("boiled egg", r"^(Egg, whole, cooked, hard-boiled|Egg, whole, boiled or poached$)",
         "hard-boiled egg"),  # FNDDS
    Case("ground beef", r"^Beef, ground", "ground beef, words in the other order"),
    Case("chicken",
         r"^Chicken, (broilers? or fryers|roasting|stewing)(?!.*\b(giblets|neck|skin only|liver|gizzard|heart|back))"
         rf"|{FNDDS_CHICKEN}",
         "chicken meat"),  # FNDDS names the part first: "Chicken thigh, …"
    Case("pork chop", r"^(Pork, fresh, loin, .*chops?|Pork, chop, (?!coated|stuffed))",
         "a pork loin chop"),  # FNDDS "Pork, chop, …"
    Case("bacon", r"^(Pork, cured, bacon|Pork bacon, (smoked or cured|NS as to fresh)|Bacon, NS as to type of meat)",
         "bacon"),  # FNDDS "Pork bacon, …", "Bacon, NS as to type of meat"
    Case("ham", r"^(Pork, cured, ham|Ham$|Ham,(?! potatoes))",
         "ham"),  # FNDDS "Ham"; tightened: not FNDDS "Ham, potatoes, and vegetables …"
    Case("chicken liver", r"^(Chicken, liver|Liver, chicken$)", "chicken liver"),  # FNDDS
    Case("lamb", r"^Lamb, ", "lamb meat"),
    Case("hot dog", r"^(Frankfurter,|OSCAR MAYER, Wieners|Hot dog, )",
         "a frankfurter (SR's common name)"),  # FNDDS "Hot dog, …"; tightened: not its dishes
    Case("tuna", r"^Fish, tuna", "tuna"),
    Case("trout", r"^Fish, trout", "trout"),
    Case("cod", r"^Fish, cod", "cod"),
    Case("mussels", r"^(Mollusks, mussel|Mussels$)", "mussels"),  # FNDDS
    Case("oysters", r"^(Mollusks, oyster|Oysters, )", "oysters"),  # FNDDS "Oysters, …"
    Case("crab", r"^(Crustaceans, crab|Crab(, |$))", "crab, not crabapples"),  # FNDDS "Crab", "Crab, …"
    Case("mackerel", r"^Fish, mackerel", "mackerel"),
    Case("herring", r"^Fish, herring", "herring"),
    Case("soymilk", SOYMILK, "a soymilk, written as one word"),  # FNDDS "Soy milk, …"
    Case("rice milk", r"rice milk|rice drink", "rice milk"),
    Case("coconut milk", r"^(Nuts, coconut milk|Beverages, coconut milk|Coconut milk)",
         "coconut milk"),  # tightened: not FNDDS "Yogurt, coconut milk" or rice cooked in it
    Case("fortified cereal", RTE_CEREAL, "a ready-to-eat cereal with B12 added", fortified=True),  # FNDDS
    Case("corn flakes", r"Corn Flakes(?!, flavored)", "corn flakes"),  # tightened: FNDDS's flavored ones are frosted
    Case("cornflakes", r"Corn Flakes(?!, flavored)", "corn flakes, one word"),  # as "corn flakes"
    Case("special k", r"SPECIAL K(?! bar)|^Cereal, K's", "SPECIAL K"),  # FNDDS "Cereal, K's"; not its bar
    Case("total cereal", r"TOTAL|^Cereal, wheat flakes$", "GENERAL MILLS TOTAL"),  # FNDDS files Total there
    Case("oatmeal", r"^(Cereals, (oats|QUAKER, (Instant|Quick) Oat)|Oatmeal, )",
         "oats / oatmeal (SR's common name)"),  # FNDDS "Oatmeal, …"
    Case("miso", r"^Miso(,|$)", "miso"),  # tightened: not FNDDS "Miso sauce"
    Case("edamame", r"^Edamame", "edamame"),
    Case("seaweed", r"^Seaweed", "seaweed"),
    Case("spirulina", r"spirulina", "spirulina"),
    Case("marmite", r"^Yeast extract spread", "a yeast extract spread"),
    Case("yeast extract", r"^Yeast extract spread", "a yeast extract spread"),
    Case("veggie burger",
         r"^(Veggie burgers|MORNINGSTAR FARMS .*Burger|WORTHINGTON Vegetarian Burger|LOMA LINDA Vege-Burger"
         r"|Veggie burger( patty|, on bun))",
         "a veggie burger"),  # FNDDS "Veggie burger patty", "Veggie burger, on bun"
    Case("chickpeas", r"^Chickpeas", "chickpeas"),
    Case("garbanzo beans", r"^Chickpeas", "garbanzo beans are chickpeas"),
    Case("mushrooms", r"^Mushrooms", "mushrooms"),
    Case("silk", r"^SILK", "the SILK brand"),
    Case("morningstar", r"^MORNINGSTAR FARMS", "the MORNINGSTAR FARMS brand"),
    Case("egg white", r"^Egg, white", "egg white"),
    Case("whey", r"whey", "whey"),
    Case("liver", r"(^Beef|^Chicken|^Pork|^Lamb|^Veal|^Turkey).*, liver|^Liver, (beef|chicken)$",
         "a liver"),  # FNDDS "Liver, beef", "Liver, chicken"
    Case("hemp milk", ABSENT, "neither SR28 nor FNDDS has hemp milk"),
    Case("quorn", ABSENT, "neither SR28 nor FNDDS has QUORN products"),
]

# Everyday foods that are not B12 sources (issue 24): what a person typing the query means, as
# eaten, from either database where both have it (SR28's name, then FNDDS's). Written before
# looking at what the search returns, and not to be tuned to it. Never a brand, a canned-in-syrup
# form, a baby food or an ingredient nobody eats as such (frozen raw, dry mix, "as ingredient").
EVERYDAY_CASES = [
    # fruit: raw unless the query says otherwise
    Case("apple", r"^(Apple, raw|Apples, raw, (?!without skin, cooked))", "a raw apple"),
    Case("banana", r"^Bananas?, raw", "a raw banana"),
    Case("orange", r"^(Orange, raw|Oranges, raw)", "a raw orange"),
    Case("grapes", r"^Grapes, ((muscadine|american type \(slip skin\)|red or green .*), )?raw$", "raw grapes"),
    Case("strawberries", r"^Strawberries, raw", "raw strawberries"),
    Case("blueberries", r"^Blueberries, raw", "raw blueberries"),
    Case("watermelon", r"^Watermelon, raw", "raw watermelon"),
    Case("pear", r"^(Pear, raw|Pears, raw)", "a raw pear"),
    Case("peach", r"^(Peach, raw|Peaches, yellow, raw)", "a raw peach, not canned"),
    Case("pineapple", r"^Pineapple, raw", "raw pineapple, not canned"),
    Case("mango", r"^Mangos?, raw", "a raw mango"),
    Case("avocado", r"^Avocados?, raw", "a raw avocado"),
    Case("cherries", r"^Cherries, (sweet, )?raw", "raw (sweet) cherries"),
    Case("kiwi", r"^(Kiwifruit, green, raw|Kiwi fruit, raw)", "a raw kiwifruit, not a brand"),
    Case("raisins", r"^Raisins", "raisins"),
    Case("applesauce", r"^Applesauce, (regular$|unsweetened$|canned, unsweetened)", "applesauce, not baby food"),
    # vegetables: raw or plainly cooked
    Case("broccoli",
         r"^Broccoli, (raw$|(fresh, |frozen, |NS as to form, )?cooked(?!, as ingredient)"
         r"|frozen, (chopped|spears), cooked)",
         "broccoli, raw or cooked"),
    Case("carrots",
         r"^Carrots, (raw$|baby, raw|(fresh, |frozen, |canned, |NS as to form, )?cooked(?!, as ingredient))",
         "carrots, raw or cooked"),
    Case("spinach",
         r"^Spinach, (raw$|(fresh, |frozen, |NS as to form, )?cooked(?!, as ingredient)"
         r"|frozen, chopped or leaf, cooked)",
         "spinach, raw or cooked"),
    Case("potato",
         r"^(Potato, (NFS|baked|boiled|roasted)(?!.*, with )"
         r"|Potatoes, (baked, flesh|boiled, cooked (in|without) skin, flesh"
         r"|(russet|white|red), flesh and skin, baked))",
         "a baked, boiled or roasted potato"),
    Case("mashed potatoes",
         r"^(Potato, mashed(?!.*, with )|Potatoes, mashed, (home-prepared|ready-to-eat|.*prepared from)"
         r"|Fast foods, potato, mashed)",
         "mashed potatoes, not dry flakes"),
    Case("french fries",
         r"^(Potato, french fries(?!, with)|Potatoes, french fried, .*(oven-heated|home-prepared)"
         r"|Fast foods, potato, french fried|Restaurant, family style, french fries)",
         "french fries as eaten, not frozen uncooked"),
    Case("sweet potato",
         r"^Sweet potato, (NFS|baked|boiled|cooked, (baked|boiled))(?!.*as ingredient)",
         "a baked or boiled sweet potato"),
    Case("tomato", r"^Tomatoes, (red, ripe, )?raw", "a raw tomato"),
    Case("lettuce",
         r"^(Lettuce, ((Boston|butterhead|cos or romaine|iceberg|green leaf|red leaf)\b.*, )?raw$"
         r"|Romaine lettuce, raw$)",
         "raw lettuce"),
    Case("cucumber", r"^Cucumber, ((with peel|peeled), )?raw", "a raw cucumber"),
    Case("onion", r"^Onions, (raw$|sweet, raw|yellow, sauteed|cooked(?!, as ingredient))", "an onion, raw or cooked"),
    Case("corn",
         r"^Corn, (sweet, (yellow|white), (raw|cooked)|raw$"
         r"|(fresh, |frozen, |canned, (reduced sodium, )?|NS as to form, )?cooked(?!, as ingredient))",
         "sweet corn, raw or cooked"),
    Case("green beans",
         r"^(Beans, snap, green, (raw|cooked|microwaved)"
         r"|Green beans, (raw$|(fresh, |frozen, |canned, (reduced sodium, )?|NS as to form, )?cooked"
         r"(?!, (as ingredient|Szechuan))))",
         "green (snap) beans, raw or cooked"),
    Case("peas",
         r"^(Peas, green, (raw|cooked)"
         r"|Green peas, (raw$|(fresh, |frozen, |canned, (reduced sodium, )?|NS as to form, )?cooked))",
         "green peas, raw or cooked"),
    Case("cauliflower",
         r"^Cauliflower, (raw$|(fresh, |frozen, |NS as to form, )?cooked(?!, as ingredient))",
         "cauliflower, raw or cooked"),
    Case("bell pepper", r"^Peppers, sweet, (green|red|yellow), raw", "a raw sweet (bell) pepper"),
    Case("kale", r"^Kale, (raw|(fresh, |frozen, |NS as to form, )?cooked)", "kale, raw or cooked"),
    Case("zucchini",
         r"^(Squash, (summer, zucchini, includes skin, (raw|cooked)|zucchini, baby, raw)"
         r"|Summer squash, (green, raw|yellow or green, (fresh, |frozen, |NS as to form, )?cooked))",
         "zucchini, raw or cooked (FNDDS: green summer squash)"),
    Case("salad", r"^Lettuce, salad with assorted vegetables", "a green side salad, not a brand's"),
    # drinks
    Case("coffee", r"^(Coffee, brewed$|Beverages, coffee, brewed, (prepared with tap water|breakfast blend)$)",
         "brewed coffee"),
    Case("tea", r"^(Tea, hot, leaf, black$|Beverages, tea, black, brewed, prepared with (tap|distilled) water$)",
         "hot black tea"),
    Case("green tea", r"^(Tea, hot, leaf, green$|Beverages, tea, green, brewed, regular$)", "hot green tea"),
    Case("iced tea",
         r"^Tea, iced, (brewed, black, (pre-sweetened with sugar|unsweetened)|bottled, black)$",
         "iced black tea (SR28's ready-to-drink one is a chain's)"),
    Case("orange juice",
         r"^Orange juice, (100%, (NFS|\s*freshly squeezed|canned, bottled or in a carton|frozen, reconstituted)$"
         r"|raw$|canned, unsweetened$|chilled, includes from concentrate$"
         r"|frozen concentrate, unsweetened, diluted with 3 volume water$)",
         "100 % orange juice as drunk"),
    Case("apple juice",
         r"^Apple juice, (100%$|canned or bottled, unsweetened, with(out)? added ascorbic acid$"
         r"|frozen concentrate, unsweetened, diluted)",
         "100 % apple juice as drunk"),
    Case("soda",
         r"^(Soft drink, (NFS|cola)$|Beverages, carbonated, (cola, regular|lemon-lime soda, no caffeine|orange"
         r"|grape soda|root beer|ginger ale)$)",
         "a regular soft drink"),
    Case("coke", r"^(Soft drink, cola$|Beverages, carbonated, cola, (regular|fast-food cola)$)",
         "a cola (Coke is the name people use)"),
    Case("diet coke",
         r"^(Soft drink, cola, diet$"
         r"|Beverages, carbonated, low calorie, cola or pepper-types?, with aspartame, contains)",
         "a diet cola"),
    Case("beer", r"^(Beer$|Alcoholic beverage, beer, regular, all$)", "regular beer, not a brand"),
    Case("wine", r"^(Wine, (red|white|rose)$|Alcoholic beverage, wine, table, (all|red|white)$)", "table wine"),
    Case("red wine", r"^(Wine, red$|Alcoholic beverage, wine, table, red\b)", "red table wine"),
    Case("water", r"^(Water, (NFS|tap|bottled, plain)$|Beverages, water, tap, (drinking|municipal|well)$"
                  r"|Water, bottled, generic$)",
         "plain water, not a brand"),
    Case("lemonade",
         r"^(Lemonade, (fruit juice drink|fruit flavored drink)$|Lemonade, powder, prepared with water$"
         r"|Lemonade, frozen concentrate, white, prepared with water$"
         r"|Beverages, lemonade, frozen concentrate, pink, prepared with water$)",
         "lemonade as drunk"),
    Case("smoothie",
         r"^(Fruit smoothie, (NFS|with whole fruit and dairy|with whole fruit, no dairy)$"
         r"|Fast foods, strawberry banana smoothie)",
         "a fruit smoothie, not a bottled brand"),
    # breads
    Case("bread",
         r"^Bread, (white|whole[- ]wheat|wheat|wheat or cracked wheat|NS as to major flour)"
         r"(, commercially prepared( \(includes soft bread crumbs\))?)?$",
         "sliced bread"),
    Case("white bread",
         r"^Bread, white(, commercially prepared( \(includes soft bread crumbs\))?"
         r"|, prepared from recipe, made with (nonfat dry|low fat \(2%\)) milk"
         r"|, made from home recipe or purchased at a bakery)?$",
         "white bread"),
    Case("whole wheat bread",
         r"^Bread, whole[- ]wheat(, commercially prepared|, prepared from recipe"
         r"|, made from home recipe or purchased at bakery)?$",
         "whole-wheat bread"),
    Case("toast",
         r"^Bread, (white|whole[- ]wheat|wheat|wheat or cracked wheat|NS as to major flour)"
         r"(, commercially prepared|, prepared from recipe|, made from home recipe or purchased at (a )?bakery)?"
         r", toasted$",
         "toasted bread, not French toast"),
    Case("bagel", r"^(Bagel$|Bagels, plain)", "a plain bagel"),
    Case("tortilla",
         r"^(Tortilla, (NFS|corn|flour|whole wheat)$|Tortillas, ready-to-bake or -fry, (corn|flour|whole wheat))",
         "a corn or flour tortilla"),
    Case("croissant", r"^(Croissant$|Croissants, butter$)", "a plain croissant"),
    Case("english muffin", r"^(English muffins, plain|Muffin, English$)", "a plain English muffin"),
    Case("pita", r"^Bread, pita(, (white|whole[- ]wheat|wheat or cracked wheat)(, (un)?enriched)?)?$", "pita bread"),
    Case("dinner roll", r"^(Roll, white, soft$|Rolls, dinner, plain)", "a plain dinner roll"),
    # cereals, grains and pasta: cooked, as eaten
    Case("rice",
         r"^(Rice, (cooked, NFS|white, cooked, (NS as to fat|no added fat|fat added, NS as to fat type"
         r"|made with (oil|butter|margarine)))$|Rice, white, (long|medium|short)-grain, .*\b(cooked|prepared)"
         r"|Rice, white, steamed)",
         "cooked white rice"),
    Case("brown rice", r"^Rice, brown, ((long|medium)-grain, )?cooked(?!, as ingredient)", "cooked brown rice"),
    Case("pasta", r"^Pasta, (cooked|fresh-refrigerated, plain, cooked|homemade, made with(out)? egg, cooked)",
         "cooked plain pasta"),
    Case("noodles", r"^Noodles, (cooked$|egg, (enriched, )?cooked)", "cooked noodles"),
    Case("quinoa", r"^Quinoa, (cooked|NS as to fat|no added fat|fat added)$", "cooked quinoa"),
    Case("couscous", r"^Couscous, (plain, )?cooked$", "cooked couscous"),
    Case("grits",
         r"^(Grits, (NFS$|regular or quick, made with water|instant, made with water)"
         r"|Cereals, corn grits, .*cooked with water)",
         "cooked grits"),
    Case("granola", r"^(Cereal, granola$|Cereals ready-to-eat, granola, homemade$)", "granola, not a brand's"),
    Case("pancakes",
         r"^(Pancakes, (NFS|plain)(, (frozen|fast food / restaurant|reduced fat))?$"
         r"|Pancakes,? plain, (frozen, ready-to-heat|prepared from recipe|dry mix, (in)?complete, prepared)"
         r"|Pancakes, buttermilk, prepared from recipe)",
         "plain pancakes as eaten, not dry mix"),
    Case("waffles",
         r"^(Waffle, (NFS|plain)(, (frozen|fast food / restaurant|reduced fat))?$"
         r"|Waffles?, (plain|buttermilk), (frozen, ready|prepared from recipe))",
         "plain waffles"),
    Case("french toast",
         r"^(French toast(, (NFS|frozen|fast food / restaurant|plain|whole grain))?$"
         r"|French toast, (frozen, ready-to-heat|prepared from recipe)|Fast foods, french toast with butter)",
         "French toast"),
    # mixed dishes: a generic one, not a chain's
    Case("pizza", r"^Pizza(, | with )", "a pizza, not a chain's"),
    Case("pepperoni pizza", r"^(Pizza with pepperoni|Pizza, pepperoni topping)", "a pepperoni pizza"),
    Case("cheeseburger", r"^(Cheeseburger, |Fast foods, cheeseburger[;,] single)", "a cheeseburger, not a chain's"),
    Case("hamburger", r"^(Hamburger, |Fast foods, hamburger[;,] (single|large, single))", "a hamburger"),
    Case("burrito", r"^(Burrito, |Fast foods, burrito, )", "a burrito, not a chain's"),
    Case("taco", r"^(Taco, (NFS|corn tortilla|flour tortilla)|Fast foods, taco with)", "a taco"),
    Case("grilled cheese", r"^Grilled cheese sandwich, ", "a grilled cheese sandwich"),
    Case("peanut butter and jelly", r"^Peanut butter and jelly sandwich, ", "a PB&J sandwich"),
    Case("blt", r"^(Bacon, lettuce, tomato sandwich|Fast foods, submarine sandwich, bacon, lettuce, and tomato)",
         "a bacon, lettuce and tomato sandwich"),
    Case("turkey sandwich", r"^(Turkey sandwich( on| or sub)|Fast foods, submarine sandwich, turkey breast)",
         "a turkey sandwich"),
    Case("chicken noodle soup",
         r"^(Soup, chicken noodle(, canned)?$|Soup, chicken noodle, .*(prepared with|ready-to-serve)"
         r"|Soup, chunky chicken noodle, canned, ready-to-serve)",
         "chicken noodle soup as eaten, not condensed or a brand"),
    Case("tomato soup",
         r"^(Soup, (cream of )?tomato(, canned( / carton, reduced sodium)?)?$"
         r"|Soup, tomato, (canned, prepared with equal volume|dry, mix, prepared with water|low sodium, with water))",
         "tomato soup as eaten, not condensed"),
    Case("caesar salad", r"^Caesar salad", "a Caesar salad"),
    Case("lasagna", r"^(Lasagna(?!.*unprepared)|Restaurant, Italian, lasagna with meat$)", "lasagna as eaten"),
    Case("mac and cheese",
         r"^(Macaroni or noodles with cheese(, (from restaurant|made from packaged mix|canned))?$"
         r"|Macaroni and cheese, (dry mix, prepared|box mix with cheese sauce, prepared|frozen entree)"
         r"|Macaroni and Cheese, canned|Restaurant, family style, macaroni & cheese)",
         "macaroni and cheese"),
    Case("chili", r"^(Chili(, NFS$|, no beans| with (meat|beans)| con carne)"
                  r"|Restaurant, family style, chili with meat and beans)", "chili con carne"),
    Case("fried rice", r"^(Rice, fried(, (NFS|meatless|with (chicken|pork|beef|shrimp)))?$"
                       r"|Restaurant, Chinese, fried rice)",
         "fried rice"),
    Case("sushi", r"^Sushi(,| roll)", "sushi"),
    Case("chicken nuggets", r"^(Chicken nuggets, |Chicken, nuggets, |School Lunch, chicken nuggets)",
         "chicken nuggets, not a chain's"),
    Case("steamed clams", r"^(Clams, steamed or boiled$|Mollusks, clam, mixed species, cooked, moist heat$)",
         "steamed clams"),
    Case("hard boiled egg", r"^(Egg, whole, boiled or poached$|Egg, whole, cooked, hard-boiled$)", "a hard-boiled egg"),
    Case("black beans",
         r"^(Black beans, (NFS|from dried|from canned)|Beans, black( turtle)?, mature seeds, (cooked|canned))",
         "cooked black beans"),
    Case("baked beans",
         r"^(Baked beans(, vegetarian| from fast food / restaurant)?$"
         r"|Beans, baked, (home prepared|canned, (plain or vegetarian|with pork|no salt added))$)",
         "baked beans"),
    # snacks and sweets
    Case("potato chips",
         r"^(Potato chips, (NFS|plain|ruffled, plain|lightly salted|unsalted|baked, plain)$"
         r"|Snacks, potato chips, (plain, (salted|unsalted)|lightly salted)$)",
         "plain potato chips"),
    Case("popcorn",
         r"^(Popcorn, (NFS|air-popped|popped in oil|microwave, (NFS|plain|butter flavored)|ready-to-eat, (NFS|plain)"
         r"|movie theater)|Snacks, popcorn, (air-popped|oil-popped|microwave, regular)|Popcorn, microwave, regular)",
         "popcorn, not caramel corn"),
    Case("pretzels",
         r"^(Pretzels, (NFS|hard, (NFS|plain, (salted|lightly salted|unsalted)))$|Snacks, pretzels, hard, plain)",
         "plain hard pretzels"),
    Case("crackers",
         r"^Crackers, (NFS|saltine|saltines \(includes oyster, soda, soup\)|butter, plain|wheat|wheat, regular"
         r"|standard snack-type, regular|whole-wheat)$",
         "plain crackers"),
    Case("chocolate chip cookie",
         r"^(Cookie, chocolate chip(, made from home recipe or purchased at a bakery)?$"
         r"|Cookies, chocolate chip, (commercially prepared, (regular|soft-type)|prepared from recipe"
         r"|refrigerated dough, baked))",
         "a chocolate chip cookie"),
    Case("chocolate",
         r"^(Chocolate candy$|Dark chocolate candy$|Candies, (milk chocolate|semisweet chocolate|sweet chocolate)$"
         r"|Chocolate, dark, )",
         "a plain chocolate bar, not a brand"),
    Case("brownie",
         r"^(Cookie, brownie, (NS as to icing|without icing|with icing or filling)$"
         r"|Cookies, brownies, (commercially prepared|prepared from recipe)$)",
         "a brownie"),
    Case("donut",
         r"^(Doughnut, (NFS|cake type, plain|cake type, with icing|yeast type)$"
         r"|Doughnuts, (cake-type, plain|yeast-leavened, glazed))",
         "a plain or glazed doughnut"),
    Case("blueberry muffin",
         r"^(Muffin, fruit$|Muffins, blueberry, (commercially prepared|prepared from recipe))",
         "a blueberry muffin (FNDDS files it as a fruit muffin)"),
    Case("apple pie", r"^Pie, apple(, (commercially prepared|prepared from recipe|fast food)|$)", "apple pie"),
    Case("chocolate cake",
         r"^(Cake or cupcake, chocolate|Cake, chocolate, (commercially prepared|prepared from recipe))",
         "chocolate cake, not dry mix"),
    Case("peanuts",
         r"^(Peanuts, (NFS|roasted, (salted|unsalted)|dry roasted, (salted|lightly salted|unsalted))$"
         r"|Peanuts, all types, (dry|oil)-roasted)",
         "roasted peanuts"),
    Case("almonds",
         r"^(Almonds, (NFS|unroasted|salted|lightly salted|unsalted)$|Nuts, almonds(, (dry|oil) roasted.*)?$)",
         "almonds"),
    Case("trail mix", r"^(Trail mix(, NFS| with nuts( and fruit)?)?$|Snacks, trail mix, regular)", "trail mix"),
    Case("granola bar",
         r"^(Cereal or granola bar, NFS$|Snacks, granola bars, (hard|soft, uncoated), plain$)",
         "a plain granola bar, not a brand"),
    # condiments and spreads
    Case("ketchup", r"^(Ketchup|Catsup)$", "ketchup"),
    Case("mustard", r"^(Mustard|Mustard, prepared, yellow)$", "yellow mustard, not mustard greens"),
    Case("mayo",
         r"^(Mayonnaise, regular$|Salad dressing, mayonnaise, (regular|soybean and safflower oil, with salt"
         r"|soybean oil, without salt)$)",
         "mayonnaise"),
    Case("salsa", r"^(Salsa, (NFS|red)$|Sauce, salsa, ready-to-serve)", "tomato salsa"),
    Case("soy sauce", r"^Soy sauce($| made from soy and wheat \(shoyu\)$| made from soy \(tamari\)$)", "soy sauce"),
    Case("honey", r"^Honey$", "honey"),
    Case("jam", r"^(Jams and preserves(, apricot)?|Jam|Jam or jelly, NFS)$", "jam"),
    Case("peanut butter", r"^(Peanut butter$|Peanut butter, (smooth|chunk) style, with salt$)", "peanut butter"),
    Case("olive oil", r"^(Olive oil|Oil, olive, salad or cooking)$", "olive oil"),
    Case("ranch dressing", r"^(Ranch dressing$|Salad dressing, ranch dressing, regular$)", "ranch dressing"),
    Case("hummus", r"^Hummus, (plain|home prepared|commercial)$", "plain hummus"),
    Case("guacamole", r"^Guacamole", "guacamole"),
    Case("sugar", r"^(Sugar, (NFS|white, granulated or lump)|Sugars, granulated)$", "white sugar"),
    Case("maple syrup", r"^Syrups, maple$", "maple syrup, not pancake syrup"),
    Case("bbq sauce", r"^(Barbecue sauce|Sauce, barbecue)$", "barbecue sauce, not a brand"),
    Case("hot sauce", r"^(Hot pepper sauce$|Sauce, ready-to-serve, pepper or hot$)", "hot sauce"),
]

CASES = B12_CASES + EVERYDAY_CASES
SECTIONS = {"B12 sources": B12_CASES, "everyday foods": EVERYDAY_CASES}


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


def rates(label: str, top1: int, top3: int, total: int) -> str:
    return (f"{label}: top-1 {top1}/{total} = {100 * top1 / total:.0f} %, "
            f"top-3 {top3}/{total} = {100 * top3 / total:.0f} %")


def main() -> None:
    verbose = "--verbose" in sys.argv
    top1 = top3 = 0
    for section, cases in SECTIONS.items():
        section_top1 = section_top3 = 0
        for case in cases:
            first, any3, shown = outcome(case)
            section_top1 += first
            section_top3 += any3
            if verbose or not first:
                mark = "ok " if first else ("top3" if any3 else "MISS")
                print(f"{mark:4} {case.query!r:24} want: {case.why}\n     got: {shown}")
        print(rates(f"{len(cases)} {section}", section_top1, section_top3, len(cases)))
        top1 += section_top1
        top3 += section_top3
    print(rates(f"{len(CASES)} queries", top1, top3, len(CASES)))


if __name__ == "__main__":
    main()
