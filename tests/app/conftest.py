"""The app as a person first sees it, for every AppTest module (a module may define its own `at`)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import APP, TIMEOUT


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not app.exception
    return app
