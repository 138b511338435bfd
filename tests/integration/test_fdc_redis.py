"""The FDC HTTP cache in Redis (issue 15, item 2), against a real Debian `redis-server` started
here on a free port, with no persistence: shared between processes, and never holding the key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import redis
from pytest_httpserver import HTTPServer

from planner.errors import FdcUnavailable, PlannerError
from planner.fdc.client import CACHE_FILE, REDIS_NAMESPACE, FdcClient
from planner.fdc.settings import FdcSettings, settings_from_env
from tests.support.fdc_fixtures import fixture
from tests.support.fdc_server import KEY, PREFIX, Counter, json_response, serve
from tests.support.paths import ROOT
from tests.support.redis_server import running_redis
from tests.support.streamlit_server import free_port

# requests-cache 1.3 still calls setex, which redis-py 8 marks deprecated; not ours to change
pytestmark = pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with running_redis(tmp_path / "redis") as url:
        yield url


def redis_settings(httpserver: HTTPServer, cache_dir: Path, url: str) -> FdcSettings:
    return FdcSettings(base_url=httpserver.url_for(PREFIX), api_key=KEY, cache_dir=cache_dir, redis_url=url)


def stored(url: str) -> dict[bytes, bytes]:
    """Every key in the Redis database and its value, read by type (never DUMP, which may compress)."""
    connection = redis.Redis.from_url(url)
    values: dict[bytes, bytes] = {}
    for key in connection.scan_iter():
        kind = connection.type(key)
        if kind == b"string":
            values[key] = connection.get(key)
        elif kind == b"hash":
            values[key] = b" ".join(k + b"=" + v for k, v in connection.hgetall(key).items())
        else:
            values[key] = repr(kind).encode()  # an unexpected type: shown, so the test names it
    connection.close()
    return values


def cli_search(httpserver: HTTPServer, cache_dir: Path, url: str) -> list[str]:
    """`python -m planner fdc search` in a process of its own; the ids it prints."""
    env = dict(os.environ, FDC_BASE_URL=httpserver.url_for(PREFIX), FDC_API_KEY=KEY,
               FDC_CACHE_DIR=str(cache_dir), B12_PLANNER_REDIS_URL=url)
    result = subprocess.run([sys.executable, "-m", "planner", "fdc", "search", "beef liver", "--json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [food["id"] for food in json.loads(result.stdout)]


@pytest.mark.redis
def test_a_repeated_search_from_a_second_process_costs_no_request(httpserver, tmp_path, redis_url):
    handler = Counter(json_response(fixture("search-sr-legacy.json")))
    serve(httpserver, "foods/search", handler)
    first = cli_search(httpserver, tmp_path / "first", redis_url)
    second = cli_search(httpserver, tmp_path / "second", redis_url)  # another process, another cache dir
    assert first == second == ["fdc:168626", "fdc:175210"]
    assert handler.calls == 1  # the second process was answered by Redis
    assert not (tmp_path / "first" / CACHE_FILE).exists() and not (tmp_path / "second" / CACHE_FILE).exists()


@pytest.mark.redis
def test_the_key_is_in_no_redis_key_or_value(httpserver, tmp_path, redis_url):
    serve(httpserver, "foods/search", Counter(json_response(fixture("search-sr-legacy.json"))))
    FdcClient(redis_settings(httpserver, tmp_path, redis_url)).search("beef liver")
    values = stored(redis_url)
    assert values and all(key.startswith(REDIS_NAMESPACE.encode() + b":") for key in values)
    assert any(b"168626" in value for value in values.values())  # the answer is there …
    assert not [key for key, value in values.items() if KEY.encode() in key + value]  # … the key is not


def test_a_redis_that_cannot_be_reached_is_one_sentence(httpserver, tmp_path):
    handler = Counter(json_response(fixture("search-sr-legacy.json")))
    serve(httpserver, "foods/search", handler)
    client = FdcClient(redis_settings(httpserver, tmp_path, f"redis://127.0.0.1:{free_port()}/0"))
    start = time.monotonic()
    with pytest.raises(FdcUnavailable) as caught:
        client.search("beef liver")
    assert time.monotonic() - start < 5
    assert str(caught.value) == "The FDC cache in Redis (B12_PLANNER_REDIS_URL) cannot be used (ConnectionError)."


def test_a_redis_url_of_another_scheme_is_one_sentence_without_the_password():
    with pytest.raises(PlannerError) as caught:
        settings_from_env({"B12_PLANNER_REDIS_URL": "http://cache:s3cret-pw@10.0.0.5:6379/0"})
    assert str(caught.value) == "B12_PLANNER_REDIS_URL must start with redis://, rediss:// or unix://."
