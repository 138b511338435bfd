"""The README's pictures, taken in Debian's Chromium from the app as a person uses it: a vegan's
planned day with "What to add" shown (docs/screenshot.png) and the printed report
(docs/report.png). The browser tests walk the same steps (tests/support/browser.py), so the
pictures show what the tests check; the test run itself changes no tracked file.

    python -m scripts.readme_pictures
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.browser import (
    CHROMIUM_ARGS,
    choose_view,
    downloaded_report,
    plan_a_vegan_day,
    running_app,
    save_scenarios,
    wait_for_app,
)
from tests.support.paths import ROOT
from tests.support.streamlit_server import free_port

PICTURES = ROOT / "docs"
VIEWPORT = {"width": 1400, "height": 1800}


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Debian's chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, running_app(Path(folder), free_port(), {}) as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT, accept_downloads=True).new_page()
        page.goto(url)
        wait_for_app(page)
        plan_a_vegan_day(page)
        page.get_by_role("heading", level=1).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(PICTURES / "screenshot.png"))
        save_scenarios(page)
        choose_view(page, "Plan a day")
        page.goto(downloaded_report(page, Path(folder)).as_uri())
        page.emulate_media(media="print")
        page.screenshot(path=str(PICTURES / "report.png"), full_page=True)
        browser.close()
    for picture in ("screenshot.png", "report.png"):
        print(f"{PICTURES / picture}: {(PICTURES / picture).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
