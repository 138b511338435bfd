"""The FDC client against misbehaving servers on 127.0.0.1 (issue 12, findings 4–7): redirects
to another port, an outage page served 200, odd Retry-After values, huge and gzip-bomb answers,
and a server that drips. Each ends within the deadline with one sentence, the key stays home
and nothing bad lands in the cache."""

from __future__ import annotations

import time
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest
from pytest_httpserver import HTTPServer
from requests_cache import CachedSession
from werkzeug import Request, Response

from planner.errors import FdcBadResponse, FdcRateLimited, FdcUnavailable, PlannerError
from planner.fdc.client import FdcClient
from planner.fdc.settings import FdcSettings, settings_from_env
from tests.support.fdc_fixtures import fixture, fixture_text
from tests.support.fdc_server import KEY, PREFIX, Counter, json_response, serve
from tests.support.paths import APP

MIB = 1024 * 1024
DEADLINE_S = 1.5  # short, so the suite stays fast; the default (15 s) is checked below
SLACK_S = 0.75  # how late past the deadline a call may end on a busy machine


def local_server() -> Iterator[HTTPServer]:
    """A threaded server on a free port, so a handler still dripping or sleeping after its
    test holds up no other test."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


threaded_server = pytest.fixture(local_server, scope="module")
other_server = pytest.fixture(local_server)  # a second origin: same host, another port


@pytest.fixture
def server(threaded_server: HTTPServer) -> Iterator[HTTPServer]:
    yield threaded_server
    threaded_server.clear()


@pytest.fixture
def settings(server: HTTPServer, tmp_path: Path) -> FdcSettings:
    return FdcSettings(base_url=server.url_for(PREFIX), api_key=KEY, cache_dir=tmp_path / "cache",
                       connect_timeout_s=1.0, read_timeout_s=2.0, deadline_s=DEADLINE_S)


def files_holding(root: Path, needle: bytes) -> list[Path]:
    """Every file under root whose bytes contain needle."""
    return [path for path in root.rglob("*") if path.is_file() and needle in path.read_bytes()]


def cached_answers(client: FdcClient) -> int:
    assert isinstance(client.session, CachedSession)  # the client's own session: the HTTP cache
    return len(list(client.session.cache.responses.keys()))


def search_hit() -> Response:
    return json_response(fixture("search-sr-legacy.json"))


# ---- finding 4: the key never follows a redirect to another host ----------------------------

def test_a_redirect_to_another_port_is_refused_and_the_key_stays_home(server, other_server, settings, tmp_path):
    elsewhere = Counter(search_hit())
    other_server.expect_request(PREFIX + "foods/search").respond_with_handler(elsewhere)
    target = other_server.url_for(PREFIX + "foods/search?query=liver")
    serve(server, "foods/search", Counter(Response("", status=302, headers={"Location": target})))
    client = FdcClient(settings)
    with pytest.raises(FdcBadResponse) as caught:
        client.search("liver")
    assert str(caught.value).startswith(
        f"FoodData Central redirected the request to another server (http://127.0.0.1:{other_server.port});")
    assert "API key was not sent there" in str(caught.value) and KEY not in str(caught.value)
    assert all(request.headers.get("X-Api-Key") != KEY for request in elsewhere.requests)
    assert elsewhere.calls == 0
    assert files_holding(tmp_path, KEY.encode()) == []  # cache and data directories


def test_a_redirect_on_the_same_server_is_followed_but_never_stored_with_the_key(server, settings, tmp_path):
    serve(server, "foods/search", Counter(Response("", status=301, headers={
        "Location": server.url_for(PREFIX + "foods/search/v2?query=liver")})))
    moved = Counter(search_hit())
    serve(server, "foods/search/v2", moved)
    foods = FdcClient(settings).search("liver")
    assert [f.id for f in foods] == ["fdc:168626", "fdc:175210"]
    assert moved.requests[0].headers["X-Api-Key"] == KEY  # same origin: the key may go there
    assert files_holding(tmp_path, b"168626") != []  # the answer was stored …
    assert files_holding(tmp_path, KEY.encode()) == []  # … and no hop with the key


def test_a_cache_file_from_before_is_removed(settings, tmp_path):
    old = settings.cache_dir / "fdc_http_cache.sqlite"  # its redirect hops could hold the key
    old.parent.mkdir(parents=True)
    old.write_bytes(b"X-Api-Key " + KEY.encode())
    FdcClient(settings)
    assert not old.exists() and files_holding(tmp_path, KEY.encode()) == []


# ---- finding 5: only successful JSON answers are cached ------------------------------------

def test_an_outage_page_served_200_is_not_cached(server, settings):
    handler = Counter(Response(fixture_text("outage.html"), status=200, content_type="text/html"), search_hit())
    serve(server, "foods/search", handler)
    client = FdcClient(settings)
    with pytest.raises(FdcBadResponse, match="web page instead of data"):
        client.search("liver")
    assert [f.id for f in client.search("liver")] == ["fdc:168626", "fdc:175210"]  # FDC is back
    assert handler.calls == 2


def test_json_that_does_not_parse_is_not_cached(server, settings):
    handler = Counter(Response('{"foods": [', status=200, content_type="application/json"), search_hit())
    serve(server, "foods/search", handler)
    client = FdcClient(settings)
    with pytest.raises(FdcBadResponse):
        client.search("liver")
    assert client.search("liver")[0].id == "fdc:168626"
    assert handler.calls == 2


# ---- finding 6: odd Retry-After values end in a rate-limit sentence --------------------------

def asctime(when: datetime) -> str:
    """The asctime form of an HTTP-date, which names no zone: 'Sun Nov  6 08:49:37 1994'."""
    return f"{when:%a %b} {when.day:>2} {when:%H:%M:%S %Y}"


def test_a_zoneless_asctime_retry_after_says_until_when(server, settings):
    until = (datetime.now(timezone.utc) + timedelta(hours=2)).replace(second=30, microsecond=0)
    serve(server, "foods/search",
          Counter(json_response(fixture("error-429.json"), 429, {"Retry-After": asctime(until)})))
    with pytest.raises(FdcRateLimited) as caught:
        FdcClient(settings).search("milk")
    assert abs(caught.value.until - until) < timedelta(milliseconds=1)
    assert str(caught.value) == (f"FoodData Central's rate limit is reached: rate-limited until "
                                 f"{until.astimezone():%H:%M}.")


@pytest.mark.parametrize("value", ["9" * 400, "99999999999", "-5", "1.5", "Fri, 31 Dec 9999 23:59:59 GMT",
                                   "Sat, 01 Jan 10000 00:00:00 GMT", "soon", "²"],
                         ids=["400 digits", "11 digits", "negative", "fraction", "year 9999", "year 10000",
                              "word", "superscript digit"])
def test_an_unusable_retry_after_blocks_for_the_hour(server, settings, value):
    serve(server, "foods/search", Counter(json_response(fixture("error-429.json"), 429, {"Retry-After": value})))
    start = datetime.now(timezone.utc)
    with pytest.raises(FdcRateLimited) as caught:
        FdcClient(settings).search("milk")
    assert timedelta(minutes=59) < caught.value.until - start < timedelta(minutes=61)
    assert "rate-limited until" in str(caught.value)


def test_a_short_retry_after_past_the_deadline_is_not_waited_out(server, settings):
    serve(server, "foods/search", Counter(json_response(fixture("error-429.json"), 429, {"Retry-After": "4"})))
    waits: list[float] = []
    client = FdcClient(settings, sleep=waits.append)  # max_wait_s is 5, the deadline 1.5 s
    with pytest.raises(FdcRateLimited):
        client.search("milk")
    assert waits == []


# ---- finding 7: size limit and one deadline per call ---------------------------------------

def test_the_default_limits_are_16_mib_and_15_seconds():
    assert FdcSettings().max_body_bytes == 16 * 1024 * 1024
    assert FdcSettings().deadline_s == 15.0


def test_the_limits_come_from_the_environment():
    settings = settings_from_env({"FDC_MAX_BODY_BYTES": "1048576", "FDC_DEADLINE_S": "4.5"})
    assert settings.max_body_bytes == 1048576 and settings.deadline_s == 4.5


@pytest.mark.parametrize("name, value, sentence", [
    ("FDC_MAX_BODY_BYTES", "16MiB", "FDC_MAX_BODY_BYTES must be a whole number of bytes above 0, not '16MiB'."),
    ("FDC_MAX_BODY_BYTES", "0", "FDC_MAX_BODY_BYTES must be a whole number of bytes above 0, not '0'."),
    ("FDC_DEADLINE_S", "-1", "FDC_DEADLINE_S must be a number of seconds above 0, not '-1'."),
    ("FDC_DEADLINE_S", "nan", "FDC_DEADLINE_S must be a number of seconds above 0, not 'nan'."),
    ("FDC_DEADLINE_S", "inf", "FDC_DEADLINE_S must be a number of seconds above 0, not 'inf'."),
])
def test_a_bad_limit_in_the_environment_is_one_sentence(name, value, sentence):
    with pytest.raises(PlannerError) as caught:
        settings_from_env({name: value})
    assert str(caught.value) == sentence


def megabyte_stream(mebibytes: int) -> Iterator[bytes]:
    yield b'{"foods": ["'
    for _ in range(mebibytes):
        yield b"x" * MIB
    yield b'"]}'


@pytest.mark.parametrize("declared", [False, True], ids=["streamed", "content-length"])
def test_a_64_mib_answer_is_refused_quickly_and_not_cached(server, settings, declared):
    def huge(request: Request) -> Response:
        headers = {"Content-Length": str(64 * MIB + 15)} if declared else {}
        return Response(megabyte_stream(64), content_type="application/json", headers=headers)

    serve(server, "foods/search", huge)
    client = FdcClient(settings)
    start = time.monotonic()
    with pytest.raises(FdcBadResponse) as caught:
        client.search("milk")
    assert time.monotonic() - start < DEADLINE_S
    assert str(caught.value) == "FoodData Central sent an answer larger than 16 MiB; it was refused."
    assert cached_answers(client) == 0


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """64 MiB of zeros in about 64 KiB of gzip."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: the gzip container
    zeros = bytes(MIB)
    return b"".join([*(packer.compress(zeros) for _ in range(64)), packer.flush()])


def test_a_gzip_bomb_is_refused_after_16_mib_of_decompressed_bytes(server, settings, gzip_bomb):
    assert len(gzip_bomb) < MIB // 8
    serve(server, "foods/search", Counter(Response(gzip_bomb, content_type="application/json",
                                                       headers={"Content-Encoding": "gzip"})))
    client = FdcClient(settings)
    start = time.monotonic()
    with pytest.raises(FdcBadResponse, match="larger than 16 MiB; it was refused"):
        client.search("milk")
    assert time.monotonic() - start < DEADLINE_S
    assert cached_answers(client) == 0


def test_a_smaller_limit_from_settings_applies(server, tmp_path):
    serve(server, "foods/search", Counter(search_hit()))  # about 4 KiB
    settings = FdcSettings(base_url=server.url_for(PREFIX), api_key=KEY, cache_dir=tmp_path, max_body_bytes=1024)
    with pytest.raises(FdcBadResponse, match="larger than 1,024 bytes; it was refused"):
        FdcClient(settings).search("milk")


def test_a_server_that_drips_a_byte_every_half_second_ends_at_the_deadline(server, settings):
    def drip(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(40):  # 20 s in all; each byte comes well within the 2 s read timeout
                yield b" "
                time.sleep(0.5)

        return Response(body(), content_type="application/json")

    serve(server, "foods/search", drip)
    client = FdcClient(settings)
    assert_a_search_ends_at_the_deadline(client)
    assert cached_answers(client) == 0


def assert_a_search_ends_at_the_deadline(client: FdcClient) -> None:
    """The search fails at DEADLINE_S, not before and not much after, saying so."""
    start = time.monotonic()
    with pytest.raises(FdcUnavailable) as caught:
        client.search("milk")
    assert DEADLINE_S - 0.1 < time.monotonic() - start < DEADLINE_S + SLACK_S
    assert str(caught.value) == ("FoodData Central did not finish answering within 1.5 s "
                                 "(the limit for one search or lookup, retries included).")


def test_retries_and_backoff_stay_within_the_deadline(server, settings):
    def slow_503(request: Request) -> Response:
        time.sleep(0.6)
        return Response("busy", status=503)

    serve(server, "foods/search", slow_503)
    start = time.monotonic()
    with pytest.raises(FdcUnavailable, match=r"having trouble \(HTTP 503\)"):
        FdcClient(settings).search("milk")  # 3 tries of 0.6 s and 0.6 s of backoff: 2.4 s
    assert time.monotonic() - start < DEADLINE_S


def test_the_app_says_when_a_limit_setting_is_bad_and_keeps_to_the_bundled_data(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("FDC_API_KEY", KEY)
    monkeypatch.setenv("FDC_DEADLINE_S", "soon")
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert "FDC_DEADLINE_S must be a number of seconds above 0, not 'soon'." in [e.value for e in app.error]
    assert any("USDA SR Legacy (SR28) and USDA FNDDS 2021–2023, bundled" in c.value for c in app.sidebar.caption)
