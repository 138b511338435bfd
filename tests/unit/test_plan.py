"""Pure plan edits: adding the same food twice merges into one item by the same measure."""

from __future__ import annotations

from planner.plan import FoodItem, SupplementItem, add_or_merge, new_plan
from planner.profile import Profile, Sex


def empty():
    return new_plan("Test", Profile(30, Sex.FEMALE))


def test_the_same_food_by_the_same_measure_is_summed():
    plan, _ = add_or_merge(empty(), 0, "breakfast", FoodItem("sr:01077", portion="1 cup", count=1))
    plan, now = add_or_merge(plan, 0, "breakfast", FoodItem("sr:01077", portion="1 cup", count=0.5))
    assert plan.days[0].meals[0].items == (FoodItem("sr:01077", portion="1 cup", count=1.5),)
    assert now.count == 1.5


def test_grams_are_summed_and_other_measures_or_meals_stay_apart():
    plan, _ = add_or_merge(empty(), 0, "lunch", FoodItem("sr:01077", grams=100))
    plan, _ = add_or_merge(plan, 0, "lunch", FoodItem("sr:01077", grams=50))
    plan, _ = add_or_merge(plan, 0, "lunch", FoodItem("sr:01077", portion="1 cup", count=1))
    plan, _ = add_or_merge(plan, 0, "dinner", FoodItem("sr:01077", grams=50))
    lunch, dinner = plan.days[0].meals[1], plan.days[0].meals[2]
    assert lunch.items == (FoodItem("sr:01077", grams=150), FoodItem("sr:01077", portion="1 cup", count=1))
    assert dinner.items == (FoodItem("sr:01077", grams=50),)


def test_supplements_are_never_merged():
    tablet = SupplementItem("B12", 10)
    plan, _ = add_or_merge(empty(), 0, "breakfast", tablet)
    plan, _ = add_or_merge(plan, 0, "breakfast", tablet)
    assert plan.days[0].meals[0].items == (tablet, tablet)
