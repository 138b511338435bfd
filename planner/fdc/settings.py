"""Where the FDC client connects and caches, the key it sends, and the limits of one call.
Read from the environment here; the app adds Streamlit secrets in the shell and passes them in."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, TypeVar

from planner.errors import PlannerError
from planner.fdc.protocol import DEFAULT_BASE_URL

DEMO_KEY = "DEMO_KEY"
REDIS_URL_ENV = "B12_PLANNER_REDIS_URL"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
_Number = TypeVar("_Number", int, float)


def default_cache_dir() -> Path:
    """The user's cache directory (XDG on Linux, the usual places elsewhere)."""
    if os.name == "nt":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif os.uname().sysname == "Darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return root / "b12-planner"


@dataclass(frozen=True)
class FdcSettings:
    base_url: str = DEFAULT_BASE_URL
    api_key: str | None = field(default=None, repr=False)  # never printed, logged or exported
    cache_dir: Path = field(default_factory=default_cache_dir)
    connect_timeout_s: float = 3.05
    read_timeout_s: float = 10.0
    max_wait_s: float = 5.0  # the longest Retry-After a user is made to wait
    cache_lifetime_s: float = 7 * 24 * 3600.0  # FDC data changes rarely; stale is served on errors
    max_body_bytes: int = 16 * 1024 * 1024  # a larger answer (after decompression) is refused
    deadline_s: float = 15.0  # one client call, retries, backoff and Retry-After waits included
    redis_url: str | None = field(default=None, repr=False)  # the HTTP cache in Redis; may hold a password

    @property
    def has_key(self) -> bool:
        return bool(self.api_key)

    @property
    def demo_key(self) -> bool:
        return self.api_key == DEMO_KEY

    @property
    def normalized_base_url(self) -> str:
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"


def _env_number(env: Mapping[str, str], name: str, parse: Callable[[str], _Number], default: _Number,
                what: str) -> _Number:
    text = (env.get(name) or "").strip()
    if not text:
        return default
    try:
        value = parse(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value <= 0:
        raise PlannerError(f"{name} must be {what} above 0, not {text[:40]!r}.")
    return value


def _env_redis_url(env: Mapping[str, str]) -> str | None:
    url = (env.get(REDIS_URL_ENV) or "").strip() or None
    if url is not None and not url.startswith(REDIS_SCHEMES):  # never echoed: it may hold a password
        raise PlannerError(f"{REDIS_URL_ENV} must start with redis://, rediss:// or unix://.")
    return url


def settings_from_env(environ: Mapping[str, str] | None = None, api_key: str | None = None) -> FdcSettings:
    """FDC_BASE_URL, FDC_API_KEY, FDC_CACHE_DIR, FDC_MAX_BODY_BYTES, FDC_DEADLINE_S and
    B12_PLANNER_REDIS_URL; an explicit `api_key` (e.g. from secrets) wins."""
    env = os.environ if environ is None else environ
    key = (api_key or env.get("FDC_API_KEY") or "").strip() or None
    cache = env.get("FDC_CACHE_DIR")
    return FdcSettings(
        base_url=env.get("FDC_BASE_URL") or DEFAULT_BASE_URL,
        api_key=key,
        cache_dir=Path(cache) if cache else default_cache_dir(),
        max_body_bytes=_env_number(env, "FDC_MAX_BODY_BYTES", int, FdcSettings.max_body_bytes,
                                   "a whole number of bytes"),
        deadline_s=_env_number(env, "FDC_DEADLINE_S", float, FdcSettings.deadline_s, "a number of seconds"),
        redis_url=_env_redis_url(env),
    )
