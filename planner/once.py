"""Process-wide values built at most once, even when several threads ask at the same moment.

`functools.lru_cache` does not hold callers back while the first one builds: Streamlit runs
each visitor's script in a thread of its own, so visitors arriving together each built the
bundled catalog and search index (about 100 MB a set, bench/load.py) and kept the extra sets
for the life of the process.
"""

from __future__ import annotations

import functools
import threading
from typing import Callable, TypeVar

T = TypeVar("T")


def once(build: Callable[[], T]) -> Callable[[], T]:
    """`build()` the first time; every later or concurrent call gets that same value."""
    lock = threading.Lock()
    built: list[T] = []

    @functools.wraps(build)
    def value() -> T:
        if not built:
            with lock:
                if not built:
                    built.append(build())
        return built[0]

    return value
