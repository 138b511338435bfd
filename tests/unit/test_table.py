"""The editable day table: rows carry µg and sources; its edits build a new, checked plan."""

from __future__ import annotations

import json

import pytest

from planner.errors import PlanFileError, PlannerError
from planner.plan import ItemEdit, edit_items
from planner.plancheck import check_plan
from planner.planfile import parse_plan
from planner.totals import plan_totals
from tests.support.plans import plan_document
from ui.table import day_rows, editable_rows, grid_edits

MEALS = ["breakfast", "lunch", "dinner", "snacks"]


@pytest.fixture
def plan(catalog):
    document = plan_document([[("breakfast", [{"food": "sr:08077", "grams": 30},
                                              {"food": "sr:01077", "portion": "1 cup", "count": 1}]),
                               ("lunch", [{"supplement": "B12", "ug": 10, "every": "day"}])]])
    return parse_plan(json.dumps(document), catalog)


def rows_of(plan, catalog):
    rows, refs = day_rows(plan_totals(plan, catalog).days[0])
    return editable_rows(rows, refs)


def apply_edits(plan, refs, edited_rows):
    return edit_items(plan, 0, grid_edits(refs, edited_rows), MEALS)


def test_rows_show_amounts_micrograms_and_sources(plan, catalog):
    rows, refs = rows_of(plan, catalog)
    assert [r["Amount"] for r in rows] == [30.0, 1.0, 10.0]
    assert [r["Unit"] for r in rows] == ["g", "× 1 cup", "µg, every day"]
    assert rows[0]["B12 (µg)"] == 6.0
    assert rows[0]["Source"] == ("USDA SR Legacy (SR28, 2016), NDB 08077 — B12 data from 2012; "
                                 "check today's label (fortified products are reformulated)")
    assert [(r.meal, r.index) for r in refs] == [("breakfast", 0), ("breakfast", 1), ("lunch", 0)]


def test_edit_amount_and_move(plan, catalog):
    _, refs = rows_of(plan, catalog)
    edited = apply_edits(plan, refs, {0: {"Amount": 60}, 1: {"Meal": "dinner"}})
    meals = {m.name: m.items for m in edited.days[0].meals}
    assert meals["breakfast"][0].grams == 60
    assert meals["dinner"][0].food == "sr:01077"
    assert len(meals["lunch"]) == 1  # untouched
    assert plan.days[0].meals[0].items[0].grams == 30  # the old plan is untouched


def test_a_rows_remove_drops_that_item_only(plan, catalog):
    """A row's Remove button is an edit of that item alone (ui.actions.remove_item)."""
    _, refs = rows_of(plan, catalog)
    edited = edit_items(plan, 0, [ItemEdit(refs[2].meal, refs[2].index, remove=True)], ())
    meals = {m.name: m.items for m in edited.days[0].meals}
    assert meals["lunch"] == () and len(meals["breakfast"]) == 2
    assert len(plan.days[0].meals[1].items) == 1  # the old plan is untouched


@pytest.mark.parametrize("edit", [{"Amount": 0}, {"Amount": -3}, {"Amount": "lots"}, {"Amount": None},
                                  {"Meal": "brunch"}])
def test_bad_edits_are_refused(plan, catalog, edit):
    _, refs = rows_of(plan, catalog)
    with pytest.raises(PlannerError):
        apply_edits(plan, refs, {0: edit})


def test_edits_obey_plan_file_limits(plan, catalog):
    _, refs = rows_of(plan, catalog)
    huge = apply_edits(plan, refs, {0: {"Amount": 9000}})
    with pytest.raises(PlanFileError, match="more than the 5000 g"):
        check_plan(huge, catalog)


def test_a_compact_plan_near_the_limit_can_still_be_edited(catalog):
    """Issue 12, finding 9: the limit is measured on the compact JSON, not on an indented copy."""
    from dataclasses import replace

    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 1.0, "every": "week"}] * 21_000)]])
    plan = parse_plan(json.dumps(document, separators=(",", ":")), catalog)
    assert check_plan(replace(plan, name="Renamed"), catalog).name == "Renamed"
