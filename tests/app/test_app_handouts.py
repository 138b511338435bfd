"""A dietitian's hand-outs under AppTest (issue 25, item 7): Compare offers one printable
comparison, and every download's file name carries the client and the day."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.support.apptest import (
    APP,
    TIMEOUT,
    show_panel,
    texts,
    two_scenarios,
    whole_page,
)
from ui.session import Key, View


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """File name -> the callable a download button runs on click, for every button drawn."""
    found: dict[str, object] = {}
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return found


def two_scenarios_of_client_a() -> AppTest:
    return two_scenarios(AppTest.from_file(APP, default_timeout=TIMEOUT).run(), "Client A")


def test_compare_offers_one_printable_comparison_named_for_the_client_and_the_day(downloads):
    at = two_scenarios_of_client_a()
    downloads.clear()
    whole_page(at).radio(key=Key.VIEW).set_value(View.COMPARE).run()
    assert not at.exception
    name = f"client-a-scenarios-{date.today().isoformat()}.html"
    assert list(downloads) == [name]
    page = downloads[name]().decode("utf-8")
    assert f"<h1>Vitamin B12 scenarios for Client A — {date.today().isoformat()}</h1>" in page
    assert "current diet" in page and "µg vs current diet" in page
    (on_screen,) = [m.removeprefix("Difference: ") for m in texts(at, "markdown") if "µg vs" in m]
    assert f'<td class="num">{on_screen}</td>' in page  # the same figure on the page and on paper


def test_every_download_of_a_clients_plan_names_the_client_and_the_day(downloads):
    at = two_scenarios_of_client_a()
    downloads.clear()
    show_panel(at, "Save, export, open")
    today = date.today().isoformat()
    assert set(downloads) == {f"client-a-with-fortified-soy-milk-{today}.{kind}" for kind in ("json", "csv", "html")}
    report = downloads[f"client-a-with-fortified-soy-milk-{today}.html"]().decode("utf-8")
    assert f"Vitamin B12 plan for Client A: with fortified soy milk — {today}" in report
    assert b'"client": "Client A"' in downloads[f"client-a-with-fortified-soy-milk-{today}.json"]()
