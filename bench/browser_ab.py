"""Two versions of the planner side by side in one run: which is quicker, by how much, and how sure.

    git worktree add /tmp/before <commit>            # the version to compare against
    python -m bench.browser_ab /tmp/before .          # 60 samples of each, per interaction, 5–10 min
    python -m bench.browser_ab . . --only add_to_plan  # the same code twice: how far apart noise puts them

bench/browser.py's ratios move with the machine from one run to the next (its floor, the one-button
click, is drawn in either its third or its fourth frame), and 9 samples of an interaction spread over
30 ms. To tell a change of a few milliseconds, this starts a server for each version (each folder's
`app.py`, as bench/browser.py starts one) and times the same interaction in both, alternating
sample by sample (A B, then B A), with bench/browser.py's interactions, page probes and times. It
prints each version's median and the difference, with a 90 % bootstrap interval of that difference:
an interval that holds 0 means the two are not told apart.
"""

from __future__ import annotations

import argparse
import operator
import shutil
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import INTERACTIONS, open_app, server_env, streamlit_server
from bench.timing import median_interval
from tests.support.browser import CHROMIUM_ARGS


def median_difference_interval(before: list[float], after: list[float]) -> tuple[float, float]:
    """The 90 % bootstrap interval of median(after) − median(before)."""
    return median_interval(before, after, operator.sub)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the folder of one version (holding its app.py)")
    parser.add_argument("after", type=Path, help="the folder of the other")
    parser.add_argument("--repeats", type=int, default=60, help="samples kept per version and interaction")
    parser.add_argument("--warmup", type=int, default=2, help="samples dropped first, per version and interaction")
    parser.add_argument("--only", nargs="+", choices=list(INTERACTIONS), metavar="MEASURE", default=None,
                        help="only these interactions, e.g. add_to_plan row_remove")
    args = parser.parse_args()
    folders = [args.before.resolve(), args.after.resolve()]
    missing = [str(folder) for folder in folders if not (folder / "app.py").is_file()]
    if missing or args.repeats < 2 or args.warmup < 0:
        parser.error(f"no app.py in {', '.join(missing)}" if missing else "--repeats ≥ 2 and --warmup ≥ 0")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Debian's chromium is not installed (apt-get install chromium).")
    print(f"{'interaction':<16} {'before ms':>10} {'after ms':>9} {'after − before':>15} {'90 % interval':>16}")
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="b12-browser-ab-")))
        urls = [stack.enter_context(streamlit_server(folder / "app.py", server_env(work / f"data{n}"), work))
                for n, folder in enumerate(folders)]
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        for name in args.only or list(INTERACTIONS):
            with ExitStack() as sessions:
                pages = [sessions.enter_context(open_app(browser, url)) for url in urls]
                changes = [INTERACTIONS[name](page) for page in pages]
                samples: list[list[float]] = [[], []]
                for run in range(args.warmup + args.repeats):
                    for version in ((0, 1) if run % 2 == 0 else (1, 0)):
                        samples[version].append(changes[version](run).shown_ms)
            before, after = (kept[args.warmup:] for kept in samples)
            low, high = median_difference_interval(before, after)
            print(f"{name:<16} {statistics.median(before):10.1f} {statistics.median(after):9.1f} "
                  f"{statistics.median(after) - statistics.median(before):+15.1f} {f'{low:+.1f} to {high:+.1f}':>16}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
