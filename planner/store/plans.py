"""The plan store: clients and named plans in SQL, each row belonging to an owner.

Every call names the owner; a row of another owner answers exactly as a missing one. Plan
bodies are version-1 plan documents, checked by planfile on every write and every read.
Saves are compare-and-set on the row's version, so a stale tab cannot overwrite newer work.
Faults raise one StoreError sentence and change nothing.
"""

from __future__ import annotations

import functools
import json
import re
import secrets
import threading
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy import Connection, Engine, Select, delete, exists, select, update
from sqlalchemy.exc import IntegrityError

from planner.errors import InvalidName, NameTaken, NotFound, PlanChangedElsewhere, StoreUnavailable
from planner.jsonshapes import profile_from_json, profile_json
from planner.plan import Plan
from planner.planfile import parse_plan, plan_to_json
from planner.profile import Profile
from planner.snapshot import FoodCatalog
from planner.store.connect import WRITE, CallBound, ensure_sqlite_folder, faults_as, in_memory
from planner.store.legacy import PERSONAL_SLUG, clients_folder, legacy_key, read_legacy_folder
from planner.store.names import clean_name, free_name, name_key
from planner.store.owners import checked_owner
from planner.store.schema import clients, folder_imports, migrate, plans
from planner.store.signins import SignInChecks

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")  # ids and the old folder-era slugs


@dataclass(frozen=True)
class Client:
    id: str
    name: str
    profile: Profile  # the profile a new plan for this client starts from


@dataclass(frozen=True)
class PlanRecord:
    """A saved plan without its body: what lists show."""

    id: str
    name: str
    client_id: str | None  # None: the owner's own plan
    client_name: str | None
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class StoredPlan:
    record: PlanRecord
    plan: Plan


@dataclass(frozen=True)
class SavedBody:
    """A saved plan as stored: its record and its plan document, byte for byte."""

    record: PlanRecord
    body: str


@dataclass(frozen=True)
class OwnerData:
    """Everything the store holds for one owner: what "download all my plans" hands over."""

    owner: str
    clients: tuple[Client, ...]  # by name
    plans: tuple[SavedBody, ...]  # the owner's own first, then by client; each by name


@dataclass(frozen=True)
class DeletedData:
    plans: int
    clients: int


@dataclass(frozen=True)
class FolderImport:
    """What the one-time import of a folder-era data directory brought in."""

    folder: str
    plans: int
    clients: int
    unreadable: tuple[str, ...]


def new_id() -> str:
    """Random and URL-safe: a link names a plan without telling anything about it."""
    return secrets.token_urlsafe(12)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _record_query() -> Select:
    return (select(plans.c.id, plans.c.name, plans.c.client_id, clients.c.name.label("client_name"),
                   plans.c.version, plans.c.created_at, plans.c.updated_at)
            .select_from(plans.outerjoin(clients, plans.c.client_id == clients.c.id)))


def _record(row: Any) -> PlanRecord:
    return PlanRecord(row.id, row.name, row.client_id, row.client_name, row.version, row.created_at,
                      row.updated_at)


def _client_query() -> Select:
    return select(clients.c.id, clients.c.name, clients.c.profile)


def _client(row: Any) -> Client:
    return Client(row.id, row.name, profile_from_json(json.loads(row.profile)))


def _same_client(client_id: str | None):
    return plans.c.client_id.is_(None) if client_id is None else plans.c.client_id == client_id


def _concurrent(action: str) -> StoreUnavailable:
    return StoreUnavailable(action, "another save changed the same data at that moment; try again")


Method = TypeVar("Method", bound=Callable[..., Any])


def _owned(method: Method) -> Method:
    """Every public call names its owner first; a malformed owner id is refused before any query,
    and so is any call of a store held for a sign-in that has ended. The whole call, however many
    transactions, ends within the engine's bound (connect.CallBound)."""

    @functools.wraps(method)
    def checked(self: PlanStore, owner: str, *args: Any, **kwargs: Any) -> Any:
        owner = checked_owner(owner)
        with self._bound.call():
            self._hold_sign_in(owner)
            return method(self, owner, *args, **kwargs)

    return checked  # type: ignore[return-value]


class PlanStore(SignInChecks):
    """Clients and plans of many owners in one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, catalog: FoodCatalog):
        self.engine, self.catalog = engine, catalog
        self._bound = CallBound(engine)
        self._migrated = False
        self._migrating = threading.Lock()
        # An in-memory database is one shared connection: calls from two threads (a script run
        # and a download being built) take turns instead of interleaving their transactions.
        self._turns: AbstractContextManager[Any] = threading.Lock() if in_memory(engine.url) else nullcontext()

    # ---- transactions -------------------------------------------------------------------

    def _ready(self) -> None:
        """Create or upgrade the schema on first use (again after a failure, e.g. a server that was down)."""
        if self._migrated:
            return
        with self._migrating:
            if not self._migrated:
                ensure_sqlite_folder(self.engine.url)
                migrate(self.engine)
                self._migrated = True

    @contextmanager
    def _reading(self, action: str) -> Iterator[Connection]:
        with self._bound.call(), faults_as(action), self._turns:
            self._bound.refuse_while_quiet()
            self._ready()
            with self.engine.connect() as connection:
                yield connection

    @contextmanager
    def _writing(self, action: str, recheck: Callable[[Connection], None] | None = None) -> Iterator[Connection]:
        """One transaction: all of it is saved, or none of it. A constraint broken by another session's
        write a moment ago (a name just taken, a client just deleted) is answered with `recheck`'s
        refusal (e.g. NameTaken) where it gives one, else as a save that may be tried again."""
        try:
            with self._bound.call(), faults_as(action), self._turns:
                self._bound.refuse_while_quiet()
                self._ready()
                with self.engine.connect().execution_options(**WRITE) as connection, connection.begin():
                    yield connection
        except IntegrityError as error:
            if recheck is not None:
                with self._reading(action) as connection:
                    recheck(connection)
            raise _concurrent(action) from error

    def _checked(self, plan: Plan, name: str) -> tuple[str, Plan]:
        """The body to store and the plan it reads back as; raises PlanFileError for a bad plan."""
        body = plan_to_json(replace(plan, name=name))
        return body, parse_plan(body, self.catalog)

    # ---- clients ------------------------------------------------------------------------

    @_owned
    def clients(self, owner: str) -> list[Client]:
        with self._reading("list your clients") as connection:
            rows = connection.execute(_client_query().where(clients.c.owner == owner)
                                      .order_by(clients.c.name_key)).all()
        return [_client(row) for row in rows]

    @_owned
    def client(self, owner: str, client_id: str) -> Client:
        if not ID_PATTERN.match(client_id):
            raise NotFound("client")
        with self._reading("open the client") as connection:
            row = connection.execute(_client_query().where(clients.c.owner == owner, clients.c.id == client_id)).first()
        if row is None:
            raise NotFound("client")
        return _client(row)

    @_owned
    def add_client(self, owner: str, name: str, profile: Profile) -> Client:
        name = clean_name(name, "client")
        key, client = name_key(name), Client(new_id(), name, profile)
        with self._writing("add the client", lambda c: self._refuse_client_name(c, owner, key)) as connection:
            self._refuse_client_name(connection, owner, key)
            self._insert_client(connection, owner, client)
        return client

    @staticmethod
    def _insert_client(connection: Connection, owner: str, client: Client) -> None:
        now = _now()
        connection.execute(clients.insert().values(
            id=client.id, owner=owner, name=client.name, name_key=name_key(client.name),
            profile=json.dumps(profile_json(client.profile)), created_at=now, updated_at=now))

    @staticmethod
    def _refuse_client_name(connection: Connection, owner: str, key: str) -> None:
        taken = connection.execute(select(clients.c.id, clients.c.name)
                                   .where(clients.c.owner == owner, clients.c.name_key == key)).first()
        if taken is not None:
            raise NameTaken("client", taken.name, taken.id)

    @_owned
    def delete_client(self, owner: str, client_id: str) -> int:
        """Remove a client and every plan of theirs; returns how many plans went."""
        with self._writing("delete the client's data") as connection:
            removed = connection.execute(delete(plans).where(plans.c.owner == owner,
                                                             plans.c.client_id == client_id)).rowcount
            if not connection.execute(delete(clients).where(clients.c.owner == owner,
                                                            clients.c.id == client_id)).rowcount:
                raise NotFound("client")
        return removed

    # ---- plans --------------------------------------------------------------------------

    @_owned
    def plans(self, owner: str) -> list[PlanRecord]:
        """Every plan of the owner, for every client, the most recently saved first."""
        return self._records(owner, None, every_client=True)

    @_owned
    def plans_for(self, owner: str, client_id: str | None) -> list[PlanRecord]:
        """The plans of one client (None: the owner's own), by name."""
        return sorted(self._records(owner, client_id, every_client=False), key=lambda r: name_key(r.name))

    def _records(self, owner: str, client_id: str | None, every_client: bool) -> list[PlanRecord]:
        query = _record_query().where(plans.c.owner == owner)
        if not every_client:
            query = query.where(_same_client(client_id))
        with self._reading("list your plans") as connection:
            rows = connection.execute(query.order_by(plans.c.updated_at.desc(), plans.c.name_key)).all()
        return [_record(row) for row in rows]

    @_owned
    def load(self, owner: str, plan_id: str) -> StoredPlan:
        if not ID_PATTERN.match(plan_id):
            raise NotFound("plan")
        with self._reading("open the plan") as connection:
            row = connection.execute(_record_query().add_columns(plans.c.body)
                                     .where(plans.c.owner == owner, plans.c.id == plan_id)).first()
        if row is None:
            raise NotFound("plan")
        # The row's name is the plan's (a name numbered by migration 2 is not yet in its body).
        return StoredPlan(_record(row), replace(parse_plan(row.body, self.catalog), name=row.name))

    @_owned
    def create(self, owner: str, client_id: str | None, plan: Plan) -> StoredPlan:
        """Save a new plan under its name; NameTaken (with the existing plan) if the name is used."""
        name = clean_name(plan.name, "plan")
        body, checked = self._checked(plan, name)
        with self._writing("save the plan",
                           lambda c: self._refuse_plan_name(c, owner, client_id, name_key(name), None)) as connection:
            record = self._insert(connection, owner, client_id, name, body)
            self._remember_profile(connection, owner, client_id, checked.profile)
        return StoredPlan(record, checked)

    def _insert(self, connection: Connection, owner: str, client_id: str | None, name: str, body: str,
                legacy: str | None = None) -> PlanRecord:
        client_name = None
        if client_id is not None:
            client_name = connection.scalar(select(clients.c.name).where(clients.c.owner == owner,
                                                                         clients.c.id == client_id))
            if client_name is None:
                raise NotFound("client")
        key = name_key(name)
        self._refuse_plan_name(connection, owner, client_id, key, None)
        now = _now()
        record = PlanRecord(new_id(), name, client_id, client_name, 1, now, now)
        connection.execute(plans.insert().values(
            id=record.id, owner=owner, client_id=client_id, name=name, name_key=key, legacy_key=legacy,
            version=record.version, created_at=now, updated_at=now, body=body))
        return record

    @staticmethod
    def _refuse_plan_name(connection: Connection, owner: str, client_id: str | None, key: str,
                          allowed_id: str | None) -> None:
        taken = connection.execute(select(plans.c.id, plans.c.name, plans.c.version).where(
            plans.c.owner == owner, _same_client(client_id), plans.c.name_key == key)).first()
        if taken is not None and taken.id != allowed_id:
            raise NameTaken("plan", taken.name, taken.id, taken.version)

    @staticmethod
    def _remember_profile(connection: Connection, owner: str, client_id: str | None, profile: Profile) -> None:
        """A client's next new plan starts from the profile last saved for them."""
        if client_id is not None:
            connection.execute(update(clients).where(clients.c.owner == owner, clients.c.id == client_id)
                               .values(profile=json.dumps(profile_json(profile)), updated_at=_now()))

    @_owned
    def save(self, owner: str, plan_id: str, plan: Plan, expected_version: int) -> StoredPlan:
        """Overwrite a saved plan if it is still at `expected_version`; else PlanChangedElsewhere."""
        body, checked = self._checked(plan, plan.name)
        with self._writing("save the plan") as connection:
            row = connection.execute(_record_query().where(plans.c.owner == owner, plans.c.id == plan_id)).first()
            if row is None:
                raise NotFound("plan")
            if row.name != checked.name:  # the row's name is the plan's name
                checked = replace(checked, name=row.name)
                body = plan_to_json(checked)
            now = _now()
            changed = connection.execute(
                update(plans).where(plans.c.owner == owner, plans.c.id == plan_id,
                                    plans.c.version == expected_version)
                .values(body=body, version=plans.c.version + 1, updated_at=now)).rowcount
            if changed != 1:
                raise PlanChangedElsewhere()
            self._remember_profile(connection, owner, row.client_id, checked.profile)
        record = replace(_record(row), version=expected_version + 1, updated_at=now)
        return StoredPlan(record, checked)

    @_owned
    def rename(self, owner: str, plan_id: str, new_name: str) -> StoredPlan:
        name = clean_name(new_name, "plan")
        current = self.load(owner, plan_id)
        body, checked = self._checked(current.plan, name)

        def refuse_taken(connection: Connection) -> None:
            self._refuse_plan_name(connection, owner, current.record.client_id, name_key(name), plan_id)

        with self._writing("rename the plan", refuse_taken) as connection:
            refuse_taken(connection)
            now = _now()
            changed = connection.execute(
                update(plans).where(plans.c.owner == owner, plans.c.id == plan_id,
                                    plans.c.version == current.record.version)
                .values(name=name, name_key=name_key(name), body=body, version=plans.c.version + 1,
                        updated_at=now)).rowcount
            if changed != 1:
                raise PlanChangedElsewhere()
        record = replace(current.record, name=name, version=current.record.version + 1, updated_at=now)
        return StoredPlan(record, checked)

    @_owned
    def duplicate(self, owner: str, plan_id: str, new_name: str) -> StoredPlan:
        """A copy beside the original (same client) under a new name."""
        original = self.load(owner, plan_id)
        return self.create(owner, original.record.client_id, replace(original.plan, name=new_name))

    @_owned
    def delete(self, owner: str, plan_id: str) -> None:
        with self._writing("delete the plan") as connection:
            if not connection.execute(delete(plans).where(plans.c.owner == owner, plans.c.id == plan_id)).rowcount:
                raise NotFound("plan")

    # ---- a person's data on request ------------------------------------------------------

    @_owned
    def owner_data(self, owner: str) -> OwnerData:
        """Every client and saved plan of the owner, read in one transaction (the bodies as stored)."""
        with self._reading("read your data") as connection, connection.begin():
            client_rows = connection.execute(_client_query().where(clients.c.owner == owner)
                                             .order_by(clients.c.name_key)).all()
            plan_rows = connection.execute(_record_query().add_columns(plans.c.body).where(plans.c.owner == owner)
                                           .order_by(clients.c.name_key.is_not(None), clients.c.name_key,
                                                     plans.c.name_key)).all()
        return OwnerData(owner, tuple(_client(row) for row in client_rows),
                         tuple(SavedBody(_record(row), row.body) for row in plan_rows))

    @_owned
    def delete_owner(self, owner: str) -> DeletedData:
        """Remove every plan and client of the owner, all or nothing.

        The marker of an imported old data folder stays: it holds no plan, and without it the
        next start would import the deleted plans again from the folder.
        """
        with self._writing("delete your data") as connection:
            removed_plans = connection.execute(delete(plans).where(plans.c.owner == owner)).rowcount
            removed_clients = connection.execute(delete(clients).where(clients.c.owner == owner)).rowcount
        return DeletedData(removed_plans, removed_clients)

    # ---- the folder era -----------------------------------------------------------------

    @_owned
    def find_legacy(self, owner: str, client_slug: str, plan_slug: str) -> str | None:
        """The id of the plan imported from <client slug>/<plan slug>.json, if any (old links)."""
        with self._reading("open the plan") as connection:
            return self._legacy_id(connection, owner, legacy_key(client_slug, plan_slug))

    @staticmethod
    def _legacy_id(connection: Connection, owner: str, key: str) -> str | None:
        return connection.scalar(select(plans.c.id).where(plans.c.owner == owner, plans.c.legacy_key == key))

    @_owned
    def import_folder(self, owner: str, data_dir: Path) -> FolderImport | None:
        """Import the old folder layout once (a marker row remembers); None when nothing was to do.

        The folder is only read. Clients are named by their folder's slug; a plan keeps the
        name inside its file, numbered if that name is taken.
        """
        if not clients_folder(data_dir).is_dir():
            return None
        folder = str(data_dir.resolve())
        marker = exists().where(folder_imports.c.owner == owner, folder_imports.c.folder == folder)
        with self._reading("check the old data folder") as connection:
            if connection.scalar(select(marker)):
                return None
        found = read_legacy_folder(data_dir, self.catalog)
        client_ids: dict[str, str] = {}
        new_clients = imported = 0
        with self._writing("import the plans of the old data folder") as connection:
            if connection.scalar(select(marker)):
                return None
            for legacy in found.plans:
                if self._legacy_id(connection, owner, legacy.legacy_key):
                    continue
                client_id = None
                if legacy.client_slug != PERSONAL_SLUG:
                    if legacy.client_slug not in client_ids:
                        client_ids[legacy.client_slug], added = self._import_client(
                            connection, owner, legacy.client_slug, legacy.plan.profile)
                        new_clients += added
                    client_id = client_ids[legacy.client_slug]
                name = self._free_plan_name(connection, owner, client_id, legacy.plan.name, legacy.plan_slug)
                body, checked = self._checked(legacy.plan, name)
                self._insert(connection, owner, client_id, name, body, legacy=legacy.legacy_key)
                self._remember_profile(connection, owner, client_id, checked.profile)
                imported += 1
            connection.execute(folder_imports.insert().values(
                owner=owner, folder=folder, imported_at=_now(), plans=imported, clients=new_clients))
        return FolderImport(folder, imported, new_clients, found.unreadable)

    @staticmethod
    def _import_client(connection: Connection, owner: str, slug: str, profile: Profile) -> tuple[str, int]:
        """The client named by a folder slug: an existing one of that name, or a new row."""
        name = clean_name(slug, "client")
        existing = connection.scalar(select(clients.c.id).where(clients.c.owner == owner,
                                                                clients.c.name_key == name_key(name)))
        if existing is not None:
            return existing, 0
        client = Client(new_id(), name, profile)
        PlanStore._insert_client(connection, owner, client)
        return client.id, 1

    @staticmethod
    def _free_plan_name(connection: Connection, owner: str, client_id: str | None, wanted: str, slug: str) -> str:
        try:
            base = clean_name(wanted, "plan")
        except InvalidName:
            base = slug
        return free_name(base, lambda key: connection.scalar(
            select(plans.c.id).where(plans.c.owner == owner, _same_client(client_id), plans.c.name_key == key))
            is not None)
