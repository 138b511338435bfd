"""Saved plans and clients, per owner, in SQLite (default) or PostgreSQL.

`open_store` picks the database; `PlanStore` is the one interface the app uses.
`open_session_store` is the same interface over a database in memory, for a visitor whose
plans must stay in their browser session and never reach the store.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from planner.snapshot import FoodCatalog
from planner.store.connect import create_store_engine, default_data_dir, store_url
from planner.store.owners import LOCAL_OWNER
from planner.store.plans import Client, DeletedData, FolderImport, OwnerData, PlanRecord, PlanStore, StoredPlan

__all__ = ["LOCAL_OWNER", "Client", "DeletedData", "FolderImport", "OwnerData", "PlanRecord", "PlanStore",
           "StoredPlan", "default_data_dir", "open_session_store", "open_store"]


def open_store(database_url: str | None, data_dir: Path, catalog: FoodCatalog) -> PlanStore:
    """The store for a URL (SQLite or PostgreSQL), or SQLite in the data directory. Connects lazily."""
    return PlanStore(create_store_engine(store_url(database_url, data_dir)), catalog)


def open_session_store(catalog: FoodCatalog) -> PlanStore:
    """A store of its own in memory: it lives and goes with the object that holds it."""
    return PlanStore(create_store_engine(URL.create("sqlite")), catalog)
