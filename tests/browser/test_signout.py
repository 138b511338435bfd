"""Sign-out that holds on the server (issue 23, item 3).

In a real browser, signed in through a local OpenID Connect provider (tests/browser/test_login.py's):
after "Sign out", a copy of the identity cookie replayed in a fresh browser lists no plans, and
a second tab that was open reads and saves nothing, and says why; "Sign out everywhere" ends the
person's sign-ins on other browsers, while a plain sign-out ends only its own. On the store, on
SQLite and PostgreSQL: what a sign-out ends, and that its records do not pile up.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from planner.errors import InvalidOwner, SignInEnded
from planner.store.schema import sign_outs
from planner.store.signins import sign_in_of
from tests.browser.test_login import hosted, issuer, save_plan, sign_in  # noqa: F401 (fixtures)
from tests.support.browser import LISTED_PLAN, wait_for_app
from tests.support.plans import a_plan

ENDED = ("You signed out of this account (in this tab, in another one, or everywhere), so your saved plans are no "
         "longer read or saved here; sign in again to use them.")
ISSUER = "https://accounts.example"
NOW = datetime.now(timezone.utc).replace(microsecond=0)


def claims(subject: str = "alice", issued: datetime = NOW, nonce: str | None = "n-1") -> dict[str, object]:
    found: dict[str, object] = {"is_logged_in": True, "iss": ISSUER, "sub": subject, "iat": int(issued.timestamp())}
    if nonce is not None:
        found["nonce"] = nonce
    return found


# ---- the sign-in an identity names ------------------------------------------------------------------

def test_a_sign_in_is_its_owner_and_issue_time_and_two_sign_ins_differ():
    first = sign_in_of(claims())
    assert (first.owner, first.issued_at) == (f"{ISSUER}#alice", NOW)
    assert sign_in_of(claims()) == first  # the same identity cookie, read again
    assert sign_in_of(claims(nonce="n-2")).id != first.id  # another sign-in in the same second
    assert sign_in_of(claims(issued=NOW + timedelta(seconds=1))).id != first.id


@pytest.mark.parametrize("iat", [None, "1714564800", True, float("nan"), -5, 10 ** 20],
                         ids=["none", "text", "bool", "nan", "negative", "past year 9999"])
def test_an_identity_without_an_issue_time_names_no_sign_in(iat):
    found = claims()
    found["iat"] = iat
    with pytest.raises(InvalidOwner, match="gave no issue time"):
        sign_in_of(found)


# ---- the store ---------------------------------------------------------------------------------------

def test_a_signed_out_sign_in_reads_and_saves_nothing_and_others_go_on(connect, catalog):
    store = connect()
    this_tab = sign_in_of(claims())
    other_device = sign_in_of(claims(nonce="n-2"))
    held, elsewhere = store.for_sign_in(this_tab), store.for_sign_in(other_device)
    saved = held.create(this_tab.owner, None, a_plan(catalog, "Mine"))
    assert not held.sign_in_ended(this_tab)
    store.sign_out(this_tab)
    store.sign_out(this_tab)  # a second tab signing out too: one record
    for call in (lambda: held.plans(this_tab.owner), lambda: held.load(this_tab.owner, saved.record.id),
                 lambda: held.save(this_tab.owner, saved.record.id, a_plan(catalog, "Mine", grams=90), 1),
                 lambda: held.owner_data(this_tab.owner), lambda: held.delete_owner(this_tab.owner)):
        with pytest.raises(SignInEnded) as caught:
            call()
        assert str(caught.value) == ENDED
    assert [r.name for r in elsewhere.plans(other_device.owner)] == ["Mine"]  # only that sign-in ended
    assert store.load(this_tab.owner, saved.record.id).record.version == 1  # nothing was saved


def test_a_held_store_refuses_another_owners_rows(connect, catalog):
    store = connect()
    alice = store.for_sign_in(sign_in_of(claims("alice")))
    with pytest.raises(SignInEnded):
        alice.plans(f"{ISSUER}#bob")


def test_sign_out_everywhere_ends_every_sign_in_until_then_and_not_a_later_one(connect, catalog):
    store = connect()
    earlier, now = sign_in_of(claims(issued=NOW - timedelta(days=3))), sign_in_of(claims(nonce="n-2"))
    store.sign_out(now, everywhere=True)
    later = sign_in_of(claims(issued=datetime.now(timezone.utc) + timedelta(seconds=2), nonce="n-3"))
    assert (store.sign_in_ended(earlier), store.sign_in_ended(now), store.sign_in_ended(later)) == (True, True, False)
    assert store.for_sign_in(later).plans(later.owner) == []
    bob = sign_in_of(claims("bob"))
    assert not store.sign_in_ended(bob)  # one person's sign-out is theirs alone


def test_records_of_sign_ins_past_any_cookies_life_go_and_the_cut_off_stays(connect, catalog):
    store = connect()
    old = sign_in_of(claims(issued=NOW - timedelta(days=40)))
    store.sign_out(old)
    store.sign_out(old, everywhere=True)
    store.sign_out(sign_in_of(claims(nonce="n-2")))  # a later sign-out tidies up
    with store.engine.connect() as connection:
        kept = connection.execute(select(sign_outs.c.sign_in)).scalars().all()
    assert sorted(kept) == sorted(["*", sign_in_of(claims(nonce="n-2")).id])
    assert store.sign_in_ended(old)  # the cut-off still ends it


# ---- in a real browser, signed in through a real provider ----------------------------------------------

def new_page(browser):
    return browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()


def click(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def sign_out(page, label: str = "Sign out") -> None:
    """Sign out in the app, then end the session at the provider (its own page asks), back to the app."""
    click(page, label)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
    wait_for_app(page)


def plan_versions(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT name, version FROM plans").fetchall())


@pytest.mark.login
@pytest.mark.browser
def test_after_sign_out_a_copied_cookie_lists_nothing_and_an_open_tab_saves_nothing(hosted, browser):  # noqa: F811
    url, database = hosted
    first = new_page(browser)
    sign_in(first, url, "alice")
    save_plan(first, "Alice's day")
    link = first.url
    second = first.context.new_page()  # a second tab of the same browser, open on the plan
    second.goto(link)
    wait_for_app(second)
    second.get_by_text("Signed in as alice").wait_for()
    copied = first.context.cookies()  # the identity cookie, as someone copying it would have it

    sign_out(first)

    second.get_by_role("button", name="Add a day").click()  # its next action: a change that would save
    second.get_by_text(ENDED, exact=False).first.wait_for()
    assert plan_versions(database) == {"Alice's day": 1}

    replayed = browser.new_context(viewport={"width": 1400, "height": 1600})
    replayed.add_cookies(copied)
    thief = replayed.new_page()
    thief.goto(link)
    wait_for_app(thief)
    thief.get_by_text(ENDED).first.wait_for()
    thief.get_by_text("My plans", exact=True).click()
    wait_for_app(thief)
    main = thief.get_by_test_id("stMain")
    assert "Alice's day" not in main.inner_text() and main.locator(LISTED_PLAN).count() == 0
    assert "Signed in as" not in thief.get_by_test_id("stSidebar").inner_text()


@pytest.mark.login
@pytest.mark.browser
def test_sign_out_everywhere_ends_other_browsers_and_a_plain_sign_out_only_its_own(hosted, browser):  # noqa: F811
    url, database = hosted
    laptop, phone, tablet = new_page(browser), new_page(browser), new_page(browser)
    for page in (laptop, phone, tablet):
        sign_in(page, url, "alice")

    sign_out(laptop)
    save_plan(phone, "Saved on the phone")  # another browser's sign-in goes on

    sign_out(phone, "Sign out everywhere")
    tablet.get_by_role("textbox", name="Plan name").fill("Saved on the tablet")
    tablet.get_by_role("button", name="Save this plan").click()
    tablet.get_by_text(ENDED, exact=False).first.wait_for()
    assert plan_versions(database) == {"Saved on the phone": 1}

    time.sleep(1.1)  # an ID token's issue time has whole seconds: a new sign-in is after the cut-off
    sign_in(laptop, url, "alice")
    save_plan(laptop, "Saved after signing in again")
    assert set(plan_versions(database)) == {"Saved on the phone", "Saved after signing in again"}
