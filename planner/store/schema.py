"""The store's tables and their versioned migrations (a schema_version table, ordered steps).

Why not Alembic: the app upgrades its own database at start, on SQLite and PostgreSQL, with
four tables. An ordered list of steps, each run once inside one locked transaction and
recorded in `schema_version`, does that in a few tested lines, without an alembic.ini,
env.py and a scripts folder to ship. A step, once released, is never edited: a later change
is a new step (migration 1 creates the tables as they are declared here; when a later step
alters one, freeze version 1's definition inside `_create_v1`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    inspect,
    literal_column,
    select,
    update,
)
from sqlalchemy.types import TypeDecorator

from planner.errors import StoreError
from planner.store.connect import WRITE
from planner.store.names import free_name, name_key

ID_LENGTH = 32


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC in Python on both databases (SQLite keeps naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        utc = value.astimezone(timezone.utc)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


TABLES = MetaData()

clients = Table(
    "clients", TABLES,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("owner", Text, nullable=False),
    Column("name", Text, nullable=False),  # as typed, NFC
    Column("name_key", Text, nullable=False),  # case-folded, for uniqueness
    Column("profile", Text, nullable=False),  # JSON profile (plan-file shape) for this client's new plans
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("owner", "name_key", name="uq_clients_owner_name"),
    UniqueConstraint("id", "owner", name="uq_clients_id_owner"),
)

plans = Table(
    "plans", TABLES,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("owner", Text, nullable=False),
    Column("client_id", String(ID_LENGTH), nullable=True),  # None: the owner's own plan
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("legacy_key", Text, nullable=True),  # "<client slug>/<plan slug>" of an imported file
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("body", Text, nullable=False),  # the version-1 plan document
    # A plan can only point at a client of its own owner.
    ForeignKeyConstraint(["client_id", "owner"], ["clients.id", "clients.owner"], name="fk_plans_client"),
    Index("uq_plans_owner_legacy", "owner", "legacy_key", unique=True),
    Index("ix_plans_owner_updated", "owner", "updated_at"),
)
# Names are unique per owner and client; the owner's own plans (no client) count as one client.
Index("uq_plans_owner_client_name", plans.c.owner, func.coalesce(plans.c.client_id, literal_column("''")),
      plans.c.name_key, unique=True)

folder_imports = Table(
    "folder_imports", TABLES,  # marker rows: an old data folder is imported once per owner
    Column("owner", Text, primary_key=True),
    Column("folder", Text, primary_key=True),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("plans", Integer, nullable=False),
    Column("clients", Integer, nullable=False),
)

sign_outs = Table(
    "sign_outs", TABLES,  # sign-ins that ended (planner/store/signins.py)
    Column("owner", Text, primary_key=True),
    Column("sign_in", String(64), primary_key=True),  # one sign-in's id, or "*": every sign-in of the owner
    # The sign-in's issue time; for "*", the cut-off: every sign-in issued at or before it has ended.
    Column("issued_at", UtcDateTime, nullable=False),
    Column("signed_out_at", UtcDateTime, nullable=False),
)

VERSIONING = MetaData()
schema_version = Table(
    "schema_version", VERSIONING,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", UtcDateTime, nullable=False),
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_v1(connection: Connection) -> None:
    TABLES.create_all(connection, tables=[clients, plans, folder_imports], checkfirst=False)


def _fold_name_keys(connection: Connection) -> None:
    """Give every client and plan the key name_key gives now (version 1 only case-folded), so rows
    saved before are unique under the new comparison too. Where two rows of one owner (and client)
    now share a key, the later one's name is numbered ("Client plan (2)"): nothing merges or goes.
    Keys move in two passes, so no key is ever held by two rows at once."""
    groups = ((clients, (clients.c.owner,)),
              (plans, (plans.c.owner, func.coalesce(plans.c.client_id, literal_column("''")))))
    for table, group in groups:
        rows = connection.execute(select(table.c.id, table.c.name, table.c.name_key, *group)
                                  .order_by(*group, table.c.created_at, table.c.id)).all()
        taken: dict[tuple, set[str]] = {}
        changes = []
        for row in rows:
            keys = taken.setdefault(tuple(row[3:]), set())
            name = free_name(row.name, keys.__contains__)
            keys.add(name_key(name))
            if (name, name_key(name)) != (row.name, row.name_key):
                changes.append((row.id, name))
        for row_id, _ in changes:
            connection.execute(update(table).where(table.c.id == row_id).values(name_key=f"\x01{row_id}"))
        for row_id, name in changes:
            connection.execute(update(table).where(table.c.id == row_id).values(name=name, name_key=name_key(name)))


def _create_sign_outs(connection: Connection) -> None:
    sign_outs.create(connection, checkfirst=False)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "clients, plans and folder-import markers", _create_v1),
    Migration(2, "names compared after NFKC, whitespace folding and invisible characters dropped",
              _fold_name_keys),
    Migration(3, "sign-outs that hold on the server", _create_sign_outs),
)
MIGRATION_LOCK = 712_012  # PostgreSQL advisory lock: one migrating process at a time


def current_version(connection: Connection) -> int:
    """The schema version a database is at; 0 for an empty database."""
    if not inspect(connection).has_table(schema_version.name):
        return 0
    return connection.scalar(select(func.max(schema_version.c.version))) or 0


def migrate(engine: Engine, migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Bring the database to the latest version; returns it. Safe to run from many processes."""
    latest = migrations[-1].version
    with engine.connect() as connection:
        found = current_version(connection)
    if found == latest:
        return found  # the usual case: a read, no lock (works on a read-only database too)
    if found > latest:
        raise StoreError(f"The plan database is at schema version {found}, newer than this planner "
                         f"knows ({latest}); update the planner.")
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
        schema_version.create(connection, checkfirst=True)
        found = current_version(connection)  # another process may have migrated meanwhile
        for step in migrations:
            if step.version > found:
                step.apply(connection)
                connection.execute(schema_version.insert().values(
                    version=step.version, description=step.description, applied_at=datetime.now(timezone.utc)))
    return latest
