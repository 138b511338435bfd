"""The plan store on SQLite and on a real PostgreSQL server: names, replacing, stale saves,
faults that change nothing, owners kept apart, and schema migrations."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text, update
from sqlalchemy.engine import make_url

from planner.errors import (
    InvalidName,
    NameTaken,
    NotFound,
    PlanChangedElsewhere,
    PlanFileError,
    StoreError,
    StoreUnavailable,
)
from planner.profile import Profile, Sex
from planner.store import LOCAL_OWNER, default_data_dir, open_store
from planner.store.connect import store_url, url_from_connection_secrets
from planner.store.schema import MIGRATIONS, TABLES, Migration, current_version, migrate, plans, schema_version
from tests.support.plans import a_plan, plan_document
from tests.support.postgres_server import started_postgres

ME = LOCAL_OWNER


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_database_url(request, tmp_path) -> str:
    """A database with nothing in it, not even tables: for the tests of migrations."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'plans.sqlite3'}"
    return request.getfixturevalue("postgres_url")


# ---- names -----------------------------------------------------------------------------------

def test_names_in_any_script_are_four_plans(store, catalog):
    for name in ("Мой план", "我的计划", "!!!", "Food"):
        store.create(ME, None, a_plan(catalog, name))
    assert sorted(r.name for r in store.plans(ME)) == sorted(["Мой план", "我的计划", "!!!", "Food"])


@pytest.mark.parametrize("first, second", [("Food", "food"), ("Food", "FOOD"), ("Straße", "STRASSE"),
                                           ("Café", "CAFE\u0301")])
def test_names_differing_only_in_case_are_one_plan(store, catalog, first, second):
    saved = store.create(ME, None, a_plan(catalog, first))
    with pytest.raises(NameTaken) as taken:
        store.create(ME, None, a_plan(catalog, second))
    assert taken.value.existing_id == saved.record.id
    assert str(taken.value) == f"There is already a plan named '{first}'."
    assert len(store.plans(ME)) == 1


def test_a_name_is_kept_as_typed_in_nfc(store, catalog):
    saved = store.create(ME, None, a_plan(catalog, "  Cafe\u0301 au LAIT — Mo "))
    assert saved.record.name == "Caf\u00e9 au LAIT — Mo"  # composed é, outer spaces trimmed, case kept
    assert store.load(ME, saved.record.id).plan.name == "Caf\u00e9 au LAIT — Mo"


def test_client_a_and_client_a_in_lower_case_are_one_client(store):
    store.add_client(ME, "Client A", Profile(40, Sex.FEMALE))
    with pytest.raises(NameTaken, match="There is already a client named 'Client A'."):
        store.add_client(ME, "client a", Profile(40, Sex.FEMALE))
    assert [c.name for c in store.clients(ME)] == ["Client A"]


def test_a_refused_name_writes_nothing(store, catalog):
    with pytest.raises(InvalidName, match=re.escape("cannot contain a control character (U+0000)")):
        store.create(ME, None, a_plan(catalog, "a\x00b"))
    assert store.plans(ME) == []


def test_a_name_of_200_characters_is_kept(store, catalog):
    saved = store.create(ME, None, a_plan(catalog, "я" * 200))
    assert store.load(ME, saved.record.id).record.name == "я" * 200


def test_one_name_may_be_used_once_per_client(store, catalog):
    client = store.add_client(ME, "Client A", Profile(40, Sex.FEMALE))
    store.create(ME, None, a_plan(catalog, "Current diet"))
    store.create(ME, client.id, a_plan(catalog, "Current diet"))
    assert sorted((r.client_name or "", r.name) for r in store.plans(ME)) == [
        ("", "Current diet"), ("Client A", "Current diet")]


# ---- nothing lost silently -------------------------------------------------------------------

def test_replacing_needs_the_existing_plan_and_keeps_one(store, catalog):
    old = store.create(ME, None, a_plan(catalog, "Food", grams=30))
    with pytest.raises(NameTaken) as taken:
        store.create(ME, None, a_plan(catalog, "food", grams=60))
    assert store.load(ME, old.record.id).plan == old.plan  # refused: nothing replaced yet
    replaced = store.save(ME, taken.value.existing_id, a_plan(catalog, "food", grams=60),
                          taken.value.existing_version)  # the person said "Replace"
    assert replaced.record.id == old.record.id and replaced.record.version == 2
    assert [r.name for r in store.plans(ME)] == ["Food"]
    assert store.load(ME, old.record.id).plan.days[0].meals[0].items[0].grams == 60


def test_a_stale_save_from_another_connection_is_refused(connect, catalog):
    tab_one, tab_two = connect(), connect()  # two engines: two tabs on two servers
    saved = tab_one.create(ME, None, a_plan(catalog, "Shared", grams=30))
    seen_by_two = tab_two.load(ME, saved.record.id)
    tab_one.save(ME, saved.record.id, a_plan(catalog, "Shared", grams=45), saved.record.version)
    with pytest.raises(PlanChangedElsewhere) as stale:
        tab_two.save(ME, saved.record.id, a_plan(catalog, "Shared", grams=90), seen_by_two.record.version)
    assert str(stale.value) == "This plan changed elsewhere — reload it, or save yours as a copy."
    kept = tab_two.load(ME, saved.record.id)
    assert kept.record.version == 2 and kept.plan.days[0].meals[0].items[0].grams == 45


def test_saves_in_turn_raise_the_version(store, catalog):
    saved = store.create(ME, None, a_plan(catalog, "Mine"))
    second = store.save(ME, saved.record.id, a_plan(catalog, "Mine", grams=40), 1)
    third = store.save(ME, saved.record.id, a_plan(catalog, "Mine", grams=50), second.record.version)
    assert (saved.record.version, second.record.version, third.record.version) == (1, 2, 3)
    assert third.record.updated_at >= saved.record.created_at
    assert third.record.updated_at.utcoffset().total_seconds() == 0


def test_a_plan_that_breaks_the_plan_file_rules_is_not_written(store, catalog):
    saved = store.create(ME, None, a_plan(catalog, "Mine"))
    too_much = replace(saved.plan, days=(replace(saved.plan.days[0], meals=(replace(
        saved.plan.days[0].meals[0], items=(replace(saved.plan.days[0].meals[0].items[0], grams=6000.0),)),)),))
    with pytest.raises(PlanFileError, match="5000 g"):
        store.save(ME, saved.record.id, too_much, 1)
    assert store.load(ME, saved.record.id).plan == saved.plan


def test_a_body_changed_behind_the_store_is_checked_on_reading(store, catalog):
    saved = store.create(ME, None, a_plan(catalog, "Mine"))
    with store.engine.begin() as connection:
        connection.execute(update(plans).values(body=json.dumps(plan_document(
            [[("breakfast", [{"food": "sr:99999", "grams": 1}])]], name="Mine"))))
    with pytest.raises(PlanFileError, match="unknown food id"):
        store.load(ME, saved.record.id)


def test_a_read_only_sqlite_file_refuses_saves_with_a_sentence_and_keeps_the_plan(tmp_path, catalog):
    path = tmp_path / "plans.sqlite3"
    writable = open_store(f"sqlite:///{path}", tmp_path, catalog)
    saved = writable.create(ME, None, a_plan(catalog, "Mine", grams=30))
    client = writable.add_client(ME, "Client A", Profile(40, Sex.FEMALE))
    path.chmod(0o444)  # read-only for a person; root ignores modes, so the store also opens it read-only
    read_only = open_store(f"sqlite:///file:{path}?mode=ro&uri=true", tmp_path, catalog)
    try:
        with pytest.raises(StoreUnavailable) as failed:
            read_only.save(ME, saved.record.id, a_plan(catalog, "Mine", grams=99), 1)
        assert str(failed.value) == "Could not save the plan: the database is read-only."
        with pytest.raises(StoreUnavailable, match="Could not delete the plan: the database is read-only."):
            read_only.delete(ME, saved.record.id)
        with pytest.raises(StoreUnavailable, match="Could not delete the client's data: the database is read-only."):
            read_only.delete_client(ME, client.id)
        assert read_only.load(ME, saved.record.id).plan == saved.plan  # reading still works
    finally:
        path.chmod(0o644)
        writable.engine.dispose()
        read_only.engine.dispose()


def test_a_full_sqlite_disk_refuses_the_save_and_keeps_the_plan(tmp_path, catalog):
    from sqlalchemy import event

    path = tmp_path / "plans.sqlite3"
    store = open_store(f"sqlite:///{path}", tmp_path, catalog)
    saved = store.create(ME, None, a_plan(catalog, "Mine", grams=30))
    full = open_store(f"sqlite:///{path}", tmp_path, catalog)

    @event.listens_for(full.engine, "connect")
    def _no_room_to_grow(dbapi_connection, _record):  # SQLite's own "database or disk is full"
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    big = a_plan(catalog, "Mine", grams=30)
    big = replace(big, days=big.days * 200)  # 200 days: needs pages the file may not grow by
    with pytest.raises(StoreUnavailable, match="Could not save the plan: the disk is full."):
        full.save(ME, saved.record.id, big, 1)
    assert store.load(ME, saved.record.id).plan == saved.plan
    store.engine.dispose()
    full.engine.dispose()


@pytest.mark.postgres
def test_a_stopped_postgresql_refuses_the_save_and_keeps_the_plan(tmp_path, catalog):
    server = started_postgres()  # its own server: this test stops it
    try:
        store = open_store(server.url(), tmp_path, catalog)
        saved = store.create(ME, None, a_plan(catalog, "Mine", grams=30))
        server.stop()
        with pytest.raises(StoreUnavailable) as failed:
            store.save(ME, saved.record.id, a_plan(catalog, "Mine", grams=99), 1)
        assert str(failed.value) == "Could not save the plan: the database server is not reachable."
        assert "postgres@" not in str(failed.value)
        server.start()
        assert store.load(ME, saved.record.id).plan == saved.plan
        store.engine.dispose()
    finally:
        server.close()


def test_no_database_behind_the_url_is_a_sentence_not_a_traceback(tmp_path, catalog):
    store = open_store("postgresql://nobody:secret-pw@127.0.0.1:9/none", tmp_path, catalog)
    with pytest.raises(StoreUnavailable) as failed:
        store.plans(ME)
    assert str(failed.value) == "Could not list your plans: the database server is not reachable."
    assert "secret-pw" not in str(failed.value)


# ---- owners -----------------------------------------------------------------------------------

def test_another_owners_plan_answers_as_a_missing_one(store, catalog):
    mine = store.create(ME, None, a_plan(catalog, "Mine"))
    other = "https://issuer.example#subject-2"
    missing = str(NotFound("plan"))
    assert store.plans(other) == []
    for attempt in (lambda: store.load(other, mine.record.id), lambda: store.load(other, "no-such-id"),
                    lambda: store.save(other, mine.record.id, mine.plan, 1),
                    lambda: store.delete(other, mine.record.id),
                    lambda: store.rename(other, mine.record.id, "Taken over")):
        with pytest.raises(NotFound) as refused:
            attempt()
        assert str(refused.value) == missing
    assert store.load(ME, mine.record.id).record.version == 1


def test_a_tampered_id_is_not_found(store):
    for plan_id in ("../../etc/passwd", "x' OR '1'='1", "", "a" * 400):
        with pytest.raises(NotFound):
            store.load(ME, plan_id)


# ---- clients, rename, duplicate, delete ---------------------------------------------------------

def test_a_client_keeps_the_profile_last_saved_for_them(store, catalog):
    client = store.add_client(ME, "Client A", Profile(30, Sex.FEMALE))
    assert store.client(ME, client.id).profile == Profile(30, Sex.FEMALE)
    store.create(ME, client.id, a_plan(catalog, "Current diet", age_years=28, pregnant=True))
    assert store.client(ME, client.id).profile == Profile(28, Sex.FEMALE, pregnant=True)


def test_deleting_a_client_removes_their_plans_only(store, catalog):
    a = store.add_client(ME, "Client A", Profile(30, Sex.FEMALE))
    b = store.add_client(ME, "Client B", Profile(30, Sex.MALE))
    store.create(ME, a.id, a_plan(catalog, "Current diet"))
    store.create(ME, a.id, a_plan(catalog, "With soy milk"))
    store.create(ME, b.id, a_plan(catalog, "Current diet"))
    mine = store.create(ME, None, a_plan(catalog, "Mine"))
    assert store.delete_client(ME, a.id) == 2
    assert [c.name for c in store.clients(ME)] == ["Client B"]
    assert sorted(r.name for r in store.plans(ME)) == ["Current diet", "Mine"]
    assert store.load(ME, mine.record.id).plan == mine.plan


def test_rename_keeps_the_body_in_step_and_refuses_a_taken_name(store, catalog):
    first = store.create(ME, None, a_plan(catalog, "Food"))
    store.create(ME, None, a_plan(catalog, "Drink"))
    renamed = store.rename(ME, first.record.id, "Breakfast ideas")
    assert store.load(ME, first.record.id).plan.name == "Breakfast ideas" and renamed.record.version == 2
    with pytest.raises(NameTaken, match="'Drink'"):
        store.rename(ME, first.record.id, "DRINK")
    assert store.rename(ME, first.record.id, "BREAKFAST IDEAS").record.name == "BREAKFAST IDEAS"


def test_duplicate_makes_a_second_plan_beside_the_first(store, catalog):
    client = store.add_client(ME, "Client A", Profile(40, Sex.FEMALE))
    original = store.create(ME, client.id, a_plan(catalog, "Current diet"))
    copy = store.duplicate(ME, original.record.id, "Current diet (copy)")
    assert copy.record.id != original.record.id and copy.record.client_id == client.id
    assert copy.plan == replace(original.plan, name="Current diet (copy)")
    assert [r.name for r in store.plans_for(ME, client.id)] == ["Current diet", "Current diet (copy)"]


def test_delete_removes_the_plan(store, catalog):
    saved = store.create(ME, None, a_plan(catalog, "Mine"))
    store.delete(ME, saved.record.id)
    with pytest.raises(NotFound):
        store.load(ME, saved.record.id)
    with pytest.raises(NotFound):
        store.delete(ME, saved.record.id)


# ---- the database -------------------------------------------------------------------------------

def test_migrations_create_the_declared_tables_once(new_database_url, tmp_path, catalog):
    store = open_store(new_database_url, tmp_path, catalog)
    store.plans(ME)  # first use migrates
    store.engine.dispose()
    engine = create_engine(store_url(new_database_url, Path()))
    try:
        with engine.connect() as connection:
            assert current_version(connection) == MIGRATIONS[-1].version == 3
            assert connection.execute(select(schema_version.c.version)).scalars().all() == [1, 2, 3]
            found = inspect(connection)
            for table in TABLES.sorted_tables:  # what the migrations built is what the code queries
                assert {c["name"] for c in found.get_columns(table.name)} == set(table.c.keys()), table.name
        assert migrate(engine) == 3
        with engine.connect() as connection:
            assert connection.execute(select(schema_version.c.version)).scalars().all() == [1, 2, 3]
    finally:
        engine.dispose()


def test_a_later_migration_runs_once_on_an_older_database(new_database_url):
    engine = create_engine(store_url(new_database_url, Path()))
    assert migrate(engine) == 3
    step = Migration(4, "plans get a note", lambda c: c.execute(text("ALTER TABLE plans ADD COLUMN note TEXT")))
    try:
        assert migrate(engine, MIGRATIONS + (step,)) == 4
        assert migrate(engine, MIGRATIONS + (step,)) == 4  # not applied twice (the ALTER would fail)
        with engine.connect() as connection:
            assert "note" in {c["name"] for c in inspect(connection).get_columns("plans")}
            assert connection.execute(select(schema_version.c.version)).scalars().all() == [1, 2, 3, 4]
        with pytest.raises(StoreError, match="schema version 4, newer than this planner knows"):
            migrate(engine)
    finally:
        engine.dispose()


def test_database_urls():
    assert store_url(None, Path("/data")).database == "/data/plans.sqlite3"
    assert store_url("postgresql://u:p@db.example/plans", Path()).drivername == "postgresql+psycopg"
    assert store_url("postgres://u:p@db.example/plans", Path()).drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="SQLite or PostgreSQL, not mysql"):
        store_url("mysql://u:p@db.example/plans", Path())
    with pytest.raises(StoreError, match="not a URL"):
        store_url("not a url", Path())
    assert make_url(str(store_url("sqlite:////tmp/x.db", Path()))).database == "/tmp/x.db"


def test_the_default_store_lives_in_the_data_directory(tmp_path, catalog):
    store = open_store(None, tmp_path / "new-folder", catalog)
    store.plans(ME)
    assert (tmp_path / "new-folder" / "plans.sqlite3").is_file()
    store.engine.dispose()


def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("B12_PLANNER_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path


def test_a_streamlit_connection_secret_names_the_database():
    assert url_from_connection_secrets({"url": "postgresql://u:p@db/plans"}) == "postgresql://u:p@db/plans"
    parts = {"dialect": "postgresql", "host": "db.example", "port": 5432, "database": "plans",
             "username": "planner", "password": "p@ss word"}
    url = store_url(url_from_connection_secrets(parts), Path())
    assert (url.drivername, url.username, url.password, url.host, url.port, url.database) == (
        "postgresql+psycopg", "planner", "p@ss word", "db.example", 5432, "plans")
