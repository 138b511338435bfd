"""Named plans on disk, grouped by client: the app's data directory. Uses planfile for I/O.

Layout: <data dir>/clients/<client slug>/<plan slug>.json. A plan's file name is the slug of
its name; deleting a client removes its folder and everything in it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from planner.custom import slugify
from planner.errors import PlannerError
from planner.plan import Plan
from planner.planfile import load_plan, save_plan
from planner.snapshot import FoodCatalog

PERSONAL = "me"  # the client folder of someone planning for themselves


def default_data_dir() -> Path:
    env = os.environ.get("B12_PLANNER_DATA_DIR")
    if env:
        return Path(env)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "b12-planner"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "b12-planner"


class PlanStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    def _client_dir(self, client: str) -> Path:
        slug = slugify(client)
        return self.root / "clients" / slug

    def clients(self) -> list[str]:
        folder = self.root / "clients"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.exists() else []

    def plans(self, client: str) -> list[str]:
        folder = self._client_dir(client)
        return sorted(p.stem for p in folder.glob("*.json")) if folder.exists() else []

    def path(self, client: str, plan_name: str) -> Path:
        return self._client_dir(client) / f"{slugify(plan_name)}.json"

    def save(self, client: str, plan: Plan) -> Path:
        path = self.path(client, plan.name)
        save_plan(plan, path)
        return path

    def load(self, client: str, plan_slug: str, catalog: FoodCatalog) -> Plan:
        path = self.path(client, plan_slug)
        if not path.exists():
            raise PlannerError(f"There is no saved plan {plan_slug!r} for {client!r}.")
        return load_plan(path, catalog)

    def delete_client(self, client: str) -> None:
        """Remove every saved plan of this client (their data leaves the machine's store)."""
        folder = self._client_dir(client)
        if folder.exists():
            shutil.rmtree(folder)
