"""FDC client against a local server: cached vs uncached search, and requests for a plan.

    python -m bench.fdc_cache

Serves the test fixtures from 127.0.0.1 (no internet). Reports median search latency with
an empty cache (each query new) and with a warm cache (each query repeated), as a ratio,
once with the local server answering at once and once with 100 ms added to every answer
(a stand-in for the real network); then how many requests a 60-food plan costs, and on a
repeat from a new process (new client, same cache file).
"""

from __future__ import annotations

import json
import logging
import statistics
import tempfile
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from bench.timing import per_input_ms
from planner.fdc.client import FdcClient
from planner.fdc.settings import FdcSettings

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "fdc"
QUERIES = [f"food {n}" for n in range(40)]


def serve(delay_s: float) -> HTTPServer:
    search = (FIXTURES / "search-sr-legacy.json").read_text()
    template = json.loads((FIXTURES / "food-sr-legacy.json").read_text())
    counts = {"requests": 0}

    def on_search(request: Request) -> Response:
        counts["requests"] += 1
        time.sleep(delay_s)
        return Response(search, content_type="application/json")

    def on_batch(request: Request) -> Response:
        counts["requests"] += 1
        time.sleep(delay_s)
        ids = [int(i) for i in request.args["fdcIds"].split(",")]
        return Response(json.dumps([dict(template, fdcId=i) for i in ids]), content_type="application/json")

    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request("/fdc/v1/foods/search").respond_with_handler(on_search)
    server.expect_request("/fdc/v1/foods").respond_with_handler(on_batch)
    server.counts = counts  # type: ignore[attr-defined]
    server.start()
    return server


def median_ms(client: FdcClient, queries: list[str]) -> float:
    return statistics.median(per_input_ms(client.search, queries))


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log lines
    for delay in (0.0, 0.1):
        server = serve(delay)
        try:
            with tempfile.TemporaryDirectory() as cache:
                settings = FdcSettings(base_url=server.url_for("/fdc/v1/"), api_key="bench-key", cache_dir=Path(cache))
                client = FdcClient(settings)
                cold = median_ms(client, QUERIES)
                warm = median_ms(client, QUERIES)
                print(f"server delay {delay * 1000:>3.0f} ms: uncached search {cold:7.2f} ms, cached {warm:6.2f} ms "
                      f"-> cached is {cold / warm:5.1f}x faster (median of {len(QUERIES)})")
        finally:
            server.stop()
    server = serve(0.0)
    try:
        with tempfile.TemporaryDirectory() as cache:
            settings = FdcSettings(base_url=server.url_for("/fdc/v1/"), api_key="bench-key", cache_dir=Path(cache))
            ids = list(range(200001, 200061))
            first = FdcClient(settings)
            first.foods(ids)
            repeat = FdcClient(settings)
            repeat.foods(ids)
            print(f"60-food plan: {first.requests_sent} requests (batches of 20); "
                  f"repeat from a new client: {repeat.requests_sent} requests; "
                  f"server saw {server.counts['requests']} in all")  # type: ignore[attr-defined]
    finally:
        server.stop()


if __name__ == "__main__":
    main()
