"""Shared fixtures: the bundled catalog (read once), a clean FDC and store environment per test,
and one PostgreSQL server per session for the tests marked `postgres`."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Callable, Iterator

import pytest
from hypothesis import HealthCheck, settings

from planner.snapshot import FoodCatalog, bundled_foods
from planner.store import PlanStore, open_store
from tests.support.postgres_server import PostgresServer, started_postgres

# Property tests judge answers, not speed: on a loaded 2-core CI machine generating inputs can be
# slow, which Hypothesis would otherwise report as a failure.
settings.register_profile("planner", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("planner")


@pytest.fixture(autouse=True)
def _clean_fdc_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees a developer's FDC key or cache; the HTTP cache lives in tmp_path."""
    for name in list(os.environ):
        if name.startswith("FDC_") or name == "B12_PLANNER_REDIS_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("FDC_CACHE_DIR", str(tmp_path / "fdc-cache"))
    monkeypatch.setenv("B12_PLANNER_DATA_DIR", str(tmp_path / "app-data"))
    monkeypatch.delenv("B12_PLANNER_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _local_visitor(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest runs the app with no browser connection, and cannot seed the peer address or
    headers (its docs say so), so every visitor would count as hosted. Tests are the person
    at this computer unless they say otherwise: local mode, and a connection read as a
    browser's on 127.0.0.1. tests/test_access.py decides on real inputs; tests/test_login.py
    reads real connections."""
    from ui.visitor import Connection

    monkeypatch.setenv("B12_PLANNER_MODE", "local")
    monkeypatch.setattr("ui.visitor.read_connection",
                        lambda: Connection("127.0.0.1", {"host": "localhost:8501", "origin": "http://localhost:8501"}))


@pytest.fixture(scope="session")
def catalog() -> FoodCatalog:
    return bundled_foods()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One server for the session's `postgres` tests (each gets its own database)."""
    server = started_postgres()
    yield server
    server.close()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"t_{secrets.token_hex(6)}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def _postgres_shared_database(postgres_server: PostgresServer) -> str:
    return postgres_server.create_database("t_shared")


@pytest.fixture
def postgres_emptied_url(postgres_server: PostgresServer, _postgres_shared_database: str) -> str:
    """The session's shared database with every row gone (its tables stay): quicker than a
    new database for tests that do not change the schema."""
    postgres_server.empty_database(_postgres_shared_database)
    return _postgres_shared_database


# ---- a store on each database (tests/test_store*.py, tests/test_data_cli.py) --------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    """A database with no rows (on PostgreSQL its tables may exist from an earlier test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'plans.sqlite3'}"
    return request.getfixturevalue("postgres_emptied_url")


@pytest.fixture
def connect(database_url, tmp_path, catalog) -> Callable[[], PlanStore]:
    """Opens a store on the test's database: each call is a new engine (another tab, another server)."""
    engines = []

    def opened() -> PlanStore:
        store = open_store(database_url, tmp_path / "app-data", catalog)
        engines.append(store.engine)
        return store

    yield opened
    for engine in engines:
        engine.dispose()


@pytest.fixture
def store(connect) -> PlanStore:
    return connect()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (skipped without it, failed under CI)."""
    import shutil

    from tests.support.browser import CHROMIUM_ARGS, require, sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium is not None, "Debian's chromium is not installed")
    require(sync_playwright is not None, "Playwright for Python is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
