"""FoodData Central's deadline covers the whole exchange (issue 23, items 2 and 8): a stand-in
server on 127.0.0.1 that drips its status line and headers a byte at a time holds a search no
longer than the deadline, the default 15 s included; and an answer labelled JSON that does not
parse is reported as what it is, not as a web page.

The drip server is a plain socket server, since an HTTP server library writes its status line
and headers in one go.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from werkzeug import Response

from planner.errors import FdcBadResponse, FdcUnavailable
from planner.fdc.client import FdcClient
from planner.fdc.settings import FdcSettings
from tests.integration.test_fdc_hardening import (  # noqa: F401 (server, settings and threaded_server are fixtures)
    DEADLINE_S,
    SLACK_S,
    assert_a_search_ends_at_the_deadline,
    cached_answers,
    server,
    settings,
    threaded_server,
)
from tests.support.fdc_fixtures import fixture_text
from tests.support.fdc_server import KEY, PREFIX, Counter, serve

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"a" * 400 + b"\r\n"


class DripServer:
    """Answers every request with `answer`, one byte every `interval_s`, until the client hangs up;
    the first request gets `first` at once instead, when given."""

    def __init__(self, answer: bytes, interval_s: float, first: bytes | None = None):
        self.answer, self.interval_s, self.first = answer, interval_s, first
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.stopping = threading.Event()
        self.requests = 0
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}{PREFIX}"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            self.requests += 1
            quick = self.first if self.requests == 1 else None
            threading.Thread(target=self._drip, args=(connection, quick), daemon=True).start()

    def _drip(self, connection: socket.socket, quick: bytes | None) -> None:
        with connection:
            received = b""
            while b"\r\n\r\n" not in received:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                received += chunk
            if quick is not None:
                connection.sendall(quick)
                return
            for byte in self.answer:
                if self.stopping.wait(self.interval_s):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return  # the client hung up

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()


@pytest.fixture
def drip_headers() -> Iterator[DripServer]:
    """Status line and headers at 20 bytes a second: 22 s before the body would start."""
    dripping = DripServer(HEADERS + b"Content-Length: 2\r\n\r\n{}", interval_s=0.05)
    yield dripping
    dripping.close()


def dripped_settings(drip: DripServer, tmp_path: Path, **limits: Any) -> FdcSettings:
    return FdcSettings(base_url=drip.base_url, api_key=KEY, cache_dir=tmp_path / "cache", **limits)


def test_a_server_dripping_its_headers_ends_at_the_deadline(drip_headers, tmp_path):
    client = FdcClient(dripped_settings(drip_headers, tmp_path, connect_timeout_s=1.0, read_timeout_s=2.0,
                                        deadline_s=DEADLINE_S))
    assert_a_search_ends_at_the_deadline(client)
    assert drip_headers.requests == 1  # a slow answer is not tried again
    assert cached_answers(client) == 0


def test_a_header_drip_of_a_byte_a_second_holds_a_search_for_the_default_15_s_and_no_longer(tmp_path):
    """As found (a byte a second, socket timeouts of 3 and 10 s, each met): the stated 15 s, where
    the whole answer takes 40 s to come."""
    dripping = DripServer(b"HTTP/1.1 200 OK\r\nX-Drip: " + b"a" * 10 + b"\r\n\r\n{}", interval_s=1.0)
    try:
        settings = dripped_settings(dripping, tmp_path)
        assert (settings.deadline_s, settings.read_timeout_s) == (15.0, 10.0)
        client = FdcClient(settings)
        start = time.monotonic()
        with pytest.raises(FdcUnavailable, match=r"did not finish answering within 15 s"):
            client.search("milk")
        assert 14.9 < time.monotonic() - start < 15 + SLACK_S
    finally:
        dripping.close()


def test_a_server_dripping_after_a_quick_503_ends_at_the_deadline_too(tmp_path):
    """The first try's 503 comes at once; the retry meets a drip: the deadline covers both."""
    dripping = DripServer(HEADERS + b"\r\n{}", interval_s=0.05,
                          first=b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")
    try:
        client = FdcClient(dripped_settings(dripping, tmp_path, connect_timeout_s=1.0, read_timeout_s=2.0,
                                            deadline_s=DEADLINE_S))
        start = time.monotonic()
        with pytest.raises(FdcUnavailable, match="did not finish answering within 1.5 s"):
            client.search("milk")
        assert time.monotonic() - start < DEADLINE_S + SLACK_S
        assert dripping.requests == 2
    finally:
        dripping.close()


# ---- item 8: malformed JSON is said to be malformed JSON -----------------------------------------

@pytest.mark.parametrize("body, sentence", [
    ('{"foods": [', "FoodData Central sent malformed JSON (Expecting value at line 1, column 12); the "
                    "service may be having trouble."),
    ("", "FoodData Central sent malformed JSON (Expecting value at line 1, column 1); the service may be "
         "having trouble."),
    ('{"foods": [] } trailing', "FoodData Central sent malformed JSON (Extra data at line 1, column 16); the "
                                "service may be having trouble."),
], ids=["cut short", "empty", "trailing words"])
def test_malformed_json_is_reported_as_malformed_json(server, settings, body, sentence):  # noqa: F811
    serve(server, "foods/search", Counter(Response(body, status=200, content_type="application/json")))
    with pytest.raises(FdcBadResponse) as caught:
        FdcClient(settings).search("milk")
    assert str(caught.value) == sentence


@pytest.mark.parametrize("content_type, sentence", [
    ("text/html; charset=utf-8", "FoodData Central sent a web page instead of data; the service may be down."),
    ("text/plain", "FoodData Central sent text/plain instead of JSON data; the service may be down."),
    (None, "FoodData Central sent an answer without a content type instead of JSON data; the service may be down."),
])
def test_an_answer_that_is_not_json_says_what_it_was(server, settings, content_type, sentence):  # noqa: F811
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = Response(fixture_text("outage.html"), status=200, headers=headers)
    if content_type is None:
        response.headers.remove("Content-Type")
    serve(server, "foods/search", Counter(response))
    with pytest.raises(FdcBadResponse) as caught:
        FdcClient(settings).search("milk")
    assert str(caught.value) == sentence
