"""Which database holds the plans, how to connect to it, and how its faults read to a person.

SQLite in the app's data directory unless a URL names PostgreSQL (psycopg 3) or another
SQLite file. Database faults become one StoreUnavailable sentence; the URL (and its
password) never appears in one.

On PostgreSQL every store call ends within CALL_BOUND_S, however the server fails. A live
server cancels a slow statement or a long lock wait itself (statement_timeout, lock_timeout);
TCP keepalives and tcp_user_timeout drop a connection to a machine that is gone. A server that
is stopped (SIGSTOP, a frozen VM) still has its kernel acknowledge everything, so none of those
fire: for that a watchdog shuts the call's socket at the bound, which ends a wait on an
already-open connection too (the pool's own pre-ping would wait unwatched, so the ping is done
here, under the watch). After a call found the server not answering, calls in the next
QUIET_S answer at once, so a page makes one person wait once, not once per call.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Iterator, Mapping

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from planner.errors import StoreError, StoreUnavailable
from planner.watchdog import Watchdog

SQLITE_FILE = "plans.sqlite3"
POSTGRES_DRIVER = "postgresql+psycopg"
CALL_BOUND_S = 10  # the longest a store call on PostgreSQL takes, answer or not
CONNECT_TIMEOUT_S = 5
POOL_WAIT_S = 5  # for a free pooled connection, when every one is busy
QUIET_S = 5  # after a call found no answer, calls fail at once for this long
# Settings of each PostgreSQL session: a live server ends a slow statement, a long lock wait or a
# transaction left open by a stuck app process before the watchdog has to.
SERVER_LIMITS = ("-c statement_timeout=8000 -c lock_timeout=4000 "
                 "-c idle_in_transaction_session_timeout=60000")
NETWORK_LIMITS = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
                  "tcp_user_timeout": CALL_BOUND_S * 1000}  # milliseconds unacknowledged before giving up
NOT_ANSWERING = f"the database is not answering (nothing within {CALL_BOUND_S} s)"
# Execution option asking for a write transaction: SQLite takes its write lock at BEGIN
# (BEGIN IMMEDIATE), so two writers queue instead of failing with "database is locked".
WRITE = {"b12_write": True}


class _NoAnswer(exc.TimeoutError):
    """The server gave no answer within the call's bound (or gave none a moment ago)."""


# The watchdog of the store call running in this thread (Streamlit runs each session's script,
# and each download, in a thread of its own).
_CALL: ContextVar[Watchdog | None] = ContextVar("store_call", default=None)


class CallBound:
    """Bounds the store calls on one engine (a no-op on SQLite, which has no server to wait for)."""

    def __init__(self, engine: Engine):
        self.watched = engine.url.get_backend_name() == "postgresql"
        self._quiet_until = 0.0  # monotonic; shared by copies of the store, so by every session

    @contextmanager
    def call(self) -> Iterator[None]:
        """One store call: at most CALL_BOUND_S; a call nested in another keeps the outer bound."""
        if not self.watched or _CALL.get() is not None:
            yield
            return
        with Watchdog(CALL_BOUND_S) as watchdog:
            token = _CALL.set(watchdog)
            try:
                yield
            finally:
                _CALL.reset(token)
                if watchdog.fired:
                    self._quiet_until = time.monotonic() + QUIET_S

    def refuse_while_quiet(self) -> None:
        """Answer at once while the server was found not answering a moment ago."""
        if self.watched and time.monotonic() < self._quiet_until:
            raise _NoAnswer("no answer a moment ago")


def _watch_postgres_connections(engine: Engine) -> None:
    """Every connection a store call makes or takes is under its watch; the check that a pooled
    connection still works (SQLAlchemy's pre-ping, done here) too."""

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        connection = dialect.connect(*cargs, **cparams)
        _watch(connection)  # the dialect's first queries on it are watched too
        return connection

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        _watch(dbapi_connection)
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            watchdog = _CALL.get()
            if watchdog is not None and watchdog.fired:
                raise _NoAnswer("no answer within the call's bound") from error
            raise exc.DisconnectionError() from error  # the pool replaces it with a new connection

    @event.listens_for(engine, "checkin")
    def _checkin(dbapi_connection: Any, _record: Any) -> None:
        watchdog = _CALL.get()
        if watchdog is not None and dbapi_connection is not None:
            watchdog.unwatch(_socket_of(dbapi_connection))  # back in the pool: another call's now


def _watch(dbapi_connection: Any) -> None:
    """Put a psycopg connection's socket under the running call's watchdog."""
    watchdog = _CALL.get()
    if watchdog is not None:
        watchdog.watch(_socket_of(dbapi_connection))


def _socket_of(dbapi_connection: Any) -> int:
    """The connection's socket descriptor; -1 once it is closed or lost."""
    try:
        return dbapi_connection.fileno()
    except Exception:  # psycopg's own error type for a closed or lost connection
        return -1


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
        engine = create_engine(url, pool_timeout=POOL_WAIT_S, connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S, "options": SERVER_LIMITS, **NETWORK_LIMITS})
        _watch_postgres_connections(engine)
        return engine
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
    watchdog = _CALL.get()
    if (isinstance(error, exc.TimeoutError) or (watchdog is not None and watchdog.fired) or "timeout expired" in text
            or "statement timeout" in text):
        return NOT_ANSWERING  # the call's bound, the pool's wait, connect_timeout or statement_timeout
    if "lock timeout" in text:
        return "the database is busy; try again in a moment"
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
