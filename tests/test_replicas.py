"""Two app processes on one PostgreSQL (issue 15, item 1), driven by headless Chromium.

Each replica has its own data folder, so nothing it shows can come from its own disk or
memory: a plan saved through replica 1 is listed and opened through replica 2, and when both
tabs then change it, the one holding the older version is refused with the store's sentence.
Visitors are the local person here (the processes run on loopback, B12_PLANNER_MODE=local).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

import pytest

from planner.snapshot import bundled_foods
from planner.store import LOCAL_OWNER, open_store
from tests.streamlit_server import AppSpec, free_port, running_streamlit
from tests.test_browser import CHROMIUM_ARGS, _require, sync_playwright, wait_for_app

pytestmark = [pytest.mark.postgres, pytest.mark.browser]

PLAN_NAME = "Shared by both replicas"
STALE = "This plan changed elsewhere — reload it, or save yours as a copy."


def replica_env(database_url: str, data_dir: Path, cookie_secret: str) -> dict[str, str]:
    """What every replica shares (database, cookie secret) and what is its own (the data folder)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
    env.update(B12_PLANNER_DATABASE_URL=database_url, B12_PLANNER_DATA_DIR=str(data_dir),
               B12_PLANNER_MODE="local", STREAMLIT_SERVER_COOKIE_SECRET=cookie_secret,
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    return env


@pytest.fixture
def two_replicas(postgres_url, tmp_path):
    cookie_secret = secrets.token_hex(32)
    specs = [AppSpec(replica_env(postgres_url, tmp_path / f"data-{n}", cookie_secret), free_port(),
                     tmp_path / f"replica-{n}.log") for n in (1, 2)]
    with running_streamlit(*specs) as apps:
        yield [app.url for app in apps]


def click_radio(page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=label).first.click()
    wait_for_app(page)


def click_button(page, label: str) -> None:
    """A Streamlit button by its exact text (a select box's toggle is also a button named "Open")."""
    page.locator('button[data-testid^="stBaseButton"]').filter(has_text=re.compile(rf"^{re.escape(label)}$")).click()
    wait_for_app(page)


def test_a_plan_saved_through_one_replica_is_listed_through_the_other_and_a_stale_save_is_refused(
        two_replicas, postgres_url):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    _require(chromium is not None, "Debian's chromium is not installed")
    _require(sync_playwright is not None, "Playwright for Python is not installed")
    first_url, second_url = two_replicas
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            first = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
            second = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
            first.goto(first_url)
            wait_for_app(first)
            first.get_by_role("textbox", name="Plan name").fill(PLAN_NAME)
            click_button(first, "Save this plan")
            assert first.get_by_text(f"Saved as '{PLAN_NAME}'").count() == 1

            second.goto(second_url)
            wait_for_app(second)
            click_radio(second, "My plans")
            assert second.get_by_text(PLAN_NAME).count() >= 1  # listed through the other process
            click_button(second, "Open")
            assert second.get_by_text(f"Opened '{PLAN_NAME}'.").count() == 1

            click_button(first, "Add a day")  # saved through replica 1: version 2
            click_button(second, "Add a day")  # replica 2 still holds version 1
            second.get_by_text(STALE).first.wait_for(timeout=30_000)
        finally:
            browser.close()
    store = open_store(postgres_url, Path("unused"), bundled_foods())
    [record] = store.plans(LOCAL_OWNER)
    saved = store.load(LOCAL_OWNER, record.id)
    assert (record.name, record.version, len(saved.plan.days)) == (PLAN_NAME, 2, 2)
    store.engine.dispose()
