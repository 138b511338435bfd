"""Startup: the bundled catalog and its search index in a fresh process, time and peak memory.

    python -m bench.startup [--repeats N]

Each measure is a new Python process that builds (or reads) the catalog and the search index
and reports its wall time and peak resident memory; medians of N. The baseline, measured in
the same run, is SR Legacy alone (the bundled data before FNDDS: the same code over a copy of
the data folder without the FNDDS files, no cache). Then both databases, built from the CSV
files (the first start after an install or upgrade), and read from the built-data cache
(planner/datacache.py: every later start). Ratios are against the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from planner.search import SearchIndex
from planner import snapshot
if len(sys.argv) > 1:
    foods = list(snapshot.read_snapshot(Path(sys.argv[1])).values())
    index = SearchIndex(foods)
else:
    from planner.catalog import bundled_search_index
    foods = list(snapshot.bundled_foods().values())
    index = bundled_search_index()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "foods": len(foods)}))
"""


def _run(args: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=300)
    return json.loads(done.stdout)


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    with tempfile.TemporaryDirectory() as scratch:
        sr_only = Path(scratch) / "sr-only"
        shutil.copytree(ROOT / "planner" / "data", sr_only, ignore=shutil.ignore_patterns("fndds_*"))
        cache = Path(scratch) / "cache"
        env = {**os.environ, "B12_PLANNER_CACHE_DIR": str(cache)}
        baseline = [_run([str(sr_only)], env) for _ in range(repeats)]
        built = []
        for _ in range(repeats):
            shutil.rmtree(cache, ignore_errors=True)
            built.append(_run([], env))
        read = [_run([], env) for _ in range(repeats)]
    base_s, base_mb = _median(baseline, "seconds"), _median(baseline, "peak_mb")
    print(f"catalog and search index in a fresh process, medians of {repeats}:")
    for name, runs in (("SR Legacy alone (baseline)", baseline), ("SR + FNDDS, built (first start)", built),
                       ("SR + FNDDS, from the cache", read)):
        seconds, peak = _median(runs, "seconds"), _median(runs, "peak_mb")
        print(f"  {name:34} {runs[0]['foods']:6} foods  {seconds:6.2f} s ({seconds / base_s:.2f}×)"
              f"  peak {peak:6.0f} MB ({peak / base_mb:.2f}×)")


if __name__ == "__main__":
    main()
