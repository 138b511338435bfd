"""Shared fixtures: the bundled catalog (read once) and a clean FDC environment per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.snapshot import FoodCatalog, bundled_foods

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _clean_fdc_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees a developer's FDC key or cache; the HTTP cache lives in tmp_path."""
    for name in list(os.environ):
        if name.startswith("FDC_") or name == "B12_PLANNER_REDIS_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("FDC_CACHE_DIR", str(tmp_path / "fdc-cache"))
    monkeypatch.setenv("B12_PLANNER_DATA_DIR", str(tmp_path / "app-data"))


@pytest.fixture(scope="session")
def catalog() -> FoodCatalog:
    return bundled_foods()


def shared_path(*parts: str) -> Path:
    """A file under ../shared/; tests that need it skip when it is absent, except in CI."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing under CI")
        pytest.skip(f"{path} is not present")
    return path
