"""Totals: a hand-checked worked example, unknowns, unreliable sources, weekly supplements."""

from __future__ import annotations

import json

import pytest

from planner.jsonshapes import totals_json
from planner.notes import NoB12Value, NotReliable, VeganSocietyCheck, VeganWay
from planner.planfile import parse_plan
from planner.results import AbsorptionStatus, Status
from planner.totals import plan_totals
from planner.wording import intake_text, notes_text
from tests.support.plans import plan_document


def totals_of(document, catalog):
    return plan_totals(parse_plan(json.dumps(document), catalog), catalog)


def test_worked_example(catalog):
    # TOTAL 30 g = 20 µg/100 g × 0.30 = 6.000 µg; hard-boiled egg 50 g = 1.11 × 0.5 = 0.555 µg.
    # Absorbed: 1.5·6/(6+1.73) + 0.06 = 1.2243; 1.5·0.555/(0.555+1.73) + 0.00555 = 0.3699.
    document = plan_document([[("breakfast", [{"food": "sr:08077", "grams": 30}]),
                               ("dinner", [{"food": "sr:01129", "grams": 50}])]])
    totals = totals_of(document, catalog)
    day = totals.days[0]
    assert day.total_ug == pytest.approx(6.555)
    assert day.absorbed_ug == pytest.approx(1.5942, abs=1e-3)
    assert [m.total_ug for m in day.meals] == [pytest.approx(6.0), pytest.approx(0.555)]
    assert day.status is Status.MEETS_TARGET
    assert totals.absorption_goal_ug == pytest.approx(1.2)


def test_portion_times_count(catalog):
    # Beef liver, braised: 1 slice = 68 g at 70.58 µg/100 g -> 47.99 µg; two slices 95.99 µg
    document = plan_document([[("dinner", [{"food": "sr:13326", "portion": "1 slice", "count": 2}])]])
    assert totals_of(document, catalog).days[0].total_ug == pytest.approx(95.9888)


def test_unknown_items_are_not_counted_as_zero_silently(catalog):
    document = plan_document([[("lunch", [{"food": "sr:01077", "grams": 244},  # milk: 0.45/100 g
                                          {"food": "sr:01188", "grams": 30}])]])  # no B12 value
    totals = totals_of(document, catalog)
    day = totals.days[0]
    assert day.unknown_items == 1
    assert day.total_ug == pytest.approx(1.098)
    assert intake_text(day.total_ug, day.unknown_items) == "at least 1.10 µg; 1 item has no B12 value"
    assert totals_json(totals)["days"][0]["summary"].startswith("at least")
    item = day.meals[0].items[1]
    assert item.b12_ug is None and NoB12Value() in item.caveats
    assert "no B12 value" in totals_json(totals)["days"][0]["meals"][0]["items"][1]["caveat"]


def test_status_below_ear_only_where_an_ear_exists(catalog):
    adult = plan_document([[("lunch", [{"food": "sr:01077", "grams": 100}])]])  # 0.45 µg
    assert totals_of(adult, catalog).days[0].status is Status.BELOW_EAR
    efsa = plan_document([[("lunch", [{"food": "sr:01077", "grams": 100}])]],
                         profile={"age_years": 30, "sex": "female", "standard": "efsa"})
    totals = totals_of(efsa, catalog)
    assert totals.days[0].status is Status.BELOW_TARGET
    text = totals_json(totals)["average"]["status_text"]
    assert "adequate intake (AI)" in text and "not proof of inadequacy" in text


def test_between_ear_and_rda_is_below_target(catalog):
    # 2.2 µg from a daily supplement: above the EAR (2.0), below the RDA (2.4)
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 2.2, "every": "day"}])]])
    assert totals_of(document, catalog).days[0].status is Status.BELOW_TARGET


def test_weekly_supplement_is_spread_over_the_week(catalog):
    days = [[("breakfast", [{"supplement": "Cyanocobalamin", "ug": 2000, "every": "week"}])]]
    days += [[("breakfast", [])] for _ in range(6)]
    document = plan_document(days, profile={"age_years": 30, "sex": "male", "diet": "vegan"})
    totals = totals_of(document, catalog)
    assert len(totals.days) == 7
    for day in totals.days:
        assert day.total_ug == pytest.approx(2000 / 7)
        assert day.status is Status.MEETS_TARGET
        assert day.meals[0].name == "breakfast" and day.meals[0].standing_ug == pytest.approx(2000 / 7)
    assert totals.average.status is Status.MEETS_TARGET
    assert VeganSocietyCheck(VeganWay.WEEKLY_SUPPLEMENT) in totals.notes
    assert any("Vegan Society guidance met: a weekly supplement" in n for n in notes_text(totals.notes))


@pytest.mark.parametrize("length", [1, 3, 14])
def test_a_weekly_dose_is_a_standing_habit_whatever_the_plans_length(catalog, length):
    days = [[("breakfast", [{"supplement": "Cyanocobalamin", "ug": 2000, "every": "week"}])]]
    days += [[("breakfast", [])] for _ in range(length - 1)]
    totals = totals_of(plan_document(days, profile={"age_years": 30, "sex": "male", "diet": "vegan"}), catalog)
    assert [round(day.total_ug, 2) for day in totals.days] == [285.71] * length  # 2,000 / 7, never / 14


def test_liver_planned_in_pregnancy_warns_whatever_the_target_says(catalog):
    document = plan_document([[("dinner", [{"food": "sr:13326", "portion": "1 slice", "count": 1}])]],
                             profile={"age_years": 30, "sex": "female", "pregnant": True})
    totals = totals_of(document, catalog)
    day = totals.days[0]
    assert day.status is Status.MEETS_TARGET  # 48 µg of B12 ...
    assert any("not advised (pregnancy)" in w and "UK NHS" in w for w in notes_text(day.warnings))  # ... but liver
    # 68 g × 9,428 µg/100 g retinol (sr28_foods.csv) is about 6,411 µg, over the 3,000 µg upper limit
    assert any("6,411 µg of preformed vitamin A" in w and "3,000 µg" in w for w in notes_text(day.warnings))
    assert totals_json(totals)["days"][0]["warnings"] == notes_text(day.warnings)


def test_absorption_status_uses_the_goal(catalog):
    document = plan_document([[("breakfast", [{"food": "sr:01079", "portion": "1 cup", "count": 1}])]])
    day = totals_of(document, catalog).days[0]
    # 1.29 µg in one meal absorbs about 0.56 µg (the absorption model), below the 1.2 µg goal
    assert day.absorption_status is AbsorptionStatus.BELOW_GOAL


def test_vegan_society_fortified_foods_rule(catalog):
    # TOTAL 30 g (6 µg) at breakfast and SILK 1 cup at lunch: fortified at two meals, > 3 µg
    silk_cup = catalog.get_food("sr:16235").portions[0].label
    document = plan_document([[("breakfast", [{"food": "sr:08077", "grams": 30}]),
                               ("lunch", [{"food": "sr:16235", "portion": silk_cup, "count": 1}])]],
                             profile={"age_years": 30, "sex": "male", "diet": "vegan"})
    assert VeganSocietyCheck(VeganWay.FORTIFIED_FOODS) in totals_of(document, catalog).notes
    one_meal = plan_document([[("breakfast", [{"food": "sr:08077", "grams": 30}])]],
                             profile={"age_years": 30, "sex": "male", "diet": "vegan"})
    assert any("not yet met" in n for n in notes_text(totals_of(one_meal, catalog).notes))


def test_unreliable_sources_count_zero_and_say_why(catalog):
    # Tempeh has 0.08 µg/100 g in SR28, which does not count
    document = plan_document([[("lunch", [{"food": "sr:16114", "grams": 100}])]])
    totals = totals_of(document, catalog)
    assert totals.days[0].total_ug == 0
    assert totals.days[0].meals[0].items[0].b12_ug == pytest.approx(0.08)
    assert NotReliable("Tempeh") in totals.notes
    assert any(n.startswith("Tempeh does not count: seaweed") for n in notes_text(totals.notes))


def test_no_intrinsic_factor_uses_passive_route(catalog):
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 1000, "every": "day"}])]],
                             profile={"age_years": 70, "sex": "female", "intrinsic_factor": False})
    assert totals_of(document, catalog).days[0].absorbed_ug == pytest.approx(10.0)


def test_spreading_over_meals_absorbs_more(catalog):
    one = plan_document([[("breakfast", [{"supplement": "B12", "ug": 3, "every": "day"}])]])
    three = plan_document([[(meal, [{"supplement": "B12", "ug": 1, "every": "day"}])
                            for meal in ("breakfast", "lunch", "dinner")]])
    assert totals_of(three, catalog).days[0].absorbed_ug > totals_of(one, catalog).days[0].absorbed_ug


def test_average_over_days(catalog):
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 1, "every": "day"}])],
                              [("breakfast", [{"supplement": "B12", "ug": 3, "every": "day"}])]])
    totals = totals_of(document, catalog)
    assert totals.average.total_ug == pytest.approx(2.0)
    assert totals.average.status is Status.BELOW_TARGET


def test_totals_json_has_the_contract_shape(catalog):
    document = plan_document([[("breakfast", [{"food": "sr:08077", "grams": 30}])]])
    data = totals_json(totals_of(document, catalog))
    assert set(data) >= {"target", "days", "average", "notes"}
    assert set(data["target"]) >= {"life_stage", "target_ug", "kind", "ear_ug", "standard", "notes"}
    day = data["days"][0]
    assert set(day) >= {"label", "total_ug", "absorbed_ug", "unknown_items", "status", "meals"}
    assert set(day["meals"][0]) >= {"name", "total_ug", "absorbed_ug"}
    assert set(data["average"]) >= {"total_ug", "absorbed_ug", "status"}


@pytest.mark.parametrize("total,target,words", [(0.2, 2.4, "2.20 µg short of 2.4 µg"),
                                                (9.0, 2.4, "6.60 µg above 2.4 µg"),
                                                (2.4, 2.4, "exactly 2.4 µg"),
                                                (2.36, 2.4, "0.04 µg short of 2.4 µg")])
def test_the_gap_reads_in_words(total, target, words):
    from planner.wording import gap_text

    assert gap_text(total, target) == words


def test_absorption_reads_as_progress_to_the_goal():
    from planner.wording import absorption_progress_text

    assert absorption_progress_text(1.0, 1.2) == "1.00 of the 1.20 µg goal"
