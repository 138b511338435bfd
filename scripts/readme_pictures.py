"""The README's pictures, taken in Debian's Chromium from the app as a person uses it: a vegan's
planned day with "What to add" shown (docs/screenshot.png), its items with their Remove buttons
and an Undo (docs/planned.png), the first screen of a phone (docs/phone.png) and the printed
report (docs/report.png). The browser tests walk the same steps (tests/support/browser.py), so the
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
    search_and_add,
    show_panel,
    wait_for_app,
)
from tests.support.paths import ROOT
from tests.support.streamlit_server import free_port
from ui.session import Key, css_class, remove_item_key

PICTURES = ROOT / "docs"
VIEWPORT = {"width": 1400, "height": 2400}  # down to "What to add", now below the search
PHONE = {"width": 390, "height": 844}
TOAST_FADE_MS = 7000  # the last confirmation has faded (ui.messages: after 6 s)
PICTURE_NAMES = ("screenshot.png", "planned.png", "phone.png", "report.png")


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
        page.wait_for_timeout(TOAST_FADE_MS)
        page.screenshot(path=str(PICTURES / "screenshot.png"))
        show_panel(page, "What is planned")
        page.locator(f".{css_class(remove_item_key(0))} button").click()
        page.get_by_role("button", name="Undo the removal").wait_for()
        wait_for_app(page)
        page.locator(f".{css_class(Key.SHOWN_PANEL)}").screenshot(path=str(PICTURES / "planned.png"))
        page.get_by_role("button", name="Undo the removal").click()
        wait_for_app(page)
        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
        phone.goto(url)
        wait_for_app(phone)
        search_and_add(phone, "whole milk")
        phone.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
        phone.wait_for_timeout(TOAST_FADE_MS)
        phone.screenshot(path=str(PICTURES / "phone.png"))
        phone.context.close()
        save_scenarios(page)
        choose_view(page, "Plan a day")
        page.goto(downloaded_report(page, Path(folder)).as_uri())
        page.emulate_media(media="print")
        page.screenshot(path=str(PICTURES / "report.png"), full_page=True)
        browser.close()
    for picture in PICTURE_NAMES:
        print(f"{PICTURES / picture}: {(PICTURES / picture).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
