"""`python -m planner food|search`: JSON records on stdout, exit code 2 and one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_food_json_is_the_contract_record(capsys):
    assert main(["food", "sr:13326", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == "sr:13326"
    assert record["b12_ug_per_100g"] == pytest.approx(70.58)
    assert {"label": "1 slice", "grams": 68.0} in record["portions"]
    assert set(record) >= {"id", "description", "food_group", "b12_ug_per_100g", "kcal_per_100g",
                           "retinol_ug_per_100g", "diet", "check_label", "fortified", "unreliable",
                           "portions", "data_type", "source", "brand_owner", "url", "b12_added_ug_per_100g",
                           "everyday", "common_names"}


def test_fortified_soymilk_record_shows_added_b12_and_everyday(capsys):
    assert main(["food", "sr:16139", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["b12_ug_per_100g"], record["b12_added_ug_per_100g"]) == (0.85, 0.85)
    assert record["fortified"] is True and record["everyday"] is True
    assert {"label": "1 cup", "grams": 243.0} in record["portions"]
    assert record["data_type"] == "SR Legacy" and record["source"] == "USDA SR Legacy (SR28, 2016), NDB 16139"


def test_food_text_explains_labels_with_langual(capsys):
    assert main(["food", "sr:16008"]) == 0
    out = capsys.readouterr().out
    assert "LanguaL H0191: MEAT ADDED" in out and "[omnivore, everyday]" in out


def test_unknown_b12_prints_as_null_and_unknown(capsys):
    assert main(["food", "sr:01188", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["b12_ug_per_100g"] is None
    assert main(["food", "sr:01188"]) == 0
    assert "B12 per 100 g: unknown" in capsys.readouterr().out


def test_search_json_with_diet_and_limit(capsys):
    assert main(["search", "milk", "--diet", "vegan", "--limit", "3", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)["foods"]
    assert 0 < len(records) <= 3
    assert all(r["diet"] == "vegan" for r in records)


@pytest.mark.parametrize("argv", [
    ["food", "sr:99999", "--json"],
    ["food", "13326"],
    ["search", "   ", "--json"],
    ["search", "milk", "--limit", "0"],
    ["search", "milk", "--diet", "carnivore"],
])
def test_bad_input_exits_2_with_one_line_and_no_traceback(argv):
    done = subprocess.run([sys.executable, "-m", "planner", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in done.stderr


def test_target_json(capsys):
    assert main(["target", "--age", "30", "--sex", "female", "--pregnant", "--json"]) == 0
    target = json.loads(capsys.readouterr().out)
    assert target["target_ug"] == 2.6 and target["kind"] == "RDA" and target["ear_ug"] == 2.2
    assert set(target) >= {"life_stage", "target_ug", "kind", "ear_ug", "standard", "notes"}
    assert main(["target", "--age", "30", "--sex", "male", "--standard", "who", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ear_ug"] is None


def test_total_json(tmp_path, capsys):
    from tests.plans import plan_document

    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_document([[("breakfast", [{"food": "sr:08077", "grams": 30}])]])))
    assert main(["total", str(path), "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)
    assert totals["days"][0]["total_ug"] == pytest.approx(6.0)
    assert totals["average"]["status"] == "meets_target"
    assert main(["total", str(path)]) == 0
    assert "Average: 6.00 µg" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["target", "--age", "8", "--sex", "female", "--pregnant"],
    ["target", "--age", "30", "--sex", "female", "--pregnant", "--lactating"],
    ["target", "--age", "0", "--months", "14", "--sex", "male"],
    ["target", "--age", "-3", "--sex", "male"],
    ["target", "--age", "30", "--sex", "male", "--pregnant"],
    ["total", "does-not-exist.json"],
])
def test_impossible_profiles_and_missing_plans_exit_2(argv):
    done = subprocess.run([sys.executable, "-m", "planner", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_bad_plan_file_exits_2_with_paths(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"version": 1, "profile": {"age_years": 30, "sex": "female"}, '
                    '"days": [{"label": "Mon", "meals": [{"name": "b", "items": [{"food": "sr:99999", "grams": 1}]}]}]}')
    done = subprocess.run([sys.executable, "-m", "planner", "total", str(path), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "$.days[0].meals[0].items[0].food" in done.stderr


def test_suggest_json_by_intake(capsys):
    assert main(["suggest", "--age", "30", "--sex", "female", "--diet", "vegan", "--no-supplements",
                 "--intake", "0.5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["gap_ug"] == pytest.approx(1.9)
    assert data["plan"] and not any(item["id"].startswith("supplement:") for item in data["plan"])
    assert all(source["fortified"] for source in data["sources"])


def test_suggest_from_a_plan_uses_its_profile(tmp_path, capsys):
    from tests.plans import plan_document

    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_document([[("breakfast", [{"food": "sr:01077", "grams": 244}])]],
                                             profile={"age_years": 70, "sex": "male"})))
    assert main(["suggest", "--plan", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["target_ug"] == 2.4
    assert any(item["id"].startswith("supplement:") for item in data["plan"])  # over 50


@pytest.mark.parametrize("argv", [
    ["suggest", "--age", "30"],
    ["suggest"],
    ["suggest", "--age", "30", "--sex", "male", "--intake", "-2"],
    ["suggest", "--age", "30", "--sex", "male", "--intake", "1", "--plan", "x.json"],
])
def test_suggest_bad_input_exits_2(argv):
    done = subprocess.run([sys.executable, "-m", "planner", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
