"""`python -m planner food|search`: JSON records on stdout, exit code 2 and one line on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from tests.support.paths import ROOT


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
    from tests.support.plans import plan_document

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
    path.write_text('{"version": 1, "profile": {"age_years": 30, "sex": "female"}, "days": [{"label": "Mon", '
                    '"meals": [{"name": "b", "items": [{"food": "sr:99999", "grams": 1}]}]}]}')
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
    from tests.support.plans import plan_document

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


# ---- issue 12: hostile files, pipes, terminals and number flags ------------------------------

def run_cli(*argv: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", *argv], cwd=ROOT, capture_output=True,
                          timeout=60, env=env, **kwargs)


def assert_one_line_exit_2(done: subprocess.CompletedProcess) -> str:
    stderr = done.stderr.decode("utf-8", "replace") if isinstance(done.stderr, bytes) else done.stderr
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    return lines[0]


def one_line_exit_2(argv: list[str], capsys) -> str:
    """In-process: exit code 2, nothing on stdout, one line on stderr (main() lets nothing else out)."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    return lines[0]


def write_plan(path: Path, items: list[dict], **kwargs) -> Path:
    from tests.support.plans import plan_document

    path.write_text(json.dumps(plan_document([[("breakfast", items)]], **kwargs)), encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_total_on_a_device_or_a_fifo_ends_at_once(tmp_path, kind):
    path = "/dev/zero"
    if kind == "fifo":
        path = str(tmp_path / "plan.json")
        os.mkfifo(path)
    line = assert_one_line_exit_2(run_cli("total", path, text=True))
    assert "not a regular file" in line


def test_a_reader_that_goes_away_ends_the_output_quietly():
    """`search … | head -1`: the pipe's reader is gone before the first write."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "planner", "search", "milk", "--limit", "500"], cwd=ROOT,
                              stdout=write_end, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141  # 128 + SIGPIPE, what a shell reports for `yes | head -1`


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999"])
def test_non_finite_intake_is_refused(value, capsys):
    line = one_line_exit_2(["suggest", "--age", "30", "--sex", "male", f"--intake={value}", "--json"], capsys)
    assert "finite number" in line


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_without_micro_or_approx_still_gets_the_totals(tmp_path, encoding):
    path = write_plan(tmp_path / "plan.json", [{"food": "sr24:08077", "grams": 30}])
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    done = run_cli("total", str(path), env=env)
    assert done.returncode == 0 and done.stderr == b""
    assert b"Day 1: 6.00 " in done.stdout and b"absorbed ? " in done.stdout  # "≈" replaced
    as_json = run_cli("total", str(path), "--json", env=env)
    assert as_json.returncode == 0 and as_json.stderr == b""
    assert json.loads(as_json.stdout.decode("ascii"))["average"]["status"] == "meets_target"
    utf8 = run_cli("total", str(path), "--json", env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert json.loads(as_json.stdout) == json.loads(utf8.stdout.decode("utf-8"))


@pytest.mark.parametrize("document,path", [
    ('{"version": 1, "name": "Imported \\ud83d", "profile": {"age_years": 30, "sex": "female"}, '
     '"days": [{"label": "Mon", "meals": []}]}', "$.name"),
    ('{"version": 1, "profile": {"age_years": ' + "9" * 5000 + ', "sex": "female"}, '
     '"days": [{"label": "Mon", "meals": []}]}', "$.profile.age_years"),
], ids=["surrogate", "huge-number"])
@pytest.mark.parametrize("command", ["total", "suggest", "export"])
def test_hostile_plan_files_exit_2_with_their_path(tmp_path, capsys, document, path, command):
    plan = tmp_path / "plan.json"
    plan.write_text(document, encoding="ascii")
    argv = {"total": ["total", str(plan)], "suggest": ["suggest", "--plan", str(plan)],
            "export": ["export", str(plan), "--format", "json"]}[command]
    line = one_line_exit_2(argv, capsys)
    assert f"{path}:" in line
    line.encode("utf-8")  # the message itself prints anywhere


def test_an_error_holding_a_line_break_prints_on_one_line(tmp_path, capsys):
    from tests.support.plans import custom_food

    food = dict(custom_food("oat"), description="Oat\nmilk\u2028drink")
    path = write_plan(tmp_path / "plan.json", [{"food": "custom:oat", "portion": "1 pint", "count": 1}],
                      foods={"custom:oat": food})
    line = one_line_exit_2(["total", str(path)], capsys)
    assert "Oat\\nmilk\\u2028drink has no portion" in line


# ---- export --------------------------------------------------------------------------------

EXPORT_ITEMS = [{"food": "sr24:08077", "grams": 30}, {"supplement": "B12 tablet\r=2+5", "ug": 10, "every": "day"}]


@pytest.mark.parametrize("kind", ["json", "csv", "html"])
def test_export_to_stdout_is_the_apps_download(tmp_path, catalog, capsysbinary, kind):
    from planner.export import ExportFormat, export_file
    from planner.planfile import load_plan

    path = write_plan(tmp_path / "plan.json", EXPORT_ITEMS, name="Client <A> & co")
    assert main(["export", str(path), "--format", kind]) == 0
    captured = capsysbinary.readouterr()
    assert captured.err == b""
    assert captured.out == export_file(load_plan(path, catalog), catalog, ExportFormat(kind))


def test_export_to_a_file_writes_the_same_bytes(tmp_path, catalog, capsys):
    from planner.export import ExportFormat, export_file
    from planner.planfile import load_plan

    path = write_plan(tmp_path / "plan.json", EXPORT_ITEMS)
    out = tmp_path / "plan.csv"
    assert main(["export", str(path), "--format", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_bytes() == export_file(load_plan(path, catalog), catalog, ExportFormat.CSV)
    header = b"day,meal,item,amount,grams,b12_ug,counted_ug,absorbed_ug,verdict,source,note,client,prepared\r\n"
    assert out.read_bytes().startswith(header)


@pytest.mark.parametrize("extra", [["--format", "pdf"], ["--format", "csv", "--out", "{tmp}/no-such-dir/plan.csv"],
                                   ["--format", "html", "--day", "2"]],
                         ids=["format", "unwritable", "day"])
def test_export_bad_input_exits_2(tmp_path, capsys, extra):
    path = write_plan(tmp_path / "plan.json", EXPORT_ITEMS)
    one_line_exit_2(["export", str(path), *[arg.format(tmp=tmp_path) for arg in extra]], capsys)
