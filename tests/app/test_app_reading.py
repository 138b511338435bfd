"""What a person reads and does on the day view (issue 17): numbers in words, messages beside the
control that caused them, adds that merge, forms that clear, buttons that say what they add."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.snapshot import bundled_foods
from planner.totals import plan_totals
from tests.support.apptest import (
    button,
    chart_data,
    cited_food_id,
    confirmations,
    item_lines_html,
    label_of,
    metric_of,
    plan,
    search_and_add,
    show_panel,
    shown,
    source_rows,
    text_input,
    whole_page,
)
from tests.support.rendered import rendered
from ui.details import SOURCES_AT_FIRST
from ui.session import Key, upload_key


def number_input(at: AppTest, label: str):
    return next(n for n in at.number_input if n.label == label)


def selectbox(at: AppTest, label: str):
    return next(s for s in at.selectbox if s.label == label)


def add_weekly_supplement(at: AppTest, ug: float, meal: str) -> None:
    at.toggle(key=Key.SHOW_SUPPLEMENT).set_value(True).run()
    number_input(at, "µg per dose").set_value(ug)
    selectbox(at, "Every").set_value("week")
    selectbox(at, "Taken with").set_value(meal)
    button(at, "Add supplement").click().run()
    assert not at.exception


# ---- numbers that read right ---------------------------------------------------------------------

def test_the_gap_reads_in_words_without_an_arrow(at):
    target = metric_of(at, "Target")
    assert target.proto.delta == "2.40 µg short of 2.4 µg" and target.proto.color == target.proto.ORANGE
    search_and_add(at, "beef liver braised")  # 47.99 µg
    target = metric_of(at, "Target")
    assert target.proto.delta == "45.59 µg above 2.4 µg"
    absorbed = metric_of(at, "Absorbed (estimate)")
    assert re.fullmatch(r"\d+\.\d\d of the 1\.20 µg goal", absorbed.proto.delta)
    assert target.proto.color == target.proto.GREEN  # met: green, with no arrow
    for shown_metric in (target, absorbed):
        assert shown_metric.proto.direction == shown_metric.proto.NONE


def test_a_weekly_supplement_reads_as_its_daily_share_in_its_meal(at):
    add_weekly_supplement(at, 2000.0, "lunch")
    assert metric_of(at, "B12 eaten").value == "285.71 µg"
    show_panel(at, "Where the B12 comes from")
    assert any("2,000 µg weekly = 285.71 µg a day" in text for text in shown(at.markdown))
    meals = {row["meal"]: row["b12_ug"] for row in chart_data(at)[0] if "meal" in row}
    assert meals["lunch"] == pytest.approx(285.714) and "supplements" not in meals  # drawn in its meal
    assert len(chart_data(at)) == 1  # the by-meal chart only: the dose is not drawn as a food
    assert not any("2000.00" in text or "2000 µg" in text for text in shown(at.markdown) + shown(at.caption))


def test_an_empty_day_says_it_is_empty_and_what_still_counts(at):
    add_weekly_supplement(at, 2000.0, "breakfast")
    button(whole_page(at), "Add a day").click().run()
    at.selectbox(key=Key.DAY_PICK).set_value(1).run()
    info = shown(at.info)
    assert any(text.startswith("Nothing is planned for Day 2 yet.") and "listed on Day 1, still counts" in text
               for text in info)
    assert not any(text.startswith("Meets") for text in shown(at.success))  # no verdict on an empty day


# ---- actions that do what people expect -----------------------------------------------------------

def test_adding_the_same_food_again_merges_and_says_so(at):
    text_input(at, "Search foods").input("whole milk")
    button(at, "Search").click().run()
    at.button(key=Key.ADD_FOOD).click().run()
    selectbox(whole_page(at), "Meal").set_value("breakfast")  # an add moves the meal on to one with less B12
    at.button(key=Key.ADD_FOOD).click().run()  # the panel is still on screen in a browser
    assert not at.exception
    items = [item for meal in plan(at).days[0].meals for item in meal.items]
    assert len(items) == 1 and items[0].count == 2 and items[0].portion == "1 cup"
    assert confirmations(at)[-1].endswith("at breakfast is now 2 × 1 cup (488 g): it was there already.")
    assert metric_of(at, "B12 eaten").value == "2.64 µg"  # FNDDS's Milk, whole: 0.54 µg/100 g × 488 g


def test_the_supplement_form_clears_after_an_add(at):
    at.toggle(key=Key.SHOW_SUPPLEMENT).set_value(True).run()
    text_input(at, "Supplement").input("Methyl B12 drops")
    number_input(at, "µg per dose").set_value(500.0)
    button(at, "Add supplement").click().run()
    assert not at.exception
    assert [i.supplement for m in plan(at).days[0].meals for i in m.items] == ["Methyl B12 drops"]
    assert text_input(at, "Supplement").value == "B12 (cyanocobalamin)"  # ready for the next one
    assert number_input(at, "µg per dose").value == 10.0
    button(at, "Add supplement").click().run()  # a second submit adds the default, not the first again
    assert [i.supplement for m in plan(at).days[0].meals for i in m.items] == ["Methyl B12 drops",
                                                                              "B12 (cyanocobalamin)"]


def test_the_label_form_clears_after_an_add(at):
    at.toggle(key=Key.SHOW_CUSTOM).set_value(True).run()
    text_input(at, "Name on the label").input("Oat drink, fortified")
    number_input(at, "B12 per serving").set_value(1.0)
    button(at, "Add food from label").click().run()
    assert not at.exception
    assert "custom:oat-drink-fortified" in plan(at).foods
    assert text_input(at, "Name on the label").value == ""
    assert number_input(at, "B12 per serving").value == 0.0


def test_the_days_items_read_as_text_each_with_its_whole_source(at):
    """The table to read escapes every name (a label's name is the person's text) and cuts no source."""
    search_and_add(at, "whole milk")
    whole_page(at).toggle(key=Key.SHOW_CUSTOM).set_value(True).run()
    text_input(at, "Name on the label").input("<b>Oat</b> drink [x](http://x)")
    number_input(at, "B12 per serving").set_value(1.0)
    button(at, "Add food from label").click().run()
    assert not at.exception
    table = rendered("".join(item_lines_html(at)))
    assert "<b>Oat</b> drink [x](http://x)" in table.as_read  # as typed: no bold, no link
    assert "b" not in table.tags and "a" not in table.tags
    assert "USDA FNDDS 2021–2023, food code 11111000" in table.as_read  # "whole milk" finds FNDDS's
    assert "1 cup" in table.as_read and "1 × " not in table.as_read  # one cup, as said


def test_every_add_button_says_what_it_adds_and_where(at):
    search_and_add(at, "whole milk")
    adds = [b for b in show_panel(at, "What to add").button if label_of(b).startswith("Add")]
    assert "Add" not in [label_of(b) for b in adds]  # no bare "Add"
    for section in ("plan_add_", "source_add_"):  # no two alike within a list
        labels = [label_of(b) for b in adds if (b.key or "").startswith(section)]
        assert len(labels) == len(set(labels)) > 0
    result = suggest(plan(at).profile, bundled_foods().values(),
                     CurrentDay.from_day(plan_totals(plan(at), bundled_foods()).days[0]), bundled_search_index())
    assert len(result.sources) > SOURCES_AT_FIRST  # the first few listed, the rest one switch away
    for every in (False, True):
        at.toggle(key=Key.ALL_SOURCES).set_value(every).run()
        assert at.toggle(key=Key.ALL_SOURCES).label == f"Show all {len(result.sources)} sources"
        sources = [b for b in at.button if (b.key or "").startswith("source_add_")]
        listed = result.sources if every else result.sources[:SOURCES_AT_FIRST]
        assert [cited_food_id(row) for row in source_rows(at)] == [source.food.id for source in listed]
        for shown_button, source in zip(sources, listed, strict=True):
            words, meal = label_of(shown_button).rsplit(" to ", 1)
            assert source.serving.label in words and source.food.description.split(",")[0] in words
            assert meal in source.meals  # a meal that suits the food (no burger at breakfast)
    assert label_of(whole_page(at).button(key=Key.ADD_FOOD)).startswith("Add Milk, whole")


def test_a_vegan_day_never_sends_an_analogue_to_breakfast(at):
    whole_page(at).selectbox(key=Key.DIET).set_value("vegan").run()
    show_panel(at, "What to add")
    meals = {label_of(b).rsplit(" to ", 1)[1]: label_of(b) for b in at.button
             if (b.key or "").startswith(("source_add_", "plan_add_")) and b.key != "plan_add_all"}
    for meal, label in meals.items():
        if re.search(r"burger|sausage|patty|meatless|analog", label, re.I):
            assert meal != "breakfast", label
    assert meals  # the day's suggestions were on the page


# ---- inputs that cannot disagree with the target -------------------------------------------------------

# ---- messages beside the control -------------------------------------------------------------------------

def test_a_refused_file_is_explained_right_above_a_fresh_uploader_in_plain_words(at):
    bad = json.dumps({"version": 1, "profile": {"age_years": 30, "sex": "female"},
                      "days": [{"label": "Mon", "meals": [{"name": "lunch", "items": [{"food": "sr:13326",
                                                                                       "grams": -5}]}]}]})
    uploader = show_panel(at, "Save, export, open").file_uploader(key=upload_key(0))
    uploader.upload("bad.json", bad.encode(), "application/json").run()
    assert not at.exception
    elements = _in_page_order(at.main)
    uploader = next(i for i, element in enumerate(elements) if element.type == "file_uploader")
    refusal = elements[uploader - 1]  # just above it, where the eye is
    assert refusal.type == "error"
    assert elements[uploader].key == upload_key(1) and not at.session_state[upload_key(1)]  # empty: not accepted
    text = shown([refusal])[0]
    assert text.startswith("bad.json was not loaded; your current plan is unchanged.")
    assert "Day 1, meal 1, item 1, grams:" in text and "$" not in text  # plain words, no JSON path


def _in_page_order(node) -> list:
    out = []
    for child in getattr(node, "children", {}).values():
        if getattr(child, "children", None):
            out += _in_page_order(child)
        else:
            out.append(child)
    return out


def test_opening_a_plan_file_redraws_the_sidebar_with_its_person(at):
    """A file replaces the plan, profile included. (AppTest runs the whole page on an upload either way;
    tests/test_browser.py checks that the browser's sidebar follows.)"""
    document = {"version": 1, "name": "Grandad", "profile": {"age_years": 72, "sex": "male"},
                "days": [{"label": "Mon", "meals": [{"name": "breakfast", "items": [{"food": "sr:01077",
                                                                                     "grams": 244}]}]}]}
    uploader = show_panel(at, "Save, export, open").file_uploader(key=upload_key(0))
    uploader.upload("grandad.json", json.dumps(document).encode(), "application/json")
    at.run()
    assert not at.exception
    assert at.number_input(key=Key.AGE).value == 72 and at.radio(key=Key.SEX).value == "male"
    assert any("51+ years" in text for text in shown(at.sidebar.markdown))  # the target the sidebar shows
    assert text_input(at, "Plan name").value == "Grandad"
    assert [h.value for h in at.header if h.value.endswith("at a glance")] == ["Mon at a glance"]


def test_a_refused_label_keeps_what_was_typed_and_says_why_beside_the_form(at):
    at.toggle(key=Key.SHOW_CUSTOM).set_value(True).run()
    number_input(at, "B12 per serving").set_value(1.5)
    button(at, "Add food from label").click().run()  # no name: refused
    assert not at.exception
    assert not any(m.items for m in plan(at).days[0].meals)
    assert number_input(at, "B12 per serving").value == 1.5  # nothing to type again
    elements = _in_page_order(at.main)
    submit = next(i for i, e in enumerate(elements) if getattr(e, "label", "") == "Add food from label")
    following = [e for e in elements[submit + 1:] if e.type == "error"]
    assert following and "name" in shown(following[:1])[0].lower()  # right after the form, not at the top
