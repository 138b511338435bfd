"""Plan files: lossless round trip, every rejection of the contract, atomic save."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import NotAPlanFile, PlanFileError
from planner.food import DietMode, Food
from planner.jsonshapes import food_from_json
from planner.plan import Day, FoodItem, Meal, Plan, SupplementItem, add_item, new_plan
from planner.planfile import load_plan, parse_plan, plan_to_json, save_plan
from planner.profile import Absorption, Profile, Sex, Standard
from planner.snapshot import bundled_foods
from planner.units import Every
from tests.support.plans import custom_food, plan_document

SAMPLE_IDS = ["sr:13326", "sr:16139", "sr:08077", "sr:01129", "sr:01188", "sr:15157", "sr:18069"]


def problems_of(document, catalog) -> list[str]:
    data = document if isinstance(document, (str, bytes)) else json.dumps(document)
    with pytest.raises(PlanFileError) as caught:
        parse_plan(data, catalog)
    return caught.value.problems


# ---- round trip -------------------------------------------------------------------------

finite_grams = st.floats(min_value=0.1, max_value=5000, allow_nan=False, allow_infinity=False)


@st.composite
def profiles(draw) -> Profile:
    age = draw(st.integers(0, 120))
    sex = draw(st.sampled_from(list(Sex)))
    months = draw(st.integers(0, 11)) if age == 0 else 0
    fertile = sex is Sex.FEMALE and 14 <= age <= 50
    state = draw(st.sampled_from(["none", "pregnant", "lactating"])) if fertile else "none"
    return Profile(age_years=age, sex=sex, age_months=months, pregnant=state == "pregnant",
                   lactating=state == "lactating", standard=draw(st.sampled_from(list(Standard))),
                   diet=draw(st.sampled_from(list(DietMode))), absorption=draw(st.sampled_from(list(Absorption))),
                   exclude=tuple(draw(st.lists(st.sampled_from(["soy", "liver", "pork"]), unique=True))),
                   supplements_allowed=draw(st.booleans()))


@st.composite
def items(draw, custom: Food):
    catalog = bundled_foods()
    kind = draw(st.sampled_from(["grams", "portion", "supplement", "custom"]))
    if kind == "supplement":
        return SupplementItem(draw(st.text(min_size=1, max_size=20)),
                              draw(st.floats(min_value=0.01, max_value=100_000)),
                              draw(st.sampled_from(list(Every))))
    food = custom if kind == "custom" else catalog.get_food(draw(st.sampled_from(SAMPLE_IDS)))
    if kind == "grams":
        return FoodItem(food.id, grams=draw(finite_grams))
    portion = draw(st.sampled_from([p for p in food.portions if p.grams <= 1000]))
    return FoodItem(food.id, portion=portion.label, count=draw(st.floats(min_value=0.25, max_value=4)))


@st.composite
def plans(draw) -> Plan:
    custom = food_from_json(custom_food())
    days = tuple(
        Day(draw(st.text(max_size=12)),
            tuple(Meal(draw(st.sampled_from(["breakfast", "lunch", "dinner", "snack 🍎"])),
                       tuple(draw(st.lists(items(custom), max_size=4))))
                  for _ in range(draw(st.integers(0, 3)))))
        for _ in range(draw(st.integers(1, 3))))
    plan = Plan(name=draw(st.text(max_size=40)), profile=draw(profiles()), days=days, foods={})
    if custom.id in plan.food_ids():
        plan = Plan(plan.name, plan.profile, plan.days, {custom.id: custom})
    return plan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_round_trip_is_lossless(plan):
    assert parse_plan(plan_to_json(plan), bundled_foods()) == plan


def test_contract_example_loads(catalog):
    document = plan_document([[("breakfast", [
        {"food": "sr:16139", "portion": "1 cup", "count": 1},
        {"food": "sr:08077", "grams": 30},
        {"supplement": "Cyanocobalamin", "ug": 2000, "every": "week"}])]],
        foods={"custom:my-oat-milk": custom_food()})
    plan = parse_plan(json.dumps(document), catalog)
    assert plan.days[0].meals[0].items[2] == SupplementItem("Cyanocobalamin", 2000, Every.WEEK)
    assert plan.foods == {}  # unused records are not kept


def test_custom_and_fdc_foods_open_offline_from_the_file(catalog):
    fdc = dict(custom_food(), id="fdc:2199999", description="Oat beverage, FDC", data_type="Branded",
               source="USDA FoodData Central, Branded, FDC ID 2199999")
    document = plan_document([[("breakfast", [{"food": "fdc:2199999", "portion": "1 glass", "count": 1}])]],
                             foods={"fdc:2199999": fdc})
    plan = parse_plan(json.dumps(document), catalog)
    assert plan.food("fdc:2199999", catalog).description == "Oat beverage, FDC"


# ---- rejections: each kind gives its own message with its JSON path -------------------

ITEM = "$.days[0].meals[0].items[0]"


@pytest.mark.parametrize("item,path,words", [
    ({"food": "sr:99999", "grams": 10}, f"{ITEM}.food", "unknown food id"),
    ({"food": "fdc:123", "grams": 10}, f"{ITEM}.food", "unknown food id"),
    ({"food": "sr:13326", "grams": -5}, f"{ITEM}.grams", "above 0"),
    ({"food": "sr:13326", "grams": 0}, f"{ITEM}.grams", "above 0"),
    ({"food": "sr:13326", "grams": 5001}, f"{ITEM}.grams", "more than the 5000 g"),
    ({"food": "sr:13326", "portion": "1 slice", "count": 80}, ITEM, "more than the 5000 g"),
    ({"food": "sr:13326", "portion": "1 wheel", "count": 1}, f"{ITEM}.portion", "has no portion"),
    ({"food": "sr:13326", "grams": "30"}, f"{ITEM}.grams", "expected a number"),
    ({"food": "sr:13326", "grams": True}, f"{ITEM}.grams", "expected a number"),
    ({"food": "sr:13326"}, ITEM, "either 'grams' or a 'portion'"),
    ({"food": "sr:13326", "grams": 10, "portion": "1 slice"}, ITEM, "either 'grams' or a 'portion'"),
    ({"food": 13326, "grams": 10}, f"{ITEM}.food", "expected a food id"),
    ({"supplement": "B12", "ug": 100_001, "every": "day"}, f"{ITEM}.ug", "more than the 100000 µg"),
    ({"supplement": "B12", "ug": -1, "every": "day"}, f"{ITEM}.ug", "above 0"),
    ({"supplement": "B12", "ug": 50, "every": "month"}, f"{ITEM}.every", "must be one of day, week"),
    ({"pill": "B12"}, ITEM, "needs a 'food' id or a 'supplement'"),
    ("sr:13326", ITEM, "expected an item object"),
], ids=["unknown-sr", "unknown-fdc", "negative", "zero", "over-5kg", "portion-over-5kg",
        "bad-portion", "string-grams", "bool-grams", "no-amount", "both-amounts", "id-type",
        "supplement-absurd", "supplement-negative", "every", "no-kind", "item-type"])
def test_bad_items_are_rejected_with_their_path(catalog, item, path, words):
    problems = problems_of(plan_document([[("breakfast", [item])]]), catalog)
    assert len(problems) == 1
    assert problems[0].startswith(path + ":")
    assert words in problems[0]


@pytest.mark.parametrize("profile,path,words", [
    ({"age_years": 30, "sex": "female", "pregnant": True, "lactating": True}, "$.profile", "not both"),
    ({"age_years": "thirty", "sex": "female"}, "$.profile.age_years", "expected a whole number"),
    ({"age_years": 30, "sex": "other"}, "$.profile.sex", "must be one of female, male"),
    ({"age_years": 30, "sex": "male", "diet": "keto"}, "$.profile.diet", "must be one of"),
    ({"sex": "male"}, "$.profile.age_years", "is required"),
    ({"age_years": 130, "sex": "male"}, "$.profile", "between 0 and 120"),
])
def test_bad_profiles_are_rejected(catalog, profile, path, words):
    problems = problems_of(plan_document([[("breakfast", [])]], profile=profile), catalog)
    assert any(p.startswith(path + ":") and words in p for p in problems), problems


def test_every_problem_is_reported_not_just_the_first(catalog):
    document = plan_document([[("breakfast", [{"food": "sr:99999", "grams": 10},
                                              {"food": "sr:13326", "grams": -1}])]],
                             profile={"age_years": 30, "sex": "robot"})
    problems = problems_of(document, catalog)
    assert len(problems) == 3
    assert str(PlanFileError(problems)).startswith("The plan file was not loaded (3 problems)")


@pytest.mark.parametrize("text,words", [
    ('{"version": 1, "x": NaN}', "NaN"),
    ('{"version": 1, "x": Infinity}', "Infinity"),
    ('{"version": 1, "x": -Infinity}', "Infinity"),
    ('{"version": 1, "x": 1e400}', "1e400"),
    ("[" * 50_000 + "]" * 50_000, "nesting"),
    ('{"version": 1, "name": {"a": {"b": {"c": {"d": {"e": {"f": {}}}}}}}}', "nesting"),
    ("{not json", "not valid JSON"),
    ('"a plan"', "expected a plan object"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
], ids=["nan", "inf", "neg-inf", "overflow", "deep-list", "deep-object", "syntax", "not-object", "binary"])
def test_hostile_json_is_refused(catalog, text, words):
    assert words in problems_of(text, catalog)[0]


def document_text(name: str = "Test plan", label: str = "Day 1", grams: str = "30") -> str:
    """A plan file's text with raw JSON put in by hand (escapes and number literals as written)."""
    return ('{"version": 1, "name": "%s", "profile": {"age_years": 30, "sex": "female"}, '
            '"days": [{"label": "%s", "meals": [{"name": "breakfast", '
            '"items": [{"food": "sr24:08077", "grams": %s}]}]}]}' % (name, label, grams))


@pytest.mark.parametrize("text,path", [
    (document_text(name="Imported \\ud83d"), "$.name"),
    (document_text(label="Mon \\udc00day"), "$.days[0].label"),
    (json.dumps(plan_document([[("break\ud83dfast", [])]])), "$.days[0].meals[0].name"),
    (json.dumps(plan_document([[("breakfast", [{"supplement": "B12 \udfff", "ug": 10}])]])),
     "$.days[0].meals[0].items[0].supplement"),
    (json.dumps(plan_document([[("breakfast", [])]], profile={"age_years": 30, "sex": "female",
                                                             "exclude": ["soy\ud800"]})), "$.profile.exclude[0]"),
    (json.dumps(plan_document([[("breakfast", [{"food": "custom:x", "grams": 10}])]],
                              foods={"custom:x": dict(custom_food("x"), description="Oat \ud83d")})),
     '$.foods["custom:x"].description'),
], ids=["name", "day-label", "meal-name", "supplement", "exclude-word", "food-record"])
def test_text_that_is_not_unicode_is_refused_with_its_path(catalog, text, path):
    problems = problems_of(text.encode("ascii"), catalog)
    assert len(problems) == 1
    assert problems[0].startswith(path + ":") and "lone surrogate" in problems[0]
    str(PlanFileError(problems)).encode("utf-8")  # the message itself prints anywhere


def test_a_lone_surrogate_in_text_already_decoded_is_refused(catalog):
    text = json.dumps(plan_document([[("breakfast", [])]], name="Imported \ud83d"), ensure_ascii=False)
    assert problems_of(text, catalog)[0].startswith("$.name:")


@pytest.mark.parametrize("literal", ["1" * 400, "-" + "9" * 5000, "1" * 30_000, "0." + "1" * 5000,
                                     "1" * 400 + "e2"],
                         ids=["int-400", "int-5000", "int-30000", "float-digits", "int-exponent"])
def test_numbers_with_hundreds_of_digits_are_refused_with_their_path(catalog, literal):
    problems = problems_of(document_text(grams=literal), catalog)
    assert len(problems) == 1
    assert problems[0].startswith("$.days[0].meals[0].items[0].grams:")
    assert f"{len(literal):,} characters" in problems[0]


def test_files_over_one_megabyte_are_refused(catalog, tmp_path):
    big = json.dumps(plan_document([[("breakfast", [])]], name="x" * 1_000_100))
    assert "at most 1,000,000" in problems_of(big, catalog)[0]
    path = tmp_path / "big.json"
    path.write_text(big)
    with pytest.raises(PlanFileError, match="at most 1,000,000"):
        load_plan(path, catalog)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_only_regular_files_are_read(catalog, tmp_path, kind):
    """/dev/zero would be read without end, a FIFO without a writer would block for ever."""
    path = Path("/dev/zero") if kind == "device" else tmp_path / "plan.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    with pytest.raises(PlanFileError, match="is not a regular file") as caught:
        load_plan(path, catalog)
    assert len(caught.value.problems) == 1


def compact_plan_text(items: int) -> str:
    """A valid plan file written compactly: `items` weekly supplements in one meal."""
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 1.0, "every": "week"}] * items)]])
    return json.dumps(document, separators=(",", ":"))


def test_a_plan_too_big_to_indent_exports_compact_and_loads_again(catalog):
    text = compact_plan_text(21_000)
    assert len(text.encode()) < 1_000_000 < len(json.dumps(json.loads(text), indent=2).encode())
    plan = parse_plan(text, catalog)
    exported = plan_to_json(plan)
    assert len(exported.encode()) <= 1_000_000
    assert parse_plan(exported, catalog) == plan


def test_a_plan_is_measured_as_compact_json_when_loaded(catalog):
    """A file that fits only thanks to missing defaults is refused at load, not at the first edit."""
    bare = {"supplement": "B12", "ug": 1.0}  # "every": "day" is added when the plan is written
    document = plan_document([[("breakfast", [bare] * 24_000)]])
    text = json.dumps(document, separators=(",", ":"))
    assert len(text.encode()) < 1_000_000
    problems = problems_of(text, catalog)
    assert problems[0].startswith("$: the plan takes") and "as compact JSON" in problems[0]


def test_wrong_version_and_bad_food_records(catalog):
    document = plan_document([[("breakfast", [])]], foods={"custom:x": dict(custom_food("x"), b12_ug_per_100g="lots"),
                                                           "custom:y": dict(custom_food("y"), id="custom:z")})
    document["version"] = 2
    problems = problems_of(document, catalog)
    assert any(p.startswith("$.version:") for p in problems)
    assert any(p.startswith('$.foods["custom:x"].b12_ug_per_100g:') for p in problems)
    assert any(p.startswith('$.foods["custom:y"].id:') and "must equal its key" in p for p in problems)


# ---- save ---------------------------------------------------------------------------------

def test_save_then_load(tmp_path, catalog):
    plan = add_item(new_plan("Client A — current diet", Profile(40, Sex.FEMALE)), 0, "breakfast",
                    FoodItem("custom:my-oat-milk", portion="1 glass", count=1), food_from_json(custom_food()))
    path = tmp_path / "plans" / "client-a.json"
    save_plan(plan, path)
    assert load_plan(path, catalog) == plan
    assert json.loads(path.read_text(encoding="utf-8"))["foods"]["custom:my-oat-milk"]["data_type"] == "Custom"


def test_failed_save_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, catalog):
    path = tmp_path / "plan.json"
    old = new_plan("old", Profile(40, Sex.FEMALE))
    save_plan(old, path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_plan(new_plan("new", Profile(41, Sex.MALE)), path)
    assert path.read_bytes() == before
    assert [p.name for p in Path(tmp_path).iterdir()] == ["plan.json"]


@pytest.mark.parametrize("problem,words", [
    ('$.days[0].meals[1].items[2].grams: must be above 0', "Day 1, meal 2, item 3, grams: must be above 0"),
    ('$.profile.age_years: expected a whole number', "Profile, age (years): expected a whole number"),
    ('$.foods["fdc:1"].b12_ug_per_100g: expected a number', "Food record fdc:1, b12 ug per 100g: expected a number"),
    ('$.days[2].meals[0].name: must not be empty', "Day 3, meal 1, meal name: must not be empty"),
    ('$: expected a JSON object', "The file: expected a JSON object"),
    ('The file is not JSON (line 1)', "The file is not JSON (line 1)"),
])
def test_problems_read_without_json_paths_for_people(problem, words):
    from planner.plancheck import plain_problem

    assert plain_problem(problem) == words


def test_every_real_problem_of_a_bad_file_reads_without_a_path(catalog):
    from planner.plancheck import plain_problem

    document = plan_document([[("breakfast", [{"food": "sr:99999", "grams": 10}, {"food": "sr:13326", "grams": -1}])]],
                             profile={"age_years": 30, "sex": "robot"})
    for problem in problems_of(document, catalog):
        assert "$" not in plain_problem(problem) and "[" not in plain_problem(problem), problem


def test_another_apps_json_is_not_a_plan_file_in_one_plain_sentence(catalog):
    with pytest.raises(NotAPlanFile) as refused:
        parse_plan(b'{"type": "FeatureCollection", "features": []}', catalog)
    assert str(refused.value) == "This file is not a B12 planner plan file: it has no version or profile."


def test_a_plan_file_with_a_version_keeps_its_problems_by_path(catalog):
    with pytest.raises(PlanFileError) as refused:
        parse_plan(b'{"version": 2}', catalog)
    assert not isinstance(refused.value, NotAPlanFile)
    assert any(problem.startswith("$.version: must be 1") for problem in refused.value.problems)
