"""App speed with Streamlit's AppTest on the bundled data: cold start and typical reruns.

    python -m bench.app

Cold start is a fresh process importing and running the app once. Reruns are medians over
repeated interactions in one session. The baseline, measured in the same run, is a
one-line Streamlit script rerun by AppTest: what any rerun costs before the app does work.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from bench import timing
from tests.support.paths import ROOT
from ui.session import Key

REPEATS = 15

COLD = """
import time, sys
start = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
assert not at.exception, at.exception
print(time.perf_counter() - start)
"""


def cold_start_s(script: str) -> float:
    out = subprocess.run([sys.executable, "-c", COLD, script], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def median_ms(action) -> float:
    return timing.median_ms(action, REPEATS)


def add_after_full_run(at) -> None:
    """An add reruns only the figures, after which AppTest holds only them: run the page to get the
    Add button back (a browser keeps it), then click it. The full run is subtracted by the caller."""
    at.run()
    at.button(key=Key.ADD_FOOD).click().run()


def main() -> None:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as data, tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as hello:
        os.environ["B12_PLANNER_DATA_DIR"] = data
        os.environ.pop("FDC_API_KEY", None)
        hello.write("import streamlit as st\nst.write('hello')\n")
        hello.flush()
        print(f"cold start, app:      {cold_start_s(str(ROOT / 'app.py')):.2f} s (fresh process, first run)")
        print(f"cold start, baseline: {cold_start_s(hello.name):.2f} s (one-line script)")

        baseline_app = AppTest.from_file(hello.name).run()
        baseline = median_ms(lambda: baseline_app.run())
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        next(t for t in at.text_input if t.label == "Search foods").input("cheddar cheese")
        next(b for b in at.button if b.label == "Search").click().run()
        at.button(key=Key.ADD_FOOD).click().run()
        plain = median_ms(lambda: at.run())
        diets = iter(["vegan", "vegetarian"] * REPEATS)
        diet = median_ms(lambda: at.selectbox(key=Key.DIET).set_value(next(diets)).run())
        counts = iter([1.0, 2.0] * REPEATS)
        count = median_ms(lambda: at.number_input(key=Key.PICK_COUNT).set_value(next(counts)).run())
        adds = median_ms(lambda: add_after_full_run(at)) - plain  # the add (summary and details) alone
        print(f"baseline rerun (one-line script): {baseline:6.1f} ms")
        for label, value in (("rerun, nothing changed", plain), ("change diet (new suggestions)", diet),
                             ("change a portion count", count), ("add a food to the plan", adds)):
            print(f"{label:<32} {value:6.1f} ms  ({value / baseline:4.1f}x baseline)")


if __name__ == "__main__":
    main()
