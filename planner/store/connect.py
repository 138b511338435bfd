"""Which database holds the plans, how to connect to it, and how its faults read to a person.

SQLite in the app's data directory unless a URL names PostgreSQL (psycopg 3) or another
SQLite file. Database faults become one StoreUnavailable sentence; the URL (and its
password) never appears in one.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from planner.errors import StoreError, StoreUnavailable

SQLITE_FILE = "plans.sqlite3"
POSTGRES_DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 5
# Execution option asking for a write transaction: SQLite takes its write lock at BEGIN
# (BEGIN IMMEDIATE), so two writers queue instead of failing with "database is locked".
WRITE = {"b12_write": True}


def default_data_dir() -> Path:
    env = os.environ.get("B12_PLANNER_DATA_DIR")
    if env:
        return Path(env)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "b12-planner"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "b12-planner"


def store_url(database_url: str | None, data_dir: Path) -> URL:
    """The database to use: the given URL (SQLite or PostgreSQL), else SQLite in the data dir."""
    if not database_url:
        return URL.create("sqlite", database=str(data_dir / SQLITE_FILE))
    try:
        url = make_url(database_url.strip())
    except exc.ArgumentError:
        raise StoreError("The database URL is not a URL SQLAlchemy can read "
                         "(e.g. postgresql://user:password@host/db).") from None
    if url.drivername in ("postgres", "postgresql", "postgresql+psycopg"):
        return url.set(drivername=POSTGRES_DRIVER)
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        return url
    raise StoreError(f"The planner stores plans in SQLite or PostgreSQL, not {url.get_backend_name()}.")


def in_memory(url: URL) -> bool:
    """A SQLite database that lives in this process only (a session's plans, never the store)."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def create_store_engine(url: URL) -> Engine:
    """An engine with the settings the store relies on (SQLite: real transactions, FKs on)."""
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    if in_memory(url):  # one connection, whichever thread asks: the database lives as long as it does
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # pysqlite's own BEGIN skips DDL and SELECT; emit BEGIN ourselves (SQLAlchemy's recipe).
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("b12_write")
                                   else "BEGIN")

    return engine


def ensure_sqlite_folder(url: URL) -> None:
    """Create the folder of a SQLite file (the app's data directory) on first use."""
    if url.get_backend_name() == "sqlite" and not in_memory(url) and not (url.database or "").startswith("file:"):
        Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)


def fault_reason(error: BaseException) -> str:
    """A database or file-system fault as a few words a person can act on."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    if "readonly" in text or "read-only" in text:
        return "the database is read-only"
    if "disk is full" in text or "no space left" in text or "could not extend file" in text:
        return "the disk is full"
    if "database is locked" in text:
        return "the database is busy; try again in a moment"
    if "unable to open database file" in text:
        return "the database file cannot be opened (check the data folder and its permissions)"
    if isinstance(original, OSError) and original.strerror:
        return f"the data folder cannot be written ({original.strerror.lower()})"
    if isinstance(error, (exc.OperationalError, exc.InterfaceError)) or "connection" in text:
        return "the database server is not reachable"
    return f"the database reported an error ({type(original).__name__})"


@contextmanager
def faults_as(action: str) -> Iterator[None]:
    """Turn database and file-system faults inside the block into one StoreUnavailable."""
    try:
        yield
    except exc.IntegrityError:
        raise  # a constraint the store itself answers (PlanStore._writing)
    except (exc.DBAPIError, exc.TimeoutError, OSError) as error:
        raise StoreUnavailable(action, fault_reason(error)) from error


def url_from_connection_secrets(section: Mapping[str, Any]) -> str:
    """A database URL from a Streamlit `[connections.<name>]` secrets table (SQLConnection's keys)."""
    if section.get("url"):
        return str(section["url"])
    dialect = str(section.get("dialect", "postgresql"))
    driver = f"+{section['driver']}" if section.get("driver") else ""
    url = URL.create(f"{dialect}{driver}", username=section.get("username"), password=section.get("password"),
                     host=section.get("host"), port=section.get("port"), database=section.get("database"),
                     query=dict(section.get("query", {})))
    return url.render_as_string(hide_password=False)
