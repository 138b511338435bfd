"""Foods typed from a label: µg or % Daily Value (2.4 µg now, 6 µg before 2020)."""

import pytest

from planner.custom import DailyValueBasis, LabelUnit, custom_food_from_label, custom_food_id
from planner.errors import PlannerError
from planner.food import DietMode


def test_micrograms_per_serving():
    food = custom_food_from_label("Oat drink", 250, 1.0, LabelUnit.MICROGRAMS)
    assert food.id == "custom:oat-drink" and food.data_type == "Custom"
    assert food.b12_ug_per_100g == pytest.approx(0.4)
    assert food.portion("1 serving (250 g)").grams == 250
    assert food.fortified and food.diet is DietMode.VEGAN


@pytest.mark.parametrize("basis,expected_ug", [(DailyValueBasis.CURRENT, 0.6), (DailyValueBasis.BEFORE_2020, 1.5)])
def test_percent_daily_value(basis, expected_ug):
    food = custom_food_from_label("Cereal", 30, 25, LabelUnit.PERCENT_DV, basis)
    assert food.b12_ug(30) == pytest.approx(expected_ug)
    assert "% DV" in food.source


def test_ids_stay_unique_in_a_plan():
    assert custom_food_id("Oat drink", ["custom:oat-drink"]) == "custom:oat-drink-2"
    assert custom_food_id("!!!") == "custom:food"


@pytest.mark.parametrize("kwargs,words", [
    (dict(name=" ", serving_g=30, b12_amount=1), "name"),
    (dict(name="x", serving_g=0, b12_amount=1), "Serving size"),
    (dict(name="x", serving_g=30, b12_amount=-1), "negative"),
    (dict(name="x", serving_g=30, b12_amount=float("nan")), "number"),
    (dict(name="x", serving_g=30, b12_amount=10**7), "more than any food"),
])
def test_bad_labels_are_refused(kwargs, words):
    with pytest.raises(PlannerError, match=words):
        custom_food_from_label(unit=LabelUnit.MICROGRAMS, **kwargs)


def test_a_typed_seaweed_is_still_unreliable():
    assert custom_food_from_label("Nori sheets", 3, 2, LabelUnit.MICROGRAMS).unreliable
