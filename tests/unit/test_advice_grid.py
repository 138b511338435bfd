"""The advice grid: people a dietitian would plan for (6 months to 90 years, pregnancy and
breastfeeding, every diet, the major allergens, faith leave-outs, poor absorption, existing
supplements), each with one thing the advice must or must not do (tests/fixtures/advice_grid.csv).

A row names the person as the command line takes them, an optional day ("meal=food@amount;…",
"meal=supplement@UG/day", or "intake=UG"), a check and whether it must hold ("yes") or must not
("no"). The checks run the real code over the whole bundled catalog, so a rule that leaks through
any food, not just the one a dietitian happened to try, fails here. Below the grid, a
snapshot-wide check of the diet labels against a meat-word list kept here, apart from the
labeller's own.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache

import pytest

from planner import notes
from planner.advice.dayplan import MEAL_ORDER, CurrentDay
from planner.advice.eligibility import blocked_reason
from planner.advice.ranking import rank_sources
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.cliprofile import add_profile_flags, profile_from_flags
from planner.exclusions import exclusion_reason
from planner.food import DietMode
from planner.jsonshapes import profile_json
from planner.planfile import parse_plan
from planner.profile import Profile
from planner.results import Suggestions
from planner.safety import planned_food_warning
from planner.snapshot import bundled_foods
from planner.totals import plan_totals
from planner.wording import verdict_text
from tests.support.paths import FIXTURES

GRID = FIXTURES / "advice_grid.csv"


@dataclass(frozen=True)
class Row:
    case: str
    point: str
    flags: str
    day: str
    check: str
    arg: str
    expect: bool


def grid() -> list[Row]:
    with GRID.open(newline="", encoding="utf-8") as handle:
        return [Row(r["case"], r["point"], r["flags"], r["day"], r["check"], r["arg"], r["expect"] == "yes")
                for r in csv.DictReader(handle)]


ROWS = grid()


@lru_cache(maxsize=None)
def person(flags: str) -> Profile:
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_profile_flags(parser)
    return profile_from_flags(parser.parse_args(flags.split()))


def _item(spec: str) -> dict:
    """"sr:01129@1 large", "sr:05064@85g", "supplement@1000/day" as a plan-file item."""
    what, amount = spec.split("@")
    if what == "supplement":
        ug, every = amount.split("/")
        return {"supplement": "B12 supplement", "ug": float(ug), "every": every}
    grams = re.fullmatch(r"([\d.]+)g", amount)
    return {"food": what, "grams": float(grams.group(1))} if grams else {"food": what, "portion": amount, "count": 1}


@lru_cache(maxsize=None)
def planned(flags: str, day: str):
    """The plan file a person would save with this day, opened and totalled as the app does."""
    meals: dict[str, list[dict]] = {}
    for part in filter(None, day.split(";")):
        meal, spec = part.split("=")
        meals.setdefault(meal, []).append(_item(spec))
    document = {"version": 1, "name": "Grid", "profile": profile_json(person(flags)),
                "days": [{"label": "Day 1", "meals": [{"name": m, "items": items} for m, items in meals.items()]}],
                "foods": {}}
    catalog = bundled_foods()
    return plan_totals(parse_plan(json.dumps(document), catalog), catalog)


@lru_cache(maxsize=None)
def suggestions(flags: str, day: str) -> Suggestions:
    profile = person(flags)
    if day.startswith("intake="):
        current = CurrentDay.from_intake(float(day.removeprefix("intake=")))
    elif day:
        current = CurrentDay.from_day(planned(flags, day).days[0])
    else:
        current = CurrentDay()
    index = bundled_search_index()
    return suggest(profile, bundled_foods().values(), current, index)


def _note_kind(name: str) -> type | notes.TargetNote:
    return notes.TargetNote[name] if name in notes.TargetNote.__members__ else getattr(notes, name)


def _has_note(found: tuple, name: str) -> bool:
    kind = _note_kind(name)
    return any(note is kind if isinstance(kind, notes.TargetNote) else isinstance(note, kind) for note in found)


def holds(row: Row) -> bool:
    """Whether what the row names happens for its person (the row says whether it must)."""
    profile = person(row.flags)
    catalog = bundled_foods()
    if row.check == "offers":
        matching = [f for f in catalog.values() if re.search(row.arg, f.description.lower())]
        assert matching, f"{row.case}: no food matches {row.arg!r}"
        return any(blocked_reason(food, profile) is None for food in matching)
    if row.check == "left_out":
        return exclusion_reason(catalog.get_food(row.arg), profile.exclude) is not None
    if row.check == "warns":
        food_id, *about = row.arg.split("|")
        warning = planned_food_warning(catalog.get_food(food_id), profile)
        if warning is None:
            return False
        for word in about:  # "CDC": the source cites it; "!Pregnant": it must not
            assert (word[1:] not in warning.source) if word.startswith("!") else (word in warning.source), \
                f"{row.case}: {warning.source!r} and {word!r}"
        return True
    if row.check == "search_hides":
        query, food_id = row.arg.split("|")
        everyone = bundled_search_index().find(query, limit=50)
        assert food_id in [f.id for f in everyone.foods], f"{row.case}: {query!r} does not find {food_id}"
        shown = bundled_search_index().find(query, diet=profile.diet, limit=50)
        return food_id not in [f.id for f in shown.foods]
    if row.check == "target_note":
        return _has_note(suggestions(row.flags, row.day).target.notes, row.arg)
    if row.check == "totals_note":
        return _has_note(planned(row.flags, row.day).notes, row.arg)
    if row.check == "totals_clinical":
        average = planned(row.flags, row.day).average
        return average.clinical is not None and average.clinical.value == row.arg
    if row.check == "item_caveat":
        food_id, kind = row.arg.split("|")
        items = [i for m in planned(row.flags, row.day).days[0].meals for i in m.items if i.key == food_id]
        assert items, f"{row.case}: {food_id} is not planned"
        return any(isinstance(c, getattr(notes, kind)) for item in items for c in item.caveats)
    if row.check == "staple":
        kind, maker = row.arg.split("|", 1)
        ranking = rank_sources(catalog.values(), profile, bundled_search_index())
        staple = [s for s in ranking.planned_from if s.staple == kind]
        assert staple, f"{row.case}: no {kind} staple"
        return bool(re.search(maker, " ".join((staple[0].food.description, *staple[0].food.common_names)).lower()))
    result = suggestions(row.flags, row.day)
    if row.check == "note":
        return _has_note(result.notes, row.arg)
    if row.check == "first_note":
        return bool(result.notes) and _has_note(result.notes[:1], row.arg)
    if row.check == "verdict_has":
        return row.arg in verdict_text(result.status_after, result.absorption_status_after, result.target,
                                       result.absorption_goal_ug, result.clinical)
    if row.check == "clinical":
        return result.clinical is not None and result.clinical.value == row.arg
    if row.check == "supplement_options":
        return len(result.supplements) == int(row.arg)
    if row.check == "plan_free":
        return any(a.every is not None or catalog.get_food(a.id).fortified for a in result.plan)
    if row.check == "plan_counts":
        wanted = dict(part.split("=") for part in row.arg.split())
        supplements = sum(1 for a in result.plan if a.every is not None)
        return (supplements, len(result.plan) - supplements) == (int(wanted["supplements"]), int(wanted["foods"]))
    if row.check == "plan_in_meal_order":
        assert len({a.meal for a in result.plan}) > 1, f"{row.case}: the plan has one meal only"
        order = [MEAL_ORDER.index(a.meal) for a in result.plan]
        return order == sorted(order)
    raise AssertionError(f"{row.case}: unknown check {row.check!r}")


@pytest.mark.parametrize("row", ROWS, ids=[row.case for row in ROWS])
def test_advice_grid(row: Row):
    assert holds(row) is row.expect, f"{row.case} ({row.point}): {row.check} {row.arg!r} should be {row.expect}"


def test_the_grid_covers_sixty_people_and_every_point_both_ways():
    assert len({row.flags + row.day for row in ROWS}) >= 60
    assert len({row.case for row in ROWS}) == len(ROWS)
    ages = [person(row.flags).total_months for row in ROWS]
    assert min(ages) <= 6 and max(ages) >= 90 * 12
    by_point: dict[str, set[bool]] = {}
    for row in ROWS:
        by_point.setdefault(row.point, set()).add(row.expect)
    assert all(expects == {True, False} for expects in by_point.values()), by_point


# ---- diet labels, snapshot-wide ------------------------------------------------------------------------

# Words that name a meat, kept here on purpose apart from planner/diet.py's lists.
MEAT_WORDS = re.compile(
    r"\b(?:beef|steaks?|sirloin|pork|bacon|ham|sausages?|pepperoni|salami|chicken|turkey|veal|lamb|mutton|venison|"
    r"moose|caribou|elk|bison|whale|seal|walrus|bear|rabbit|duck|goose|meatballs?|meat|hot dogs?|frankfurters?|"
    r"bologna|chorizo|jerky|gelatin|lard)\b")
# Names that hold a meat word and are no meat, each for a reason a person would give.
NOT_MEAT = re.compile(
    r"^egg, (?:duck|goose|turkey)\b"  # birds' eggs
    r"|steak (?:fries|cut)"  # potatoes cut thick
    r"|\b(?:relish|rolls?|buns?), (?:hamburger or )?hot dog|^rolls, hamburger or hot dog|\bhot dog bun"  # with one
    r"|^sauce, (?:duck|steak)\b|^(?:duck|steak) sauce\b"  # sauces named for what they go with
    r"|\bbear naked\b|\bslim-a-bear\b"  # brand names
    r"|^(?:morningstar farms|worthington|loma linda)\b"  # meat analogues
    r"|\b(?:meatless|imitation|vegetarian|veggie|flavou?r(?:ed)?|style|coconut meat|nut meat|grated meat|soy|"
    r"meat substitute)\b")


def test_no_food_named_for_a_meat_is_labelled_vegetarian_or_vegan():
    wrong = [(food.id, food.description, food.diet.value) for food in bundled_foods().values()
             if MEAT_WORDS.search(food.description.lower()) and not NOT_MEAT.search(food.description.lower())
             and food.diet in (DietMode.VEGAN, DietMode.VEGETARIAN)]
    assert wrong == []
