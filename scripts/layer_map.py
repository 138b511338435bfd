"""The layers of the code and the arrows between them, read from the imports themselves.

    python -m scripts.layer_map           # print the map (the block docs/architecture.md shows)
    python -m scripts.layer_map --check   # exit 1 if an import points up, or a module is in no layer

Each module belongs to one layer (LAYERS, bottom first); an import may point down or within its
layer, never up. Imports inside `if TYPE_CHECKING:` are for the type checker only and are not
arrows. tests/unit/test_architecture.py runs the check and compares the map with the document.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Layer:
    name: str
    purpose: str
    modules: tuple[str, ...]  # module names, or packages ending in ".*"


LAYERS: tuple[Layer, ...] = (
    Layer("foundations", "units, the error tree, build-once values",
          ("planner", "planner.units", "planner.errors", "planner.once", "planner.watchdog")),
    Layer("records", "the food record, the person, notes as typed facts, targets and absorption",
          ("planner.food", "planner.profile", "planner.notes", "planner.targets", "planner.absorption")),
    Layer("data", "the bundled USDA data, diet labels, search, safety rules, FoodData Central",
          ("planner.diet", "planner.everyday", "planner.snapshot", "planner.words", "planner.exclusions",
           "planner.search", "planner.catalog", "planner.safety", "planner.caveats", "planner.fdc", "planner.fdc.*",
           "planner.sources", "planner.fndds", "planner.datacache")),
    Layer("plan", "the plan model and its pure edits", ("planner.plan",)),
    Layer("results", "typed results, every sentence (wording) and every JSON shape",
          ("planner.results", "planner.wording", "planner.jsonshapes")),
    Layer("plan files and store", "the plan format's rules, plan files, foods from labels, the plan store",
          ("planner.plancheck", "planner.planfile", "planner.custom", "planner.store", "planner.store.*")),
    Layer("advice", "totals, servings, and what to add", ("planner.totals", "planner.serving", "planner.advice",
                                                          "planner.advice.*")),
    Layer("outputs", "exports, the command line, who is asking, data requests",
          ("planner.export", "planner.handout", "planner.comparison", "planner.cli", "planner.cliprofile",
           "planner.datacli", "planner.datarequest", "planner.access", "planner.__main__")),
    Layer("shell", "the Streamlit page: session state, callbacks, views", ("ui", "ui.*", "app")),
)


def module_names() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in [*ROOT.joinpath("planner").rglob("*.py"), *ROOT.joinpath("ui").glob("*.py"), ROOT / "app.py"]:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _type_checking_only(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The project modules a module imports at run time."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # `from planner import wording` imports planner.wording
                submodule = f"{node.module}.{alias.name}"
                found.update([submodule] if submodule in known else [node.module] if node.module in known else [])
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def layer_of(module: str) -> int | None:
    for position, layer in enumerate(LAYERS):
        for pattern in layer.modules:
            if module == pattern or (pattern.endswith(".*") and module.startswith(pattern[:-1])):
                return position
    return None


def graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(path, set(modules)) - {name} for name, path in modules.items()}


def problems(edges: dict[str, set[str]]) -> list[str]:
    found = [f"{module} is in no layer" for module in sorted(edges) if layer_of(module) is None]
    for module, targets in sorted(edges.items()):
        for target in sorted(targets):
            low, high = layer_of(target), layer_of(module)
            if low is not None and high is not None and low > high:
                found.append(f"{module} ({LAYERS[high].name}) imports {target} ({LAYERS[low].name}): an arrow up")
    return found


def layer_map(edges: dict[str, set[str]]) -> str:
    """The layers top first, each with its modules and the layers it imports from."""
    arrows: dict[int, set[int]] = defaultdict(set)
    for module, targets in edges.items():
        for target in targets:
            high, low = layer_of(module), layer_of(target)
            if high is not None and low is not None and low != high:
                arrows[high].add(low)
    lines = []
    for position in reversed(range(len(LAYERS))):
        layer = LAYERS[position]
        members = sorted(m for m in edges if layer_of(m) == position)
        uses = ", ".join(LAYERS[low].name for low in sorted(arrows[position], reverse=True)) or "nothing"
        lines += [f"{position + 1}. {layer.name} — {layer.purpose}",
                  f"   modules: {', '.join(members)}",
                  f"   imports from: {uses}"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    edges = graph()
    if args.check:
        found = problems(edges)
        print("\n".join(found) or "every import points down or within its layer")
        return 1 if found else 0
    print(layer_map(edges))
    return 0


if __name__ == "__main__":
    sys.exit(main())
