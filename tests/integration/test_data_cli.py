"""`python -m planner data export|delete --owner ID` on SQLite and on a real PostgreSQL server:
exactly the owner's plans go out or go away; bad input is one line and reveals nobody's data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import pytest

from planner.cli import main
from planner.profile import Profile, Sex
from planner.store import open_store
from tests.support.paths import ROOT
from tests.support.plans import a_plan

ALICE = "https://id.example#alice"
BOB = "https://id.example#bob"


@pytest.fixture
def saved(store, catalog, database_url, monkeypatch):
    """Alice: two plans of her own and a client with one; Bob: a plan and a client of the same names."""
    monkeypatch.setenv("B12_PLANNER_DATABASE_URL", database_url)
    client = store.add_client(ALICE, "Client A", Profile(30, Sex.FEMALE))
    alices = [store.create(ALICE, None, a_plan(catalog, "Мой план")).record.id,
              store.create(ALICE, None, a_plan(catalog, "Food")).record.id,
              store.create(ALICE, client.id, a_plan(catalog, "Current diet")).record.id]
    bobs_client = store.add_client(BOB, "Client A", Profile(40, Sex.MALE))
    bobs = [store.create(BOB, None, a_plan(catalog, "Food")).record.id,
            store.create(BOB, bobs_client.id, a_plan(catalog, "Current diet")).record.id]
    return alices, bobs


def test_export_writes_exactly_the_owners_plans(saved, store, tmp_path, capsys):
    alices, _ = saved
    out = tmp_path / "alice.zip"
    assert main(["data", "export", "--owner", ALICE, "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote 3 plans and 1 client of owner {ALICE} to {out}.\n"
    archive = zipfile.ZipFile(out)
    manifest = json.loads(archive.read("manifest.json"))
    assert sorted(p["id"] for p in manifest["plans"]) == sorted(alices)
    assert sorted(archive.namelist()) == ["clients/Client A/Current diet.json", "manifest.json", "plans/Food.json",
                                          "plans/Мой план.json"]
    assert [c["name"] for c in manifest["clients"]] == ["Client A"] and manifest["owner"] == ALICE


def test_delete_removes_exactly_the_owners_plans(saved, store, capsys):
    _, bobs = saved
    assert main(["data", "delete", "--owner", ALICE]) == 0
    assert capsys.readouterr().out == f"Deleted 3 plans and 1 client of owner {ALICE}.\n"
    assert store.plans(ALICE) == [] and store.clients(ALICE) == []
    assert sorted(r.id for r in store.plans(BOB)) == sorted(bobs) and len(store.clients(BOB)) == 1


def test_export_of_an_owner_with_nothing_writes_nothing(saved, tmp_path, capsys):
    out = tmp_path / "nobody.zip"
    assert main(["data", "export", "--owner", "https://id.example#nobody", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ("Owner https://id.example#nobody has no saved plans or clients; "
                                       "nothing was written.\n")
    assert not out.exists()


def test_export_never_overwrites_a_file(saved, tmp_path, capsys):
    out = tmp_path / "taken.zip"
    out.write_bytes(b"keep me")
    assert main(["data", "export", "--owner", ALICE, "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out} exists already; choose another --out (nothing was written).\n"
    assert out.read_bytes() == b"keep me"


@pytest.mark.parametrize(("owner", "message"), [
    ("alice smith", "An owner id is printable ASCII without spaces; this one has U+0020 at position 6."),
    ("a\x01b", "An owner id is printable ASCII without spaces; this one has U+0001 at position 2."),
    ("Алиса", "An owner id is printable ASCII without spaces; this one has U+0410 at position 1."),
    ("", "An owner id is needed (e.g. local, or <issuer>#<subject> of a signed-in person)."),
])
def test_an_owner_id_with_odd_characters_is_one_line_and_changes_nothing(saved, store, tmp_path, capsys, owner,
                                                                         message):
    for command in (["export", "--out", str(tmp_path / "x.zip")], ["delete"]):
        assert main(["data", command[0], "--owner", owner, *command[1:]]) == 2
        assert capsys.readouterr() == ("", f"error: {message}\n")
    assert len(store.plans(ALICE)) == 3 and len(store.plans(BOB)) == 2 and not (tmp_path / "x.zip").exists()


def test_a_missing_default_database_is_named_not_created(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("B12_PLANNER_DATA_DIR", str(tmp_path / "nowhere"))
    assert main(["data", "delete", "--owner", "local"]) == 2
    assert capsys.readouterr().err == (f"error: There is no plan database at {tmp_path / 'nowhere' / 'plans.sqlite3'}; "
                                       "set B12_PLANNER_DATABASE_URL or B12_PLANNER_DATA_DIR to the app's.\n")
    assert not (tmp_path / "nowhere").exists()


def test_the_command_runs_as_a_module_with_the_default_store(tmp_path, catalog):
    data_dir = tmp_path / "data"
    local = open_store(None, data_dir, catalog)
    local.create("local", None, a_plan(catalog, "Mine"))
    local.engine.dispose()
    env = {"PATH": "/usr/bin:/bin", "B12_PLANNER_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "planner", "data", "export", "--owner", "local", "--out",
                             str(tmp_path / "mine.zip")], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(zipfile.ZipFile(io.BytesIO((tmp_path / "mine.zip").read_bytes())).namelist()) == [
        "manifest.json", "plans/Mine.json"]
