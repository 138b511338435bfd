"""Real sign-in in a real browser: a local OpenID Connect provider (oidc-provider-mock) on
127.0.0.1, `streamlit run app.py` with a generated secrets file naming it under [auth], and
Debian's Chromium driven by Playwright. Also the app's reading of real connections: a browser
on this machine is the local person, the same browser through a proxy's headers is hosted.

Under CI=true a missing browser, Playwright or provider fails these tests instead of skipping.
"""

from __future__ import annotations

import io
import secrets
import shutil
import sqlite3
import threading
import warnings
import zipfile
from pathlib import Path
from typing import Iterator

import pytest

from tests.support.browser import (
    CHROMIUM_ARGS,
    LISTED_PLAN,
    LISTED_ROW,
    require,
    running_app,
    sync_playwright,
    wait_for_app,
)
from tests.support.streamlit_server import free_port

try:
    import authlib.deprecate  # noqa: F401  (it sets its own warnings to "always" when first imported)
    import werkzeug.serving

    with warnings.catch_warnings():  # the provider imports Authlib modules that Authlib has deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock
except ImportError:  # the test says why below (skip locally, fail under CI)
    oidc_provider_mock = None

pytestmark = [pytest.mark.login, pytest.mark.browser]

NOT_FOUND = "Could not reopen the linked plan: That plan was not found: it may have been deleted, or the link is wrong."
IN_THE_TAB = "your plans are kept in this browser tab only"  # either banner (get_by_text ignores case)


def chromium_path() -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium is not None, "Debian's chromium is not installed")
    require(sync_playwright is not None, "Playwright for Python is not installed")
    return chromium


@pytest.fixture
def issuer() -> Iterator[str]:
    """An OpenID Connect provider on 127.0.0.1: any client id, and a form to type the subject."""
    require(oidc_provider_mock is not None, "oidc-provider-mock is not installed")
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture
def hosted(tmp_path, issuer) -> Iterator[tuple[str, Path]]:
    """The app as a hosted deployment with sign-in: its URL and its database file."""
    port = free_port()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(24)}"\n'
        'client_id = "b12-planner"\n'
        'client_secret = "not-a-real-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n', encoding="utf-8")
    database = tmp_path / "hosted.sqlite3"
    with running_app(tmp_path, port, {"B12_PLANNER_MODE": "hosted", "B12_PLANNER_DATABASE_URL": f"sqlite:///{database}"},
                     "--secrets.files", str(secrets_file)) as url:
        yield url, database


def sign_in(page, url: str, subject: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(subject)  # the provider's own form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**")
    wait_for_app(page)
    page.get_by_text(f"Signed in as {subject}").wait_for()


def save_plan(page, name: str) -> None:
    page.get_by_role("textbox", name="Plan name").fill(name)
    page.get_by_role("button", name="Save this plan").click()
    page.get_by_text(f"Saved as '{name}'", exact=False).first.wait_for()
    wait_for_app(page)


def add_client(page, name: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    if not sidebar.get_by_role("textbox", name="New client").count():
        sidebar.get_by_text("Dietitian mode").click()
        wait_for_app(page)
    sidebar.get_by_role("textbox", name="New client").fill(name)
    sidebar.get_by_role("button", name="Add client").click()
    page.get_by_text(f"Added {name}.", exact=False).wait_for()
    wait_for_app(page)


def listed_plans(page) -> list[str]:
    """The rows of My plans, "plan — for whom", read from each row's button and caption."""
    page.get_by_text("My plans", exact=True).click()
    page.get_by_role("heading", name="Your data").wait_for()  # the view is drawn
    wait_for_app(page)
    if page.get_by_text("No saved plans yet", exact=False).count():
        return []
    rows = page.locator(LISTED_ROW)
    rows.first.wait_for(state="attached")
    listed = []
    for row in rows.all():
        whom = row.get_by_test_id("stCaptionContainer").inner_text().split(" · ")[0]
        listed.append(f"{row.locator(LISTED_PLAN).inner_text().strip()} — {whom}")
    return listed


def test_each_signed_in_person_sees_only_their_own_and_can_take_it_all_away(hosted, issuer, tmp_path):
    url, database = hosted
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            alice = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True).new_page()
            sign_in(alice, url, "alice")
            save_plan(alice, "Alice's own day")
            add_client(alice, "Client of Alice")
            save_plan(alice, "Alice's client day")
            alices_link = alice.url

            bob = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
            sign_in(bob, url, "bob")
            save_plan(bob, "Bob's own day")
            add_client(bob, "Client of Bob")
            save_plan(bob, "Bob's client day")

            assert sorted(listed_plans(alice)) == ["Alice's client day — Client of Alice", "Alice's own day — Myself"]
            assert sorted(listed_plans(bob)) == ["Bob's client day — Client of Bob", "Bob's own day — Myself"]

            bob.goto(alices_link)  # Bob opens Alice's link, plan and client
            wait_for_app(bob)
            bob.get_by_text(NOT_FOUND).wait_for()
            assert "Alice" not in bob.get_by_test_id("stMain").inner_text()

            stranger = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
            stranger.goto(url)
            wait_for_app(stranger)
            stranger.get_by_text(IN_THE_TAB, exact=False).wait_for()
            assert listed_plans(stranger) == []

            with alice.expect_download() as download:  # listed_plans left Alice on My plans
                alice.get_by_role("button", name="Download all my plans (zip)").click()
            archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
            assert sorted(archive.namelist()) == ["clients/Client of Alice/Alice's client day.json",
                                                  "manifest.json", "plans/Alice's own day.json"]

            alice.get_by_text("Yes, delete every plan and client I have saved").click()
            alice.get_by_role("button", name="Delete all my data").click()
            alice.get_by_text("Deleted all your data: 2 saved plans and 1 client.").wait_for()
        finally:
            browser.close()
    with sqlite3.connect(database) as connection:
        owners = connection.execute("SELECT owner, count(*) FROM plans GROUP BY owner").fetchall()
        clients = connection.execute("SELECT owner, name FROM clients").fetchall()
    assert owners == [(f"{issuer}#bob", 2)]
    assert clients == [(f"{issuer}#bob", "Client of Bob")]


def test_a_browser_here_is_the_local_person_and_through_a_proxy_is_hosted(tmp_path):
    with running_app(tmp_path, free_port(), {}) as url, sync_playwright() as playwright:  # 127.0.0.1, headless
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            here = browser.new_page()
            here.goto(url)
            wait_for_app(here)
            here.get_by_text("Plans are saved on this computer.").wait_for()
            proxied = browser.new_context(extra_http_headers={"X-Forwarded-For": "203.0.113.9"}).new_page()
            proxied.goto(url)
            wait_for_app(proxied)
            proxied.get_by_text(IN_THE_TAB, exact=False).wait_for()
            assert not proxied.get_by_text("Plans are saved on this computer.").count()
        finally:
            browser.close()
