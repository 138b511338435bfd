"""Named plans on disk, per client; deleting a client removes their data."""

import pytest

from planner.errors import PlannerError
from planner.plan import new_plan
from planner.profile import Profile, Sex
from planner.store import PlanStore, default_data_dir


def test_save_list_load_delete(tmp_path, catalog):
    store = PlanStore(tmp_path)
    plan = new_plan("Current diet", Profile(40, Sex.FEMALE))
    store.save("Client A", plan)
    assert store.clients() == ["client-a"]
    assert store.plans("Client A") == ["current-diet"]
    assert store.load("client-a", "current-diet", catalog) == plan
    store.save("client-a", new_plan("With soy milk", Profile(40, Sex.FEMALE)))
    assert store.plans("client-a") == ["current-diet", "with-soy-milk"]
    store.delete_client("client-a")
    assert store.clients() == [] and not (tmp_path / "clients" / "client-a").exists()
    with pytest.raises(PlannerError, match="no saved plan"):
        store.load("client-a", "with-soy-milk", catalog)


def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("B12_PLANNER_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path


def test_client_names_cannot_escape_the_store(tmp_path):
    store = PlanStore(tmp_path / "store")
    store.save("../../etc", new_plan("x", Profile(40, Sex.FEMALE)))
    assert (tmp_path / "store" / "clients" / "etc" / "x.json").exists()
