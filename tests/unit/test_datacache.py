"""Built data kept between runs (planner/datacache.py): a miss builds and keeps, a hit reads back
the same records, anything that shaped it changing is a miss, and a cache that cannot be used
is ignored, never a failure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from planner import datacache
from planner.catalog import bundled_search_index
from planner.search import SearchIndex
from planner.snapshot import bundled_foods
from tests.support.paths import ROOT


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(datacache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_miss_builds_and_keeps_and_a_hit_reads_it_back(cache_dir):
    built = []

    def build():
        built.append(1)
        return ["a", "record"]

    assert datacache.cached("thing", build, lambda found: isinstance(found, list)) == ["a", "record"]
    assert datacache.cached("thing", build, lambda found: isinstance(found, list)) == ["a", "record"]
    assert built == [1]
    assert [p.name for p in cache_dir.iterdir()] == [f"thing-{datacache.source_digest()}.pickle"]


def test_a_value_it_does_not_recognise_is_built_again(cache_dir):
    datacache.save("thing", {"not": "a list"})
    assert datacache.cached("thing", lambda: ["fresh"], lambda found: isinstance(found, list)) == ["fresh"]


def test_a_truncated_or_foreign_file_is_a_miss(cache_dir):
    datacache.save("thing", ["kept"])
    (path,) = cache_dir.iterdir()
    path.write_bytes(path.read_bytes()[:10])
    assert datacache.load("thing") is None
    path.write_text("not a pickle")
    assert datacache.load("thing") is None


def test_files_of_older_code_or_data_are_dropped(cache_dir):
    cache_dir.mkdir()
    old = cache_dir / "thing-000000000000000000000000.pickle"
    old.write_bytes(b"old")
    datacache.save("thing", ["new"])
    assert not old.exists() and datacache.load("thing") == ["new"]


def test_off_and_an_unusable_folder_build_without_keeping(tmp_path, monkeypatch):
    monkeypatch.setenv(datacache.CACHE_ENV, "off")
    assert datacache.cache_folder() is None and datacache.load("thing") is None
    datacache.save("thing", ["x"])  # nothing to do, nothing raised
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder would have to be inside this file")
    monkeypatch.setenv(datacache.CACHE_ENV, str(blocker / "cache"))  # no folder can be made here, even by root
    assert datacache.cached("thing", lambda: ["built"], lambda found: True) == ["built"]
    assert blocker.read_text().startswith("the cache folder")


def test_the_digest_follows_the_packages_code_and_data(tmp_path):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "data" / "foods.csv").write_text("id\n1\n")
    digests = []
    for change in (None, ("a.py", "x = 2\n"), ("data/foods.csv", "id\n2\n")):
        if change:
            (package / change[0]).write_text(change[1])
        digests.append(datacache.digest_of(package))
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.pyc").write_bytes(b"compiled")  # not what shapes the data
    assert len(set(digests)) == 3 and datacache.digest_of(package) == digests[-1]


def test_an_index_kept_for_other_foods_is_not_used():
    index = bundled_search_index()
    foods = list(bundled_foods().values())
    assert SearchIndex.from_state(foods, index.state()) is not None
    assert SearchIndex.from_state(foods[1:], index.state()) is None


def test_a_new_process_reads_the_same_catalog_and_index_from_the_cache(tmp_path):
    """Two processes on an empty cache folder: the first builds and keeps, the second reads; both
    answer alike."""
    script = ("from planner.catalog import bundled_search_index; from planner.snapshot import bundled_foods; "
              "c = bundled_foods(); i = bundled_search_index(); "
              "print(len(c), c.get_food('fndds:26303160').portions[0].label, "
              "[f.id for f in i.find('milk', limit=3).foods])")
    env = {**os.environ, datacache.CACHE_ENV: str(tmp_path / "cache")}
    first, second = (subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                                    text=True, timeout=120, check=True).stdout for _ in range(2))
    assert first == second and first.startswith("14220 1 clam")
    assert len(list((tmp_path / "cache").iterdir())) == 2  # foods and search index
