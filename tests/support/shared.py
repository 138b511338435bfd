"""Reference material beside the project (../shared): read only where present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.paths import SHARED_DIR


def shared_path(*parts: str) -> Path:
    """A file under ../shared/; tests that need it skip when it is absent, except in CI."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing under CI")
        pytest.skip(f"{path} is not present")
    return path
