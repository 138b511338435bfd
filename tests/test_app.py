"""The Streamlit app under AppTest: starts with no key and no network; searches bundled data."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_app_starts_and_searches_bundled_data():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    at.text_input[0].input("beef liver braised")
    at.button[0].click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table.iloc[0]["Source"] == "USDA SR24 (2011), NDB 13326"
    assert table.iloc[0]["B12 per 100 g"] == "70.58 µg"
