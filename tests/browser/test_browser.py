"""A real browser: `streamlit run app.py` on 127.0.0.1, Debian's Chromium driven by Playwright.

Adds, edits and removes foods and checks every figure against the plan file the page gives;
finds a refused file's reasons in view; runs axe-core on the views, Dietitian mode and the
printed report (scripts/readme_pictures.py takes the README's pictures the same way). Under CI=true a missing browser,
Playwright or axe fails the test instead of skipping it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.comparison import SCENARIO_COLUMNS
from planner.snapshot import bundled_foods
from tests.support.browser import (
    LISTED_PLAN,
    LISTED_ROW,
    choose_view,
    downloaded_report,
    edit_items,
    metric_delta,
    metric_value,
    plan_a_vegan_day,
    require,
    running_app,
    save_scenarios,
    search,
    search_and_add,
    show_panel,
    wait_for_app,
)
from tests.support.paths import ROOT
from tests.support.streamlit_server import free_port
from ui.details import DETAIL_PANELS
from ui.messages import TOAST_CLASS
from ui.plans import COMPARE_TABLE_CLASS
from ui.session import Key, css_class, remove_item_key
from ui.table import COLUMNS
from ui.text import WORD_JOINER

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test says why below (skip locally, fail under CI)
    sync_playwright = None
try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:
    Axe = None

ARTIFACTS = ROOT / "tests" / "artifacts"
WHOLE_MILK = "fndds:11111000"  # what "whole milk" finds first: FNDDS's Milk, whole

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """One server for the module; each test opens its own page, so its own session."""
    with running_app(tmp_path_factory.mktemp("browser"), free_port(), {}) as url:
        yield url


@pytest.fixture
def page(browser):
    """A new browser context per test: its own cookies, so its own Streamlit session."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    yield context.new_page()
    context.close()


def downloaded_plan(page, tmp_path: Path):
    """The plan as the page has it: its plan file, downloaded as a person would."""
    from planner.planfile import parse_plan
    from planner.snapshot import bundled_foods

    show_panel(page, "Save, export, open")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download: Plan file (JSON)").click()
    path = tmp_path / "downloaded.json"
    download.value.save_as(path)
    return parse_plan(path.read_bytes(), bundled_foods())


def assert_page_agrees_with(page, plan) -> None:
    """The metrics and the by-meal chart against plan_totals of the plan file."""
    from planner.snapshot import bundled_foods
    from planner.totals import plan_totals
    from planner.wording import gap_text, intake_text

    totals = plan_totals(plan, bundled_foods())
    day = totals.days[0]
    page.wait_for_function(
        "value => Array.from(document.querySelectorAll('[data-testid=stMetricValue]'))"
        ".some(e => e.innerText === value)", arg=intake_text(day.total_ug, day.unknown_items).split(";")[0],
        timeout=30_000)
    assert metric_delta(page, "Target") == gap_text(day.total_ug, totals.target.target_ug)
    assert metric_value(page, "Absorbed (estimate)") == f"{day.absorbed_ug:.2f} µg"
    show_panel(page, "Where the B12 comes from")
    bars = page.locator('ul[aria-label="B12 per meal"] li[data-meal]')
    shown = [(bar.get_attribute("data-meal"), float(bar.get_attribute("data-ug"))) for bar in bars.all()]
    assert shown == [(meal.name, round(meal.total_ug, 3)) for meal in day.meals]
    assert [text.rsplit(" — ", 1)[1] for text in bars.all_inner_texts()] == [f"{meal.total_ug:,.2f} µg"
                                                                          for meal in day.meals]


def edit_first_row(page, columns_right: int, keys: str = "") -> None:
    """The day's table is a canvas grid: select the first cell, move right, type, commit with Enter."""
    edit_items(page)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    grid = table.bounding_box()
    page.mouse.move(grid["x"] + 20, grid["y"] + 53)  # the grid reads the pointer's place before a click
    page.wait_for_timeout(300)
    page.mouse.click(grid["x"] + 20, grid["y"] + 53)
    page.wait_for_timeout(500)  # the grid takes focus
    for _ in range(columns_right):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    if keys:
        page.keyboard.type(keys)
        page.wait_for_timeout(500)  # the cell editor opens
    page.keyboard.press("Enter")  # commits a typed value; on a checkbox cell, ticks it
    wait_for_app(page)


FOCUSED_BUTTON = "name => document.activeElement.tagName === 'BUTTON' && document.activeElement.innerText === name"


def test_add_edit_and_remove_keep_every_figure_in_step(app_url, page, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    assert metric_value(page, "B12 eaten") == "0.00 µg"
    search_and_add(page, "beef liver braised")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-testid=stMetricValue]'))"
        ".some(e => e.innerText.includes('47.99'))", timeout=30_000)
    assert metric_value(page, "B12 eaten") == "47.99 µg"
    assert page.get_by_text("USDA SR Legacy (SR28, 2016), NDB 13326").count() >= 1
    # Focus stays on the button that was pressed, not thrown to the top of the page.
    assert page.evaluate(f"() => !!document.activeElement.closest('.{css_class(Key.ADD_FOOD)}')")
    assert_page_agrees_with(page, downloaded_plan(page, tmp_path))
    search_and_add(page, "whole milk")
    assert_page_agrees_with(page, downloaded_plan(page, tmp_path))
    edit_items(page)
    page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    header = page.locator('[data-testid="stDataFrame"] [role="columnheader"]').all_inner_texts()
    assert header == COLUMNS  # every column in view: no sideways scroll to reach B12
    assert page.evaluate("() => [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')]"
                         ".every(s => s.scrollWidth <= s.clientWidth + 1)")
    milk = bundled_foods().get_food(WHOLE_MILK)
    milk_ug = milk.b12_ug(milk.portion("1 cup").grams) or 0.0
    liver = bundled_foods().get_food("sr:13326")
    two_slices = 2 * (liver.b12_ug(liver.portion("1 slice").grams) or 0.0)
    edit_first_row(page, 2, "2")  # 2 slices of liver (the first row) and a cup of milk
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-testid=stMetricValue]'))"
        f".some(e => e.innerText.includes('{two_slices + milk_ug:.2f}'))", timeout=30_000)
    edited = downloaded_plan(page, tmp_path)
    assert [item.count for meal in edited.days[0].meals for item in meal.items] == [2, 1]
    assert_page_agrees_with(page, edited)
    show_panel(page, "What is planned")
    page.locator(f".{css_class(Key.EDIT_ITEMS)} label").first.click()  # back to the lines to read
    wait_for_app(page)
    both = f"{two_slices + milk_ug:.2f} µg"
    liver_remove = page.locator(f".{css_class(remove_item_key(0))} button")
    for then in ("Undo the removal", None):  # removed, put back, removed again; from the keyboard
        liver_remove.focus()
        page.keyboard.press("Enter")  # the liver's line: it goes, and its button with it
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('[data-testid=stMetricValue]'))"
            f".some(e => e.innerText === '{milk_ug:.2f} µg')", timeout=30_000)
        wait_for_app(page)
        if then:
            page.wait_for_function(FOCUSED_BUTTON, arg=then, timeout=5_000)  # focus moved to Undo, not the top
            page.keyboard.press("Enter")
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('[data-testid=stMetricValue]'))"
                f".some(e => e.innerText === '{both}')", timeout=30_000)
            wait_for_app(page)
            page.wait_for_function(FOCUSED_BUTTON, arg=liver_remove.inner_text(), timeout=5_000)  # and back
            assert "liver" in liver_remove.inner_text().lower()
    removed = downloaded_plan(page, tmp_path)
    assert [item.food for meal in removed.days[0].meals for item in meal.items] == [WHOLE_MILK]
    assert_page_agrees_with(page, removed)


def test_a_refused_plan_file_is_explained_where_the_person_is_looking(app_url, page, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "profile": {"age_years": 30, "sex": "female"},
                               "days": [{"label": "Mon", "meals": [{"name": "lunch", "items": [
                                   {"food": "sr:13326", "grams": -5}]}]}]}))
    page.goto(app_url)
    wait_for_app(page)
    show_panel(page, "Save, export, open")
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    page.locator('[data-testid="stFileUploader"]').scroll_into_view_if_needed()
    uploader.set_input_files(str(bad))
    refusal = page.locator('[data-testid="stAlertContentError"]').filter(has_text="bad.json was not loaded")
    refusal.wait_for(timeout=30_000)
    wait_for_app(page)
    box = refusal.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box  # in view, no scrolling
    text = refusal.inner_text().replace(WORD_JOINER, "")
    assert "Day 1, meal 1, item 1, grams:" in text and "$" not in text


@pytest.fixture
def request_log():
    """A second local server that records every request the browser makes to it."""
    import http.server
    import threading

    paths: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            paths.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", paths
    server.shutdown()
    server.server_close()


def test_an_opened_plan_file_shows_its_person_everywhere(app_url, page, tmp_path):
    """The uploader sits in the day view; the file's person must reach the sidebar and the header too."""
    plan = tmp_path / "grandad.json"
    plan.write_text(json.dumps({"version": 1, "name": "Grandad", "profile": {"age_years": 72, "sex": "male"},
                                "days": [{"label": "Mon", "meals": [{"name": "breakfast", "items": [
                                    {"food": "sr:01077", "grams": 244}]}]}]}))
    page.goto(app_url)
    wait_for_app(page)
    show_panel(page, "Save, export, open")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(plan))
    page.get_by_role("status").filter(has_text="grandad.json").wait_for(timeout=30_000)
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_role("spinbutton", name="Age (years)").input_value() == "72"
    assert sidebar.get_by_text("51+ years").count() == 1
    assert page.get_by_role("textbox", name="Plan name").input_value() == "Grandad"
    assert metric_value(page, "B12 eaten") == "1.10 µg"


def test_markdown_in_an_imported_plan_fetches_nothing_and_links_nowhere(app_url, page, request_log, tmp_path):
    """Issue 12, finding 8, in a real browser: a plan name that is a Markdown image stays text."""
    base, fetched = request_log
    name, label = f"![t]({base}/x.png) <img src={base}/y.png> :smile:", f"[link]({base}/z)"
    plan = tmp_path / "hostile.json"
    plan.write_text(json.dumps({"version": 1, "name": name, "profile": {"age_years": 30, "sex": "female"},
                                "days": [{"label": label, "meals": []}]}))
    page.goto(app_url)
    wait_for_app(page)
    show_panel(page, "Save, export, open")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(plan))
    toast = page.get_by_role("status").filter(has_text="hostile.json")
    toast.wait_for(timeout=30_000)
    wait_for_app(page)
    shown = toast.first.inner_text().strip().replace(WORD_JOINER, "")
    assert f"Loaded '{name}' from hostile.json. Name it to keep it." in shown
    heading = page.get_by_role("heading").filter(has_text="at a glance").first
    assert heading.inner_text().strip().replace(WORD_JOINER, "") == f"{label} at a glance"
    assert page.locator('img[src*="127.0.0.1"], a[href*="127.0.0.1"]').count() == 0
    page.wait_for_timeout(1000)  # time for any image request to arrive
    assert fetched == []


# ---- accessibility (axe-core) ----------------------------------------------------------------------

BLOCKING_IMPACTS = {"serious", "critical"}


SETTLED_JS = ("() => Promise.race([new Promise(done => setTimeout(done, 3000)), Promise.all(document.getAnimations()"
              ".filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)"
              ".map(a => a.finished.catch(() => null)))])")


def settle(page, *, hovering: bool = False) -> None:
    """Axe reads colours as they are at that instant: a tooltip half faded in has no contrast to speak of.
    So the mouse is parked where it shows nothing (unless a tooltip is the state under test) and the
    page's transitions run to their end first."""
    if not hovering:
        page.mouse.move(0, 0)
        page.locator(".stTooltipContent").first.wait_for(state="detached", timeout=10_000)
    page.evaluate(SETTLED_JS)


def accessibility_problems(page, *, hovering: bool = False) -> list[str]:
    """axe-core's serious or critical violations, and any skipped heading level (a moderate rule
    that matters to people who move by headings)."""
    require(Axe is not None, "axe-playwright-python is not installed")
    settle(page, hovering=hovering)
    violations = Axe().run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in BLOCKING_IMPACTS or v["id"] == "heading-order"]


def test_views_dietitian_mode_and_report_pass_axe(app_url, page, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    problems = {"empty day": accessibility_problems(page)}
    assert page.get_by_role("button", name="Deploy").count() == 0  # Streamlit's toolbar is not for users
    plan_a_vegan_day(page)
    for tab in DETAIL_PANELS:
        show_panel(page, tab)
        problems[f"a planned vegan day: {tab}"] = accessibility_problems(page)
    show_panel(page, "What to add")  # the rules are drawn once unfolded, in place
    rules = page.locator("[data-testid=stExpander]").filter(has_text="Why these")
    assert rules.locator("[data-testid=stAlert]").count() == 0
    rules.get_by_text("Why these").click()
    rules.locator("[data-testid=stAlert]").first.wait_for(timeout=30_000)
    wait_for_app(page)
    problems["a planned vegan day: the rules unfolded"] = accessibility_problems(page)
    show_panel(page, "What is planned")
    page.locator(f".{css_class(remove_item_key(0))} button").click()
    page.get_by_role("button", name="Undo the removal").wait_for(timeout=30_000)
    wait_for_app(page)
    problems["a removal, with its Undo"] = accessibility_problems(page)
    page.get_by_role("button", name="Undo the removal").click()
    wait_for_app(page)
    page.get_by_role("button", name="Edit", exact=True).click()
    wait_for_app(page)
    problems["the person's form on the page"] = accessibility_problems(page)
    page.get_by_role("button", name="Done", exact=True).hover()
    page.locator(".stTooltipContent").first.wait_for(timeout=10_000)
    problems["a button's tooltip"] = accessibility_problems(page, hovering=True)
    page.get_by_role("button", name="Done", exact=True).click()
    wait_for_app(page)
    for view in ("My plans", "Learn about B12"):
        choose_view(page, view)
        problems[view] = accessibility_problems(page)
    choose_view(page, "Plan a day")
    save_scenarios(page)
    problems["Dietitian mode: plan a day"] = accessibility_problems(page)
    choose_view(page, "Compare scenarios")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=30_000)
    problems["Dietitian mode: compare scenarios"] = accessibility_problems(page)
    choose_view(page, "Plan a day")
    page.goto(downloaded_report(page, tmp_path).as_uri())
    problems["report"] = accessibility_problems(page)
    failing = [f"{where}: {problem}" for where, found in problems.items() for problem in found]
    assert not failing, "\n".join(failing)


def test_charts_read_on_a_phone(app_url, browser):
    """At 390 px every bar keeps its whole label and value on screen: labels wrap, nothing is cut."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_app(page)
        search_and_add(page, "morningstar farms grillers")
        show_panel(page, "Where the B12 comes from")
        page.wait_for_selector('ul[aria-label="B12 per food"] li', timeout=30_000)
        for chart in ("B12 per food", "B12 per meal"):
            bars = page.locator(f'ul[aria-label="{chart}"] li[data-meal]')
            assert bars.count() >= 1
            for bar in bars.all():
                bar.scroll_into_view_if_needed()
                box = bar.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (chart, box)
                assert bar.evaluate("e => e.scrollWidth <= e.clientWidth")  # no text overflows its line
        meals = page.locator('ul[aria-label="B12 per meal"] li[data-meal]').all_inner_texts()
        assert [text.split(" — ")[0] for text in meals] == ["breakfast", "lunch", "dinner", "snacks"]
        food = page.locator('ul[aria-label="B12 per food"] li[data-meal]').first.inner_text()
        assert food.startswith("MORNINGSTAR FARMS") and food.endswith(" µg")
    finally:
        context.close()


NO_SIDEWAYS_SCROLL = """e => { const main = document.querySelector('[data-testid=stMain]');
  for (let node = e; node && node !== main.parentElement; node = node.parentElement)
    if (node.scrollWidth > node.clientWidth) return false;
  return document.documentElement.scrollWidth <= document.documentElement.clientWidth; }"""


def test_compare_fits_1280_and_my_plans_rows_open_on_a_click(app_url, browser):
    """At 1280×800 with the sidebar open each scenario's items show every column, B12 and source too,
    and nothing scrolls sideways; a click on a plan's row under My plans opens it (issue 25, item 6)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_app(page)
        search_and_add(page, "soymilk silk plain")
        save_scenarios(page)
        sidebar = page.get_by_test_id("stSidebar").bounding_box()
        assert sidebar is not None and sidebar["x"] >= 0 and sidebar["width"] > 200  # open
        choose_view(page, "Compare scenarios")
        tables = page.locator(f"table.{COMPARE_TABLE_CLASS}")
        tables.first.wait_for(timeout=30_000)
        assert tables.count() == 2
        for table in tables.all():
            table.scroll_into_view_if_needed()
            assert table.locator("th").all_inner_texts() == list(SCENARIO_COLUMNS)
            for cell in [*table.locator("th").all(), *table.locator("td").all()]:
                box = cell.bounding_box()
                assert box is not None, cell
                assert sidebar["x"] + sidebar["width"] <= box["x"] and box["x"] + box["width"] <= 1280, box
            assert table.evaluate(NO_SIDEWAYS_SCROLL)
        assert page.get_by_text("Difference: ", exact=False).count() == 2
        choose_view(page, "My plans")
        for row in page.locator(LISTED_ROW).all():
            assert row.evaluate(NO_SIDEWAYS_SCROLL)
        page.locator(LISTED_PLAN).get_by_role("button", name="Current diet", exact=True).click()
        wait_for_app(page)
        page.get_by_text("Opened 'Current diet'.").wait_for(timeout=30_000)
        assert page.get_by_role("radio", name="Plan a day").is_checked()
        assert page.get_by_role("textbox", name="Plan name").input_value() == "Current diet"
    finally:
        context.close()


def overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


FIRST_SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# The words of every button in view that are cut short (an ellipsis, or text past its edge).
CLIPPED_BUTTONS = """() => Array.from(document.querySelectorAll('button')).filter(b => b.offsetParent !== null)
  .filter(b => [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
  .map(b => b.innerText.trim())"""


@pytest.mark.parametrize("screen", FIRST_SCREENS)
def test_the_first_screen_shows_the_person_the_verdict_and_the_search(app_url, browser, screen):
    """At 1280×800 and 390×844, without opening the sidebar: the person's line, the day's verdict and the
    search box are on the first screen, and the add's confirmation covers none of them; on the phone "Edit"
    brings the profile onto the page; axe is clean; no button's words are cut short ("Copy this…");
    the day's lines and What to add do not scroll sideways (issue 25, items 5 and 6)."""
    viewport = FIRST_SCREENS[screen]
    context = browser.new_context(viewport=viewport, is_mobile=screen == "phone", has_touch=screen == "phone")
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_app(page)
        search_and_add(page, "whole milk")
        page.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
        page.wait_for_timeout(300)
        person = page.get_by_text("Planning for:", exact=False).first
        verdict = page.locator("[data-testid=stAlert]").first  # the day's verdict: the page's first box
        search_box = page.get_by_role("textbox", name="Search foods")
        boxes = {}
        for what, element in (("person", person), ("verdict", verdict), ("search", search_box)):
            box = boxes[what] = element.bounding_box()
            assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], (what, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (what, box)
        toast = page.locator(f".{TOAST_CLASS}[role=status]").last.bounding_box()  # the add's confirmation, still shown
        assert toast is not None and not [what for what, box in boxes.items() if overlap(toast, box)], toast
        problems = accessibility_problems(page)
        assert page.evaluate(CLIPPED_BUTTONS) == []
        if screen == "phone":
            page.get_by_role("button", name="Edit", exact=True).click()
            wait_for_app(page)
            age = page.locator('[data-testid="stMain"]').get_by_role("spinbutton", name="Age (years)")
            assert age.is_visible()  # on the page, the sidebar still folded
            problems += accessibility_problems(page)
        else:
            for line in page.locator(".b12-line").all():
                assert line.evaluate(NO_SIDEWAYS_SCROLL)
            show_panel(page, "What to add")
            page.locator(".b12-sources").first.wait_for(timeout=30_000)
            for line in page.locator(".b12-line").all():
                assert line.evaluate(NO_SIDEWAYS_SCROLL)
            assert page.evaluate(CLIPPED_BUTTONS) == []
        assert not problems, problems
    finally:
        context.close()


def test_the_forms_show_their_starting_values_after_an_add(app_url, page):
    """What the browser shows, not only what the server holds: a value merely forgotten on the server stays
    on screen (issue 25, item 3)."""
    page.goto(app_url)
    wait_for_app(page)
    search(page, "salmon")
    how_many = page.get_by_role("spinbutton", name="How many")
    how_many.fill("2")
    how_many.press("Enter")
    wait_for_app(page)
    page.locator(f".{css_class(Key.ADD_FOOD)} button").click()
    wait_for_app(page)
    assert float(how_many.input_value()) == 1.0  # the next add starts from one
    page.locator(f".{css_class(Key.SHOW_SUPPLEMENT)} label").first.click()
    wait_for_app(page)
    page.get_by_role("textbox", name="Supplement").fill("Methyl B12 drops")
    page.get_by_role("spinbutton", name="µg per dose").fill("2000")
    page.get_by_role("button", name="Add supplement").click()
    wait_for_app(page)
    assert page.get_by_role("textbox", name="Supplement").input_value() == "B12 (cyanocobalamin)"
    assert float(page.get_by_role("spinbutton", name="µg per dose").input_value()) == 10.0


def test_a_second_add_shows_its_toast_afresh(app_url, page):
    """Each confirmation is a new toast in the browser too: its fade starts again, also after the same words."""
    page.goto(app_url)
    wait_for_app(page)
    search(page, "whole milk")
    add = page.locator(f".{css_class(Key.ADD_FOOD)} button")
    toast_age = "() => document.querySelector('.TOAST[role=status]').getAnimations()[0].currentTime".replace(
        "TOAST", TOAST_CLASS)
    add.click()
    wait_for_app(page)
    page.wait_for_timeout(2_000)
    assert page.evaluate(toast_age) >= 2_000
    add.click()
    wait_for_app(page)
    assert page.evaluate(toast_age) < 1_500  # the second toast's fade, not the first one's


def test_an_impossible_age_is_refused_in_words_when_entered(app_url, page):
    """The browser applies the typed age (no bounds there to swallow it) and the page says why it is refused."""
    page.goto(app_url)
    wait_for_app(page)
    target = metric_value(page, "Target")
    age = page.get_by_role("spinbutton", name="Age (years)")
    age.fill("999")
    age.press("Enter")
    wait_for_app(page)
    page.get_by_text("Age must be between 0 and 120 years (got 999).", exact=False).wait_for(timeout=30_000)
    assert metric_value(page, "Target") == target
