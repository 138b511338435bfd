"""Process-wide data is built once, even when visitors arrive together (issue 15, item 4).

Streamlit runs each visitor's first page in a thread of its own; bench/load.py found a fresh
server holding three bundled catalogs and indexes after ten visitors arrived at once.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from planner.once import once
from tests.support.paths import ROOT

CONCURRENT_FIRST_USE = """
import threading
from planner.catalog import bundled_search_index
from planner.snapshot import bundled_foods
start, seen = threading.Barrier(8), set()
def visitor():
    start.wait()
    seen.add((id(bundled_search_index()), id(bundled_foods())))
threads = [threading.Thread(target=visitor) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(len(seen))
"""


def test_threads_asking_at_the_same_moment_get_one_value_built_once():
    builds = []

    def slow_build() -> object:
        builds.append(1)
        time.sleep(0.2)
        return object()

    value = once(slow_build)
    start, results = threading.Barrier(6), []

    def ask() -> None:
        start.wait()
        results.append(value())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert len(results) == 6 and all(result is results[0] for result in results)


def test_eight_visitors_arriving_together_share_one_catalog_and_one_index():
    result = subprocess.run([sys.executable, "-c", CONCURRENT_FIRST_USE], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
