"""Every output a person or a script reads from the planner, written to one folder, so a change
that should not alter behaviour can be proven byte-identical with `diff -r` (or `--compare`).

    python -m scripts.output_snapshot OUT_DIR              # write the outputs
    python -m scripts.output_snapshot OUT_DIR --compare REF # and compare them with an earlier run

What it writes, all through the command line (`planner.cli.main`, in this process):
- the catalog: `food ID --json` and `food ID` for every bundled food, and the retired SR24 ones
  the plan fixtures use;
- ranked search results: `search QUERY` (--json and text) for bench/search_quality.py's queries,
  plain and with a diet and leave-out words;
- `target`, `total`, `suggest` (--json and text) and the three `export` formats for every plan
  fixture in tests/fixtures/plans/ (every day of each), and `suggest --intake` for a few people.
The HTML report carries the day it was made: compare runs made on the same day.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN_FIXTURES = ROOT / "tests" / "fixtures" / "plans"
EXTRA_QUERIES = ("hot dog", "giblets", "soymilk", "fortified", "chedd", "oat milk", "eggplant", "peanut butter")
SEARCH_VARIANTS = {
    "plain": [],
    "vegan": ["--diet", "vegan"],
    "vegetarian-no-milk-egg": ["--diet", "vegetarian", "--exclude", "milk", "egg"],
    "omnivore-no-fish-wheat": ["--exclude", "fish", "wheat"],
}
PEOPLE = {
    "adult-female": ["--age", "30", "--sex", "female"],
    "vegan-male": ["--age", "25", "--sex", "male", "--diet", "vegan"],
    "pregnant-vegetarian": ["--age", "34", "--sex", "female", "--pregnant", "--diet", "vegetarian"],
    "lactating-vegan": ["--age", "31", "--sex", "female", "--lactating", "--diet", "vegan"],
    "over-50-pescatarian": ["--age", "67", "--sex", "male", "--diet", "pescatarian"],
    "food-bound-efsa": ["--age", "45", "--sex", "female", "--absorption", "food-bound", "--standard", "efsa"],
    "no-intrinsic-factor": ["--age", "70", "--sex", "female", "--no-intrinsic-factor"],
    "child-2-vegetarian": ["--age", "2", "--sex", "male", "--diet", "vegetarian"],
    "child-6-no-milk-egg": ["--age", "6", "--sex", "female", "--exclude", "milk", "egg"],
    "infant-8-months": ["--age", "0", "--months", "8", "--sex", "female"],
    "no-supplements-vegan": ["--age", "40", "--sex", "female", "--diet", "vegan", "--no-supplements"],
    "who-teen": ["--age", "15", "--sex", "male", "--standard", "who"],
}
INTAKES = ("0", "1.1", "2.4")


def run(argv: list[str]) -> bytes:
    """What `python -m planner ARGV` writes to standard output, and its exit code on the last line."""
    from planner.cli import main

    buffer = io.BytesIO()
    stdout, captured = sys.stdout, io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    sys.stdout = captured
    try:
        code = main(argv)
        captured.flush()
    finally:
        sys.stdout = stdout
        captured.detach()  # the buffer outlives the wrapper
    return buffer.getvalue() + f"\n[exit {code}]\n".encode()


def queries() -> list[str]:
    from bench.search_quality import CASES  # the benchmark's everyday queries

    return list(dict.fromkeys([case.query for case in CASES] + list(EXTRA_QUERIES)))


def write(out: Path) -> int:
    from planner.snapshot import bundled_foods

    written = 0

    def put(name: str, data: bytes) -> None:
        nonlocal written
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1

    catalog = bundled_foods()
    retired = sorted({line.split('"')[3] for fixture in PLAN_FIXTURES.glob("*.json")
                      for line in fixture.read_text(encoding="utf-8").splitlines() if '"food": "sr24:' in line})
    ids = list(catalog) + retired
    put("catalog.json.txt", b"".join(run(["food", food_id, "--json"]) for food_id in ids))
    put("catalog.txt", b"".join(run(["food", food_id]) for food_id in ids))
    for number, query in enumerate(queries()):
        for variant, flags in SEARCH_VARIANTS.items():
            put(f"search/{number:03d}-{variant}.json.txt", run(["search", query, "--limit", "40", "--json", *flags]))
            put(f"search/{number:03d}-{variant}.txt", run(["search", query, "--limit", "40", *flags]))
    for person, flags in PEOPLE.items():
        put(f"people/{person}/target.json.txt", run(["target", *flags, "--json"]))
        put(f"people/{person}/target.txt", run(["target", *flags]))
        for intake in INTAKES:
            put(f"people/{person}/suggest-{intake}.json.txt", run(["suggest", *flags, "--intake", intake, "--json"]))
            put(f"people/{person}/suggest-{intake}.txt", run(["suggest", *flags, "--intake", intake]))
    for fixture in sorted(PLAN_FIXTURES.glob("*.json")):
        name, path = fixture.stem, str(fixture)
        days = len(json.loads(fixture.read_text(encoding="utf-8"))["days"])
        put(f"plans/{name}/total.json.txt", run(["total", path, "--json"]))
        put(f"plans/{name}/total.txt", run(["total", path]))
        for day in range(1, days + 1):
            put(f"plans/{name}/suggest-day{day}.json.txt",
                run(["suggest", "--plan", path, "--day", str(day), "--json"]))
            put(f"plans/{name}/suggest-day{day}.txt", run(["suggest", "--plan", path, "--day", str(day)]))
            put(f"plans/{name}/export-day{day}.html", run(["export", path, "--format", "html", "--day", str(day)]))
        put(f"plans/{name}/export.json", run(["export", path, "--format", "json"]))
        put(f"plans/{name}/export.csv", run(["export", path, "--format", "csv"]))
    return written


def compare(out: Path, reference: Path) -> list[str]:
    """Files that differ, or exist on one side only."""
    differences: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        differences.extend(f"{prefix}{name}: only in one run" for name in comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files,
                                               shallow=False)
        differences.extend(f"{prefix}{name}: differs" for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(out, reference), "")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, metavar="REF", help="an earlier run's folder")
    args = parser.parse_args()
    print(f"{write(args.out)} files written to {args.out}")
    if args.compare is None:
        return 0
    differences = compare(args.out, args.compare)
    for line in differences:
        print(line)
    print("byte-identical" if not differences else f"{len(differences)} files differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
