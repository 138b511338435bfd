"""The command line when its standard output cannot be written (issue 23, item 7): closed by the
shell (`>&-`) or a full disk (`> /dev/full`). One line on stderr, exit code 74, no traceback; a
command that writes to a file instead still works with standard output closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.plans import plan_document

CLOSED = "error: cannot write the output (standard output is closed).\n"
FULL = "error: cannot write the output (No space left on device).\n"


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_document([[("breakfast", [{"food": "sr:01009", "grams": 30}])]])))
    return path


def run_shell(command: str) -> subprocess.CompletedProcess:
    """A command line as a person types it, its redirection done by the shell."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def planner(*args: object) -> str:
    return " ".join([sys.executable, "-m", "planner", *map(str, args)])


@pytest.mark.parametrize("args", [("search", "milk"), ("target", "--age", "30", "--sex", "female"),
                                  ("export", "PLAN", "--format", "html")],
                         ids=["search", "target", "export"])
def test_a_closed_standard_output_ends_in_one_line(args, plan_file):
    done = run_shell(planner(*(plan_file if arg == "PLAN" else arg for arg in args)) + " >&-")
    assert (done.returncode, done.stderr) == (74, CLOSED)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [("total", "PLAN"), ("total", "PLAN", "--json"), ("search", "milk"),
                                  ("export", "PLAN", "--format", "csv")],
                         ids=["total", "total json", "search", "export"])
def test_a_full_disk_ends_in_one_line(args, plan_file):
    done = run_shell(planner(*(plan_file if arg == "PLAN" else arg for arg in args)) + " > /dev/full")
    assert (done.returncode, done.stderr) == (74, FULL)


def test_a_command_writing_to_a_file_needs_no_standard_output(plan_file, tmp_path):
    out = tmp_path / "plan.csv"
    done = run_shell(planner("export", plan_file, "--format", "csv", "--out", out) + " >&-")
    assert (done.returncode, done.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("day,meal,item")
