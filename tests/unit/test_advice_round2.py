"""Advice round 2 where the grid cannot reach: the same fact in every view (a newer value in
`food`, the totals, the CSV and the report; the clinical verdict in the totals, JSON and CSV), plan
files that spell absorption either way and keep the new profile flags, the absorption estimate of
food-bound B12, and a day plan in meal order."""

from __future__ import annotations

import json

import pytest

from planner import notes
from planner.absorption import FOOD_BOUND_RELEASE, absorbed_ug, meal_absorbed_ug
from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.cli import main
from planner.export import ExportFormat, export_file
from planner.jsonshapes import profile_json, suggestions_json, totals_json
from planner.planfile import parse_plan
from planner.profile import Absorption, Profile, Sex
from planner.results import Clinical, Status
from planner.totals import plan_totals
from tests.support.plans import plan_document

CLAMS, TURKEY, EGG, CHICKEN = "sr:15159", "sr:05711", "sr:01129", "sr:05064"


def _plan(catalog, items, **profile):
    document = plan_document([[("lunch", items)]], profile={"age_years": 60, "sex": "female", **profile})
    return parse_plan(json.dumps(document), catalog)


@pytest.mark.parametrize("food_id,data_ug,newer_ug", [(CLAMS, "84.1", "17"), (TURKEY, "1.5", "0.3")])
def test_a_newer_value_shows_in_every_view(catalog, capsys, food_id, data_ug, newer_ug):
    plan = _plan(catalog, [{"food": food_id, "grams": 85}])
    assert main(["food", food_id]) == 0
    said = capsys.readouterr().out
    assert f"{data_ug} µg per 3 oz" in said and f" {newer_ug} µg" in said
    item = plan_totals(plan, catalog).days[0].meals[0].items[0]
    assert notes.NewerValue in [type(c) for c in item.caveats]
    for kind in (ExportFormat.CSV, ExportFormat.HTML):
        text = export_file(plan, catalog, kind).decode("utf-8")
        assert f"{data_ug} µg per 3 oz" in text and f" {newer_ug} µg" in text, kind
    caveat = totals_json(plan_totals(plan, catalog))["days"][0]["meals"][0]["items"][0]["caveat"]
    assert "the planner counts the record's value" in caveat


def test_turkey_with_added_solution_carries_no_newer_value(catalog):
    plan = _plan(catalog, [{"food": "sr:05709", "grams": 85}])
    assert plan_totals(plan, catalog).days[0].meals[0].items[0].caveats == ()


@pytest.mark.parametrize("spelling", ["food_bound", "food-bound"])
def test_plan_files_take_food_bound_either_way(catalog, spelling):
    plan = _plan(catalog, [{"food": EGG, "grams": 50}], absorption=spelling)
    assert plan.profile.absorption is Absorption.FOOD_BOUND


def test_the_new_profile_flags_survive_a_plan_file(catalog):
    profile = Profile(70, Sex.MALE, immunocompromised=True, metformin=True)
    document = plan_document([[("lunch", [])]], profile=profile_json(profile))
    assert parse_plan(json.dumps(document), catalog).profile == profile
    old = plan_document([[("lunch", [])]], profile={"age_years": 70, "sex": "male"})
    reopened = parse_plan(json.dumps(old), catalog).profile
    assert (reopened.immunocompromised, reopened.metformin) == (False, False)  # files from before open as before


@pytest.mark.parametrize("flag", ["immunocompromised", "metformin"])
def test_the_new_profile_flags_are_true_or_false_in_plan_files(catalog, flag):
    document = plan_document([[("lunch", [])]], profile={"age_years": 70, "sex": "male", flag: "yes"})
    with pytest.raises(Exception) as refused:
        parse_plan(json.dumps(document), catalog)
    assert flag in str(refused.value)


def test_food_bound_b12_counts_a_quarter_and_free_b12_in_full():
    assert meal_absorbed_ug(2.0, 0.0, Absorption.FOOD_BOUND) == pytest.approx(absorbed_ug(2.0 * FOOD_BOUND_RELEASE))
    assert meal_absorbed_ug(0.0, 2.0, Absorption.FOOD_BOUND) == pytest.approx(absorbed_ug(2.0))
    assert meal_absorbed_ug(2.0, 1.0, Absorption.NORMAL) == pytest.approx(absorbed_ug(3.0))
    assert meal_absorbed_ug(2.0, 1.0, Absorption.NO_INTRINSIC_FACTOR) == pytest.approx(0.03)


def test_a_fortified_food_counts_its_added_b12_as_free(catalog):
    soy = catalog.get_food("sr:16139")  # all of its 0.85 µg/100 g was added (USDA nutrient 578)
    egg = catalog.get_food(EGG)
    assert soy.free_b12_ug(100) == pytest.approx(soy.b12_ug(100))
    assert egg.free_b12_ug(50) == 0.0
    normal = plan_totals(_plan(catalog, [{"food": "sr:16139", "grams": 243}]), catalog)
    food_bound = plan_totals(_plan(catalog, [{"food": "sr:16139", "grams": 243}], absorption="food_bound"), catalog)
    assert food_bound.days[0].absorbed_ug == pytest.approx(normal.days[0].absorbed_ug)  # free: no discount
    eggs = [{"food": EGG, "grams": 100}]
    assert plan_totals(_plan(catalog, eggs, absorption="food_bound"), catalog).days[0].absorbed_ug < \
        plan_totals(_plan(catalog, eggs), catalog).days[0].absorbed_ug


def test_without_intrinsic_factor_every_view_gives_the_clinical_verdict(catalog):
    plan = _plan(catalog, [{"food": CLAMS, "grams": 85}], absorption="no_intrinsic_factor")
    totals = plan_totals(plan, catalog)
    assert totals.days[0].status is Status.MEETS_TARGET  # the intake meets it ...
    assert totals.days[0].clinical is Clinical.NEEDS_CLINICIAN  # ... and that is not what counts
    assert isinstance(totals.notes[0], notes.WithoutIntrinsicFactor)
    shaped = totals_json(totals)
    assert shaped["days"][0]["clinical"] == "needs_clinician" and "Meets" not in shaped["days"][0]["status_text"]
    for kind in (ExportFormat.CSV, ExportFormat.HTML):
        text = export_file(plan, catalog, kind).decode("utf-8")
        assert "see a clinician" in text and "Meets the" not in text, kind


def test_treatment_in_place_is_recognised_in_totals_and_suggestions(catalog):
    plan = _plan(catalog, [{"supplement": "B12 1000", "ug": 1000, "every": "day"}], absorption="no_intrinsic_factor")
    totals = plan_totals(plan, catalog)
    assert totals.average.clinical is Clinical.TREATMENT_IN_PLACE
    assert notes.TreatmentInPlace(1000.0) in totals.notes
    result = suggest(plan.profile, catalog.values(), CurrentDay.from_day(totals.days[0]), bundled_search_index())
    assert result.clinical is Clinical.TREATMENT_IN_PLACE and result.plan == () and result.supplements == ()
    shaped = suggestions_json(result)
    assert shaped["clinical"] == "treatment_in_place" and shaped["needs_clinician"] is True
    assert "High-dose B12 is listed" in shaped["verdict"]


def test_a_day_plan_lists_its_meals_in_the_order_of_the_day(catalog):
    profile = Profile(30, Sex.FEMALE, pregnant=True, supplements_allowed=False)
    current = CurrentDay({"breakfast": 0.5, "lunch": 0.3})  # the first addition goes to dinner, the least
    result = suggest(profile, catalog.values(), current, bundled_search_index())
    meals = [addition.meal for addition in result.plan]
    assert len(set(meals)) > 1
    assert meals == sorted(meals, key=["breakfast", "lunch", "dinner", "snacks"].index)
