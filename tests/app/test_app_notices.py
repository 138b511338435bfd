"""Messages that tell the truth at the moment they are read (issue 25, items 8 and 10): no stale search
answer, another app's file refused in plain words, and a visitor told plainly where their plans live."""

from __future__ import annotations

import json

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.support.apptest import APP, TIMEOUT, button, plan, rendered_text, show_panel, shown, text_input, whole_page
from ui.session import Key, upload_key


def search(at, query: str) -> None:
    text_input(whole_page(at), "Search foods").input(query)
    button(at, "Search").click().run()
    assert not at.exception


@pytest.mark.parametrize("query", ["", "🥛🥚"], ids=["empty", "emoji"])
def test_a_search_with_nothing_to_search_for_replaces_the_last_answer(at, query):
    search(at, "nutritional yeast")
    assert "no food named" in rendered_text(at)
    search(at, query)
    assert "no food named" not in rendered_text(at)
    assert len(shown(at.warning)) == 1  # what to type instead


def test_another_apps_json_is_refused_in_plain_words(at):
    before = plan(at)
    other = json.dumps({"type": "FeatureCollection", "features": []}).encode()
    show_panel(at, "Save, export, open").file_uploader(key=upload_key(0)).upload("map.json", other,
                                                                                 "application/json").run()
    assert not at.exception
    assert plan(at) is before
    assert shown(at.error) == ["map.json was not loaded: This file is not a B12 planner plan file: it has no version "
                               "or profile. Your current plan is unchanged."]


# ---- a visitor whose plans are not kept --------------------------------------------------------------

def visitor(monkeypatch, mode: str = "hosted", server_address: str | None = None) -> AppTest:
    """A visitor not signed in, where no sign-in is configured."""
    if mode:
        monkeypatch.setenv("B12_PLANNER_MODE", mode)
    else:
        monkeypatch.delenv("B12_PLANNER_MODE", raising=False)
    previous = config.get_option("server.address")
    if server_address is not None:
        config.set_option("server.address", server_address)
    try:
        app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    finally:
        config.set_option("server.address", previous)
    assert not app.exception
    return app


def test_without_sign_in_the_banner_says_up_front_that_a_reload_empties_the_tab(monkeypatch):
    banner = shown(visitor(monkeypatch).info)[0]
    assert banner.startswith("Your plans are kept in this browser tab only: a reload or closing the tab empties it.")
    assert "signed in" not in banner


def test_without_sign_in_the_banner_offers_the_plan_file(monkeypatch):
    app = visitor(monkeypatch)
    download = app.get("download_button")[0]
    assert download.proto.label == "Download this plan (plan file)" and download.proto.id.endswith(
        Key.DOWNLOAD_TAB_PLAN)


def test_a_server_left_to_decide_on_every_interface_says_how_to_keep_plans(monkeypatch):
    captions = shown(visitor(monkeypatch, mode="", server_address="0.0.0.0").caption)
    assert sum("--server.address localhost" in c and "B12_PLANNER_MODE=local" in c for c in captions) == 1


def test_a_deployment_in_hosted_mode_gives_no_such_hint(monkeypatch):
    captions = shown(visitor(monkeypatch, mode="hosted", server_address="0.0.0.0").caption)
    assert not any("--server.address localhost" in c for c in captions)
