"""`python -m planner data export|delete --owner ID`: a person's data on request, for operators.

The store is the app's: B12_PLANNER_DATABASE_URL, else SQLite in the data directory
(B12_PLANNER_DATA_DIR). Owner ids are `local` (the person on the server's own machine) or
`<issuer>#<subject>` of a signed-in person; the app shows a signed-in person theirs.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime, timezone
from pathlib import Path

from planner.datarequest import data_zip
from planner.errors import PlannerError, StoreError
from planner.snapshot import bundled_foods
from planner.store import PlanStore, default_data_dir
from planner.store.connect import create_store_engine, store_url
from planner.store.owners import checked_owner

DEFAULT_OUT = "b12-planner-data.zip"
EXIT_OK = 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _operator_store() -> PlanStore:
    """The app's store. A default SQLite file that does not exist is named, not created empty."""
    database_url = os.environ.get("B12_PLANNER_DATABASE_URL", "").strip() or None
    data_dir = default_data_dir()
    url = store_url(database_url, data_dir)
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database and not database.startswith("file:") \
            and not Path(database).is_file():
        raise StoreError(f"There is no plan database at {database}; set B12_PLANNER_DATABASE_URL or "
                         "B12_PLANNER_DATA_DIR to the app's.")
    return PlanStore(create_store_engine(url), bundled_foods())


def cmd_data_export(args: argparse.Namespace) -> int:
    owner = checked_owner(args.owner)
    out = Path(args.out)
    if out.exists():
        raise PlannerError(f"{out} exists already; choose another --out (nothing was written).")
    data = _operator_store().owner_data(owner)
    if not data.plans and not data.clients:
        print(f"Owner {owner} has no saved plans or clients; nothing was written.")
        return EXIT_OK
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_bytes(data_zip(data, datetime.now(timezone.utc)))
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise PlannerError(f"Could not write {out}: {error.strerror or error}.") from None
    print(f"Wrote {_plural(len(data.plans), 'plan')} and {_plural(len(data.clients), 'client')} "
          f"of owner {owner} to {out}.")
    return EXIT_OK


def cmd_data_delete(args: argparse.Namespace) -> int:
    owner = checked_owner(args.owner)
    deleted = _operator_store().delete_owner(owner)
    print(f"Deleted {_plural(deleted.plans, 'plan')} and {_plural(deleted.clients, 'client')} of owner {owner}.")
    return EXIT_OK


def add_data_commands(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    """The `data` command and its two subcommands, on the CLI's subparsers."""
    data = commands.add_parser("data", help="a person's saved plans on request: export or delete them")
    data_commands = data.add_subparsers(dest="data_command", required=True, parser_class=parser_class)
    export = data_commands.add_parser("export", help="write every plan and client of an owner to a zip")
    export.add_argument("--owner", required=True, metavar="ID", help="local, or <issuer>#<subject>")
    export.add_argument("--out", default=DEFAULT_OUT, metavar="FILE", help=f"default {DEFAULT_OUT}; never overwritten")
    export.set_defaults(run=cmd_data_export)
    delete = data_commands.add_parser("delete", help="delete every plan and client of an owner")
    delete.add_argument("--owner", required=True, metavar="ID", help="local, or <issuer>#<subject>")
    delete.set_defaults(run=cmd_data_delete)
