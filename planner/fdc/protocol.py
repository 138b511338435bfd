"""FDC request building and response parsing. Plain dicts in, food records out. No I/O.

Handles the three nutrient shapes (search, full details, abridged) and every data type's
portions, with the live service's quirks (seen in USDA's API issue tracker): µg written
UG/µg/μg/mcg or not at all, nameless nutrients, header rows without amounts, "GRM" serving
units, string ndbNumbers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz
from typing import Any, Collection, Iterable, Mapping

from planner.diet import SR_GROUP_NAMES, label_food
from planner.errors import PlannerError
from planner.food import FNDDS_PREFIX, Food, unique_portions

DEFAULT_BASE_URL = "https://api.nal.usda.gov/fdc/v1/"
DATA_TYPES = ("Foundation", "SR Legacy", "Survey (FNDDS)", "Branded")
DEFAULT_SEARCH_TYPES = ("Foundation", "SR Legacy", "Survey (FNDDS)")  # Branded swamps plain searches
MAX_PAGE_SIZE = 200
MAX_BATCH = 20
API_KEY_HEADER = "X-Api-Key"
FOOD_PAGE_URL = "https://fdc.nal.usda.gov/food-details/{fdc_id}/nutrients"

# Nutrients by FDC id and by SR number (search and details give ids, abridged gives numbers).
B12 = (1178, "418")
B12_ADDED = (1246, "578")
ENERGY_KCAL = ((1008, "208"), (2047, "957"), (2048, "958"))  # kcal; Foundation uses Atwater ids
RETINOL = (1105, "319")
MICROGRAM_UNITS = {"ug", "µg", "μg", "mcg", "microgram", "micrograms"}
KCAL_UNITS = {"kcal", ""}
GRAM_SERVING_UNITS = {"g", "grm", "gram", "grams", "ml", "mlt", "milliliter"}  # Branded: per 100 g or ml

# FDC categories (Branded, FNDDS/WWEIA) mapped to the SR groups the diet rules know.
# First match wins; "plant based" must come before "milk".
CATEGORY_GROUPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), group) for pattern, group in (
        (r"plant[- ]based|meat substitute|vegetarian|tofu|soy", "Legumes and Legume Products"),
        (r"cereal", "Breakfast Cereals"),
        (r"cheese|milk|yogurt|dairy|egg|butter|cream", "Dairy and Egg Products"),
        (r"fish|seafood|shellfish|tuna|salmon|shrimp", "Finfish and Shellfish Products"),
        (r"sausage|hot dog|bacon|deli|luncheon|frankfurter", "Sausages and Luncheon Meats"),
        (r"beef", "Beef Products"),
        (r"pork|ham\b", "Pork Products"),
        (r"poultry|chicken|turkey", "Poultry Products"),
        (r"meat|lamb|veal|game", "Lamb, Veal, and Game Products"),
        (r"bread|bakery|cake|cookie|biscuit|pastr|muffin|roll", "Baked Products"),
        (r"candy|chocolate|sweet|dessert|sugar", "Sweets"),
        (r"fruit|banana|apple|berr|citrus|grape|melon|peach|pear|plum|cherr",
         "Fruits and Fruit Juices"),
        (r"vegetable|potato|bean|legume|tomato|carrot|lettuce|greens|onion|squash|corn\b",
         "Vegetables and Vegetable Products"),
        (r"nut|seed", "Nut and Seed Products"),
        (r"oil|fat|dressing|margarine", "Fats and Oils"),
        (r"snack|chip|cracker|popcorn|pretzel", "Snacks"),
        (r"soup|sauce|gravy|condiment", "Soups, Sauces, and Gravies"),
        (r"pasta|rice|grain|flour|noodle", "Cereal Grains and Pasta"),
        (r"spice|herb|seasoning", "Spices and Herbs"),
        (r"beverage|drink|juice|water|coffee|tea|soda", "Beverages"),
        (r"baby|infant", "Baby Foods"),
    ))


class FdcResponseError(PlannerError):
    """FDC answered, but not with data this parser understands."""


@dataclass(frozen=True)
class Request:
    """A GET to FDC: path relative to the base URL, and query parameters (never the key)."""

    path: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RateLimit:
    limit: int | None
    remaining: int | None

    @property
    def running_low(self) -> bool:
        if self.remaining is None:
            return False
        if self.limit:
            return self.remaining <= max(5, self.limit // 10)
        return self.remaining <= 5


# ---- requests --------------------------------------------------------------------------

def search_request(query: str, data_types: Iterable[str] = DEFAULT_SEARCH_TYPES,
                   page_size: int = 50, page: int = 1) -> Request:
    query = " ".join(query.split())
    if not query:
        raise PlannerError("Type a food name to search FoodData Central.")
    types = [t for t in data_types]
    unknown = [t for t in types if t not in DATA_TYPES]
    if unknown:
        raise PlannerError(f"Unknown FDC data type {unknown[0]!r}; use one of {', '.join(DATA_TYPES)}.")
    size = min(max(int(page_size), 1), MAX_PAGE_SIZE)
    params = [("query", query), ("pageSize", str(size)), ("pageNumber", str(max(int(page), 1)))]
    params += [("dataType", t) for t in types]
    return Request("foods/search", tuple(params))


def food_request(fdc_id: int, abridged: bool = False) -> Request:
    return Request(f"food/{int(fdc_id)}", (("format", "abridged"),) if abridged else ())


def batch_requests(fdc_ids: Iterable[int]) -> list[Request]:
    """GET foods?fdcIds=… in groups of at most 20 (GET, so it is cached and retried)."""
    unique = list(dict.fromkeys(int(i) for i in fdc_ids))
    return [Request("foods", (("fdcIds", ",".join(str(i) for i in unique[k:k + MAX_BATCH])),))
            for k in range(0, len(unique), MAX_BATCH)]


def parse_fdc_id(text: str) -> int:
    """'fdc:123', '123' -> 123; anything else is refused."""
    match = re.fullmatch(r"(?:fdc:)?(\d{1,12})", text.strip())
    if not match:
        raise PlannerError(f"{text!r} is not an FDC id (digits, optionally written fdc:123).")
    return int(match.group(1))


# ---- headers and statuses -------------------------------------------------------------------

MAX_HEADER_DIGITS = 18  # a longer number is noise, never converted (no int-string limits, no overflow)
MAX_RETRY_AFTER_S = 24 * 3600.0  # a wait past a day is not believed: "unknown"


def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value, its name matched without regard to case; None when absent."""
    return next((str(v) for k, v in headers.items() if k.lower() == name.lower()), None)


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    """A header of ASCII digits as an int; None when absent, signed, fractional or absurdly long."""
    value = (header_value(headers, name) or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_HEADER_DIGITS:
        return None
    return int(value)


def rate_limit(headers: Mapping[str, str]) -> RateLimit:
    return RateLimit(header_int(headers, "X-RateLimit-Limit"), header_int(headers, "X-RateLimit-Remaining"))


def http_date(text: str) -> datetime | None:
    """An HTTP-date in any form RFC 9110 §5.6.7 allows: IMF-fixdate, the obsolete RFC 850 form
    (two-digit year, read by email.utils as 1969–2068) and asctime, which names no zone; all
    mean GMT. None when unreadable or outside what a datetime can hold."""
    parts = parsedate_tz(text)
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc) - timedelta(seconds=parts[9] or 0)
    except (ValueError, OverflowError):
        return None


def retry_after_seconds(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Retry-After (RFC 9110 §10.2.3) as seconds to wait: delay-seconds or an HTTP-date, a
    past date meaning 0. None means unknown: absent, unreadable, negative, or over a day away."""
    value = header_value(headers, "Retry-After")
    if value is None:
        return None
    delay = header_int(headers, "Retry-After")
    if delay is not None:
        seconds = float(delay)
    else:
        when = http_date(value.strip())
        if when is None:
            return None
        seconds = max((when - (now or datetime.now(timezone.utc))).total_seconds(), 0.0)
    return seconds if seconds <= MAX_RETRY_AFTER_S else None


def retry_at(seconds: float, now: datetime | None = None) -> datetime:
    return (now or datetime.now(timezone.utc)) + timedelta(seconds=seconds)


MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,40}/[a-z0-9][a-z0-9!#$&^_.+-]{0,40}")
WEB_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower-case, without parameters ("" when absent)."""
    return (content_type or "").split(";")[0].strip().lower()


def is_json(content_type: str | None) -> bool:
    media = media_type(content_type)
    return media == "application/json" or media.endswith("+json")


def not_data_reason(content_type: str | None, error: ValueError) -> str:
    """Why a 200 answer that does not parse is not FDC data, in one sentence: JSON that is
    malformed (where), a web page (an outage page), or some other kind of content."""
    if is_json(content_type):
        where = (f"{error.msg} at line {error.lineno}, column {error.colno}"
                 if isinstance(error, json.JSONDecodeError) else "it is not readable as text")
        return f"FoodData Central sent malformed JSON ({where}); the service may be having trouble."
    media = media_type(content_type)
    if media in WEB_PAGE_TYPES:
        return "FoodData Central sent a web page instead of data; the service may be down."
    # The server's words are shown only when they are a plain media type.
    what = media if MEDIA_TYPE.fullmatch(media) else "an answer without a content type" if not media else \
        "an answer of an unknown kind"
    return f"FoodData Central sent {what} instead of JSON data; the service may be down."


def error_code(body: Any) -> str | None:
    """The api.data.gov error code ("API_KEY_INVALID", "OVER_RATE_LIMIT" …), wrapped or not."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("code"), str):
            return inner["code"]
    return None


# ---- nutrients --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Nutrient:
    id: int | None
    number: str | None
    unit: str
    amount: float | None


def _nutrient_rows(raw: Iterable[Any] | None) -> list[_Nutrient]:
    """Normalise the three shapes: flat search rows, nested detail rows, abridged rows."""
    rows: list[_Nutrient] = []
    for item in raw or []:
        if not isinstance(item, dict):
            continue
        nested = item.get("nutrient") if isinstance(item.get("nutrient"), dict) else None
        if nested is not None:  # full details: {nutrient: {id, number, unitName}, amount}
            nid, number, unit = nested.get("id"), nested.get("number"), nested.get("unitName")
            amount = item.get("amount")
        elif "nutrientId" in item or "nutrientNumber" in item:  # search
            nid, number, unit = item.get("nutrientId"), item.get("nutrientNumber"), item.get("unitName")
            amount = item.get("value")
        else:  # abridged: {number, name, amount, unitName}
            nid, number, unit, amount = None, item.get("number"), item.get("unitName"), item.get("amount")
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            amount = None  # header rows ("Proximates") carry no amount
        rows.append(_Nutrient(nid if isinstance(nid, int) else None,
                              str(number) if number is not None else None,
                              str(unit or "").strip().lower(), float(amount) if amount is not None else None))
    return rows


def _find(rows: list[_Nutrient], ids: tuple[int, str]) -> _Nutrient | None:
    nutrient_id, number = ids
    for row in rows:
        if (row.id == nutrient_id or row.number == number) and row.amount is not None:
            return row
    return None


def _micrograms(row: _Nutrient | None) -> float | None:
    """A µg amount; a missing unit is taken as FDC's µg, a milligram one converted."""
    if row is None or row.amount is None:
        return None
    if row.unit in MICROGRAM_UNITS or row.unit == "":
        return row.amount
    if row.unit == "mg":
        return row.amount * 1000.0
    raise FdcResponseError(f"FDC gave B12 or retinol in {row.unit!r}, not micrograms.")


def _kcal(rows: list[_Nutrient]) -> float | None:
    for ids in ENERGY_KCAL:
        row = _find(rows, ids)
        if row is not None and row.unit in KCAL_UNITS:
            return row.amount
    return None


# ---- portions -----------------------------------------------------------------------------------

def _number_text(value: Any) -> str:
    return f"{float(value):g}"


def _portion_label(portion: dict) -> str:
    unit = portion.get("measureUnit") or {}
    unit_name = unit.get("name") if isinstance(unit, dict) else None
    description = (portion.get("portionDescription") or "").strip()
    modifier = str(portion.get("modifier") or "").strip()
    amount = portion.get("amount")
    if description:  # FNDDS: "1 cup"; its modifier is a numeric code
        return description
    name = unit_name if unit_name and unit_name != "undetermined" else ""
    words = " ".join(w for w in (name, "" if modifier.isdigit() else modifier) if w)
    if isinstance(amount, (int, float)) and words:
        return f"{_number_text(amount)} {words}"
    return words


def _portions(food: dict) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    for portion in food.get("foodPortions") or []:
        if isinstance(portion, dict) and isinstance(portion.get("gramWeight"), (int, float)):
            label = _portion_label(portion)
            if label:
                found.append((label, float(portion["gramWeight"])))
    for measure in food.get("foodMeasures") or []:  # search hits
        if isinstance(measure, dict) and isinstance(measure.get("gramWeight"), (int, float)):
            label = str(measure.get("disseminationText") or "").strip()
            if label:
                found.append((label, float(measure["gramWeight"])))
    size, unit = food.get("servingSize"), str(food.get("servingSizeUnit") or "").strip().lower()
    if isinstance(size, (int, float)) and size > 0 and unit in GRAM_SERVING_UNITS:
        household = " ".join(str(food.get("householdServingFullText") or "").split())
        found.append((f"{household} ({_number_text(size)} g)" if household else f"1 serving ({_number_text(size)} g)",
                      float(size)))
    return found


# ---- food records -------------------------------------------------------------------------------

def food_category(food: dict) -> str | None:
    category = food.get("foodCategory")
    if isinstance(category, dict):
        category = category.get("description")
    if not category and isinstance(food.get("wweiaFoodCategory"), dict):
        category = food["wweiaFoodCategory"].get("wweiaFoodCategoryDescription")
    if not category:
        category = food.get("brandedFoodCategory")
    return str(category).strip() if category else None


def diet_group(category: str | None) -> str | None:
    """The SR group the diet rules should read for an FDC category."""
    if not category:
        return None
    if category in SR_GROUP_NAMES:
        return category
    for pattern, group in CATEGORY_GROUPS:
        if pattern.search(category):
            return group
    return None


SURVEY_DATA_TYPE = "Survey (FNDDS)"
DATE_FIELDS = ("publicationDate", "modifiedDate", "availableDate")  # Branded: when the label data was set


def _data_year(food: dict) -> int | None:
    """The year of a food's data ("4/1/2019" or "2019-04-01"), for "check today's label"."""
    for name in DATE_FIELDS:
        match = re.search(r"\b(19|20)\d{2}\b", str(food.get(name) or ""))
        if match:
            return int(match.group(0))
    return None


def food_from_fdc(food: dict, everyday_ndbs: Collection[str] = frozenset(),
                  fndds_codes: Collection[str] = frozenset()) -> Food:
    """One FDC food (search hit, full or abridged details) as a food record.

    `everyday_ndbs` are the bundled SR foods people commonly eat: a food whose `ndbNumber`
    (SR Legacy, and foods derived from it) is among them is everyday; so is every Survey
    (FNDDS) food. A Survey food whose `foodCode` is among `fndds_codes` (the bundled FNDDS
    foods) is that food: its id is `fndds:<food code>`, so a plan keeps one food, not two.
    """
    if not isinstance(food, dict) or not isinstance(food.get("fdcId"), int):
        raise FdcResponseError("FDC sent a food without a numeric fdcId.")
    fdc_id = food["fdcId"]
    description = " ".join(str(food.get("description") or "").split()) or f"FDC food {fdc_id}"
    data_type = str(food.get("dataType") or "FDC")
    rows = _nutrient_rows(food.get("foodNutrients"))
    b12 = _micrograms(_find(rows, B12))
    added = _micrograms(_find(rows, B12_ADDED))
    category = food_category(food)
    labels = label_food(description, diet_group(category), b12, added)
    brand = food.get("brandOwner") or food.get("brandName")
    ndb = str(food.get("ndbNumber") or "").strip()
    everyday = data_type == SURVEY_DATA_TYPE or (ndb.isdigit() and ndb.zfill(5) in everyday_ndbs)
    code = str(food.get("foodCode") or "").strip()
    bundled = data_type == SURVEY_DATA_TYPE and code.isdigit() and code.zfill(8) in fndds_codes
    return Food(
        id=f"{FNDDS_PREFIX}{code.zfill(8)}" if bundled else f"fdc:{fdc_id}",
        description=description,
        food_group=category,
        b12_ug_per_100g=b12,
        kcal_per_100g=_kcal(rows),
        retinol_ug_per_100g=_micrograms(_find(rows, RETINOL)),
        diet=labels.diet,
        check_label=labels.check_label,
        fortified=labels.fortified,
        unreliable=labels.unreliable,
        portions=unique_portions(_portions(food)),
        data_type=data_type,
        source=f"USDA FoodData Central, {data_type}, FDC ID {fdc_id}",
        brand_owner=str(brand) if brand else None,
        url=FOOD_PAGE_URL.format(fdc_id=fdc_id),
        b12_added_ug_per_100g=added,
        everyday=everyday,
        b12_data_year=_data_year(food),
    )


def foods_from_search(body: Any, everyday_ndbs: Collection[str] = frozenset(),
                      fndds_codes: Collection[str] = frozenset()) -> list[Food]:
    if not isinstance(body, dict) or not isinstance(body.get("foods"), list):
        raise FdcResponseError("FDC's search answer has no list of foods.")
    return [food_from_fdc(item, everyday_ndbs, fndds_codes) for item in body["foods"] if isinstance(item, dict)]


def foods_from_batch(body: Any, everyday_ndbs: Collection[str] = frozenset(),
                     fndds_codes: Collection[str] = frozenset()) -> list[Food]:
    if not isinstance(body, list):
        raise FdcResponseError("FDC's batch answer is not a list of foods.")
    return [food_from_fdc(item, everyday_ndbs, fndds_codes) for item in body if isinstance(item, dict)]
