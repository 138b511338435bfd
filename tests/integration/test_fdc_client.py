"""The FDC client against a real HTTP server on 127.0.0.1 serving FDC-shaped fixtures."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from planner.catalog import bundled_search_index
from planner.errors import FdcBadResponse, FdcKeyRejected, FdcRateLimited, FdcUnavailable, PlannerError
from planner.fdc.client import CACHE_FILE, FdcClient
from planner.fdc.settings import FdcSettings, settings_from_env
from planner.plan import FoodItem, add_item, new_plan
from planner.planfile import load_plan, save_plan
from planner.profile import Profile, Sex
from planner.snapshot import BUNDLED_DATA_NAME, bundled_foods
from planner.sources import BUNDLED_ORIGIN, FDC_ORIGIN, search_foods
from planner.totals import plan_totals
from planner.wording import fallback_text
from tests.support.fdc_fixtures import fixture, fixture_text
from tests.support.fdc_server import KEY, PREFIX, Counter, json_response, serve


@pytest.fixture
def settings(httpserver: HTTPServer, tmp_path: Path) -> FdcSettings:
    return FdcSettings(base_url=httpserver.url_for(PREFIX), api_key=KEY, cache_dir=tmp_path / "cache",
                       connect_timeout_s=1.0, read_timeout_s=2.0)


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FDC_BASE_URL", "http://127.0.0.1:9/fdc/v1")
    monkeypatch.setenv("FDC_API_KEY", KEY)
    monkeypatch.setenv("FDC_CACHE_DIR", str(tmp_path))
    settings = settings_from_env()
    assert settings.normalized_base_url == "http://127.0.0.1:9/fdc/v1/"
    assert settings.api_key == KEY and settings.cache_dir == tmp_path
    assert KEY not in repr(settings)
    assert settings_from_env(api_key="DEMO_KEY").demo_key


def test_search_sends_the_key_as_a_header_only(httpserver, settings):
    handler = Counter(json_response(fixture("search-sr-legacy.json")))
    serve(httpserver, "foods/search", handler)
    foods = FdcClient(settings).search("beef liver braised", data_types=["SR Legacy"])
    assert [f.id for f in foods] == ["fdc:168626", "fdc:175210"]
    request = handler.requests[0]
    assert request.headers["X-Api-Key"] == KEY
    assert KEY not in request.url and "api_key" not in request.url
    assert request.args["query"] == "beef liver braised" and request.args.getlist("dataType") == ["SR Legacy"]


def test_a_repeated_search_reaches_the_server_once(httpserver, settings):
    handler = Counter(json_response(fixture("search-foundation.json")))
    serve(httpserver, "foods/search", handler)
    client = FdcClient(settings)
    first = client.search("cheddar")
    second = client.search("cheddar")
    again = FdcClient(settings).search("cheddar")  # a new process: the SQLite cache answers
    assert first == second == again
    assert handler.calls == 1 and client.requests_sent == 1


def test_429_with_short_retry_after_then_200_succeeds(httpserver, settings):
    handler = Counter(json_response(fixture("error-429.json"), 429, {"Retry-After": "1"}),
                      json_response(fixture("search-fndds.json")))
    serve(httpserver, "foods/search", handler)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    foods = FdcClient(settings, sleep=sleep).search("milk whole")
    assert foods[0].id == "fdc:2705385"
    assert waits == [1.0] and handler.calls == 2


def test_429_with_long_retry_after_answers_at_once(httpserver, settings):
    handler = Counter(json_response(fixture("error-429.json"), 429, {"Retry-After": "3600"}))
    serve(httpserver, "foods/search", handler)
    client = FdcClient(settings)
    start = time.monotonic()
    with pytest.raises(FdcRateLimited) as caught:
        client.search("milk")
    assert time.monotonic() - start < 3
    assert "rate-limited until" in str(caught.value)
    with pytest.raises(FdcRateLimited):
        client.search("cheese")  # blocked locally: no second request
    assert handler.calls == 1


def test_server_errors_are_retried_then_reported(httpserver, settings):
    handler = Counter(Response("oops", status=500))
    serve(httpserver, "foods/search", handler)
    with pytest.raises(FdcUnavailable, match="HTTP 500"):
        FdcClient(settings).search("milk")
    assert handler.calls == 3  # one try and two retries


def test_stale_data_is_served_when_fdc_errors(httpserver, tmp_path):
    settings = FdcSettings(base_url=httpserver.url_for(PREFIX), api_key=KEY, cache_dir=tmp_path,
                           cache_lifetime_s=1)
    handler = Counter(json_response(fixture("search-sr-legacy.json")), Response("down", status=500))
    serve(httpserver, "foods/search", handler)
    client = FdcClient(settings)
    fresh = client.search("liver")
    time.sleep(1.2)
    assert client.search("liver") == fresh
    assert handler.calls >= 2


def test_timeout_gives_its_own_message_quickly(httpserver, tmp_path):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return json_response(fixture("search-fndds.json"))

    serve(httpserver, "foods/search", slow)
    settings = FdcSettings(base_url=httpserver.url_for(PREFIX), api_key=KEY, cache_dir=tmp_path, read_timeout_s=0.3)
    start = time.monotonic()
    with pytest.raises(FdcUnavailable, match="did not answer within 0.3 s"):
        FdcClient(settings).search("milk")
    assert time.monotonic() - start < 1.4


def test_dns_failure_and_refused_connections(tmp_path):
    for base in ("http://fdc-test.invalid/fdc/v1/", "http://127.0.0.1:9/fdc/v1/"):
        client = FdcClient(FdcSettings(base_url=base, api_key=KEY, cache_dir=tmp_path))
        with pytest.raises(FdcUnavailable, match="Cannot reach FoodData Central"):
            client.food(1)


def test_html_page_instead_of_json(httpserver, settings):
    outage = Response(fixture_text("outage.html"), status=200, content_type="text/html")
    serve(httpserver, "foods/search", Counter(outage))
    with pytest.raises(FdcBadResponse, match="web page instead of data"):
        FdcClient(settings).search("milk")


def test_rejected_key_says_so(httpserver, settings):
    serve(httpserver, "foods/search", Counter(json_response(fixture("error-403.json"), 403)))
    with pytest.raises(FdcKeyRejected, match="rejected the API key .API_KEY_INVALID."):
        FdcClient(settings).search("milk")


def test_no_key_means_no_request(httpserver, tmp_path):
    handler = Counter(json_response(fixture("search-fndds.json")))
    serve(httpserver, "foods/search", handler)
    with pytest.raises(FdcKeyRejected, match="No FoodData Central API key"):
        FdcClient(FdcSettings(base_url=httpserver.url_for(PREFIX), cache_dir=tmp_path)).search("milk")
    assert handler.calls == 0


def test_low_rate_limit_warns(httpserver, settings, caplog):
    serve(httpserver, "foods/search", Counter(json_response(fixture("search-fndds.json"), headers={
        "X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "12"})))
    client = FdcClient(settings)
    with caplog.at_level(logging.WARNING, logger="planner.fdc"):
        client.search("milk")
    assert client.rate_limit.remaining == 12
    assert any("requests left" in r.getMessage() for r in caplog.records)


def test_full_format_404_falls_back_to_abridged(httpserver, settings):
    def food(request: Request) -> Response:
        if request.args.get("format") == "abridged":
            return json_response(fixture("food-abridged.json"))
        return Response("", status=404)

    serve(httpserver, "food/328637", food)
    cheddar = FdcClient(settings).food(328637)
    assert cheddar.b12_ug_per_100g == pytest.approx(1.06)


def test_unknown_food_id(httpserver, settings):
    serve(httpserver, "food/999", Counter(Response("", status=404)))
    with pytest.raises(PlannerError, match="fdc:999"):
        FdcClient(settings).food(999)


def _batch_handler(request: Request) -> Response:
    template = fixture("food-sr-legacy.json")
    ids = [int(i) for i in request.args["fdcIds"].split(",")]
    return json_response([dict(template, fdcId=i, description=f"Food {i}") for i in ids])


def test_sixty_food_plan_takes_three_batched_calls_and_none_on_repeat(httpserver, settings):
    calls = {"n": 0}

    def batch(request: Request) -> Response:
        calls["n"] += 1
        assert len(request.args["fdcIds"].split(",")) <= 20
        return _batch_handler(request)

    serve(httpserver, "foods", batch)
    ids = list(range(100001, 100061))
    foods = FdcClient(settings).foods(ids)
    assert [f.id for f in foods] == [f"fdc:{i}" for i in ids]
    assert calls["n"] == 3
    repeat = FdcClient(settings)
    assert repeat.foods(ids) == foods
    assert calls["n"] == 3 and repeat.requests_sent == 0


def test_the_key_never_leaks(httpserver, settings, caplog):
    serve(httpserver, "foods/search", Counter(json_response(fixture("search-sr-legacy.json"))))
    serve(httpserver, "food/1", Counter(json_response(fixture("error-403.json"), 403)))
    serve(httpserver, "food/2", Counter(Response("x", status=503)))
    client = FdcClient(settings)
    errors: list[str] = []
    with caplog.at_level(logging.DEBUG):
        client.search("liver")
        for fdc_id in (1, 2):
            try:
                client.food(fdc_id)
            except PlannerError as error:
                errors.append(f"{error!s} {error!r}")
    assert len(errors) == 2
    assert all(KEY not in text for text in errors)
    assert all(KEY not in record.getMessage() for record in caplog.records)
    assert all(KEY not in request.url for request, _ in httpserver.log)
    cache = (settings.cache_dir / CACHE_FILE).read_bytes()
    assert b"168626" in cache  # the search was stored …
    assert KEY.encode() not in cache  # … without the key


def test_search_falls_back_to_bundled_data_with_a_message(httpserver, settings):
    serve(httpserver, "foods/search", Counter(Response("down", status=500)))
    result = search_foods("beef liver braised", bundled_search_index(), FdcClient(settings))
    assert result.origin == BUNDLED_ORIGIN
    assert result.foods[0].id == "sr:13326"
    assert "HTTP 500" in result.unavailable
    assert fallback_text(result.unavailable, BUNDLED_DATA_NAME).endswith(
        "Showing the bundled USDA SR Legacy (SR28) and USDA FNDDS 2021–2023 data instead.")


def test_search_uses_fdc_when_it_answers(httpserver, settings):
    serve(httpserver, "foods/search", Counter(json_response(fixture("search-sr-legacy.json"))))
    result = search_foods("beef liver", bundled_search_index(), FdcClient(settings))
    assert result.origin == FDC_ORIGIN and result.unavailable is None
    assert result.foods[0].id == "fdc:168626"


def test_a_plan_with_fdc_foods_opens_offline(httpserver, settings, tmp_path):
    serve(httpserver, "food/2555555", Counter(json_response(fixture("food-branded.json"))))
    yeast = FdcClient(settings).food(2555555)
    plan = add_item(new_plan("Vegan client", Profile(30, Sex.FEMALE)), 0, "breakfast",
                    FoodItem(yeast.id, portion="2 tbsp (15 g)", count=1), yeast)
    path = tmp_path / "plan.json"
    save_plan(plan, path)
    httpserver.clear()  # FDC gone
    catalog = bundled_foods()
    loaded = load_plan(path, catalog)
    day = plan_totals(loaded, catalog).days[0]
    assert day.total_ug == pytest.approx(66.7 * 0.15)
    assert day.meals[0].items[0].source == "USDA FoodData Central, Branded, FDC ID 2555555"
