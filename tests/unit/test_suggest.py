"""Advice a dietitian would show a client (issue "Advice a dietitian would show").

The foods that must never be offered are named here by hand-typed NDB, each with its reason,
not found through the rules under test. Targets come from the IOM/NIH table.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from planner.advice.dayplan import CurrentDay
from planner.advice.ranking import candidate_sources
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.caveats import food_caveats
from planner.cli import main
from planner.exclusions import ingredients_unknown
from planner.food import DietMode
from planner.jsonshapes import suggestions_json
from planner.notes import NewerValue
from planner.planfile import parse_plan
from planner.profile import Absorption, Profile, Sex
from planner.results import AbsorptionStatus, Status
from planner.serving import GRAMS_PER_OZ, serving_for
from planner.snapshot import bundled_foods
from planner.totals import plan_totals
from planner.wording import caveats_text, notes_text
from tests.support.plans import plan_document

FOODS = list(bundled_foods().values())
INDEX = bundled_search_index()

NEVER_SUGGESTED = {  # sr NDB -> why it must never be offered to anyone (the never-suggest list)
    "01139": "raw goose egg",
    "01160": "raw salted frozen egg yolk",
    "01123": "raw egg (suggest the cooked form)",
    "05621": "raw emu",
    "05624": "emu steak (game)",
    "17199": "raw lamb liver",
    "15167": "raw oysters",
    "15049": "raw king mackerel (highest mercury)",
    "15200": "king mackerel, cooked (highest mercury)",
    "15111": "swordfish (highest mercury)",
    "17196": "lamb kidneys (odd offal)",
    "17198": "veal kidneys (odd offal)",
    "17186": "lamb brain (odd offal)",
    "05022": "giblets (odd offal)",
    "14062": "ENSURE (medical nutrition product)",
    "43528": "ENSURE PLUS (medical nutrition product)",
    "01250": "Nutritional supplement for people with diabetes",
    "01094": "dried buttermilk (dried animal ingredient)",
    "01092": "dry milk (dried animal ingredient)",
    "03805": "infant formula",
    "03002": "baby food",
}
PREGNANCY_NEVER = {
    "05028": "chicken liver (NHS: no liver in pregnancy)",
    "13326": "beef liver",
    "01229": "queso blanco (possibly unpasteurised soft cheese)",
    "01228": "queso fresco",
    "01006": "brie (mould-ripened)",
    "15179": "lox (refrigerated smoked seafood)",
    "07022": "an unheated hot dog",
}
GRID = {
    "child 2": Profile(2, Sex.FEMALE),
    "child 6": Profile(6, Sex.MALE),
    "teen 16": Profile(16, Sex.FEMALE),
    "adult 30": Profile(30, Sex.MALE),
    "pregnant": Profile(30, Sex.FEMALE, pregnant=True),
    "breastfeeding": Profile(30, Sex.FEMALE, lactating=True),
    "45": Profile(45, Sex.FEMALE),
    "70": Profile(70, Sex.MALE),
    "food-bound": Profile(40, Sex.FEMALE, absorption=Absorption.FOOD_BOUND),
}
CASES = [(label, diet) for label in GRID for diet in DietMode]


def run(profile: Profile, current: CurrentDay | None = None):
    return suggest(profile, FOODS, current or CurrentDay(), INDEX)


def ndb(food_id: str) -> str:
    return food_id.removeprefix("sr:")


@pytest.fixture(scope="module")
def answers():
    return {(label, diet): run(replace(GRID[label], diet=diet)) for label, diet in CASES}


@pytest.mark.parametrize("label,diet", CASES, ids=[f"{label}-{diet.value}" for label, diet in CASES])
def test_grid_never_offers_unsafe_or_odd_foods(answers, label, diet):
    result = answers[(label, diet)]
    profile = GRID[label]
    offered = {ndb(s.id) for s in result.sources} | {ndb(a.id) for a in result.plan if not a.every}
    assert not offered & set(NEVER_SUGGESTED), {n: NEVER_SUGGESTED[n] for n in offered & set(NEVER_SUGGESTED)}
    if profile.pregnant:
        assert not offered & set(PREGNANCY_NEVER), {n: PREGNANCY_NEVER[n] for n in offered & set(PREGNANCY_NEVER)}
    for food in (s.food for s in result.sources):
        assert diet.allows(food.diet) and (diet is not DietMode.VEGAN or food.fortified)
    plan_foods = [bundled_foods().get_food(a.id) for a in result.plan if not a.every]
    assert all(food.everyday or food.fortified for food in plan_foods)
    assert result.status_after is Status.MEETS_TARGET, result.notes


@pytest.mark.parametrize("label,diet", CASES, ids=[f"{label}-{diet.value}" for label, diet in CASES])
def test_grid_shows_the_everyday_staples_of_the_diet(answers, label, diet):
    staples = {s.staple for s in answers[(label, diet)].sources if s.staple}
    if diet is DietMode.VEGAN:
        assert {"fortified cereal"} <= staples
        assert staples & {"fortified soy milk", "fortified almond milk", "fortified rice milk"}
    else:
        assert {"milk", "yogurt", "cheese"} <= staples
        if diet in (DietMode.PESCATARIAN, DietMode.OMNIVORE):
            assert {"salmon", "tuna"} <= staples
        if diet is DietMode.OMNIVORE:
            assert "beef" in staples


@pytest.mark.parametrize("label", ["child 2", "child 6"])
def test_children_get_cacfp_servings(answers, label):
    # CACFP per meal: ages 1–2 1 oz of meat or fish and ½ cup of milk; ages 6+ 2 oz and 1 cup (USDA CACFP)
    ounces, cups = (1.0, 0.5) if label == "child 2" else (2.0, 1.0)
    sources = {s.staple: s for s in answers[(label, DietMode.OMNIVORE)].sources}
    assert sources["salmon"].serving.grams == pytest.approx(ounces * GRAMS_PER_OZ)
    milk_cup = bundled_foods().get_food(sources["milk"].id).portion("1 cup").grams
    assert sources["milk"].serving.grams == pytest.approx(cups * milk_cup)


@pytest.mark.parametrize("egg_id", ["sr:01129", "fndds:31103010"])  # "1 large" in SR28, "1 egg" in FNDDS
@pytest.mark.parametrize("age,eggs", [(2, 0.5), (4, 0.75), (8, 1.0), (30, 1.0)])
def test_an_egg_is_a_cacfp_share_of_one_large_egg_in_either_database(egg_id, age, eggs):
    """CACFP: 1 oz equivalent of meat is ½ large egg (1 oz at ages 1–2, 1½ oz at 3–5, 2 oz from 6)."""
    egg = bundled_foods().get_food(egg_id)
    assert serving_for(egg, age).grams == pytest.approx(eggs * 50.0)


def test_a_toddlers_day_plan_is_gentle_everyday_food_not_clams():
    result = run(Profile(2, Sex.MALE))
    names = [a.description for a in result.plan]
    assert names and not any("clam" in name.lower() for name in names)
    for addition in result.plan:
        assert addition.b12_ug <= 10 * 0.9  # never far above the toddler's whole 0.9 µg target
    assert {a.meal for a in result.plan} >= {"breakfast"}
    assert len({a.meal for a in result.plan}) == len(result.plan)  # spread across meals


def test_clams_are_offered_with_usdas_newer_value_never_the_superseded_one():
    result = run(Profile(30, Sex.MALE))
    clams = next(s for s in result.sources if s.staple == "clams")
    assert clams.id.startswith("fndds:") and clams.food.description.startswith("Clams")
    assert "sr:15159" not in [s.id for s in candidate_sources(FOODS, Profile(30, Sex.MALE), INDEX)]
    old = bundled_foods().get_food("sr:15159")  # 98.89 µg/100 g, from 1987: its caveats say both newer figures
    newer = [c for c in food_caveats(old) if isinstance(c, NewerValue)]
    assert [(c.data_ug_per_3oz, c.newer_ug_per_3oz) for c in newer] == [(pytest.approx(84.06), 17.0)]
    said = caveats_text(food_caveats(old))
    assert "84.1 µg per 3 oz" in said and "17 µg" in said
    assert "USDA's newer value: 12.14 µg/100 g, USDA FNDDS 2021–2023, Clams, steamed or boiled" in said
    assert "dates from 1987" in said


def test_no_intrinsic_factor_gets_no_food_plan_but_a_clinician():
    for absorption in (Absorption.NO_INTRINSIC_FACTOR,):
        result = run(Profile(60, Sex.FEMALE, absorption=absorption, supplements_allowed=False))
        assert result.needs_clinician and result.plan == () and result.sources == ()
        assert any("food cannot close this gap" in note and "1,000–2,000 µg" in note
                   for note in notes_text(result.notes))


def test_food_bound_malabsorption_takes_iom_s_over_50_advice_at_any_age():
    result = run(Profile(35, Sex.MALE, absorption=Absorption.FOOD_BOUND))
    assert result.sources[0].food.fortified  # fortified foods first
    assert [a.every for a in result.plan] == ["day"]  # and a supplement
    assert any("IOM" in note and "over 50" in note for note in notes_text(result.notes))


def test_a_met_day_with_a_supplement_gets_nothing_more(catalog):
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 10, "every": "day"}])]],
                             profile={"age_years": 30, "sex": "female", "diet": "vegan"})
    day = plan_totals(parse_plan(json.dumps(document), catalog), catalog).days[0]
    assert day.status is Status.MEETS_TARGET and day.absorption_status is AbsorptionStatus.MEETS_GOAL
    result = run(Profile(30, Sex.FEMALE, diet=DietMode.VEGAN), CurrentDay.from_day(day))
    assert result.plan == () and result.supplements == ()
    assert any(note.startswith("Nothing to add") for note in notes_text(result.notes))


def test_a_daily_and_a_weekly_supplement_are_never_offered_a_third(catalog):
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 10, "every": "day"},
                                              {"supplement": "B12 weekly", "ug": 2000, "every": "week"}])]],
                             profile={"age_years": 30, "sex": "female", "diet": "vegan"})
    day = plan_totals(parse_plan(json.dumps(document), catalog), catalog).days[0]
    result = run(Profile(30, Sex.FEMALE, diet=DietMode.VEGAN), CurrentDay.from_day(day))
    assert not [a for a in result.plan if a.every] and result.supplements == ()


def test_a_too_small_supplement_is_raised_not_doubled(catalog):
    document = plan_document([[("breakfast", [{"supplement": "B12 drops", "ug": 1, "every": "day"}])]],
                             profile={"age_years": 30, "sex": "female", "diet": "vegan"})
    day = plan_totals(parse_plan(json.dumps(document), catalog), catalog).days[0]
    result = run(Profile(30, Sex.FEMALE, diet=DietMode.VEGAN), CurrentDay.from_day(day))
    assert not [a for a in result.plan if a.every]
    assert any("B12 drops gives 1 µg a day: raise its dose to at least 10 µg a day" in n
               for n in notes_text(result.notes))
    assert result.status_after is Status.MEETS_TARGET  # fortified foods close the rest


def test_exclude_soy_for_a_vegan_leaves_out_every_soy_food():
    result = run(Profile(30, Sex.FEMALE, diet=DietMode.VEGAN, exclude=("soy",), supplements_allowed=False))
    offered = [s.food.description for s in result.sources] + [a.description for a in result.plan]
    assert offered and not any("soy" in name.lower() or "tofu" in name.lower() for name in offered)
    assert not any(ingredients_unknown(s.food) for s in result.sources)  # they may hold soy
    assert any("products whose ingredients the USDA data does not list" in n for n in notes_text(result.notes))


def test_exclude_milk_keeps_plant_milks_and_drops_cheese_yogurt_and_ensure():
    result = run(Profile(30, Sex.FEMALE, diet=DietMode.VEGETARIAN, exclude=("milk",)))
    names = [s.food.description for s in result.sources]
    assert not any(n.startswith(("Cheese", "Yogurt", "Milk,")) or "ENSURE" in n for n in names)
    assert any("soymilk" in n.lower() or "almond milk" in n.lower() for n in names)


def test_pregnancy_notes_name_the_rules_and_their_sources():
    notes = " ".join(notes_text(run(Profile(30, Sex.FEMALE, pregnant=True)).notes))
    assert "liver and liver products" in notes and "UK NHS" in notes
    assert "highest-mercury fish" in notes and "FDA/EPA" in notes


def test_a_breastfeeding_vegan_mothers_notes_speak_of_her_baby():
    notes = notes_text(run(Profile(30, Sex.FEMALE, lactating=True, diet=DietMode.VEGAN)).notes)
    assert any("baby" in note for note in notes)


def test_over_50_advice_is_cited_as_iom_s_under_every_standard():
    from planner.profile import Standard

    for standard in Standard:
        notes = notes_text(run(Profile(70, Sex.MALE, standard=standard)).notes)
        assert any("IOM" in n and "whichever standard sets the target" in n for n in notes)


def test_totals_and_suggest_give_the_same_verdict(catalog):
    document = plan_document([[("breakfast", [{"food": "sr:01079", "portion": "1 cup", "count": 1}])]])
    day = plan_totals(parse_plan(json.dumps(document), catalog), catalog).days[0]
    result = run(Profile(30, Sex.FEMALE), CurrentDay.from_day(day))
    assert result.plan and day.status is Status.BELOW_EAR  # 1.29 µg: below the 2.0 µg EAR
    assert suggestions_json(result)["status"] == "meets_target"


def test_infants_get_no_food_suggestions():
    result = run(Profile(0, Sex.FEMALE, age_months=6))
    assert result.plan == () and result.sources == ()


def test_suggestions_json_follows_the_contract():
    data = suggestions_json(run(Profile(30, Sex.FEMALE)))
    assert set(data) >= {"target_ug", "gap_ug", "sources", "plan", "total_after_ug", "absorbed_after_ug",
                         "needs_clinician", "notes", "status", "absorption_status"}
    assert set(data["sources"][0]) >= {"id", "description", "portion", "b12_ug_per_serving",
                                       "pct_target_per_serving", "servings_to_close_gap", "kcal_per_serving",
                                       "fortified", "check_label", "more_like_this", "everyday"}


@pytest.mark.parametrize("argv", [
    ["suggest", "--age", "30", "--sex", "male", "--pregnant"],
    ["suggest", "--age", "8", "--sex", "female", "--lactating"],
])
def test_impossible_profiles_exit_2_with_one_line(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_cli_absorption_flags(capsys):
    assert main(["suggest", "--age", "60", "--sex", "female", "--absorption", "no-intrinsic-factor", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["needs_clinician"] is True
    assert main(["suggest", "--age", "60", "--sex", "female", "--no-intrinsic-factor", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["needs_clinician"] is True


@pytest.mark.parametrize("diet", list(DietMode))
def test_a_ranking_kept_per_person_gives_the_same_advice_for_every_day(diet):
    """The app works the ranking out once per profile; each day's advice must be what suggest() alone gives."""
    from planner.advice.ranking import rank_sources

    foods, index = bundled_foods().foods(), bundled_search_index()
    profile = Profile(45, Sex.FEMALE, diet=diet)
    ranking = rank_sources(foods, profile, index)
    for current in (CurrentDay(), CurrentDay(meal_ug={"breakfast": 1.2}, other_total_ug=0.0),
                    CurrentDay(meal_ug={"lunch": 3.0, "dinner": 0.4})):
        assert suggest(profile, foods, current, index, ranking=ranking) == suggest(profile, foods, current, index)
