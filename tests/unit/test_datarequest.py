"""The zip of a person's plans: file names safe for any file system in any script, every plan
document as stored, and a manifest saying which file is which plan."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timezone

import pytest

from planner.datarequest import data_zip, safe_file_stem
from planner.jsonshapes import profile_json
from planner.planfile import parse_plan
from planner.profile import Profile, Sex
from planner.store import open_session_store
from tests.support.plans import a_plan

OWNER = "https://id.example#alice"
EXPORTED = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("name", "stem"), [
    ("Мой план", "Мой план"),
    ("我的计划", "我的计划"),
    ("خطة الأسبوع", "خطة الأسبوع"),
    ("!!!", "!!!"),
    ("Plan $5 *big*", "Plan $5 _big_"),
    ("a/b\\c", "a_b_c"),
    ('<x>:"y"|z?', "_x___y__z_"),
    ("../../etc/passwd", "_.._etc_passwd"),
    ("  two   spaces\tand tab  ", "two spaces and tab"),
    ("trailing dots...", "trailing dots"),
    ("...", "plan"),
    ("", "plan"),
    ("CON", "_CON"),
    ("lpt1.txt", "_lpt1.txt"),
    ("\u202egnp.exe", "_gnp.exe"),
    ("a\x00b\x07c", "a_b_c"),
    ("line\nbreak", "line break"),
    ("Cafe\u0301", "Café"),
])
def test_a_file_name_keeps_the_name_in_any_script_and_loses_what_file_systems_refuse(name, stem):
    assert safe_file_stem(name) == stem


def test_a_long_name_is_cut_to_120_bytes_on_a_character_boundary():
    # "План" is 8 bytes in UTF-8; 13 × "План " is 117 bytes, and one more "П" makes 119.
    assert safe_file_stem("План " * 40) == "План " * 13 + "П"


def zip_of(store, owner: str = OWNER) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data_zip(store.owner_data(owner), EXPORTED)))


@pytest.fixture
def memory_store(catalog):
    return open_session_store(catalog)


def test_own_plans_go_in_plans_and_a_clients_in_their_folder(memory_store, catalog):
    client = memory_store.add_client(OWNER, "Client A", Profile(30, Sex.FEMALE))
    memory_store.create(OWNER, None, a_plan(catalog, "Мой план"))
    memory_store.create(OWNER, client.id, a_plan(catalog, "Current diet"))
    assert sorted(zip_of(memory_store).namelist()) == ["clients/Client A/Current diet.json", "manifest.json",
                                                "plans/Мой план.json"]


def test_names_that_become_one_file_name_are_numbered(memory_store, catalog):
    for name in ("a/b", "a?b", "A_B"):  # listed by name: "/" sorts before "?" before "_"
        memory_store.create(OWNER, None, a_plan(catalog, name))
    assert sorted(zip_of(memory_store).namelist()) == ["manifest.json", "plans/A_B (3).json", "plans/a_b (2).json",
                                                "plans/a_b.json"]


def test_each_file_is_the_plan_document_as_stored_and_opens_as_a_plan(memory_store, catalog):
    saved = memory_store.create(OWNER, None, a_plan(catalog, "Мой план", grams=45))
    archive = zip_of(memory_store)
    body = archive.read("plans/Мой план.json").decode("utf-8")
    assert body == memory_store.owner_data(OWNER).plans[0].body
    assert parse_plan(body, catalog) == saved.plan


def test_the_manifest_names_the_owner_the_clients_and_which_file_is_which_plan(memory_store, catalog):
    client = memory_store.add_client(OWNER, "Client A", Profile(52, Sex.MALE))
    saved = memory_store.create(OWNER, client.id, a_plan(catalog, "Current diet", age_years=52, sex="male"))
    manifest = json.loads(zip_of(memory_store).read("manifest.json"))
    assert manifest["owner"] == OWNER and manifest["exported_at"] == "2026-03-01T12:00:00+00:00"
    assert manifest["clients"] == [{"id": client.id, "name": "Client A", "folder": "clients/Client A",
                                    "profile": profile_json(Profile(52, Sex.MALE))}]
    assert [(p["file"], p["id"], p["name"], p["client"], p["version"]) for p in manifest["plans"]] == [
        ("clients/Client A/Current diet.json", saved.record.id, "Current diet", "Client A", 1)]


def test_nothing_of_another_owner_is_in_the_zip(memory_store, catalog):
    memory_store.create(OWNER, None, a_plan(catalog, "Mine"))
    memory_store.create("https://id.example#bob", None, a_plan(catalog, "Bob's"))
    assert sorted(zip_of(memory_store).namelist()) == ["manifest.json", "plans/Mine.json"]
