"""Messages that tell the truth at the moment they are read (issue 25, items 8 and 10): no stale search
answer, another app's file refused in plain words, and a visitor told plainly where their plans live."""

from __future__ import annotations

import json

import pytest

from tests.support.apptest import button, plan, rendered_text, show_panel, shown, text_input, whole_page
from ui.session import upload_key


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
