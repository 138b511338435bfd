"""The only network code: GETs to FoodData Central through a persistent HTTP cache.

The key travels in the X-Api-Key header only, and is neither part of a cache key nor
stored in the cache file. 5xx answers are retried twice with backoff; a 429 waits out a
short Retry-After (at most `max_wait_s`) and otherwise answers at once.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS
from urllib3.util.retry import Retry

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
    rate_limit,
    retry_after_seconds,
    retry_at,
    search_request,
)
from planner.fdc.settings import FdcSettings
from planner.food import Food

log = logging.getLogger("planner.fdc")

CACHE_FILE = "fdc_http_cache.sqlite"
SERVER_RETRIES = 2
RATE_LIMIT_RETRIES = 2
RATE_LIMIT_DEFAULT_S = 3600.0  # a 429 without a usable Retry-After: assume the hourly window


class _NotFound(Exception):
    """HTTP 404 inside the client; callers turn it into an unknown food or a bad address."""


def cached_session(settings: FdcSettings) -> requests_cache.CachedSession:
    """A requests session with a SQLite cache in the user's cache directory and 5xx retries."""
    Path(settings.cache_dir).mkdir(parents=True, exist_ok=True)
    session = requests_cache.CachedSession(
        str(Path(settings.cache_dir) / CACHE_FILE),
        backend="sqlite",
        expire_after=timedelta(seconds=settings.cache_lifetime_s),
        stale_if_error=True,  # FDC down: serve what we had
        allowable_methods=("GET",),
        allowable_codes=(200,),
        # requests-cache matches header names case-sensitively here: name ours exactly (brief §7)
        ignored_parameters=[*DEFAULT_IGNORED_PARAMS, API_KEY_HEADER, "api_key"],
        match_headers=False,
    )
    # read=False: a slow answer fails at once as a timeout instead of waiting again
    retry = Retry(total=SERVER_RETRIES, connect=1, read=False, status=SERVER_RETRIES, backoff_factor=0.3,
                  status_forcelist=(500, 502, 503, 504), allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=False,  # 429s are decided below, never slept on for hours
                  raise_on_status=False)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class FdcClient:
    """Search and fetch FDC foods as food records. One per app process (it holds the session)."""

    def __init__(self, settings: FdcSettings, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.session = session if session is not None else cached_session(settings)
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
        url = self.settings.normalized_base_url + request.path
        for attempt in range(RATE_LIMIT_RETRIES + 1):
            try:
                response = self.session.get(
                    url, params=list(request.params),
                    headers={API_KEY_HEADER: self.settings.api_key or "", "Accept": "application/json"},
                    timeout=(self.settings.connect_timeout_s, self.settings.read_timeout_s))
            except requests.ConnectTimeout:
                raise FdcUnavailable(f"Could not connect to FoodData Central within "
                                     f"{self.settings.connect_timeout_s:g} s.") from None
            except requests.Timeout:
                raise FdcUnavailable(f"FoodData Central did not answer within "
                                     f"{self.settings.read_timeout_s:g} s.") from None
            except requests.ConnectionError:
                raise FdcUnavailable("Cannot reach FoodData Central (no network, or its name "
                                     "does not resolve).") from None
            except requests.RequestException as error:
                raise FdcUnavailable(f"The request to FoodData Central failed ({type(error).__name__}).") from None
            if not getattr(response, "from_cache", False):
                self.requests_sent += 1
            self._note_rate_limit(response.headers)
            if response.status_code == 429:
                answered = datetime.now(timezone.utc)
                wait = retry_after_seconds(response.headers, answered)
                if wait is not None and wait <= self.settings.max_wait_s and attempt < RATE_LIMIT_RETRIES:
                    log.info("FDC rate limit: waiting %.1f s as asked", wait)
                    self._sleep(wait)
                    continue
                self.blocked_until = retry_at(wait if wait is not None else RATE_LIMIT_DEFAULT_S, answered)
                raise FdcRateLimited(self.blocked_until)
            return self._body(response)
        raise FdcRateLimited(retry_at(RATE_LIMIT_DEFAULT_S))  # pragma: no cover - loop always returns

    def _body(self, response: requests.Response) -> Any:
        status = response.status_code
        body: Any = None
        try:
            body = response.json()
        except ValueError:
            body = None
        if status in (401, 403):
            raise FdcKeyRejected(error_code(body) or f"HTTP {status}")
        if status == 404:
            raise _NotFound(status)
        if status >= 500:
            raise FdcUnavailable(f"FoodData Central is having trouble (HTTP {status}).")
        if status != 200:
            raise FdcBadResponse(f"FoodData Central answered HTTP {status}.")
        if body is None:
            raise FdcBadResponse("FoodData Central sent a web page instead of data; the service may be down.")
        return body

    def _note_rate_limit(self, headers) -> None:
        limit = rate_limit(headers)
        if limit.remaining is None and limit.limit is None:
            return
        self.rate_limit = limit
        if limit.running_low:
            log.warning("FDC requests left this hour: %s of %s", limit.remaining, limit.limit)

    # ---- public API ----
    def search(self, query: str, data_types: Iterable[str] = DEFAULT_SEARCH_TYPES,
               page_size: int = 50, page: int = 1) -> list[Food]:
        body = self._get_or_404(search_request(query, data_types, page_size, page))
        try:
            return foods_from_search(body)
        except FdcResponseError as error:
            raise FdcBadResponse(str(error)) from None

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
            record = food_from_fdc(body)
        except FdcResponseError as error:
            raise FdcBadResponse(str(error)) from None
        self._records[fdc_id] = record
        return record

    def foods(self, fdc_ids: Iterable[int]) -> list[Food]:
        """Many foods in batches of 20 (GET foods?fdcIds=…), skipping ones already fetched."""
        wanted = list(dict.fromkeys(int(i) for i in fdc_ids))
        missing = [i for i in wanted if i not in self._records]
        for request in batch_requests(missing):
            try:
                for record in foods_from_batch(self._get_or_404(request)):
                    self._records[int(record.id.split(":", 1)[1])] = record
            except FdcResponseError as error:
                raise FdcBadResponse(str(error)) from None
        return [self._records[i] for i in wanted if i in self._records]

    def _get_or_404(self, request: Request) -> Any:
        try:
            return self._get(request)
        except _NotFound:
            raise FdcBadResponse(f"FoodData Central has no '{request.path}' endpoint at this address.") from None
