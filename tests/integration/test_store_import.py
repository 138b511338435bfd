"""The one-time import of a folder-era data directory (<data>/clients/<slug>/<slug>.json)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planner.planfile import parse_plan, save_plan
from planner.store import LOCAL_OWNER, open_store
from tests.support.plans import plan_document

CHEDDAR = "sr24:01009"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path, catalog):
    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_emptied_url")
    opened = open_store(url, tmp_path / "data", catalog)
    yield opened
    opened.engine.dispose()


def old_plan(catalog, name: str, age: int = 40, diet: str = "omnivore"):
    document = plan_document([[("breakfast", [{"food": CHEDDAR, "grams": 30}])]],
                             profile={"age_years": age, "sex": "female", "diet": diet}, name=name)
    return parse_plan(json.dumps(document), catalog)


def write_old(folder: Path, client: str, slug: str, plan, mtime: int) -> None:
    path = folder / "clients" / client / f"{slug}.json"
    save_plan(plan, path)
    os.utime(path, (mtime, mtime))


def files_of(folder: Path) -> dict[str, tuple[bytes, float]]:
    """The old layout's files, their bytes and times (the new database sits beside them)."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime)
            for p in sorted((folder / "clients").rglob("*")) if p.is_file()}


@pytest.fixture
def old_folder(tmp_path, catalog) -> Path:
    """What the folder era left: own plans under 'me', a client's two scenarios, a broken file."""
    data = tmp_path / "data"
    write_old(data, "me", "my-day", old_plan(catalog, "My day"), mtime=1_700_000_000)
    write_old(data, "client-a", "current-diet", old_plan(catalog, "Client A — current diet", age=33),
              mtime=1_700_000_100)
    write_old(data, "client-a", "with-soy", old_plan(catalog, "with soy", age=34, diet="vegan"), mtime=1_700_000_200)
    (data / "clients" / "client-b").mkdir()
    (data / "clients" / "client-b" / "broken.json").write_text("{ not json", encoding="utf-8")
    (data / "clients" / "me" / ".my-day.json.x1y2.tmp").write_text("half a plan", encoding="utf-8")
    return data


def test_an_old_folder_is_imported_once_and_left_as_it_was(store, old_folder):
    before = files_of(old_folder)
    report = store.import_folder(LOCAL_OWNER, old_folder)
    assert (report.plans, report.clients) == (3, 1)
    assert len(report.unreadable) == 1 and report.unreadable[0].startswith("client-b/broken.json: ")
    assert sorted((r.client_name or "me", r.name) for r in store.plans(LOCAL_OWNER)) == [
        ("client-a", "Client A — current diet"), ("client-a", "with soy"), ("me", "My day")]
    assert store.import_folder(LOCAL_OWNER, old_folder) is None  # the marker row: once
    assert len(store.plans(LOCAL_OWNER)) == 3
    assert files_of(old_folder) == before


def test_an_imported_client_starts_new_plans_from_their_newest_plan(store, old_folder):
    store.import_folder(LOCAL_OWNER, old_folder)
    (client,) = store.clients(LOCAL_OWNER)
    assert client.name == "client-a"
    assert (client.profile.age_years, client.profile.diet.value) == (34, "vegan")  # with-soy.json, written last


def test_old_links_find_the_imported_plan(store, old_folder):
    store.import_folder(LOCAL_OWNER, old_folder)
    found = store.find_legacy(LOCAL_OWNER, "client-a", "current-diet")
    assert store.load(LOCAL_OWNER, found).plan.name == "Client A — current diet"
    assert store.load(LOCAL_OWNER, store.find_legacy(LOCAL_OWNER, "me", "my-day")).plan.name == "My day"
    assert store.find_legacy(LOCAL_OWNER, "client-a", "no-such-plan") is None


def test_imported_names_that_collide_are_numbered(store, tmp_path, catalog):
    data = tmp_path / "data"
    write_old(data, "me", "food", old_plan(catalog, "Food"), mtime=1_700_000_000)
    write_old(data, "me", "food-2", old_plan(catalog, "FOOD"), mtime=1_700_000_100)  # hand-copied, say
    store.import_folder(LOCAL_OWNER, data)
    assert sorted(r.name for r in store.plans(LOCAL_OWNER)) == ["FOOD (2)", "Food"]


def test_an_import_goes_to_the_owner_named_only(store, old_folder):
    store.import_folder(LOCAL_OWNER, old_folder)
    assert store.plans("someone-else") == [] and store.clients("someone-else") == []


def test_no_old_folder_means_nothing_to_import(store, tmp_path):
    assert store.import_folder(LOCAL_OWNER, tmp_path / "data") is None
