"""The plan format's rules, checked on a plan as it is (`check_plan`) and shared with the loader
(planner/planfile.py), so an edit obeys the same limits as a file and is refused with the same
words, each problem at its JSON path. Pure; no I/O.
"""

from __future__ import annotations

import json
import math
import re
from enum import Enum
from typing import Any

from planner.errors import PlanFileError
from planner.food import Food, is_bundled_id
from planner.jsonshapes import plan_json
from planner.plan import FoodItem, Plan, SupplementItem, prune_foods
from planner.snapshot import FoodCatalog

MAX_FILE_BYTES = 1_000_000
MAX_FOOD_ITEM_GRAMS = 5000.0
MAX_COUNT = 1000.0
MAX_SUPPLEMENT_UG = 100_000.0
MAX_PER_100G = {"b12_ug_per_100g": 100_000.0, "b12_added_ug_per_100g": 100_000.0, "kcal_per_100g": 1000.0,
                "retinol_ug_per_100g": 1_000_000.0}
FOOD_ID = re.compile(r"^(sr:\d{5}|sr24:\d{5}|fndds:\d{8}|fdc:\d{1,12}|custom:[a-z0-9][a-z0-9-]{0,80})$")
PORTABLE_ID = re.compile(r"^(fdc|custom):")
MAX_NOTE_CHARS = 300
YEARS = (1900, 2100)  # a B12 value's year


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false",
            type(None): "null", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def not_unicode(text: str) -> str | None:
    """The first code point UTF-8 cannot encode (a lone surrogate from a `\\ud83d` escape), as `\\ud83d`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"\\u{ord(text[error.start]):04x}"
    return None


def lone_surrogate(where: str, bad: str, what: str = "text") -> str:
    return f"{where}: the {what} holds {bad}, a lone surrogate, which is not valid Unicode text"


class Checker:
    """Collects problems as 'path: sentence' while walking a plan or a plan file."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def expect(self, value: Any, kind: type | tuple[type, ...], path: str, what: str) -> bool:
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if not ok:
            self.fail(path, f"expected {what}, got {json_type(value)}")
        return ok

    def text(self, value: str, path: str) -> None:
        """Text a file can hold: no lone surrogates."""
        bad = not_unicode(value)
        if bad:
            self.problems.append(lone_surrogate(path, bad))

    def number(self, value: Any, path: str, low: float, high: float, *, above_zero: bool = False,
               unit: str = "") -> float | None:
        if not is_number(value):
            self.fail(path, f"expected a number, got {json_type(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(path, f"{json.dumps(value)} is not a number a plan can hold (NaN and Infinity are refused)")
            return None
        if value < low or (above_zero and value <= 0):
            self.fail(path, f"must be {'above' if above_zero else 'at least'} {low:g}{unit} (got {value:g})")
            return None
        if value > high:
            self.fail(path, f"{value:g}{unit} is more than the {high:g}{unit} a plan allows")
            return None
        return float(value)

    def enum(self, value: Any, choices: type[Enum], path: str) -> Any:
        allowed = [member.value for member in choices]
        if value not in allowed:
            self.fail(path, f"must be one of {', '.join(allowed)} (got {json.dumps(value)})")
            return None
        return choices(value)

    # ---- the rules an item and a food record obey, whether typed in a file or made by an edit ----

    def grams(self, grams: Any, path: str) -> float | None:
        return self.number(grams, f"{path}.grams", 0, MAX_FOOD_ITEM_GRAMS, above_zero=True, unit=" g")

    def count(self, count: Any, path: str) -> float | None:
        return self.number(count, f"{path}.count", 0, MAX_COUNT, above_zero=True)

    def supplement_ug(self, ug: Any, path: str) -> float | None:
        return self.number(ug, f"{path}.ug", 0, MAX_SUPPLEMENT_UG, above_zero=True, unit=" µg")

    def note(self, note: str, path: str) -> None:
        if len(note) > MAX_NOTE_CHARS:
            self.fail(f"{path}.note", f"notes are at most {MAX_NOTE_CHARS} characters")

    def has_portion(self, food: Food, label: str, path: str) -> bool:
        if food.has_portion(label):
            return True
        known = ", ".join(json.dumps(p.label) for p in food.portions[:6])
        self.fail(f"{path}.portion", f"{food.description} has no portion {json.dumps(label)} (it has {known})")
        return False

    def portion_weight(self, food: Food, label: str, count: float, path: str) -> bool:
        """`count` of the food's measure is within what one item may weigh."""
        total = food.portion(label).grams * count
        if total > MAX_FOOD_ITEM_GRAMS:
            self.fail(path, f"{count:g} × {label} is {total:g} g, more than the {MAX_FOOD_ITEM_GRAMS:g} g a plan "
                            "allows")
            return False
        return True

    def filled(self, text: str, path: str) -> None:
        if not text.strip():
            self.fail(path, "must not be empty")

    def per_100g(self, record: str, name: str, value: Any) -> None:
        """A food record's amount per 100 g, within what any food holds."""
        self.number(value, f"{record}.{name}", 0, MAX_PER_100G[name])

    def data_year(self, record: str, year: Any) -> None:
        self.number(year, f"{record}.b12_data_year", *YEARS)

    def portion_grams(self, grams: Any, path: str) -> None:
        self.number(grams, f"{path}.grams", 0, MAX_FOOD_ITEM_GRAMS, above_zero=True, unit=" g")


def food_record_path(key: str) -> str:
    return f"$.foods[{json.dumps(key)}]"


def item_path(day: int, meal: int, item: int) -> str:
    return f"$.days[{day}].meals[{meal}].items[{item}]"


def unknown_food(raw_id: str) -> str:
    return f"unknown food id {json.dumps(raw_id)}: not in the bundled data or this file's 'foods'"


def supplement_problem(name: str, ug: float) -> str | None:
    """Why a supplement typed into a form cannot be planned, in a sentence (the format's own limits), or None."""
    if not name.strip():
        return "Give the supplement a name, e.g. B12 (cyanocobalamin). Nothing was added."
    if not 0 < ug <= MAX_SUPPLEMENT_UG:  # NaN fails this too
        return (f"A dose must be more than 0 µg and at most {MAX_SUPPLEMENT_UG:,.0f} µg (you entered {ug:,g} µg). "
                "Nothing was added.")
    return None


def plan_to_compact_json(plan: Plan) -> str:
    """The form the size limit is measured in."""
    return json.dumps(plan_json(plan), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def compact_size_problem(plan: Plan) -> str | None:
    """The limit holds for the plan in one form, its compact JSON, so whatever loads or is made by an
    edit can be saved and opened again (a compact file near the limit grows past it when indented)."""
    compact = len(plan_to_compact_json(plan).encode("utf-8"))
    if compact <= MAX_FILE_BYTES:
        return None
    return f"$: the plan takes {compact:,} bytes as compact JSON; plans are at most {MAX_FILE_BYTES:,}"


def _check_food(check: Checker, key: str, food: Food) -> bool:
    """Whether the record may be stored: a loader would refuse it, and every item that uses it."""
    path = food_record_path(key)
    if not PORTABLE_ID.match(key) or not FOOD_ID.match(key) or food.id != key:
        check.fail(path, "only fdc:<id> and custom:<name> foods are stored in a plan file")
        return False
    before = len(check.problems)
    for name in ("description", "data_type", "source"):
        check.text(getattr(food, name), f"{path}.{name}")
        check.filled(getattr(food, name), f"{path}.{name}")
    for name in ("food_group", "brand_owner", "url"):
        if getattr(food, name) is not None:
            check.text(getattr(food, name), f"{path}.{name}")
    for name in MAX_PER_100G:
        if getattr(food, name) is not None:
            check.per_100g(path, name, getattr(food, name))
    if food.b12_data_year is not None:
        check.data_year(path, food.b12_data_year)
    for i, portion in enumerate(food.portions):
        check.text(portion.label, f"{path}.portions[{i}].label")
        check.portion_grams(portion.grams, f"{path}.portions[{i}]")
    return len(check.problems) == before


def check_plan(plan: Plan, catalog: FoodCatalog) -> Plan:
    """The plan as the format allows it (records no item uses dropped), checked as it is, without
    writing it out and reading it back; PlanFileError with every problem, as loading would word it."""
    check = Checker()
    check.text(plan.name, "$.name")
    for i, word in enumerate(plan.profile.exclude):
        check.text(word, f"$.profile.exclude[{i}]")
    used = plan.food_ids()
    stored = {key: food for key, food in plan.foods.items()
              if key in used and not is_bundled_id(key) and _check_food(check, key, food)}
    if not plan.days:
        check.fail("$.days", "a plan needs at least one day")
    for d, day in enumerate(plan.days):
        check.text(day.label, f"$.days[{d}].label")
        for m, meal in enumerate(day.meals):
            meal_path = f"$.days[{d}].meals[{m}]"
            check.text(meal.name, f"{meal_path}.name")
            if not meal.name.strip():
                check.fail(f"{meal_path}.name", "must not be empty")
            for i, item in enumerate(meal.items):
                path = item_path(d, m, i)
                if isinstance(item, SupplementItem):
                    check.text(item.supplement, f"{path}.supplement")
                    check.supplement_ug(item.ug, path)
                    continue
                _check_food_item(check, stored, catalog, item, path)
    if check.problems:
        raise PlanFileError(check.problems)
    checked = prune_foods(plan)
    too_big = compact_size_problem(checked)
    if too_big:
        raise PlanFileError([too_big])
    return checked


def _check_food_item(check: Checker, stored: dict[str, Food], catalog: FoodCatalog, item: FoodItem,
                     path: str) -> None:
    food = stored.get(item.food) or (catalog.find(item.food) if FOOD_ID.match(item.food) else None)
    if food is None:
        check.fail(f"{path}.food", unknown_food(item.food))
        return
    if item.note is not None:
        check.text(item.note, f"{path}.note")
        check.note(item.note, path)
    if item.portion is None:
        check.grams(item.grams, path)
    elif check.has_portion(food, item.portion, path) and check.count(item.count, path) is not None:
        check.portion_weight(food, item.portion, item.count, path)


_FIELD_WORDS = {
    "name": "name", "version": "format version", "label": "day name", "age_years": "age (years)",
    "age_months": "age (months)", "ug": "µg", "every": "how often", "food": "food", "grams": "grams",
    "portion": "portion", "count": "how many", "supplement": "supplement name", "note": "note",
}


_ENTRY_WORDS = {"days": "day", "meals": "meal", "items": "item", "portions": "portion"}


_PATH = re.compile(r'^(\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*): (.*)$', re.S)


_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[(\"(?:[^\"\\]|\\.)*\")\]")


def plain_problem(problem: str) -> str:
    """A plan-file problem told without its JSON path, for people: "$.days[0].meals[1].items[2].grams: …"
    -> "Day 1, meal 2, item 3, grams: …". PlanFileError and the CLI keep the paths."""
    match = _PATH.match(problem)
    if match is None:
        return problem
    path, sentence = match.groups()
    words: list[str] = []
    container = ""
    for name, index, key in _STEP.findall(path[1:]):
        if index:
            words.append(f"{_ENTRY_WORDS.get(container, 'entry')} {int(index) + 1}")
        elif key:
            words.append(f"food record {json.loads(key)}")
        elif name in ("days", "meals", "items", "foods", "portions", "exclude"):
            container = name
            if name == "exclude":
                words.append("leave-out words")
        elif name == "profile":
            words.append("profile")
        elif name == "name" and words and words[-1].startswith("meal"):
            words.append("meal name")
        elif name == "name" and not words:
            words.append("plan name")
        else:
            words.append(_FIELD_WORDS.get(name, name.replace("_", " ")))
    where = ", ".join(words) if words else "The file"
    return f"{where[:1].upper()}{where[1:]}: {sentence}"
