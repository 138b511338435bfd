"""Saved plans and clients, per owner, in SQLite (default) or PostgreSQL.

`open_store` picks the database; `PlanStore` is the one interface the app uses.
"""

from __future__ import annotations

from pathlib import Path

from planner.snapshot import FoodCatalog
from planner.store.connect import create_store_engine, default_data_dir, store_url
from planner.store.plans import LOCAL_OWNER, Client, FolderImport, PlanRecord, PlanStore, StoredPlan

__all__ = ["LOCAL_OWNER", "Client", "FolderImport", "PlanRecord", "PlanStore", "StoredPlan", "default_data_dir",
           "open_store"]


def open_store(database_url: str | None, data_dir: Path, catalog: FoodCatalog) -> PlanStore:
    """The store for a URL (SQLite or PostgreSQL), or SQLite in the data directory. Connects lazily."""
    return PlanStore(create_store_engine(store_url(database_url, data_dir)), catalog)
