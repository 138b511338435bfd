"""What a person waits for in a real browser, as ratios to a one-button Streamlit app's floor.

    python -m bench.browser                       # 9 runs per measure after 2 warm-ups, 2–3 min
    python -m bench.browser --repeats 15 --json bench/out/before.json
    python -m bench.browser --only add_to_plan suggestion_add   # these, and the reference click

Starts two servers on free ports of 127.0.0.1 (headless, usage stats off, cwd a temporary
folder so no `.streamlit/secrets.toml` is read): the planner (`streamlit run app.py` on the
bundled data, no FDC key, a temporary B12_PLANNER_DATA_DIR, B12_PLANNER_MODE=local) and
bench/one_button_app.py (a button that adds one to a number). Debian's Chromium (`which
chromium`, no browser download) opens them through Playwright, with tests/support/browser.py's
arguments and its `wait_for_app`. The servers are stopped on the way out, also on Ctrl-C or
SIGTERM.

Every time is read inside the page, so Playwright's own round trips do not count (which is why
the floor here, about 50 ms for a click, is lower than a time taken from Python):
- a load starts at navigation start (performance.timeOrigin) and ends at the first animation
  frame in which the target is in the page and laid out: the planner's "B12 eaten" metric (the
  gap), the reference app's button. "cold": a new browser context (empty cache) and a new
  session; "warm": a reload of a page already open (cached assets) on the same warm server.
- an interaction starts at the user's event (a capture listener on `window` for the click, or
  for the Enter keydown) and ends at the first animation frame in which the watched text
  differs from what it was before and is not empty: search (a query typed into "Search foods",
  then Enter) → the results caption or the Food pick list; the search panel's Add button
  ("Add to plan" as the issue calls it; "Add <food> — <amount> to <meal>" on the page) → the
  "B12 eaten" metric's value; a table edit (the first row's Amount in the day's data_editor, typed and
  committed with Enter, "What is planned" shown and "Change amounts or meals" on) → that value; a
  suggestion's Add (the first button under "What to add") → that value; a line's Remove (the first
  line of "What is planned", in a day of three foods; each run then undoes it, untimed) → that
  value; choosing a panel of the day's details ("What to add" and "Where the B12 comes from" in
  turn) → the shown panel's text, once drawn (only the panel chosen is drawn, so a switch is a
  rerun); the reference app's click → its number.
- "settled" is the first moment after that at which the app's script is not running and no
  skeletons are left (what `wait_for_app` waits for): the whole page is done.
Each measure is the median of --repeats runs after --warmup runs that are dropped (the reference
click, short and the divisor of six ratios, runs three times as often), each run from a
settled page. Searches alternate queries and table edits alternate amounts, so each changes
something; adds grow one plan; each kind of interaction has its own new session.
Ratios: an interaction against the reference click → number; a load against the reference's
load of the same kind; issue 25's goals beside them, judged on the ratio of the medians. Beside
each ratio, its 90 % bootstrap interval (both medians resampled): a change is drawn in a whole
frame (16.7 ms), so a median can move by a frame between runs, and the floor of about 50 ms puts
one frame at 0.3×; an interval that holds the goal says the verdict is within that noise. The
table goes to stdout, progress to stderr; --json also writes every sample.

Hooks on the page: Streamlit's test ids (stMetric, stCaptionContainer, stSelectbox,
stDataFrame, stApp's data-test-script-state), accessible names ("Search foods"; the detail panels'
choice "Show" and its options: a page without it, as before it, is measured as it is) and the
`st-key-add_food`, `st-key-source_add_*`, `plan_add_*` and `remove_item_*` classes.
A measure whose hook is gone prints "failed" and why, the others still run, and the exit
status is 1.
"""

from __future__ import annotations

import argparse
import json
import operator
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from bench.timing import median_interval
from tests.support.browser import (
    CHROMIUM_ARGS,
    edit_items,
    panel_choice,
    show_panel,
    wait_for_app,  # one way to drive Chromium and the page
)
from tests.support.paths import ROOT
from tests.support.streamlit_server import free_port
from ui.session import Key, css_class, remove_item_key

REFERENCE_APP = Path(__file__).resolve().parent / "one_button_app.py"
VIEWPORT = {"width": 1400, "height": 1800}
SEARCHES = ("cheddar cheese", "beef liver braised", "whole milk")
PANELS = ("What to add", "Where the B12 comes from")  # shown in turn by the panel measure
TABLE_AMOUNTS = ("2", "3")
WAIT_MS = 60_000
REFERENCE_CLICKS = 3  # times --repeats: the floor is short (a few frames) and divides six ratios

# In every page of a context, before the app's scripts: the probes (each returns the watched
# text, '' while absent or not laid out) and `window.__bench`, which times one change.
PAGE_SCRIPT = r"""
(() => {
  const shown = el => el && el.getClientRects().length > 0;
  const text = el => shown(el) ? el.innerText.trim() : '';
  const labelOf = el => text(el.querySelector('[data-testid="stWidgetLabel"], label'));
  const main = () => document.querySelector('[data-testid="stMain"], section.main') || document;
  const probes = {
    // The gap's "B12 eaten" metric once its value is shown (no fallback to another metric: a
    // rerun may hide this one for a moment, and another's value would read as a change).
    total() {
      const metric = [...main().querySelectorAll('[data-testid="stMetric"]')]
        .find(m => /\b(eaten|intake)\b/i.test(text(m.querySelector('[data-testid="stMetricLabel"]'))));
      return metric ? text(metric.querySelector('[data-testid="stMetricValue"]')) : '';
    },
    // After a search: the results caption ("N of M matches ...") and the food picked in the pick
    // list (a combobox whose value is its input's).
    results() {
      const caption = [...main().querySelectorAll('[data-testid="stCaptionContainer"]')]
        .map(text).find(t => /\bmatch(es)?\b/i.test(t)) || '';
      const pick = [...main().querySelectorAll('[data-testid="stSelectbox"]')]
        .find(box => /^(food|pick|match)/i.test(labelOf(box)));
      const input = pick && pick.querySelector('input');
      const picked = input && shown(input) ? input.value : (pick ? text(pick) : '');
      return caption || picked ? caption + '\n' + picked : '';
    },
    // The day's details: the shown panel's text (only the panel chosen is drawn, by a rerun).
    panel: () => text(main().querySelector('.SHOWN_PANEL')).slice(0, 400),
    // The reference app: its number, and its button.
    count: () => text(document.querySelector('[data-testid="stMetricValue"]')),
    button() {
      return [...document.querySelectorAll('button')].some(b => /add one/i.test(text(b))) ? 'shown' : '';
    },
  };
  const settled = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
      && !document.querySelector('[data-testid="stSkeleton"]');
  };
  // Watch until probes[name]() is neither `before` nor empty: the next animation frame is "shown";
  // then until the app has settled.
  const watch = (name, before, record) => {
    let pending = false;
    const check = () => {
      if (record.start === null) return;
      if (record.shown === null) {
        if (pending) return;
        const value = probes[name]();
        if (value && value !== before) {
          pending = true;
          record.value = value;
          requestAnimationFrame(() => { record.shown = performance.now(); check(); });
        }
        return;
      }
      if (record.settled === null && settled()) {
        record.settled = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, {subtree: true, childList: true, characterData: true,
                                attributes: true, attributeFilter: ['data-test-script-state']});
    return check;
  };
  window.__bench = {
    probe: name => probes[name](),
    // Time from the next click (or Enter keydown) to the change of probes[name]().
    arm(name, trigger) {
      const record = this.last = {start: null, shown: null, settled: null, value: null};
      const check = watch(name, probes[name](), record);
      const type = trigger === 'Enter' ? 'keydown' : 'click';
      const listener = event => {
        if (trigger === 'Enter' && event.key !== 'Enter') return;
        record.start = performance.now();
        window.removeEventListener(type, listener, true);
        check();
      };
      window.addEventListener(type, listener, true);
    },
  };
  const load = __LOAD_PROBE__;  // time this page's load to that probe, from navigation start
  if (load) {
    window.__bench.last = {start: 0, shown: null, settled: null, value: null};
    watch(load, '', window.__bench.last);
  }
})();
""".replace("SHOWN_PANEL", css_class(Key.SHOWN_PANEL))


@dataclass(frozen=True)
class Sample:
    shown_ms: float
    settled_ms: float


@dataclass(frozen=True)
class Measure:
    """One row of the report: what was timed, against which reference row, and issue 25's goal."""
    key: str
    title: str
    reference: str | None = None
    goal: float | None = None


MEASURES = (
    Measure("ref_cold_load", "reference: cold load → button"),
    Measure("ref_warm_load", "reference: warm reload → button"),
    Measure("ref_click", "reference: click → number"),
    Measure("cold_load", "planner: cold load → gap", "ref_cold_load"),
    Measure("warm_load", "planner: warm reload → gap", "ref_warm_load", goal=2.0),
    Measure("search", "planner: search + Enter → results", "ref_click", goal=1.5),
    Measure("add_to_plan", "planner: Add to plan → total", "ref_click", goal=1.5),
    Measure("table_edit", "planner: table edit → total", "ref_click"),
    Measure("suggestion_add", "planner: suggestion Add → total", "ref_click", goal=1.5),
    Measure("panel_switch", "planner: show a panel → drawn", "ref_click", goal=1.5),
    Measure("row_remove", "planner: a line's Remove → total", "ref_click", goal=1.5),
)


# ---- servers -------------------------------------------------------------------------------------

@contextmanager
def streamlit_server(script: Path, env: dict[str, str], cwd: Path) -> Iterator[str]:
    """`streamlit run script` on a free port of 127.0.0.1; yields its address; always stopped."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"{script.name} did not start: {server.stdout.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


def server_env(data_dir: Path) -> dict[str, str]:
    """This process's environment without an FDC key or planner settings, plus the bench's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
    env.update(B12_PLANNER_DATA_DIR=str(data_dir), B12_PLANNER_MODE="local",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    return env


# ---- timing in the page --------------------------------------------------------------------------

def new_page(browser: Browser, load_probe: str | None = None) -> Page:
    """A page in a fresh context (empty cache, its own session) with the timing script."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(script=PAGE_SCRIPT.replace("__LOAD_PROBE__", json.dumps(load_probe)))
    return context.new_page()


def recorded(page: Page) -> Sample:
    """Wait for the armed change and for the app to settle; the times the page recorded."""
    page.wait_for_function("() => window.__bench && window.__bench.last && window.__bench.last.shown !== null",
                           timeout=WAIT_MS)
    wait_for_app(page)
    page.wait_for_function("() => window.__bench.last.settled !== null", timeout=WAIT_MS)
    record = page.evaluate("() => window.__bench.last")
    return Sample(record["shown"] - record["start"], record["settled"] - record["start"])


def timed(page: Page, probe: str, trigger: str, action: Callable[[], object]) -> Sample:
    """Arm the page, do the action (its click or Enter starts the clock), return the sample."""
    page.evaluate("([name, trigger]) => window.__bench.arm(name, trigger)", [probe, trigger])
    action()
    return recorded(page)


def repeat(runs: int, sample: Callable[[int], Sample]) -> list[Sample]:
    return [sample(run) for run in range(runs)]


def cold_loads(browser: Browser, url: str, probe: str, runs: int) -> list[Sample]:
    def one(_: int) -> Sample:
        page = new_page(browser, probe)
        try:
            page.goto(url)
            return recorded(page)
        finally:
            page.context.close()
    return repeat(runs, one)


def warm_loads(browser: Browser, url: str, probe: str, runs: int) -> list[Sample]:
    page = new_page(browser, probe)
    try:
        page.goto(url)
        recorded(page)

        def one(_: int) -> Sample:
            page.reload()
            return recorded(page)
        return repeat(runs, one)
    finally:
        page.context.close()


@contextmanager
def open_app(browser: Browser, url: str) -> Iterator[Page]:
    """A new session on the app, loaded and settled; closed afterwards."""
    page = new_page(browser)
    try:
        page.goto(url)
        wait_for_app(page)
        yield page
    finally:
        page.context.close()


# ---- finding things on the planner's page (by role and label, with fallbacks) --------------------

def first_present(page: Page, what: str, *locators):
    for locator in locators:
        if locator.count():
            return locator.first
    raise LookupError(f"no {what} on the page")


def search_box(page: Page):
    return first_present(page, '"Search foods" box',
                         page.get_by_role("textbox", name=re.compile(r"search foods", re.I)),
                         page.get_by_role("textbox", name=re.compile(r"search", re.I)),
                         page.get_by_placeholder(re.compile(r"milk", re.I)))


def add_to_plan_button(page: Page):
    return first_present(page, "the search panel's Add button", page.locator(f".{css_class(Key.ADD_FOOD)} button"))


def show_detail_panel(page: Page, label: str) -> None:
    """Show a panel of the day's details, where the page has the choice (older pages drew them all)."""
    if panel_choice(page, label).count():
        show_panel(page, label)


def edit_items_on(page: Page) -> None:
    """The day's items as the editable grid, where the page has the choice (older pages always drew it)."""
    if panel_choice(page, "What is planned").count():
        edit_items(page)


def suggestion_button(page: Page):
    """The first Add under "What to add": an everyday source, else a day plan's item."""
    keyed = page.locator('[class*="st-key-source_add_"] button, [class*="st-key-plan_add_"] button')
    if keyed.count():
        return keyed.first
    raise LookupError('no Add button under "What to add"')


def remove_button(page: Page):
    """The Remove button on the first line of "What is planned"."""
    return first_present(page, "a line's Remove button", page.locator(f".{css_class(remove_item_key(0))} button"))


def search(page: Page, query: str) -> None:
    box = search_box(page)
    box.fill(query)
    box.press("Enter")


def add_first_match(page: Page, query: str) -> None:
    """Search and add the first match, so the day has a food to edit or chart."""
    search(page, query)
    wait_for_app(page)
    add_to_plan_button(page).click()
    wait_for_app(page)


def edit_first_amount(page: Page, amount: str) -> Sample:
    """Type `amount` into the first row's Amount cell of the day's table (a canvas grid: select the
    first cell, arrow right to Amount, type, Enter), as tests/support/browser.py does; times the Enter."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    headers = grid.locator('[role="columnheader"]')
    try:
        headers.first.wait_for(state="attached", timeout=2_000)
    except PlaywrightError:
        pass  # no accessible headers: Amount is the third column, as today
    names = [name.strip().lower() for name in headers.all_inner_texts()]
    column = names.index("amount") if "amount" in names else 2
    box = grid.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 53)  # the grid reads the pointer's place before a click
    page.wait_for_timeout(200)
    page.mouse.click(box["x"] + 20, box["y"] + 53)
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'CANVAS'",
                           timeout=WAIT_MS)  # the grid has focus
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.type(amount)
    page.wait_for_function("amount => ['INPUT', 'TEXTAREA'].includes(document.activeElement.tagName)"
                           " && document.activeElement.value === amount",  # the editor is open
                           arg=amount, timeout=WAIT_MS)
    return timed(page, "total", "Enter", lambda: page.keyboard.press("Enter"))


# ---- the measures --------------------------------------------------------------------------------

Interaction = Callable[[Page], Callable[[int], Sample]]  # sets a settled page up; then times its run-th change


def searches(page: Page) -> Callable[[int], Sample]:
    return lambda run: timed(page, "results", "Enter", lambda: search(page, SEARCHES[run % len(SEARCHES)]))


def adds(page: Page) -> Callable[[int], Sample]:
    search(page, SEARCHES[0])
    wait_for_app(page)
    return lambda _: timed(page, "total", "click", lambda: add_to_plan_button(page).click())


def edits(page: Page) -> Callable[[int], Sample]:
    add_first_match(page, SEARCHES[1])
    edit_items_on(page)
    return lambda run: edit_first_amount(page, TABLE_AMOUNTS[run % len(TABLE_AMOUNTS)])


def suggestion_adds(page: Page) -> Callable[[int], Sample]:
    show_detail_panel(page, "What to add")
    return lambda _: timed(page, "total", "click", lambda: suggestion_button(page).click())


def panel_switches(page: Page) -> Callable[[int], Sample]:
    add_first_match(page, SEARCHES[2])

    def switch(run: int) -> Sample:
        choice = first_present(page, "panel choice", panel_choice(page, PANELS[run % len(PANELS)]))
        return timed(page, "panel", "click", choice.click)
    return switch


def removals(page: Page) -> Callable[[int], Sample]:
    for query in SEARCHES:  # a day of three foods; each run removes the first and undoes it
        add_first_match(page, query)
    show_detail_panel(page, "What is planned")

    def remove(_: int) -> Sample:
        sample = timed(page, "total", "click", lambda: remove_button(page).click())
        page.get_by_role("button", name="Undo the removal").click()
        wait_for_app(page)
        return sample
    return remove


INTERACTIONS: dict[str, Interaction] = {
    "search": searches, "add_to_plan": adds, "table_edit": edits, "suggestion_add": suggestion_adds,
    "panel_switch": panel_switches, "row_remove": removals}


def planner_interactions(browser: Browser, url: str, runs: int) -> dict[str, Callable[[], list[Sample]]]:
    """Each kind of interaction in its own new session (one plan that grows with the adds)."""
    def measured(interaction: Interaction) -> Callable[[], list[Sample]]:
        def run() -> list[Sample]:
            with open_app(browser, url) as page:
                return repeat(runs, interaction(page))
        return run
    return {key: measured(interaction) for key, interaction in INTERACTIONS.items()}


def reference_clicks(browser: Browser, url: str, runs: int) -> list[Sample]:
    with open_app(browser, url) as page:
        button = page.get_by_role("button", name=re.compile(r"add one", re.I))
        return repeat(runs, lambda _: timed(page, "count", "click", button.click))


def chosen_measures(only: list[str] | None) -> tuple[Measure, ...]:
    """The measures asked for (all by default), with the reference rows their ratios divide by."""
    if not only:
        return MEASURES
    wanted = set(only) | {m.reference for m in MEASURES if m.key in only and m.reference}
    return tuple(m for m in MEASURES if m.key in wanted)


def measure_all(browser: Browser, reference: str, planner: str, runs: int, warmup: int,
                measures: tuple[Measure, ...] = MEASURES) -> dict[str, list[Sample] | str]:
    """Each measure's kept samples (warm-ups dropped), or why it failed."""
    plan: dict[str, Callable[[], list[Sample]]] = {
        "ref_cold_load": lambda: cold_loads(browser, reference, "button", warmup + runs),
        "ref_warm_load": lambda: warm_loads(browser, reference, "button", warmup + runs),
        "ref_click": lambda: reference_clicks(browser, reference, warmup + REFERENCE_CLICKS * runs),
        "cold_load": lambda: cold_loads(browser, planner, "total", warmup + runs),
        "warm_load": lambda: warm_loads(browser, planner, "total", warmup + runs),
        **planner_interactions(browser, planner, warmup + runs),
    }
    results: dict[str, list[Sample] | str] = {}
    for measure in measures:
        started = time.monotonic()
        try:
            results[measure.key] = plan[measure.key]()[warmup:]
        except (PlaywrightError, LookupError) as error:
            results[measure.key] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
        print(f"  {measure.title:<36} {time.monotonic() - started:5.1f} s", file=sys.stderr, flush=True)
    return results


# ---- the report ----------------------------------------------------------------------------------

def summary(results: dict[str, list[Sample] | str]) -> list[dict]:
    rows = []
    for measure in (m for m in MEASURES if m.key in results):
        samples = results[measure.key]
        if isinstance(samples, str):
            rows.append({"key": measure.key, "title": measure.title, "failed": samples})
            continue
        shown = [s.shown_ms for s in samples]
        quartiles = statistics.quantiles(shown, n=4) if len(shown) > 1 else [shown[0], shown[0], shown[0]]
        row = {"key": measure.key, "title": measure.title, "median_ms": statistics.median(shown),
               "p25_ms": quartiles[0], "p75_ms": quartiles[2],
               "settled_median_ms": statistics.median(s.settled_ms for s in samples),
               "reference": measure.reference, "goal_ratio": measure.goal}
        reference = results.get(measure.reference) if measure.reference else None
        if isinstance(reference, list):
            floor = [s.shown_ms for s in reference]
            row["ratio"] = row["median_ms"] / statistics.median(floor)
            row["ratio_low"], row["ratio_high"] = median_interval(floor, shown, operator.truediv)
        rows.append(row)
    return rows


def print_table(rows: list[dict], runs: int, warmup: int, versions: dict[str, str]) -> None:
    print(f"Browser benchmark: median of {runs} runs after {warmup} warm-ups "
          f"(Chromium {versions['chromium']}, Streamlit {versions['streamlit']}, {versions['commit']})")
    print(f"{'measure':<36} {'shown ms':>9} {'p25–p75':>12} {'ratio':>7} {'90 %':>11} {'goal':>7} {'settled ms':>11}")
    for row in rows:
        if "failed" in row:
            print(f"{row['title']:<36} failed: {row['failed']}")
            continue
        ratio = f"{row['ratio']:.2f}×" if "ratio" in row else ""
        interval = f"{row['ratio_low']:.2f}–{row['ratio_high']:.2f}" if "ratio" in row else ""
        goal = ""
        if row["goal_ratio"] is not None and "ratio" in row:
            goal = f"{'≤' if row['ratio'] <= row['goal_ratio'] else '>'}{row['goal_ratio']:g}×"
        spread = f"{row['p25_ms']:.0f}–{row['p75_ms']:.0f}"
        print(f"{row['title']:<36} {row['median_ms']:9.0f} {spread:>12} {ratio:>7} {interval:>11} {goal:>7} "
              f"{row['settled_median_ms']:11.0f}")
    print("ratio: against the reference's click → number (interactions) or its load of the same kind (loads); "
          "90 %: where noise alone puts the ratio (bootstrap of both medians); goal: issue 25's, judged on the ratio")


def versions(browser: Browser) -> dict[str, str]:
    import streamlit

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"chromium": browser.version, "streamlit": streamlit.__version__,
            "commit": (commit.stdout.strip() or "unknown") + ("+changes" if dirty else "")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="runs kept per measure (median of these)")
    parser.add_argument("--warmup", type=int, default=2, help="runs dropped first, per measure")
    parser.add_argument("--only", nargs="+", choices=[m.key for m in MEASURES if m.reference], metavar="MEASURE",
                        help="only these measures (and their references), e.g. add_to_plan row_remove")
    parser.add_argument("--json", type=Path,
                        help="also write the rows and every sample here (e.g. bench/out/before.json)")
    args = parser.parse_args()
    if args.repeats < 1 or args.warmup < 0:
        parser.error("--repeats must be at least 1 and --warmup at least 0")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so the servers are stopped
    if chromium is None:
        sys.exit("Debian's chromium is not installed (apt-get install chromium).")
    with ExitStack() as stack:  # closed in reverse: browser, Playwright, servers, folder
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="b12-browser-bench-")))
        env = server_env(folder / "data")
        reference = stack.enter_context(streamlit_server(REFERENCE_APP, env, folder))
        planner = stack.enter_context(streamlit_server(ROOT / "app.py", env, folder))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        results = measure_all(browser, reference, planner, args.repeats, args.warmup, chosen_measures(args.only))
        about = versions(browser)
    rows = summary(results)
    print_table(rows, args.repeats, args.warmup, about)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        samples = {key: value if isinstance(value, str) else [asdict(s) for s in value]
                   for key, value in results.items()}
        args.json.write_text(json.dumps({"versions": about, "repeats": args.repeats, "warmup": args.warmup,
                                         "rows": rows, "samples": samples}, indent=2, ensure_ascii=False))
    return 1 if any("failed" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
