"""Forms that do not surprise (issue 25, items 3 and 4): an add starts the next one afresh, and a value
the planner cannot use is refused beside its field, in words, leaving the plan as it was."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import button, plan, shown, text_input, whole_page
from ui.session import Key


def number_input(at: AppTest, label: str):
    return next(n for n in at.number_input if n.label == label)


def selectbox(at: AppTest, label: str):
    return next(s for s in at.selectbox if s.label == label)


def search(at: AppTest, query: str) -> None:
    text_input(whole_page(at), "Search foods").input(query)
    button(at, "Search").click().run()
    assert not at.exception


def planned(at: AppTest) -> list[tuple[str, str]]:
    """(meal, food or supplement) of every item of the first day."""
    return [(meal.name, getattr(item, "food", None) or getattr(item, "supplement", ""))
            for meal in plan(at).days[0].meals for item in meal.items]


def test_how_many_starts_again_at_one_after_an_add(at):
    search(at, "eggs")
    number_input(at, "How many").set_value(2.0)
    at.button(key=Key.ADD_FOOD).click().run()
    assert not at.exception
    assert number_input(at, "How many").value == 1.0


def test_the_meal_moves_to_the_one_that_suits_the_food_after_an_add(at):
    search(at, "salmon")
    selectbox(at, "Meal").set_value("lunch")
    at.button(key=Key.ADD_FOOD).click().run()
    assert not at.exception
    assert [meal for meal, _ in planned(at)] == ["lunch"]
    # fish suits lunch or dinner (not breakfast), and lunch has its B12 now
    assert selectbox(at, "Meal").value == "dinner"


def add_supplement(at: AppTest, name: str, ug: float, every: str = "day") -> None:
    at.toggle(key=Key.SHOW_SUPPLEMENT).set_value(True).run()
    text_input(at, "Supplement").input(name)
    number_input(at, "µg per dose").set_value(ug)
    selectbox(at, "Every").set_value(every)
    button(at, "Add supplement").click().run()
    assert not at.exception


def test_the_supplement_form_is_set_back_after_an_add(at):
    add_supplement(at, "Methyl B12 drops", 2000.0, "week")
    assert planned(at) == [("breakfast", "Methyl B12 drops")]
    assert (text_input(at, "Supplement").value, number_input(at, "µg per dose").value,
            selectbox(at, "Every").value) == ("B12 (cyanocobalamin)", 10.0, "day")


@pytest.mark.parametrize("ug", [0.0, -3.0, 1e9], ids=["zero", "negative", "a-billion"])
def test_a_dose_outside_the_plan_formats_limits_is_refused_in_words(at, ug):
    add_supplement(at, "Methyl B12 drops", ug)
    assert planned(at) == []
    assert shown(at.error) == [f"A dose must be more than 0 µg and at most 100,000 µg (you entered "
                                           f"{ug:,g} µg). Nothing was added."]
    assert number_input(at, "µg per dose").value == ug  # kept, to correct


def test_a_supplement_without_a_name_is_refused_in_words(at):
    add_supplement(at, "   ", 10.0)
    assert planned(at) == []
    assert shown(at.error) == ["Give the supplement a name, e.g. B12 (cyanocobalamin). Nothing was added."]


@pytest.mark.parametrize("age", [-5, 999], ids=["negative", "too-old"])
def test_an_impossible_age_says_why_beside_it_and_keeps_the_profile(at, age):
    target_before = next(m.value for m in at.metric if m.label == "Target")
    at.sidebar.number_input(key=Key.AGE).set_value(age).run()
    assert not at.exception
    assert plan(at).profile.age_years == 30
    assert next(m.value for m in at.metric if m.label == "Target") == target_before
    assert shown(at.sidebar.error) == [f"Age must be between 0 and 120 years (got {age}). "
                                                   "The plan keeps the previous profile."]
    widgets = [w for w in at.sidebar if getattr(w, "key", None) or getattr(w, "type", "") == "error"]
    assert [getattr(w, "key", None) for w in widgets][:2] == [Key.AGE, None]  # the reason right below the age


def test_grams_start_again_at_100_after_an_add(at):
    search(at, "salmon")
    selectbox(at, "Portion").set_value("grams").run()
    number_input(at, "Grams").set_value(250.0).run()
    at.button(key=Key.ADD_FOOD).click().run()
    assert not at.exception
    assert [item.grams for meal in plan(at).days[0].meals for item in meal.items] == [250.0]
    assert number_input(at, "Grams").value == 100.0


def test_the_pick_row_keeps_its_widgets_from_one_add_to_the_next(at):
    """The amounts and the meal are set back on the same widgets, not drawn as new ones (a fresh key each add
    cost the browser about 16 ms an add, bench/browser.py); the value the browser is told is the one set back."""
    search(at, "eggs")
    pick_row = lambda: (at.number_input(key=Key.PICK_COUNT).id, at.selectbox(key=Key.PICK_MEAL).id)  # noqa: E731
    before = pick_row()
    number_input(at, "How many").set_value(3.0)
    at.button(key=Key.ADD_FOOD).click().run()
    assert not at.exception
    assert pick_row() == before
    how_many = number_input(at, "How many")
    assert how_many.value == 1.0 and how_many.proto.set_value and how_many.proto.value == 1.0
