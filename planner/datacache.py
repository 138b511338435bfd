"""Built data kept between runs, so a new process starts in a fraction of the build's time.

The bundled catalog (SR Legacy and FNDDS: about 14,000 labelled food records) and its search
index take about 3 s to build from the CSV files; read back from here they take about half a
second. A cache file is named by a digest of everything that shapes it (the package's code and
data files, and the Python version), so any change to either is a miss and a rebuild, never a
stale record. Files are written atomically; a cache that cannot be read or written (a read-only
home, a full disk, a file from another version) is ignored and the planner builds as before.

`B12_PLANNER_CACHE_DIR` names the folder (default: `$XDG_CACHE_HOME/b12-planner`, else
`~/.cache/b12-planner`); `off` turns the cache off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from planner.once import once

CACHE_ENV = "B12_PLANNER_CACHE_DIR"
OFF = "off"
PACKAGE = Path(__file__).resolve().parent
T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_folder() -> Path | None:
    """Where built data is kept, or None when the cache is off."""
    named = os.environ.get(CACHE_ENV)
    if named is not None:
        return None if named.strip().lower() in (OFF, "") else Path(named)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "b12-planner"


def digest_of(package: Path) -> str:
    """A digest of a package's code and data and the Python version: what the built data depends on."""
    digest = hashlib.sha256(f"{sys.version}\n{pickle.HIGHEST_PROTOCOL}\n".encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


@once
def source_digest() -> str:
    """This planner's digest, worked out once per process."""
    return digest_of(PACKAGE)


def _path(name: str) -> Path | None:
    folder = cache_folder()
    return None if folder is None else folder / f"{name}-{source_digest()}.pickle"


def load(name: str) -> object | None:
    """What was saved under `name` for this code and data, or None."""
    path = _path(name)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception as error:  # a truncated or foreign file is a miss, never a failure
        log.debug("cache %s not read: %s", path, error)
        return None


def save(name: str, value: object) -> None:
    """Keep `value` under `name` for this code and data (atomically; failures ignored), and drop the
    files older code or data left under that name."""
    path = _path(name)
    if path is None:
        return
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as error:
        log.debug("cache %s not written: %s", path, error)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def cached(name: str, build: Callable[[], T], accept: Callable[[object], bool]) -> T:
    """The value kept under `name` if `accept` recognises it, else `build()`, kept for next time."""
    found = load(name)
    if found is not None and accept(found):
        return found  # type: ignore[return-value]
    value = build()
    save(name, value)
    return value
