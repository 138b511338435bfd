"""A hung PostgreSQL (issue 23, item 1): a real server stopped with SIGSTOP, a row lock held by a
stuck transaction. Every store call ends within its stated bound with one sentence, nothing is
half saved, the store works again once the server does; and the page in a real browser answers
within the bound, keeping the change on screen.

The server is the test's own (tests/postgres_server.py), since stopping it stops every
connection; it is always resumed, at the latest after STOPPED_AT_MOST_S.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from planner.errors import StoreUnavailable
from planner.store import LOCAL_OWNER, open_store
from planner.store.connect import CALL_BOUND_S, CONNECT_TIMEOUT_S, QUIET_S
from tests.browser.test_replicas import click_button
from tests.support.browser import running_app, wait_for_app
from tests.support.plans import a_plan
from tests.support.postgres_server import PostgresServer, started_postgres
from tests.support.streamlit_server import free_port

pytestmark = pytest.mark.postgres

ME = LOCAL_OWNER
SLACK_S = 2.0  # how late past its bound a call may end on a busy machine
STOPPED_AT_MOST_S = 40  # a safety: without the bound, a call would wait this long, then go through
NOT_ANSWERING = f"the database is not answering (nothing within {CALL_BOUND_S} s)."


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[PostgresServer]:
    """This module's own server, in place of the session's: these tests stop it. conftest's
    postgres_url gives each test a fresh database on it."""
    server = started_postgres()
    yield server
    server.close()


def server_processes(server: PostgresServer) -> list[int]:
    """The postmaster and its children (a backend per connection): all of them must stop."""
    postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


@contextmanager
def stopped(server: PostgresServer) -> Iterator[None]:
    """SIGSTOP every server process; SIGCONT them after the block, or after STOPPED_AT_MOST_S."""
    processes = server_processes(server)
    resumed = threading.Event()

    def resume() -> None:
        if not resumed.is_set():
            resumed.set()
            send(reversed(processes), signal.SIGCONT)

    safety = threading.Timer(STOPPED_AT_MOST_S, resume)
    try:  # resumed whatever happens, so a failure here cannot leave the server stopped for the next tests
        send(processes, signal.SIGSTOP)
        safety.start()
        yield
    finally:
        safety.cancel()
        resume()


def send(pids: Iterable[int], signal_number: int) -> None:
    """Signal each process; a backend that ended since it was listed (its connection closed) is skipped."""
    for pid in pids:
        try:
            os.kill(pid, signal_number)
        except ProcessLookupError:
            pass


def timed(call) -> tuple[float, BaseException | None]:
    start = time.monotonic()
    try:
        call()
    except Exception as error:  # the test judges it
        return time.monotonic() - start, error
    return time.monotonic() - start, None


def test_a_save_on_an_open_connection_to_a_stopped_server_ends_within_the_bound(postgres_server, postgres_url,
                                                                               tmp_path, catalog):
    store = open_store(postgres_url, tmp_path, catalog)
    try:
        saved = store.create(ME, None, a_plan(catalog, "Kept"))  # the pool now holds an open connection
        with stopped(postgres_server):
            took, error = timed(lambda: store.save(ME, saved.record.id, a_plan(catalog, "Kept", grams=90),
                                                   saved.record.version))
            took_next, error_next = timed(lambda: store.plans(ME))  # a moment later: answered at once
        assert isinstance(error, StoreUnavailable) and str(error) == f"Could not save the plan: {NOT_ANSWERING}"
        assert CALL_BOUND_S - 0.5 < took < CALL_BOUND_S + SLACK_S
        assert isinstance(error_next, StoreUnavailable)
        assert str(error_next) == f"Could not list your plans: {NOT_ANSWERING}"
        assert took_next < 0.5
        time.sleep(QUIET_S)  # resumed; the store tries the server again after its quiet moment
        reloaded = store.load(ME, saved.record.id)  # nothing was half saved
        assert reloaded.record.version == 1 and reloaded.plan.days[0].meals[0].items[0].grams == 30
        assert store.save(ME, saved.record.id, a_plan(catalog, "Kept", grams=90), 1).record.version == 2
    finally:
        store.engine.dispose()


def test_a_first_connection_to_a_stopped_server_ends_within_the_bound(postgres_server, postgres_url, tmp_path, catalog):
    open_store(postgres_url, tmp_path, catalog).plans(ME)  # the tables exist; this store is gone
    store = open_store(postgres_url, tmp_path, catalog)  # a new process: no connection yet
    try:
        with stopped(postgres_server):
            took, error = timed(lambda: store.plans(ME))
        assert isinstance(error, StoreUnavailable) and str(error) == f"Could not list your plans: {NOT_ANSWERING}"
        assert took < CONNECT_TIMEOUT_S + SLACK_S
    finally:
        store.engine.dispose()


def test_a_row_locked_by_a_stuck_transaction_ends_the_save_with_busy(postgres_server, postgres_url, tmp_path, catalog):
    import psycopg

    store = open_store(postgres_url, tmp_path, catalog)
    stuck = psycopg.connect(postgres_url.replace("+psycopg", ""))  # a stuck app process, mid-transaction
    release = threading.Timer(STOPPED_AT_MOST_S, stuck.close)  # a safety, as for a stopped server
    try:
        saved = store.create(ME, None, a_plan(catalog, "Locked"))
        stuck.execute("SELECT 1 FROM plans WHERE id = %s FOR UPDATE", (saved.record.id,))
        release.start()
        took, error = timed(lambda: store.save(ME, saved.record.id, a_plan(catalog, "Locked", grams=90), 1))
        assert isinstance(error, StoreUnavailable)
        assert str(error) == "Could not save the plan: the database is busy; try again in a moment."
        assert took < CALL_BOUND_S
        stuck.rollback()
        assert store.save(ME, saved.record.id, a_plan(catalog, "Locked", grams=90), 1).record.version == 2
    finally:
        release.cancel()
        stuck.close()
        store.engine.dispose()


@pytest.mark.browser
def test_the_page_answers_within_the_bound_and_keeps_the_change_on_screen(postgres_server, postgres_url, tmp_path,
                                                                         browser):
    with running_app(tmp_path, free_port(), {"B12_PLANNER_DATABASE_URL": postgres_url}) as url:
        page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
        page.goto(url)
        wait_for_app(page)
        page.get_by_role("textbox", name="Plan name").fill("Kept on screen")
        click_button(page, "Save this plan")
        page.get_by_text("Saved as 'Kept on screen'").wait_for()
        with stopped(postgres_server):
            start = time.monotonic()
            page.locator('button[data-testid^="stBaseButton"]').filter(has_text="Add a day").click()
            page.get_by_text(f"Could not save the plan: {NOT_ANSWERING}", exact=False).wait_for(
                timeout=STOPPED_AT_MOST_S * 1000)
            took = time.monotonic() - start
        assert took < CALL_BOUND_S + SLACK_S + 1
        assert page.get_by_text("Your change is kept in this tab only, not saved.", exact=False).count() == 1
        wait_for_app(page)
        assert page.get_by_role("button", name="Remove Day 2").count() == 1  # the new day is still on screen
        page.context.close()
