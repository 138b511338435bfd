"""Where things are, from the tests' point of view."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project
APP = ROOT / "app.py"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_DIR = ROOT.parent / "shared"  # reference material beside the project (never committed in it)
