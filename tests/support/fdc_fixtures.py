"""Loading the FDC fixture files (ours, and the recorded real samples under ../shared)."""

from __future__ import annotations

import json
from typing import Any

from tests.support.paths import FIXTURES

FDC_FIXTURES = FIXTURES / "fdc"


def fixture(name: str) -> Any:
    return json.loads((FDC_FIXTURES / name).read_text(encoding="utf-8"))


def fixture_text(name: str) -> str:
    return (FDC_FIXTURES / name).read_text(encoding="utf-8")
