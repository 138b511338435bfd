"""The only plan-file I/O: parse and validate a version-1 plan, save it atomically.

Loading checks everything and reports each problem with its JSON path; it returns a whole
plan or raises PlanFileError, never half a plan.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable

from planner.errors import NotAPlanFile, PlanFileError, ProfileError
from planner.food import SR24_PREFIX, DietMode, Food, is_bundled_id
from planner.jsonshapes import food_from_json, plan_json
from planner.notes import Note, Sr24Retired, Sr24Upgraded, Sr24ValueChanged
from planner.plan import PLAN_VERSION, Day, FoodItem, Item, Meal, Plan, SupplementItem, prune_foods
from planner.plancheck import (
    FOOD_ID,
    MAX_FILE_BYTES,
    MAX_FOOD_ITEM_GRAMS,
    MAX_PER_100G,
    PORTABLE_ID,
    Checker,
    compact_size_problem,
    food_record_path,
    json_type,
    lone_surrogate,
    not_unicode,
    plan_to_compact_json,
    unknown_food,
)
from planner.profile import Absorption, Profile, Sex, Standard
from planner.snapshot import FoodCatalog
from planner.units import Every
from planner.wording import sr24_measure_note

MAX_DEPTH = 7  # root > days > day > meals > meal > items > item
JSON_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_NUMBER_CHARS = 40  # a number literal longer than this is refused before conversion


class _Refused:
    """A JSON literal left unconverted (too long, NaN, Infinity); reported later with its JSON path."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


def _not_a_plan_number(text: str) -> _Refused:
    return _Refused(f"{text} is not a number a plan can hold (NaN and Infinity are refused)")


def _bounded(convert: Callable[[str], int | float]) -> Callable[[str], Any]:
    """A json.loads number hook that measures the literal before converting it, so a number with
    thousands of digits never reaches int() (ValueError) or a float format (OverflowError)."""

    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            return _Refused(f"a number written with {len(text):,} characters is more than a plan can hold "
                            f"(at most {MAX_NUMBER_CHARS})")
        value = convert(text)
        return value if math.isfinite(value) else _not_a_plan_number(text)

    return parse


def _json_path(trail: tuple | None) -> str:
    """`$.days[0].label` from a trail of (parent trail, key or index): built only for a problem."""
    keys: list[str | int] = []
    while trail is not None:
        trail, key = trail
        keys.append(key)
    parts = ["$"]
    for key in reversed(keys):
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif JSON_NAME.match(key):
            parts.append(f".{key}")
        else:
            parts.append(f"[{json.dumps(key)}]")  # ASCII escapes: a path never holds a lone surrogate
    return "".join(parts)


def _document_problems(document: Any) -> list[str]:
    """Walk the parsed document once, without recursion (a hostile file must not exhaust the stack):
    nesting depth, text that is not valid Unicode, numbers refused before conversion."""
    problems: list[str] = []
    stack: list[tuple[Any, int, tuple | None]] = [(document, 1, None)]
    while stack:
        node, level, trail = stack.pop()
        if isinstance(node, (dict, list)):
            if level > MAX_DEPTH:
                return ["$: nesting is deeper than the plan format allows"]
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            for key, child in reversed(children):  # reversed onto a stack: problems in file order
                here = (trail, key)
                if isinstance(key, str) and (bad := not_unicode(key)):
                    problems.append(lone_surrogate(_json_path(here), bad, "key"))
                stack.append((child, level + 1, here))
        elif isinstance(node, str) and (bad := not_unicode(node)):
            problems.append(lone_surrogate(_json_path(trail), bad))
        elif isinstance(node, _Refused):
            problems.append(f"{_json_path(trail)}: {node.reason}")
    return problems


def _parse_profile(check: Checker, raw: Any) -> Profile | None:
    path = "$.profile"
    if not check.expect(raw, dict, path, "an object"):
        return None
    before = len(check.problems)
    fields: dict[str, Any] = {}
    for key, kind, what, default in (
        ("age_years", int, "a whole number of years", None), ("age_months", int, "a whole number", 0),
        ("pregnant", bool, "true/false", False), ("lactating", bool, "true/false", False),
        ("intrinsic_factor", bool, "true/false", True), ("supplements_allowed", bool, "true/false", True),
        ("immunocompromised", bool, "true/false", False), ("metformin", bool, "true/false", False),
    ):
        if key not in raw:
            if default is None:
                check.fail(f"{path}.{key}", "is required")
            fields[key] = default
        elif check.expect(raw[key], kind, f"{path}.{key}", what):
            fields[key] = raw[key]
    fields["sex"] = check.enum(raw.get("sex"), Sex, f"{path}.sex")
    fields["standard"] = check.enum(raw.get("standard", "iom"), Standard, f"{path}.standard")
    fields["diet"] = check.enum(raw.get("diet", "omnivore"), DietMode, f"{path}.diet")
    intrinsic = fields.pop("intrinsic_factor", True)
    if "absorption" in raw:  # "food-bound", as the command line spells it, is read as "food_bound"
        spelled = raw["absorption"].replace("-", "_") if isinstance(raw["absorption"], str) else raw["absorption"]
        fields["absorption"] = check.enum(spelled, Absorption, f"{path}.absorption")
    else:  # a file from before `absorption` existed
        fields["absorption"] = Absorption.NORMAL if intrinsic is not False else Absorption.NO_INTRINSIC_FACTOR
    exclude = raw.get("exclude", [])
    if check.expect(exclude, list, f"{path}.exclude", "a list of words"):
        for i, word in enumerate(exclude):
            check.expect(word, str, f"{path}.exclude[{i}]", "a word")
    if len(check.problems) > before:
        return None
    try:
        return Profile(exclude=tuple(exclude), **fields)
    except ProfileError as error:
        check.fail(path, str(error))
        return None


def _parse_food_record(check: Checker, key: str, raw: Any) -> Food | None:
    path = food_record_path(key)
    if not PORTABLE_ID.match(key) or not FOOD_ID.match(key):
        check.fail(path, "only fdc:<id> and custom:<name> foods are stored in a plan file")
        return None
    if not check.expect(raw, dict, path, "a food record"):
        return None
    before = len(check.problems)
    if raw.get("id") != key:
        check.fail(f"{path}.id", f"must equal its key {json.dumps(key)}")
    for name in ("description", "data_type", "source"):
        if check.expect(raw.get(name), str, f"{path}.{name}", "text"):
            check.filled(raw[name], f"{path}.{name}")
    for name in ("food_group", "brand_owner", "url"):
        if raw.get(name) is not None:
            check.expect(raw[name], str, f"{path}.{name}", "text or null")
    for name in MAX_PER_100G:
        if raw.get(name) is not None:
            check.per_100g(path, name, raw[name])
    check.enum(raw.get("diet"), DietMode, f"{path}.diet")
    for name in ("check_label", "fortified", "unreliable"):
        check.expect(raw.get(name), bool, f"{path}.{name}", "true/false")
    if "everyday" in raw:  # fields added with SR28; older plan files lack them
        check.expect(raw["everyday"], bool, f"{path}.everyday", "true/false")
    for name in ("common_names", "langual"):
        if check.expect(raw.get(name, []), list, f"{path}.{name}", "a list of text"):
            for i, text in enumerate(raw.get(name, [])):
                check.expect(text, str, f"{path}.{name}[{i}]", "text")
    if raw.get("b12_data_year") is not None:
        check.data_year(path, raw["b12_data_year"])
    portions = raw.get("portions")
    if check.expect(portions, list, f"{path}.portions", "a list"):
        for i, portion in enumerate(portions):
            here = f"{path}.portions[{i}]"
            if check.expect(portion, dict, here, "an object"):
                check.expect(portion.get("label"), str, f"{here}.label", "text")
                check.portion_grams(portion.get("grams"), here)
    if len(check.problems) > before:
        return None
    return food_from_json(raw)


class _Foods:
    """Resolves item ids against the file's own records and the catalog, upgrading `sr24:` ids.

    An `sr24:` id becomes `sr:` where SR28 has the NDB (NDB numbers are stable); the upgrade
    is remembered so the person can be told which values changed (issue: old plans open).
    """

    def __init__(self, catalog: FoodCatalog, own: dict[str, Food]):
        self.catalog, self.own = catalog, own
        self.upgraded: dict[str, str] = {}  # old sr24 id -> sr id
        self.retired: set[str] = set()

    def resolve(self, food_id: str) -> tuple[str, Food] | None:
        own = self.own.get(food_id)
        if own is not None:
            return food_id, own
        food = self.catalog.find(food_id)
        if food is None:
            return None
        if food_id.startswith(SR24_PREFIX):
            if food.retired:
                self.retired.add(food.id)
            else:
                self.upgraded[food_id] = food.id
        return food.id, food

    def sr24_portion_grams(self, old_id: str, label: str) -> float | None:
        record = self.catalog.sr24_record(old_id[len(SR24_PREFIX):])
        return record.portion(label).grams if record is not None and record.has_portion(label) else None

    def notices(self) -> tuple[Note, ...]:
        """What the person should know after an SR24 plan opened with SR28 data."""
        notes: list[Note] = []
        if self.upgraded:
            notes.append(Sr24Upgraded(len(self.upgraded)))
        for old_id, new_id in sorted(self.upgraded.items()):
            old = self.catalog.sr24_record(old_id[len(SR24_PREFIX):])
            new = self.catalog.get_food(new_id)
            if old is not None and old.b12_ug_per_100g != new.b12_ug_per_100g:
                notes.append(Sr24ValueChanged(new.description, old.b12_ug_per_100g, new.b12_ug_per_100g))
        notes += [Sr24Retired(self.catalog.get_food(food_id).description) for food_id in sorted(self.retired)]
        return tuple(notes)


def _parse_item(check: Checker, raw: Any, path: str, foods: _Foods) -> Item | None:
    if not check.expect(raw, dict, path, "an item object"):
        return None
    if "supplement" in raw:
        name_ok = check.expect(raw["supplement"], str, f"{path}.supplement", "the supplement's name")
        ug = check.supplement_ug(raw.get("ug"), path)
        every = check.enum(raw.get("every", "day"), Every, f"{path}.every")
        if name_ok and ug is not None and every is not None:
            return SupplementItem(raw["supplement"], ug, every)
        return None
    if "food" not in raw:
        check.fail(path, "an item needs a 'food' id or a 'supplement' name")
        return None
    raw_id = raw["food"]
    if not check.expect(raw_id, str, f"{path}.food", "a food id"):
        return None
    resolved = foods.resolve(raw_id)
    if resolved is None:
        check.fail(f"{path}.food", unknown_food(raw_id))
        return None
    food_id, food = resolved
    note = raw.get("note")
    if note is not None and check.expect(note, str, f"{path}.note", "text"):
        check.note(note, path)
    has_grams, has_portion = "grams" in raw, "portion" in raw
    if has_grams == has_portion:
        check.fail(path, "give either 'grams' or a 'portion' with a 'count'")
        return None
    if has_grams:
        grams = check.grams(raw["grams"], path)
        return None if grams is None else FoodItem(food_id, grams=grams, note=note)
    label = raw["portion"]
    if not check.expect(label, str, f"{path}.portion", "a portion label"):
        return None
    old_grams = foods.sr24_portion_grams(raw_id, label) if raw_id != food_id else None
    if not food.has_portion(label) and old_grams is not None:
        # SR28 no longer lists this SR24 measure: keep its SR24 weight, and say so on the item.
        count = check.count(raw.get("count", 1), path)
        if count is None:
            return None
        grams = check.number(old_grams * count, path, 0, MAX_FOOD_ITEM_GRAMS, above_zero=True, unit=" g")
        return None if grams is None else FoodItem(food_id, grams=grams,
                                                   note=sr24_measure_note(count, label, old_grams))
    if not check.has_portion(food, label, path):
        return None
    count = check.count(raw.get("count", 1), path)
    if count is None or not check.portion_weight(food, label, count, path):
        return None
    return FoodItem(food_id, portion=label, count=count, note=note)


def _parse_days(check: Checker, raw: Any, foods: _Foods) -> tuple[Day, ...]:
    days: list[Day] = []
    if not check.expect(raw, list, "$.days", "a list of days"):
        return ()
    if not raw:
        check.fail("$.days", "a plan needs at least one day")
    for d, raw_day in enumerate(raw):
        path = f"$.days[{d}]"
        if not check.expect(raw_day, dict, path, "a day object"):
            continue
        label = raw_day.get("label", f"Day {d + 1}")
        check.expect(label, str, f"{path}.label", "text")
        meals: list[Meal] = []
        raw_meals = raw_day.get("meals", [])
        if check.expect(raw_meals, list, f"{path}.meals", "a list of meals"):
            for m, raw_meal in enumerate(raw_meals):
                meal_path = f"{path}.meals[{m}]"
                if not check.expect(raw_meal, dict, meal_path, "a meal object"):
                    continue
                name = raw_meal.get("name")
                if check.expect(name, str, f"{meal_path}.name", "the meal's name") and not name.strip():
                    check.fail(f"{meal_path}.name", "must not be empty")
                items = raw_meal.get("items", [])
                parsed: list[Item] = []
                if check.expect(items, list, f"{meal_path}.items", "a list of items"):
                    for i, raw_item in enumerate(items):
                        item = _parse_item(check, raw_item, f"{meal_path}.items[{i}]", foods)
                        if item is not None:
                            parsed.append(item)
                meals.append(Meal(str(name), tuple(parsed)))
        days.append(Day(str(label), tuple(meals)))
    return tuple(days)


def _too_big(size: str) -> PlanFileError:
    return PlanFileError([f"$: the file is {size} bytes; plan files are at most {MAX_FILE_BYTES:,}"])


def parse_plan(data: bytes | str, catalog: FoodCatalog) -> Plan:
    """Validate a plan file's bytes and build the plan, or raise PlanFileError with every problem."""
    if isinstance(data, str):  # already text: measured as UTF-8, lone surrogates reported below
        size, text = len(data.encode("utf-8", "surrogatepass")), data.removeprefix("\ufeff")
    else:
        size = len(data)
    if size > MAX_FILE_BYTES:
        raise _too_big(f"{size:,}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanFileError(["$: the file is not UTF-8 text"]) from None
    try:
        document = json.loads(text, parse_int=_bounded(int), parse_float=_bounded(float),
                              parse_constant=_not_a_plan_number)
    except RecursionError:
        raise PlanFileError(["$: nesting is deeper than the plan format allows"]) from None
    except json.JSONDecodeError as error:
        raise PlanFileError([f"$: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"]) from None
    problems = _document_problems(document)
    if problems:
        raise PlanFileError(problems)
    if not isinstance(document, dict):
        raise PlanFileError([f"$: expected a plan object, got {json_type(document)}"])
    if "version" not in document and "profile" not in document:  # another app's JSON: no per-path detail
        raise NotAPlanFile()

    check = Checker()
    if document.get("version") != PLAN_VERSION:
        check.fail("$.version", f"must be {PLAN_VERSION} (got {json.dumps(document.get('version'))})")
    name = document.get("name", "Untitled plan")
    check.expect(name, str, "$.name", "text")
    if "client" in document and check.expect(document["client"], str, "$.client", "text"):
        check.text(document["client"], "$.client")  # optional: the client a hand-out was made for
    profile = _parse_profile(check, document.get("profile"))
    foods: dict[str, Food] = {}
    raw_foods = document.get("foods", {})
    if check.expect(raw_foods, dict, "$.foods", "an object of food records"):
        for key, record in raw_foods.items():
            if is_bundled_id(key):
                continue  # bundled foods need no record; the snapshot is authoritative
            food = _parse_food_record(check, key, record)
            if food is not None:
                foods[key] = food

    resolver = _Foods(catalog, foods)
    days = _parse_days(check, document.get("days"), resolver)
    if check.problems or profile is None:
        raise PlanFileError(check.problems or ["$.profile: missing"])
    plan = prune_foods(Plan(name=str(name), profile=profile, days=days, foods=foods,
                            notices=resolver.notices()))
    too_big = compact_size_problem(plan)
    if too_big:
        raise PlanFileError([too_big])
    return plan


def plan_to_json(plan: Plan) -> str:
    """The plan file: indented for people to read, compact where indenting would pass the limit,
    so every plan that passed the checks saves and exports as a file that opens again."""
    indented = json.dumps(plan_json(plan), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if len(indented) <= MAX_FILE_BYTES and len(indented.encode("utf-8")) <= MAX_FILE_BYTES:
        return indented
    return plan_to_compact_json(plan) + "\n"


def read_plan_bytes(path: Path) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of a regular file. Opened without blocking and checked
    before any read, so a pipe, a device (/dev/zero) or a folder is refused at once."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    try:
        fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise PlanFileError([f"$: cannot read {path.name} ({error.strerror})"]) from error
    chunks: list[bytes] = []
    remaining = MAX_FILE_BYTES + 1  # st_size can be 0 or stale (/proc, a growing file): count too
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PlanFileError([f"$: {path.name} is not a regular file (a folder, a device or a pipe "
                                 "cannot be a plan file)"])
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(f"{info.st_size:,}")
        if nonblocking:
            os.set_blocking(fd, True)
        while remaining > 0 and (chunk := os.read(fd, remaining)):
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise PlanFileError([f"$: cannot read {path.name} ({error.strerror})"]) from error
    finally:
        os.close(fd)
    if remaining <= 0:
        raise _too_big(f"more than {MAX_FILE_BYTES:,}")
    return b"".join(chunks)


def load_plan(path: Path, catalog: FoodCatalog) -> Plan:
    return parse_plan(read_plan_bytes(path), catalog)


def save_plan(plan: Plan, path: Path) -> None:
    """Write atomically: a temp file in the same folder, fsync, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = plan_to_json(plan).encode("utf-8")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
