"""Rebuild the frozen SR24 (2011) records in planner/data/sr24_*.csv from Debian's `cronometer` package.

SR28 is the bundled data now (scripts/build_snapshot.py). These SR24 files stay, read-only,
so plans saved with `sr24:` ids keep opening: renamed foods resolve to SR28, the numbers
SR28 dropped resolve to their retired SR24 record, and changed values are reported.
Maintainers only; the output is byte-identical for the same jar.

    apt-get download cronometer && dpkg -x cronometer_*.deb pkg/
    python -m scripts.build_sr24_legacy pkg/usr/share/cronometer/usda_sr24.jar \
        --package-version 0.9.9+dfsg1-1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from scripts.build_snapshot import DATA_DIR, csv_text, manifest_text, number_text, write_outputs

# SR food groups keyed by the first two digits of the NDB number (SR24 documentation, FD_GROUP).
SR_GROUPS = {
    "01": "Dairy and Egg Products",
    "02": "Spices and Herbs",
    "03": "Baby Foods",
    "04": "Fats and Oils",
    "05": "Poultry Products",
    "06": "Soups, Sauces, and Gravies",
    "07": "Sausages and Luncheon Meats",
    "08": "Breakfast Cereals",
    "09": "Fruits and Fruit Juices",
    "10": "Pork Products",
    "11": "Vegetables and Vegetable Products",
    "12": "Nut and Seed Products",
    "13": "Beef Products",
    "14": "Beverages",
    "15": "Finfish and Shellfish Products",
    "16": "Legumes and Legume Products",
    "17": "Lamb, Veal, and Game Products",
    "18": "Baked Products",
    "19": "Sweets",
    "20": "Cereal Grains and Pasta",
    "21": "Fast Foods",
    "22": "Meals, Entrees, and Side Dishes",
    "25": "Snacks",
    "35": "American Indian/Alaska Native Foods",
    "36": "Restaurant Foods",
}

# NDB ranges outside the two-digit rule (23xxx, 27xxx, 31xxx, 4xxxx, 8xxxx, 9xxxx) are
# grouped by the words their names start with. First match wins; no match leaves the group empty.
GROUP_BY_NAME = [
    (r"\bmeatless\b|^vegetarian|^soyburger|^soybean|^tofu|^beans?\b|^vermicelli, made from soy", "16"),
    (r"^babyfood", "03"),
    (r"^cereals?,? ready-to-eat|^cereals?\b|^amaranth flakes|^millet, puffed", "08"),
    (r"^(usda commodity, )?beef\b", "13"),
    (r"^(pork|bacon bits)\b", "10"),
    (r"^(turkey|chicken|quail|pheasant|dove)\b(?!.*\b(sausage|bologna|frankfurter)\b)", "05"),
    (r"\b(sausage|bologna|frankfurter|turkey ham|turkey bacon|luncheon)\b", "07"),
    (r"^(fish|mollusks|jellyfish|crustaceans)\b", "15"),
    (r"^(frog legs|turtle)\b", "17"),
    (r"^(cheese|milk\b|yogurt|eggs?\b|cream\b|whipped|ice creams?|frozen yogurts|"
     r"milk dessert|beverage, instant breakfast|chocolate-flavored drink, whey|ensure)", "01"),
    (r"^(oil|margarine|mayonnaise|salad dressing|creamy dressing|butter replacement|"
     r"vegetable oil|sour dressing)", "04"),
    (r"^(soup|sauce|dip|campbell soup company, (campbell|prego))", "06"),
    (r"^(candies|chewing gum|syrups|jams|jellies|sweeteners|pie fillings|puddings|"
     r"frozen novel|pectin|polydextrose)", "19"),
    (r"^(snacks|popcorn|granola bar|rice cake|pretzels|breakfast bars?|papad)", "25"),
    (r"^(rolls|bread)\b", "18"),
    (r"^(alcoholic beverage|coffee|fruit-flavored drink|beverage|corn beverage|bean beverage|"
     r"fluid replacement|cocktail mix|apple cider-flavored|cranberry|orange|tomato and "
     r"vegetable juice|campbell soup company, (tomato|v8|organic|healthy)|campbell's v8)", "14"),
    (r"^(radishes|cabbage|eggplant|potatoes|vegetables|turnip|palm hearts|celery|tomato|"
     r"sauerkraut|baked beans|campbell soup company, pace)", "11"),
    (r"^(vital wheat gluten)", "20"),
    (r"^yeast extract", "02"),
    (r"^peanut butter", "16"),
]
_GROUP_PATTERNS = [(re.compile(p, re.IGNORECASE), SR_GROUPS[g]) for p, g in GROUP_BY_NAME]

NUTRIENTS = {  # SR24 nutrient element names in the jar -> snapshot column
    "B12 (Cyanocobalamin)": "b12_ug_per_100g",
    "Energy": "kcal_per_100g",
    "Retinol": "retinol_ug_per_100g",
}
FOOD_COLUMNS = ["ndb", "description", "food_group", *NUTRIENTS.values()]
MEASURE_COLUMNS = ["ndb", "seq", "label", "grams"]


def food_group(ndb: str, description: str) -> str:
    """SR group from the NDB prefix, or from the name for ranges that do not follow it."""
    if ndb[:2] in SR_GROUPS and ndb[:2] not in {"23"}:
        return SR_GROUPS[ndb[:2]]
    for pattern, group in _GROUP_PATTERNS:
        if pattern.search(description):
            return group
    return ""


def read_jar(jar: Path) -> tuple[list[dict], list[dict]]:
    foods: list[dict] = []
    measures: list[dict] = []
    with zipfile.ZipFile(jar) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("usda_sr24/") and name.endswith(".xml")):
                continue
            root = ET.fromstring(archive.read(name))
            ndb = root.get("uid", "")
            if not re.fullmatch(r"\d{5}", ndb):
                raise ValueError(f"{name}: NDB number {ndb!r} is not five digits")
            description = root.get("name", "").strip()
            row = {"ndb": ndb, "description": description,
                   "food_group": food_group(ndb, description)}
            row.update({column: "" for column in NUTRIENTS.values()})  # unknown stays empty
            for nutrient in root.iter("nutrient"):
                column = NUTRIENTS.get(nutrient.get("name", ""))
                if column:
                    row[column] = number_text(nutrient.get("amount", ""))
            foods.append(row)
            for seq, measure in enumerate(root.iter("measure"), start=1):
                label = f"{number_text(measure.get('amount', '1'))} {measure.get('name', '').strip()}"
                measures.append({"ndb": ndb, "seq": seq, "label": label,
                                 "grams": number_text(measure.get("grams", ""))})
    foods.sort(key=lambda r: r["ndb"])
    measures.sort(key=lambda r: (r["ndb"], r["seq"]))
    return foods, measures


def build(jar: Path, package_version: str, out_dir: Path = DATA_DIR) -> dict:
    foods, measures = read_jar(jar)
    manifest = {
        "dataset": "USDA National Nutrient Database for Standard Reference, Release 24 (2011)",
        "license": "public domain (U.S. Government work)",
        "source_package": {"name": "cronometer", "version": package_version,
                           "distribution": "Debian", "path": "usr/share/cronometer/usda_sr24.jar"},
        "jar_sha256": hashlib.sha256(jar.read_bytes()).hexdigest(),
        "counts": {
            "foods": len(foods),
            "foods_with_b12": sum(1 for r in foods if r["b12_ug_per_100g"] != ""),
            "measures": len(measures),
        },
        "units": {"b12_ug_per_100g": "µg", "kcal_per_100g": "kcal", "retinol_ug_per_100g": "µg"},
        "files": ["sr24_foods.csv", "sr24_measures.csv"],
    }
    write_outputs(out_dir, {"sr24_foods.csv": csv_text(FOOD_COLUMNS, foods),
                            "sr24_measures.csv": csv_text(MEASURE_COLUMNS, measures),
                            "sr24_manifest.json": manifest_text(manifest)})
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jar", type=Path, help="path to usda_sr24.jar from the cronometer package")
    parser.add_argument("--package-version", required=True, help="cronometer package version")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    manifest = build(args.jar, args.package_version, args.out)
    print(json.dumps(manifest["counts"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
