"""Debian's Chromium through Playwright, driving `streamlit run app.py` as a person would; helpers
to wait for Streamlit's runs and to find the day's panels. Under CI=true a missing browser or
Playwright fails the test instead of skipping it."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.support.streamlit_server import AppSpec, running_streamlit, streamlit_command
from ui.session import Key, css_class, plan_add_key

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test says why below (skip locally, fail under CI)
    sync_playwright = None


LISTED_PLAN = f'[class*="{css_class(Key.MY_OPEN)}_"]'  # a saved plan's own button under My plans
LISTED_ROW = f'[data-testid="stHorizontalBlock"]:has({LISTED_PLAN})'  # its row: the button, for whom, when


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (required under CI)")
        pytest.skip(reason)


@contextmanager
def running_app(tmp_path: Path, port: int, env_changes: dict[str, str], *args: str) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 with its data in tmp_path (no FDC key); yields its URL once healthy."""
    # No FDC key; and the server reads its real connections (the tests' own B12_PLANNER_MODE is AppTest's).
    env = {k: v for k, v in os.environ.items() if not k.startswith("FDC_") and k != "B12_PLANNER_MODE"}
    env.update(B12_PLANNER_DATA_DIR=str(tmp_path / "data"), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
               **env_changes)
    spec = AppSpec(env, port, tmp_path / f"streamlit-{port}.log", [*streamlit_command(port), *args])
    with running_streamlit(spec) as (app,):
        yield app.url


def wait_for_app(page) -> None:
    """As Streamlit's own e2e tests do: connected, script not running, no skeletons left."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60_000)
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-testid=stApp]');"
        " return app && app.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=stSkeleton]'); }", timeout=60_000)
    page.wait_for_timeout(300)  # let the last delta paint
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state') === 'notRunning'",
        timeout=60_000)


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def metric_delta(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricDelta"]').inner_text().strip()


def panel_choice(page, label: str):
    """One of the choices above the day's details ("Show": What is planned, What to add, ...)."""
    return page.get_by_role("radiogroup", name="Show").get_by_role("radio", name=label, exact=True)


def show_panel(page, label: str) -> None:
    """Choose one of the day's detail panels and wait for it (only the one shown is drawn)."""
    panel_choice(page, label).click()
    wait_for_app(page)


def edit_items(page) -> None:
    """Show the day's items as the editable grid: the panel "What is planned", "Change amounts or meals" on."""
    show_panel(page, "What is planned")
    if not page.get_by_role("switch", name="Change amounts or meals").is_checked():
        page.locator(f".{css_class(Key.EDIT_ITEMS)} label").first.click()
        wait_for_app(page)


def search(page, query: str) -> None:
    """Type a query in "Search foods" and press Enter, as a person does."""
    box = page.get_by_role("textbox", name="Search foods")
    box.fill(query)
    box.press("Enter")
    wait_for_app(page)


def search_and_add(page, query: str) -> None:
    search(page, query)
    page.locator(f".{css_class(Key.ADD_FOOD)} button").click()
    wait_for_app(page)


def choose_view(page, view: str) -> None:
    page.locator('[data-testid="stRadio"]').get_by_text(view, exact=True).click()
    wait_for_app(page)


def save_plan_as(page, name: str) -> None:
    box = page.get_by_role("textbox", name="Plan name")
    box.fill(name)
    page.get_by_role("button", name="Save").first.click()
    wait_for_app(page)


def plan_a_vegan_day(page) -> None:
    """A vegan's day with soy milk and the first step of the suggested plan, "What to add" shown."""
    diet = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Diet")
    diet.locator('[role="combobox"]').click()
    page.get_by_role("option", name="vegan", exact=True).click()
    wait_for_app(page)
    search_and_add(page, "soymilk silk plain")
    show_panel(page, "What to add")
    page.locator(f".{css_class(plan_add_key(0))} button").click()  # the first step of the suggested plan
    wait_for_app(page)
    show_panel(page, "What to add")


def save_scenarios(page) -> None:
    """Dietitian mode on, and the open plan saved as two scenarios."""
    page.locator('[data-testid="stSidebar"]').get_by_text("Dietitian mode").click()
    wait_for_app(page)
    save_plan_as(page, "Current diet")
    save_plan_as(page, "With fortified cereal")


def downloaded_report(page, folder: Path) -> Path:
    """The printable report of the plan on screen, downloaded as a person would."""
    show_panel(page, "Save, export, open")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download: Printable report (HTML)").click()
    report = folder / "report.html"
    download.value.save_as(report)
    return report
