"""The code keeps the shape docs/architecture.md draws: imports point down the layers, the map in
the document is the one the imports make, no module grows past 500 lines, session-state keys are
spelled in ui/session.py only, and no view reads a sentence back into numbers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scripts.layer_map import graph, layer_map, problems
from tests.support.paths import ROOT

ARCHITECTURE = ROOT / "docs" / "architecture.md"
MAP_START, MAP_END = "<!-- layer map: python -m scripts.layer_map -->\n```\n", "\n```"
MAX_LINES = 500
SHELL = [*sorted((ROOT / "ui").glob("*.py")), ROOT / "app.py"]


def test_every_import_points_down_or_within_its_layer():
    assert problems(graph()) == []


def test_the_documented_map_is_the_one_the_imports_make():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    start = text.index(MAP_START) + len(MAP_START)
    assert text[start:text.index(MAP_END, start)] == layer_map(graph())


@pytest.mark.parametrize("path", [*sorted((ROOT / "planner").rglob("*.py")), *SHELL],
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_is_over_500_lines(path: Path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [p for p in SHELL if p.name != "session.py"], ids=lambda path: path.name)
def test_session_state_keys_are_spelled_only_in_the_accessor(path: Path):
    spelled = []
    for node in ast.walk(_tree(path)):
        literal = isinstance(node, ast.keyword) and isinstance(node.value, (ast.Constant, ast.JoinedStr))
        if literal and node.arg == "key":
            spelled.append(f"line {node.lineno}: key={ast.unparse(node.value)}")
        if isinstance(node, ast.Attribute) and node.attr == "session_state":
            spelled.append(f"line {node.lineno}: {ast.unparse(node)}")
    assert spelled == []


SENTENCE_NAMES = ("note", "text", "message", "verdict", "caveat", "warning")
TEXT_SEARCHES = {"split", "rsplit", "partition", "startswith", "endswith", "find", "index"}


def _wording_functions() -> set[str]:
    return {node.name for node in _tree(ROOT / "planner" / "wording.py").body if isinstance(node, ast.FunctionDef)}


@pytest.mark.parametrize("path", [*SHELL, ROOT / "planner" / "cli.py", ROOT / "planner" / "export.py"],
                         ids=lambda path: path.name)
def test_no_sentence_is_read_back(path: Path):
    """A view that splits or searches a worded result ("does not help" in note, intake_text(…).split)
    is reading a sentence back: it must read the typed result instead."""
    worded = _wording_functions()

    def sentence(node: ast.AST) -> bool:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return node.func.id in worded
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
        return any(word in name.lower() for word in SENTENCE_NAMES)

    read_back = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_SEARCHES \
                and sentence(node.func.value):
            read_back.append(f"line {node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) \
                and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) \
                and any(sentence(right) for right in node.comparators):
            read_back.append(f"line {node.lineno}: {ast.unparse(node)}")
    assert read_back == []
