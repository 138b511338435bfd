"""Reads the folder-era layout (<data dir>/clients/<client slug>/<plan slug>.json) for the one-time
import. Reads only; the folder is never changed. Plan files go through planfile's loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlanFileError
from planner.plan import Plan
from planner.planfile import load_plan
from planner.snapshot import FoodCatalog

PERSONAL_SLUG = "me"  # the folder of someone planning for themselves


@dataclass(frozen=True)
class LegacyPlan:
    client_slug: str
    plan_slug: str
    plan: Plan

    @property
    def legacy_key(self) -> str:
        return legacy_key(self.client_slug, self.plan_slug)


@dataclass(frozen=True)
class LegacyFolder:
    plans: tuple[LegacyPlan, ...]  # oldest file first, so a client's profile is that of its newest plan
    unreadable: tuple[str, ...]  # "<client>/<file>: why", for the import report


def legacy_key(client_slug: str, plan_slug: str) -> str:
    return f"{client_slug}/{plan_slug}"


def clients_folder(data_dir: Path) -> Path:
    return data_dir / "clients"


def read_legacy_folder(data_dir: Path, catalog: FoodCatalog) -> LegacyFolder:
    """Every plan file of the old layout that loads; the others named with the reason."""
    files = sorted((path for path in clients_folder(data_dir).glob("*/*.json") if path.is_file()),
                   key=lambda path: (path.stat().st_mtime, str(path)))
    plans, unreadable = [], []
    for path in files:
        where = f"{path.parent.name}/{path.name}"
        try:
            plans.append(LegacyPlan(path.parent.name, path.stem, load_plan(path, catalog)))
        except PlanFileError as error:
            unreadable.append(f"{where}: {'; '.join(error.problems[:3])}")
    return LegacyFolder(tuple(plans), tuple(unreadable))
