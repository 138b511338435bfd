"""Two app processes sharing one PostgreSQL and one Redis (issue 15, items 1 and 2), driven by
headless Chromium.

Each replica has its own data folder and FDC cache folder, so nothing it shows can come from
its own disk or memory: a plan saved through replica 1 is listed and opened through replica 2,
and when both tabs then change it, the one holding the older version is refused with the
store's sentence; a FoodData Central search made through replica 1 is answered from Redis
when repeated through replica 2. FoodData Central is a local fake on 127.0.0.1. Visitors are the
local person here (the processes run on loopback, B12_PLANNER_MODE=local).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import pytest

from planner.snapshot import bundled_foods
from planner.store import LOCAL_OWNER, open_store
from tests.support.browser import search, wait_for_app
from tests.support.fdc_fixtures import fixture
from tests.support.fdc_server import KEY, PREFIX, Counter, json_response, serve
from tests.support.redis_server import running_redis
from tests.support.streamlit_server import AppSpec, free_port, running_streamlit

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")]

PLAN_NAME = "Shared by both replicas"
STALE = "This plan changed elsewhere — reload it, or save yours as a copy."


def replica_env(shared: dict[str, str], folder: Path) -> dict[str, str]:
    """What every replica shares (database, cache, cookie secret, FDC) and what is its own (folders)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
    env.update(shared, B12_PLANNER_DATA_DIR=str(folder / "data"), FDC_CACHE_DIR=str(folder / "fdc-cache"),
               B12_PLANNER_MODE="local", STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    return env


@pytest.fixture(scope="module")
def shared_database(postgres_server):
    url = postgres_server.create_database("t_replicas")
    yield url
    postgres_server.drop_database("t_replicas")


@pytest.fixture(scope="module")
def two_replicas(shared_database, make_httpserver, tmp_path_factory):
    """Two app processes on one database, one Redis and one (fake) FoodData Central."""
    folder = tmp_path_factory.mktemp("replicas")
    with running_redis(folder / "redis") as redis_url:
        shared = {"B12_PLANNER_DATABASE_URL": shared_database, "B12_PLANNER_REDIS_URL": redis_url,
                  "FDC_API_KEY": KEY, "FDC_BASE_URL": make_httpserver.url_for(PREFIX),
                  "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        specs = [AppSpec(replica_env(shared, folder / f"replica-{n}"), free_port(), folder / f"replica-{n}.log")
                 for n in (1, 2)]
        with running_streamlit(*specs) as apps:
            yield [app.url for app in apps]


def visit(browser, *urls: str) -> list:
    """A new visitor (a browser context of its own) on each page, loaded side by side."""
    pages = [browser.new_context(viewport={"width": 1400, "height": 1600}).new_page() for _ in urls]
    for page, url in zip(pages, urls, strict=True):
        page.goto(url, wait_until="commit")
    for page in pages:
        wait_for_app(page)
    return pages


@pytest.fixture(scope="module")
def visitors(browser, two_replicas):
    """One visitor on each replica, for the module's tests."""
    return visit(browser, *two_replicas)


def click_radio(page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=label).first.click()
    wait_for_app(page)


def click_button(page, label: str) -> None:
    """A Streamlit button by its exact text (a select box's toggle is also a button named "Open")."""
    page.locator('button[data-testid^="stBaseButton"]').filter(has_text=re.compile(rf"^{re.escape(label)}$")).click()
    wait_for_app(page)


def test_a_plan_saved_through_one_replica_is_listed_through_the_other_and_a_stale_save_is_refused(
        visitors, shared_database):
    first, second = visitors
    first.get_by_role("textbox", name="Plan name").fill(PLAN_NAME)
    click_button(first, "Save this plan")
    assert first.get_by_text(f"Saved as '{PLAN_NAME}'").count() == 1

    click_radio(second, "My plans")
    assert second.get_by_text(PLAN_NAME).count() >= 1  # listed through the other process
    click_button(second, PLAN_NAME)  # its row in the list opens it
    assert second.get_by_text(f"Opened '{PLAN_NAME}'.").count() == 1

    click_button(first, "Add a day")  # saved through replica 1: version 2
    click_button(second, "Add a day")  # replica 2 still holds version 1
    second.get_by_text(STALE).first.wait_for(timeout=30_000)

    store = open_store(shared_database, Path("unused"), bundled_foods())
    [record] = [r for r in store.plans(LOCAL_OWNER) if r.name == PLAN_NAME]
    assert (record.version, len(store.load(LOCAL_OWNER, record.id).plan.days)) == (2, 2)
    store.engine.dispose()


def test_a_search_made_through_one_replica_costs_no_request_through_the_other(visitors, httpserver):
    handler = Counter(json_response(fixture("search-sr-legacy.json")))
    serve(httpserver, "foods/search", handler)
    for page in visitors:
        search(page, "beef liver")
        assert page.get_by_text("from USDA FoodData Central (live)").count() == 1
    assert handler.calls == 1  # the second replica was answered by the shared Redis cache
