"""The only network code: GETs to FoodData Central through a persistent HTTP cache (a SQLite
file, or Redis when B12_PLANNER_REDIS_URL is set, shared by the app's replicas).

The key travels in the X-Api-Key header only, never to another origin, and is neither part of
a cache key nor stored in the cache. The cache keeps only direct 200 JSON answers. Below the
cache a transport adapter retries 5xx answers and failed connections, and reads each body with
a running count (after decompression), so an answer over `max_body_bytes` is refused early.
One deadline bounds a whole client call: connects, TLS handshakes, headers, bodies, retries,
backoff and Retry-After waits; a watchdog shuts the socket when it passes, so a server that
drips its headers or its body a byte at a time ends there too. A 429 waits out a short
Retry-After (at most `max_wait_s`) and otherwise answers at once.
"""

from __future__ import annotations

import functools
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, TypeVar
from urllib.parse import urlsplit

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError, SSLError

from planner.errors import FdcBadResponse, FdcKeyRejected, FdcRateLimited, FdcUnavailable, UnknownFoodError
from planner.fdc.protocol import (
    API_KEY_HEADER,
    DEFAULT_SEARCH_TYPES,
    FdcResponseError,
    RateLimit,
    Request,
    batch_requests,
    error_code,
    food_from_fdc,
    food_request,
    foods_from_batch,
    foods_from_search,
    header_int,
    is_json,
    not_data_reason,
    rate_limit,
    retry_after_seconds,
    retry_at,
    search_request,
)
from planner.fdc.settings import REDIS_URL_ENV, FdcSettings
from planner.fdc.watching import watched, watched_attempt
from planner.food import Food
from planner.watchdog import Watchdog

log = logging.getLogger("planner.fdc")

CACHE_FILE = "fdc_http_cache_v2.sqlite"
RETIRED_CACHE_FILES = ("fdc_http_cache.sqlite",)  # may hold redirect hops with the key (issue 12)
REDIS_NAMESPACE = "b12-planner:fdc"
SERVER_RETRIES = 2  # a 5xx answer is tried again twice …
CONNECT_RETRIES = 1  # … a refused or broken connection once
RETRY_STATUSES = frozenset({500, 502, 503, 504})
BACKOFF_S = 0.3  # the first retry goes at once, then 0.6 s (urllib3's schedule)
RATE_LIMIT_RETRIES = 2
RATE_LIMIT_DEFAULT_S = 3600.0  # a 429 without a usable Retry-After: assume the hourly window
READ_CHUNK_BYTES = 64 * 1024
CLOCK_SLACK_S = 0.01  # socket timers round to the millisecond
DEFAULT_PORTS = {"http": 80, "https": 443}


class _NotFound(Exception):
    """HTTP 404 inside the client; callers turn it into an unknown food or a bad address."""


class _DeadlineExceeded(requests.Timeout):
    """The client call's deadline passed while connecting, waiting or reading."""


class _AnswerTooLarge(requests.RequestException):
    """An answer longer than `max_body_bytes` after decompression; refused while reading."""


class _RedirectElsewhere(requests.RequestException):
    """A redirect to another origin; never followed, since the key would go with it."""

    def __init__(self, origin: str):
        super().__init__(origin)
        self.origin = origin


@dataclass(frozen=True)
class Deadline:
    """The end of one client call on the monotonic clock."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining_s(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.remaining_s() <= CLOCK_SLACK_S

    def cap(self, seconds: float) -> float:
        """A timeout that ends by the deadline (never 0, which a socket reads as non-blocking)."""
        return max(min(seconds, self.remaining_s()), CLOCK_SLACK_S)


# The deadline of the client call running in this thread (the app shares one client between
# sessions, each in its own thread), read by the transport adapter below the cache.
_CALL_DEADLINE: ContextVar[Deadline | None] = ContextVar("fdc_call_deadline", default=None)


def _current_deadline(seconds: float) -> Deadline:
    """The running call's deadline; a fresh one for a request made outside a client call."""
    return _CALL_DEADLINE.get() or Deadline.after(seconds)


def origin(url: str) -> str | None:
    """scheme://host:port with the scheme's default port filled in; None when unreadable."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    host = parts.hostname or ""
    return f"{parts.scheme.lower()}://{f'[{host}]' if ':' in host else host}:{port}"


def is_fdc_data(response: requests.Response) -> bool:
    """The cache policy: keep only a direct 200 answer of parseable JSON, never an outage page,
    an error or a redirect (whose hops would carry the key). A cached answer passed it once."""
    if getattr(response, "from_cache", False):
        return True
    if response.status_code != 200 or response.history or not is_json(response.headers.get("Content-Type")):
        return False
    try:
        response.json()
    except ValueError:
        return False
    return True


class BoundedAdapter(HTTPAdapter):
    """Transport below the cache: retries within the call's deadline, and reads every body
    itself, counting decompressed bytes, since requests-cache reads whole bodies. Each attempt
    runs under a watchdog set to the deadline: socket timeouts bound each read, not the whole
    exchange, so a server dripping its headers or its body a byte at a time would outlast them."""

    def __init__(self, max_body_bytes: int, deadline_s: float):
        super().__init__(max_retries=0)  # retries are ours, so they fit in the deadline
        self.max_body_bytes = max_body_bytes
        self.deadline_s = deadline_s

    def get_connection_with_tls_context(self, request: requests.PreparedRequest, verify: Any,
                                        proxies: Any = None, cert: Any = None) -> Any:
        pool = super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        pool.ConnectionCls = watched(pool.ConnectionCls)
        return pool

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: Any = True, cert: Any = None, proxies: Any = None) -> requests.Response:
        deadline = _current_deadline(self.deadline_s)
        connect_s, read_s = timeout if isinstance(timeout, tuple) else (timeout or self.deadline_s,) * 2
        attempt = 0
        while True:
            if deadline.passed():
                raise _DeadlineExceeded(request=request)
            with watched_attempt(deadline.remaining_s()) as watchdog:
                response = self._attempt(request, attempt, deadline, watchdog,
                                         timeout=(deadline.cap(connect_s), deadline.cap(read_s)),
                                         verify=verify, cert=cert, proxies=proxies)
            if response is not None:
                return response
            time.sleep(_backoff_s(attempt))
            attempt += 1

    def _attempt(self, request: requests.PreparedRequest, attempt: int, deadline: Deadline, watchdog: Watchdog,
                 **send_options: Any) -> requests.Response | None:
        """One try: the answer with its body read, or None to try again after a pause."""
        try:
            response = super().send(request, stream=True, **send_options)
            if response.status_code in RETRY_STATUSES and _may_retry(attempt, SERVER_RETRIES, deadline):
                response.close()
                return None
            self._read_body(response, watchdog)
            return response
        except _DeadlineExceeded:
            raise
        except requests.RequestException as error:
            if watchdog.fired or (isinstance(error, requests.Timeout) and deadline.passed()):
                raise _DeadlineExceeded(request=request) from None
            if isinstance(error, requests.Timeout):
                raise  # a slow answer is not retried: it would be slow again
            if isinstance(error, requests.ConnectionError) and _may_retry(attempt, CONNECT_RETRIES, deadline):
                return None
            raise

    def _read_body(self, response: requests.Response, watchdog: Watchdog) -> None:
        """Read the whole body now, refusing it past the size limit or the deadline."""
        declared = header_int(response.headers, "Content-Length")
        if declared is not None and declared > self.max_body_bytes and "Content-Encoding" not in response.headers:
            response.close()
            raise _AnswerTooLarge(request=response.request)
        try:
            response._content = self._read_chunks(response, watchdog)  # as requests' own reader leaves it
            response._content_consumed = True
        except BaseException:
            response.close()
            raise

    def _read_chunks(self, response: requests.Response, watchdog: Watchdog) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.raw.read1(READ_CHUNK_BYTES, decode_content=True):
                size += len(chunk)
                if size > self.max_body_bytes:
                    raise _AnswerTooLarge(request=response.request)
                chunks.append(chunk)
        except (ReadTimeoutError, ProtocolError, DecodeError, SSLError) as error:
            if not watchdog.fired:
                raise _requests_error(error, response.request) from None
        if watchdog.fired:  # the socket was shut at the deadline: what was read is not all of it
            raise _DeadlineExceeded(request=response.request)
        return b"".join(chunks)


def _backoff_s(attempt: int) -> float:
    """The pause after try number `attempt` (0-based) failed."""
    return BACKOFF_S * 2 ** attempt if attempt else 0.0


def _may_retry(attempt: int, retries: int, deadline: Deadline) -> bool:
    """Another try only while tries are left and the backoff ends before the deadline."""
    return attempt < retries and deadline.remaining_s() > _backoff_s(attempt)


def _requests_error(error: Exception, request: requests.PreparedRequest) -> requests.RequestException:
    """urllib3's reading errors as requests' own reader reports them (a stalled read as a timeout)."""
    if isinstance(error, ReadTimeoutError):
        return requests.ReadTimeout(request=request)
    if isinstance(error, DecodeError):
        return requests.exceptions.ContentDecodingError(error, request=request)
    if isinstance(error, SSLError):
        return requests.exceptions.SSLError(error, request=request)
    return requests.exceptions.ChunkedEncodingError(error, request=request)


class _FdcSession(requests_cache.CachedSession):
    """A cached session that refuses redirects to another origin instead of carrying the key there."""

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        target = origin(prepared_request.url or "")
        if target is None or target != origin(response.request.url or ""):
            raise _RedirectElsewhere(target or "an unreadable address")
        super().rebuild_auth(prepared_request, response)


def _cache_backend(settings: FdcSettings) -> requests_cache.BaseCache:
    """Redis when B12_PLANNER_REDIS_URL is set (shared by replicas), else a SQLite file."""
    if settings.redis_url:
        from redis import Redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry as RedisRetry

        connection = Redis.from_url(settings.redis_url, socket_connect_timeout=settings.connect_timeout_s,
                                    socket_timeout=settings.connect_timeout_s, retry=RedisRetry(NoBackoff(), 0))
        # JSON, not pickle: nothing read back from a shared server is ever unpickled; bodies
        # stored as readable JSON, so an operator can inspect what is kept
        return requests_cache.RedisCache(REDIS_NAMESPACE, connection=connection, serializer="json",
                                         decode_content=True)
    cache_dir = Path(settings.cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for retired in RETIRED_CACHE_FILES:
        (cache_dir / retired).unlink(missing_ok=True)
    return requests_cache.SQLiteCache(str(cache_dir / CACHE_FILE))


def cached_session(settings: FdcSettings) -> requests_cache.CachedSession:
    """A requests session with the HTTP cache (SQLite or Redis) over the bounded transport."""
    session = _FdcSession(
        backend=_cache_backend(settings),
        expire_after=timedelta(seconds=settings.cache_lifetime_s),
        stale_if_error=True,  # FDC down: serve what we had
        allowable_methods=("GET",),
        allowable_codes=(200,),
        filter_fn=is_fdc_data,
        # requests-cache redacts only the header names it lists, case-sensitively: name ours exactly,
        # or the key is written to the cache in plain text
        ignored_parameters=[*DEFAULT_IGNORED_PARAMS, API_KEY_HEADER, "api_key"],
        match_headers=False,
    )
    adapter = BoundedAdapter(settings.max_body_bytes, settings.deadline_s)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _cache_errors(settings: FdcSettings) -> tuple[type[Exception], ...]:
    """What the shared cache raises when Redis is down or refuses (the SQLite file has no such state)."""
    if not settings.redis_url:
        return ()
    from redis.exceptions import RedisError

    return (RedisError,)


def _size_text(size_bytes: int) -> str:
    """16 MiB, or 1,500 bytes where the limit is not whole mebibytes."""
    mebibytes, rest = divmod(size_bytes, 2 ** 20)
    return f"{mebibytes} MiB" if mebibytes and not rest else f"{size_bytes:,} bytes"


_Result = TypeVar("_Result")


def _within_deadline(method: Callable[..., _Result]) -> Callable[..., _Result]:
    """Run a public client call under one deadline (a nested call keeps the outer one)."""

    @functools.wraps(method)
    def bounded(self: FdcClient, *args: Any, **kwargs: Any) -> _Result:
        if _CALL_DEADLINE.get() is not None:
            return method(self, *args, **kwargs)
        token = _CALL_DEADLINE.set(Deadline.after(self.settings.deadline_s))
        try:
            return method(self, *args, **kwargs)
        finally:
            _CALL_DEADLINE.reset(token)

    return bounded


class FdcClient:
    """Search and fetch FDC foods as food records. One per app process (it holds the session)."""

    def __init__(self, settings: FdcSettings, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep, everyday_ndbs: Collection[str] = frozenset(),
                 fndds_codes: Collection[str] = frozenset()):
        """`everyday_ndbs`: the bundled SR foods people commonly eat, so FDC's copies say so too;
        `fndds_codes`: the bundled FNDDS foods, so FDC's Survey food of that code is the same food."""
        self.settings = settings
        self.everyday_ndbs = everyday_ndbs
        self.fndds_codes = fndds_codes
        self.session = session if session is not None else cached_session(settings)
        self._cache_errors = _cache_errors(settings)
        self._sleep = sleep
        self.requests_sent = 0  # network requests, not cache hits
        self.rate_limit: RateLimit | None = None
        self.blocked_until: datetime | None = None
        self._records: dict[int, Food] = {}

    # ---- the one place that talks to the network ----
    def _get(self, request: Request) -> Any:
        if not self.settings.has_key:
            raise FdcKeyRejected(missing=True)
        now = datetime.now(timezone.utc)
        if self.blocked_until and now < self.blocked_until:
            raise FdcRateLimited(self.blocked_until)
        deadline = _current_deadline(self.settings.deadline_s)
        url = self.settings.normalized_base_url + request.path
        for attempt in range(RATE_LIMIT_RETRIES + 1):
            response = self._send(url, request)
            if not getattr(response, "from_cache", False):
                self.requests_sent += 1
            self._note_rate_limit(response.headers)
            if response.status_code == 429:
                answered = datetime.now(timezone.utc)
                wait = retry_after_seconds(response.headers, answered)
                if wait is not None and wait <= min(self.settings.max_wait_s, deadline.remaining_s()) \
                        and attempt < RATE_LIMIT_RETRIES:
                    log.info("FDC rate limit: waiting %.1f s as asked", wait)
                    self._sleep(wait)
                    continue
                self.blocked_until = retry_at(wait if wait is not None else RATE_LIMIT_DEFAULT_S, answered)
                raise FdcRateLimited(self.blocked_until)
            return self._body(response)
        raise FdcRateLimited(retry_at(RATE_LIMIT_DEFAULT_S))  # pragma: no cover - loop always returns

    def _send(self, url: str, request: Request) -> requests.Response:
        """One GET through the cache; every way it can fail becomes one FdcError sentence."""
        settings = self.settings
        try:
            return self.session.get(
                url, params=list(request.params),
                headers={API_KEY_HEADER: settings.api_key or "", "Accept": "application/json"},
                timeout=(settings.connect_timeout_s, settings.read_timeout_s))
        except _DeadlineExceeded:
            raise FdcUnavailable(f"FoodData Central did not finish answering within {settings.deadline_s:g} s "
                                 "(the limit for one search or lookup, retries included).") from None
        except _AnswerTooLarge:
            raise FdcBadResponse(f"FoodData Central sent an answer larger than "
                                 f"{_size_text(settings.max_body_bytes)}; it was refused.") from None
        except _RedirectElsewhere as error:
            raise FdcBadResponse(f"FoodData Central redirected the request to another server ({error.origin}); "
                                 "it was not followed, so the API key was not sent there. If the service "
                                 "has moved, set FDC_BASE_URL to its new address.") from None
        except requests.ConnectTimeout:
            raise FdcUnavailable(f"Could not connect to FoodData Central within "
                                 f"{settings.connect_timeout_s:g} s.") from None
        except requests.Timeout:
            raise FdcUnavailable(f"FoodData Central did not answer within {settings.read_timeout_s:g} s.") from None
        except requests.ConnectionError:
            raise FdcUnavailable("Cannot reach FoodData Central (no network, or its name "
                                 "does not resolve).") from None
        except requests.RequestException as error:
            raise FdcUnavailable(f"The request to FoodData Central failed ({type(error).__name__}).") from None
        except self._cache_errors as error:
            raise FdcUnavailable(f"The FDC cache in Redis ({REDIS_URL_ENV}) cannot be used "
                                 f"({type(error).__name__}).") from None

    def _body(self, response: requests.Response) -> Any:
        status = response.status_code
        body: Any = None
        unreadable: ValueError | None = None
        try:
            body = response.json()
        except ValueError as error:
            unreadable = error
        if status in (401, 403):
            raise FdcKeyRejected(error_code(body) or f"HTTP {status}")
        if status == 404:
            raise _NotFound(status)
        if status >= 500:
            raise FdcUnavailable(f"FoodData Central is having trouble (HTTP {status}).")
        if status != 200:
            raise FdcBadResponse(f"FoodData Central answered HTTP {status}.")
        if unreadable is not None:
            raise FdcBadResponse(not_data_reason(response.headers.get("Content-Type"), unreadable))
        return body

    def _note_rate_limit(self, headers) -> None:
        limit = rate_limit(headers)
        if limit.remaining is None and limit.limit is None:
            return
        self.rate_limit = limit
        if limit.running_low:
            log.warning("FDC requests left this hour: %s of %s", limit.remaining, limit.limit)

    # ---- public API ----
    @_within_deadline
    def search(self, query: str, data_types: Iterable[str] = DEFAULT_SEARCH_TYPES,
               page_size: int = 50, page: int = 1) -> list[Food]:
        body = self._get_or_404(search_request(query, data_types, page_size, page))
        try:
            return foods_from_search(body, self.everyday_ndbs, self.fndds_codes)
        except FdcResponseError as error:
            raise FdcBadResponse(str(error)) from None

    @_within_deadline
    def food(self, fdc_id: int) -> Food:
        """One food; full format first, abridged when full answers 404 (seen on Foundation foods)."""
        if fdc_id in self._records:
            return self._records[fdc_id]
        try:
            body = self._get(food_request(fdc_id))
        except _NotFound:
            try:
                body = self._get(food_request(fdc_id, abridged=True))
            except _NotFound:
                raise UnknownFoodError(f"fdc:{fdc_id}") from None
        try:
            record = food_from_fdc(body, self.everyday_ndbs, self.fndds_codes)
        except FdcResponseError as error:
            raise FdcBadResponse(str(error)) from None
        self._records[fdc_id] = record
        return record

    @_within_deadline
    def foods(self, fdc_ids: Iterable[int]) -> list[Food]:
        """Many foods in batches of 20 (GET foods?fdcIds=…), skipping ones already fetched."""
        wanted = list(dict.fromkeys(int(i) for i in fdc_ids))
        missing = [i for i in wanted if i not in self._records]
        for request in batch_requests(missing):
            try:
                for record in foods_from_batch(self._get_or_404(request), self.everyday_ndbs, self.fndds_codes):
                    self._records[int(record.id.split(":", 1)[1])] = record
            except FdcResponseError as error:
                raise FdcBadResponse(str(error)) from None
        return [self._records[i] for i in wanted if i in self._records]

    def _get_or_404(self, request: Request) -> Any:
        try:
            return self._get(request)
        except _NotFound:
            raise FdcBadResponse(f"FoodData Central has no '{request.path}' endpoint at this address.") from None
