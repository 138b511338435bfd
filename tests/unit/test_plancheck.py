"""check_plan: an edited plan obeys the plan file's rules, checked on the plan itself, and is
refused with the very problems loading the same plan from a file reports."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from planner.errors import PlanFileError
from planner.jsonshapes import plan_json
from planner.plan import Day, FoodItem, Meal, SupplementItem, add_item, new_plan
from planner.plancheck import check_plan
from planner.planfile import parse_plan
from planner.profile import Profile, Sex
from planner.units import Every
from tests.support.paths import FIXTURES
from tests.support.plans import custom_food

FIXTURES = sorted((FIXTURES / "plans").glob("*.json"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_every_plan_that_loads_passes_unchanged(fixture, catalog):
    plan = parse_plan(fixture.read_bytes(), catalog)
    assert check_plan(plan, catalog) == plan


def problems_of(plan, catalog) -> tuple[list[str], list[str]]:
    """What check_plan says of the plan, and what loading it from a file says."""
    with pytest.raises(PlanFileError) as checked:
        check_plan(plan, catalog)
    with pytest.raises(PlanFileError) as loaded:
        parse_plan(json.dumps(plan_json(plan), separators=(",", ":")), catalog)
    return checked.value.problems, loaded.value.problems


def with_items(*items, foods=()):
    plan = new_plan("Edited", Profile(30, Sex.FEMALE))
    for item in items:
        plan = add_item(plan, 0, "breakfast", item)
    return replace(plan, foods={food.id: food for food in foods})


def custom():
    from planner.jsonshapes import food_from_json

    return food_from_json(custom_food())


BROKEN = {
    "grams over 5 kg": with_items(FoodItem("sr:01077", grams=6000)),
    "grams of 0": with_items(FoodItem("sr:01077", grams=0)),
    "a count of 2,000": with_items(FoodItem("sr:01077", portion="1 cup", count=2000)),
    "a count that weighs over 5 kg": with_items(FoodItem("sr:01077", portion="1 cup", count=30)),
    "a portion the food lacks": with_items(FoodItem("sr:01077", portion="1 slice", count=1)),
    "an unknown food": with_items(FoodItem("sr:99999", grams=10)),
    "a supplement over 100,000 µg": with_items(SupplementItem("B12", 200_000, Every.DAY)),
    "a supplement of 0 µg": with_items(SupplementItem("B12", 0, Every.WEEK)),
    "a note over 300 characters": with_items(FoodItem("sr:01077", grams=10, note="x" * 301)),
    "a name with a lone surrogate": replace(new_plan("Edited \ud83d", Profile(30, Sex.FEMALE))),
    "an empty meal name": replace(new_plan("Edited", Profile(30, Sex.FEMALE)),
                                  days=(Day("Day 1", (Meal(" ", (FoodItem("sr:01077", grams=10),)),)),)),
    "no days": replace(new_plan("Edited", Profile(30, Sex.FEMALE)), days=()),
    "a food record with an empty name": with_items(FoodItem("custom:my-oat-milk", grams=10),
                                                   foods=[replace(custom(), description=" ")]),
    "a food record of impossible B12": with_items(FoodItem("custom:my-oat-milk", grams=10),
                                                  foods=[replace(custom(), b12_ug_per_100g=200_000.0)]),
}


@pytest.mark.parametrize("plan", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_edit_is_refused_with_the_problems_a_file_would_get(plan, catalog):
    checked, loaded = problems_of(plan, catalog)
    assert checked and checked == loaded


def test_nan_is_refused_as_a_file_refuses_it(catalog):
    with pytest.raises(PlanFileError, match=r"\$\.days\[0\]\.meals\[0\]\.items\[0\]\.grams: NaN is not a number"):
        check_plan(with_items(FoodItem("sr:01077", grams=float("nan"))), catalog)


def test_a_plan_over_the_size_limit_is_refused(catalog):
    plan = replace(new_plan("x" * 1_000_100, Profile(30, Sex.FEMALE)))
    checked, loaded = problems_of(plan, catalog)  # the file is refused for its size before it is read
    assert len(checked) == 1 and checked[0].startswith("$: the plan takes 1,000,")
    assert checked[0].endswith(" bytes as compact JSON; plans are at most 1,000,000")
    assert len(loaded) == 1 and loaded[0].startswith("$: the file is 1,000,")


def test_records_no_item_uses_are_dropped(catalog):
    plan = with_items(FoodItem("sr:01077", grams=10), foods=[custom()])
    assert check_plan(plan, catalog).foods == {}
