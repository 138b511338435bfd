"""Plans saved with SR24 ids keep opening on SR28: renamed, changed, dropped foods and a
portion label SR28 no longer has. Values transcribed from data/sr24_*.csv and sr28_*.csv."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.plan import FoodItem
from planner.planfile import parse_plan, plan_to_json
from planner.totals import plan_totals
from planner.wording import notes_text
from tests.support.plans import plan_document

OLD_PLAN = plan_document([[("breakfast", [
    {"food": "sr24:08087", "portion": "1 cup (1 NLEA serving)", "count": 1},  # Multi-Grain Cheerios: 20.69 -> 5.19
    {"food": "sr24:01029", "portion": "1 oz", "count": 1},  # renamed mozzarella: 2.31 -> 1.68
    {"food": "sr24:01075", "grams": 100},  # dropped from SR28: retired record
]), ("lunch", [
    {"food": "sr24:05062", "portion": "0.5 breast, bone and skin removed", "count": 2},  # SR24 measure: 118 g
])]], name="Saved in 2025")


def items_of(plan) -> list[FoodItem]:
    return [item for meal in plan.days[0].meals for item in meal.items]


def test_old_ids_open_as_sr28_foods_and_dropped_ones_as_retired(catalog):
    plan = parse_plan(json.dumps(OLD_PLAN), catalog)
    assert [item.food for item in items_of(plan)] == ["sr:08087", "sr:01029", "sr24:01075", "sr:05062"]
    assert catalog.get_food("sr24:01075").retired


def test_a_vanished_portion_label_keeps_its_sr24_grams_and_says_so(catalog):
    chicken = items_of(parse_plan(json.dumps(OLD_PLAN), catalog))[3]
    assert chicken.portion is None and chicken.grams == 236  # 2 × 118 g, the SR24 measure
    assert chicken.note == ("2 × 0.5 breast, bone and skin removed: an SR24 measure of 118 g each "
                            "(SR28 has no such measure)")


def test_the_plan_says_which_values_changed_old_beside_new(catalog):
    notices = notes_text(parse_plan(json.dumps(OLD_PLAN), catalog).notices)
    assert "Cereals ready-to-eat, GENERAL MILLS, Multi-Grain CHEERIOS: B12 20.69 µg/100 g in SR24, " \
           "5.19 µg/100 g in SR28." in notices
    assert "Cheese, mozzarella, low moisture, part-skim: B12 2.31 µg/100 g in SR24, 1.68 µg/100 g in SR28." in notices
    assert any("3 of its foods now use USDA SR Legacy (SR28) values" in n for n in notices)
    assert any(n.startswith("Milk substitutes, fluid with hydrogenated vegetable oils is not in SR28") for n in notices)


def test_totals_use_todays_values(catalog):
    totals = plan_totals(parse_plan(json.dumps(OLD_PLAN), catalog), catalog)
    breakfast = totals.days[0].meals[0]
    # 1 cup (1 NLEA serving) of Multi-Grain CHEERIOS is 29 g in SR28: 29 × 5.19 / 100
    assert breakfast.items[0].b12_ug == pytest.approx(29 * 5.19 / 100)
    assert any("Multi-Grain CHEERIOS: B12 20.69" in note for note in notes_text(totals.notes))


def test_saving_writes_sr_ids_and_the_item_note(catalog):
    document = json.loads(plan_to_json(parse_plan(json.dumps(OLD_PLAN), catalog)))
    ids = [item["food"] for meal in document["days"][0]["meals"] for item in meal["items"]]
    assert ids == ["sr:08087", "sr:01029", "sr24:01075", "sr:05062"]
    assert document["days"][0]["meals"][1]["items"][0]["note"].startswith("2 × 0.5 breast")
    reopened = parse_plan(json.dumps(document), catalog)
    assert notes_text(reopened.notices) == [
        "Milk substitutes, fluid with hydrogenated vegetable oils is not in SR28: its SR24 (2011) record "
        "is kept, read-only."]


def test_cli_food_resolves_old_ids(capsys):
    assert main(["food", "sr24:01029", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "sr:01029"
    assert main(["food", "sr24:01075", "--json"]) == 0
    retired = json.loads(capsys.readouterr().out)
    assert (retired["id"], retired["data_type"]) == ("sr24:01075", "SR24")


def test_cli_total_tells_what_changed(tmp_path, capsys):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(OLD_PLAN), encoding="utf-8")
    assert main(["total", str(path)]) == 0
    assert "Multi-Grain CHEERIOS: B12 20.69 µg/100 g in SR24, 5.19 µg/100 g in SR28." in capsys.readouterr().out
