"""Every store call checked by owner, on SQLite and on a real PostgreSQL server: clients,
duplicates, old links, a person's data read and deleted whole, owner ids refused before any
query, and session stores that live in memory only."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from planner.errors import InvalidOwner, NotFound
from planner.profile import Profile, Sex
from planner.store import LOCAL_OWNER, PlanStore, open_session_store
from planner.store.schema import clients, folder_imports, plans
from tests.support.plans import a_plan

ALICE = "https://id.example#alice"
BOB = "https://id.example#bob"
DEFAULT = Profile(30, Sex.FEMALE)


def count(store: PlanStore, table, owner: str) -> int:
    with store.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table).where(table.c.owner == owner))


@pytest.fixture
def alices(store, catalog):
    """Alice's data: a plan of her own, a client with two plans."""
    client = store.add_client(ALICE, "Client A", DEFAULT)
    own = store.create(ALICE, None, a_plan(catalog, "Мой план"))
    first = store.create(ALICE, client.id, a_plan(catalog, "Current diet", age_years=52))
    second = store.create(ALICE, client.id, a_plan(catalog, "With soy milk"))
    return client, own, first, second


# ---- clients and plans of another owner answer as missing ones ---------------------------------------

def test_another_owners_client_answers_as_a_missing_one(store, alices):
    client = alices[0]
    missing = str(NotFound("client"))
    for attempt in (lambda: store.client(BOB, client.id), lambda: store.client(BOB, "AAAAAAAAAAAAAAAA"),
                    lambda: store.delete_client(BOB, client.id)):
        with pytest.raises(NotFound) as refused:
            attempt()
        assert str(refused.value) == missing
    assert store.clients(BOB) == [] and [c.name for c in store.clients(ALICE)] == ["Client A"]


def test_a_plan_cannot_be_saved_under_another_owners_client(store, catalog, alices):
    with pytest.raises(NotFound) as refused:
        store.create(BOB, alices[0].id, a_plan(catalog, "Slipped in"))
    assert str(refused.value) == str(NotFound("client"))
    assert count(store, plans, BOB) == 0 and len(store.plans_for(ALICE, alices[0].id)) == 2


def test_another_owners_client_lists_no_plans(store, alices):
    assert store.plans_for(BOB, alices[0].id) == []


def test_another_owners_plan_cannot_be_duplicated(store, alices):
    with pytest.raises(NotFound) as refused:
        store.duplicate(BOB, alices[1].record.id, "Copy")
    assert str(refused.value) == str(NotFound("plan"))
    assert store.plans(BOB) == []


def test_the_same_name_is_free_for_each_owner(store, catalog, alices):
    bobs = store.create(BOB, None, a_plan(catalog, "Мой план"))
    assert bobs.record.id != alices[1].record.id
    assert [r.name for r in store.plans(BOB)] == ["Мой план"]


def test_an_old_folder_link_finds_only_the_importing_owners_plan(store, catalog, tmp_path):
    from planner.planfile import save_plan

    folder = tmp_path / "old"
    save_plan(a_plan(catalog, "Current diet"), folder / "clients" / "client-a" / "current-diet.json")
    store.import_folder(LOCAL_OWNER, folder)
    assert store.find_legacy(LOCAL_OWNER, "client-a", "current-diet") is not None
    assert store.find_legacy(BOB, "client-a", "current-diet") is None


# ---- owner ids with odd characters ------------------------------------------------------------------------

@pytest.mark.parametrize("owner", ["a\x00b", "alice smith", "Алиса", "", "x" * 601])
def test_every_call_refuses_an_odd_owner_id_before_any_query(store, catalog, alices, owner):
    plan_id, client_id = alices[1].record.id, alices[0].id
    calls = [lambda: store.plans(owner), lambda: store.plans_for(owner, None), lambda: store.clients(owner),
             lambda: store.client(owner, client_id), lambda: store.load(owner, plan_id),
             lambda: store.create(owner, None, a_plan(catalog)), lambda: store.save(owner, plan_id, alices[1].plan, 1),
             lambda: store.rename(owner, plan_id, "x"), lambda: store.duplicate(owner, plan_id, "x"),
             lambda: store.delete(owner, plan_id), lambda: store.add_client(owner, "C", DEFAULT),
             lambda: store.delete_client(owner, client_id), lambda: store.find_legacy(owner, "a", "b"),
             lambda: store.owner_data(owner), lambda: store.delete_owner(owner)]
    for call in calls:
        with pytest.raises(InvalidOwner):
            call()
    assert count(store, plans, ALICE) == 3 and count(store, clients, ALICE) == 1


# ---- a person's data on request ----------------------------------------------------------------------------

def test_owner_data_holds_exactly_the_owners_plans_and_clients(store, catalog, alices):
    store.create(BOB, None, a_plan(catalog, "Bob's"))
    data = store.owner_data(ALICE)
    assert data.owner == ALICE
    assert [c.name for c in data.clients] == ["Client A"]
    assert [(s.record.name, s.record.client_name) for s in data.plans] == [
        ("Мой план", None), ("Current diet", "Client A"), ("With soy milk", "Client A")]
    assert {s.record.id for s in data.plans} == {r.id for r in store.plans(ALICE)}


def test_owner_data_gives_the_plan_documents_as_stored(store, alices):
    with store.engine.connect() as connection:
        stored = dict(connection.execute(select(plans.c.id, plans.c.body).where(plans.c.owner == ALICE)).all())
    assert {s.record.id: s.body for s in store.owner_data(ALICE).plans} == stored


def test_delete_owner_removes_exactly_the_owners_rows(store, catalog, alices):
    bobs_client = store.add_client(BOB, "Client A", DEFAULT)
    store.create(BOB, bobs_client.id, a_plan(catalog, "Current diet"))
    deleted = store.delete_owner(ALICE)
    assert (deleted.plans, deleted.clients) == (3, 1)
    assert count(store, plans, ALICE) == 0 and count(store, clients, ALICE) == 0
    assert count(store, plans, BOB) == 1 and count(store, clients, BOB) == 1


def test_delete_owner_of_nobody_deletes_nothing(store, alices):
    deleted = store.delete_owner(BOB)
    assert (deleted.plans, deleted.clients) == (0, 0)
    assert count(store, plans, ALICE) == 3


def test_deleted_plans_do_not_come_back_from_the_old_folder(store, catalog, tmp_path):
    from planner.planfile import save_plan

    folder = tmp_path / "old"
    save_plan(a_plan(catalog, "Current diet"), folder / "clients" / "me" / "current-diet.json")
    assert store.import_folder(LOCAL_OWNER, folder).plans == 1
    store.delete_owner(LOCAL_OWNER)
    assert store.import_folder(LOCAL_OWNER, folder) is None
    assert store.plans(LOCAL_OWNER) == [] and count(store, folder_imports, LOCAL_OWNER) == 1


# ---- a session's own store ---------------------------------------------------------------------------------

def test_two_session_stores_share_nothing(catalog):
    first, second = open_session_store(catalog), open_session_store(catalog)
    first.create("session", None, a_plan(catalog, "Mine"))
    assert [r.name for r in first.plans("session")] == ["Mine"]
    assert second.plans("session") == []


def test_a_session_store_keeps_its_plans_across_threads(catalog):
    import threading

    session = open_session_store(catalog)
    saved = session.create("session", None, a_plan(catalog, "Mine"))
    seen = []
    reader = threading.Thread(target=lambda: seen.append(session.load("session", saved.record.id).plan))
    reader.start()
    reader.join()
    assert seen == [saved.plan]
