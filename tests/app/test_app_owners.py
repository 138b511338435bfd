"""The app under AppTest with hosted visitors: signed-in people keep their plans apart, a visitor
who is not signed in keeps plans in the tab only, and a person's data goes on request.

Signed-in people are seeded the way Streamlit's AppTest documents (`at.user` with the claims
of an ID token, `at.secrets` with an [auth] section); the real sign-in runs in
tests/test_login.py. Every test reads the database itself to see what reached it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.planfile import parse_plan, save_plan
from tests.support.apptest import (
    APP,
    TIMEOUT,
    add_client,
    button,
    confirmations,
    listed_plans,
    plan,
    save_as,
    search_and_add,
    show,
    texts,
)
from tests.support.plans import plan_document
from ui.session import Key, Session

ISSUER = "https://id.example"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret-0123456789",
        "client_id": "planner", "client_secret": "secret",
        "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}
LINK_NOT_FOUND = ("Could not reopen the linked plan: That plan was not found: it may have been deleted, or the link "
                  "is wrong.")


@pytest.fixture(autouse=True)
def _hosted(monkeypatch, tmp_path) -> Path:
    """A hosted deployment with its database in a file the tests can read."""
    monkeypatch.setenv("B12_PLANNER_MODE", "hosted")
    database = tmp_path / "hosted.sqlite3"
    monkeypatch.setenv("B12_PLANNER_DATABASE_URL", f"sqlite:///{database}")
    return database


def database() -> Path:
    return Path(os.environ["B12_PLANNER_DATABASE_URL"].removeprefix("sqlite:///"))


def rows(sql: str, *args) -> list[tuple]:
    if not database().exists():
        return []
    with sqlite3.connect(database()) as connection:
        return connection.execute(sql, args).fetchall()


def signed_in(subject: str, email: str | None = None, *, issuer: str = ISSUER, query: dict | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.secrets["auth"] = AUTH
    app.user = {"is_logged_in": True, "iss": issuer, "sub": subject, "email": email or f"{subject}@example.com",
                "iat": int(time.time())}  # an ID token's issue time: a sign-out ends sign-ins by it
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


def not_signed_in(query: dict | None = None, sign_in: bool = True) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if sign_in:
        app.secrets["auth"] = AUTH
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


def every_item(app: AppTest) -> list[str]:
    return [item.food for meal in plan(app).days[0].meals for item in meal.items]


# ---- signed-in people keep their plans apart ------------------------------------------------------

def test_a_signed_in_persons_plans_are_keyed_by_issuer_and_subject():
    alice = signed_in("alice")
    save_as(alice, "Alice's day")
    assert rows("SELECT owner, name FROM plans") == [(f"{ISSUER}#alice", "Alice's day")]


def test_another_signed_in_person_lists_none_of_them():
    alice = signed_in("alice")
    save_as(alice, "Alice's day")
    bob = signed_in("bob")
    show(bob, "My plans")
    assert any("No saved plans yet" in i for i in texts(bob, "info"))
    show(bob, "Plan a day")
    save_as(bob, "Bob's day")
    show(bob, "My plans")
    assert listed_plans(bob) == ["Bob's day"]
    show(alice, "My plans")
    assert listed_plans(alice) == ["Alice's day"]


def test_the_same_subject_with_a_new_email_is_the_same_person():
    save_as(signed_in("alice", "alice@old.example"), "Kept")
    again = signed_in("alice", "alice@new.example")
    show(again, "My plans")
    assert listed_plans(again) == ["Kept"]


def test_the_same_email_at_another_subject_or_issuer_is_someone_else():
    save_as(signed_in("alice", "shared@example.com"), "Alice's")
    for other in (signed_in("mallory", "shared@example.com"),
                  signed_in("alice", "shared@example.com", issuer="https://other-id.example")):
        show(other, "My plans")
        assert any("No saved plans yet" in i for i in texts(other, "info"))


def test_another_persons_plan_link_answers_not_found_and_shows_nothing_of_theirs():
    alice = signed_in("alice")
    alice.number_input(key=Key.AGE).set_value(67).run()
    search_and_add(alice, "beef liver braised")
    save_as(alice, "Alice's liver day")
    link = alice.query_params["plan"]
    bob = signed_in("bob", query={"plan": link})
    assert LINK_NOT_FOUND in texts(bob, "warning")
    assert plan(bob).name == "Untitled plan" and every_item(bob) == [] and bob.session_state[Key.AGE] == 30
    assert Session(bob.session_state).plan_id is None
    assert "Alice" not in " ".join(texts(bob, "warning") + texts(bob, "info") + confirmations(bob))


def test_a_link_to_a_plan_that_does_not_exist_reads_the_same():
    bob = signed_in("bob", query={"plan": "AAAAAAAAAAAAAAAA"})
    assert LINK_NOT_FOUND in texts(bob, "warning")


@pytest.mark.parametrize("tampered", ["../../etc/passwd", "x' OR '1'='1", "%00", "a" * 300, "<script>"])
def test_a_tampered_plan_link_reads_as_not_found(tampered):
    bob = signed_in("bob", query={"plan": tampered})
    assert LINK_NOT_FOUND in texts(bob, "warning")
    assert plan(bob).name == "Untitled plan"


def test_another_persons_client_is_neither_listed_nor_opened_by_link():
    alice = signed_in("alice")
    alice.toggle(key=Key.DIETITIAN).set_value(True).run()
    add_client(alice, "Client of Alice")
    alice.number_input(key=Key.AGE).set_value(52).run()
    save_as(alice, "Her current diet")
    client_id = alice.query_params["client"]
    bob = signed_in("bob", query={"client": client_id, "dietitian": "1"})
    assert ("Could not reopen the linked client: That client was not found: it may have been deleted, "
            "or the link is wrong.") in texts(bob, "warning")
    picker = bob.sidebar.selectbox(key=Key.CLIENT_PICK)
    assert picker.options == ["Myself"]  # Bob has no clients; Alice's is not offered
    assert Session(bob.session_state).client_id is None


def test_comparing_scenarios_shows_only_ones_own():
    alice = signed_in("alice")
    alice.toggle(key=Key.DIETITIAN).set_value(True).run()
    save_as(alice, "Scenario A1")
    save_as(alice, "Scenario A2")
    bob = signed_in("bob")
    bob.toggle(key=Key.DIETITIAN).set_value(True).run()
    save_as(bob, "Scenario B1")
    show(bob, "Compare scenarios")
    assert "Save at least two scenarios to compare them." in texts(bob, "info")
    assert not bob.multiselect


def test_the_old_data_folder_is_never_imported_into_a_hosted_store(catalog):
    document = plan_document([[("breakfast", [{"food": "sr:01009", "grams": 30}])]], name="Folder plan")
    data_dir = Path(os.environ["B12_PLANNER_DATA_DIR"])
    save_plan(parse_plan(json.dumps(document), catalog), data_dir / "clients" / "client-a" / "current-diet.json")
    alice = signed_in("alice")
    assert not any("Imported" in i for i in texts(alice, "info"))
    show(alice, "My plans")
    assert any("No saved plans yet" in i for i in texts(alice, "info"))
    assert rows("SELECT count(*) FROM plans") in ([], [(0,)])


def test_an_identity_without_a_subject_keeps_plans_in_the_tab():
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.secrets["auth"] = AUTH
    app.user = {"is_logged_in": True, "iss": ISSUER, "email": "nosub@example.com"}
    app.run()
    assert not app.exception
    assert any("gave no subject" in e for e in texts(app, "error"))
    assert [b.label for b in app.sidebar.button if b.label.startswith("Sign")] == ["Sign out"]
    save_as(app, "Mine")
    assert rows("SELECT count(*) FROM plans") in ([], [(0,)])


# ---- visitors who are not signed in -----------------------------------------------------------------

def test_a_visitor_not_signed_in_is_told_plans_stay_in_the_tab_and_may_sign_in():
    visitor = not_signed_in()
    assert any(i.startswith("You are not signed in: your plans are kept in this browser tab only") and
               "or sign in" in i for i in texts(visitor, "info"))
    assert [b.label for b in visitor.sidebar.button if b.label.startswith("Sign in")] == ["Sign in"]


def test_without_sign_in_configured_nobody_is_offered_it():
    visitor = not_signed_in(sign_in=False)
    assert not any("sign in" in i.lower() for i in texts(visitor, "info"))
    assert not [b for b in visitor.sidebar.button if b.label.startswith("Sign in")]


def test_a_visitor_not_signed_in_sees_no_ones_plans():
    save_as(signed_in("alice"), "Alice's day")
    visitor = not_signed_in()
    show(visitor, "My plans")
    assert any("No saved plans yet" in i for i in texts(visitor, "info"))


def test_a_visitor_not_signed_in_saves_in_the_tab_only_and_nothing_reaches_the_database():
    visitor = not_signed_in(sign_in=False)
    search_and_add(visitor, "cheddar cheese")
    save_as(visitor, "In this tab")
    assert any(s.startswith("Saved as 'In this tab' in this tab only") for s in confirmations(visitor))
    assert "plan" not in visitor.query_params  # a reload could not reopen it
    search_and_add(visitor, "beef liver braised")  # it saves itself, in the tab
    show(visitor, "My plans")
    assert listed_plans(visitor) == ["In this tab"]
    assert not database().exists()
    other_tab = not_signed_in(sign_in=False)
    show(other_tab, "My plans")
    assert any("No saved plans yet" in i for i in texts(other_tab, "info"))


def test_a_visitor_not_signed_in_cannot_open_a_signed_in_persons_link():
    alice = signed_in("alice")
    save_as(alice, "Alice's day")
    visitor = not_signed_in(query={"plan": alice.query_params["plan"]})
    assert LINK_NOT_FOUND in texts(visitor, "warning")
    assert plan(visitor).name == "Untitled plan"


# ---- a person's data on request ---------------------------------------------------------------------

def test_delete_all_my_data_asks_first_then_removes_only_ones_own_rows():
    alice = signed_in("alice")
    alice.toggle(key=Key.DIETITIAN).set_value(True).run()
    add_client(alice, "Client of Alice")
    save_as(alice, "Client plan")
    bob = signed_in("bob")
    save_as(bob, "Bob's day")
    show(alice, "My plans")
    assert button(alice, "Delete all my data").disabled
    next(c for c in alice.checkbox if c.label == "Yes, delete every plan and client I have saved").check().run()
    button(alice, "Delete all my data").click().run()
    assert not alice.exception
    assert "Deleted all your data: 1 saved plan and 1 client." in confirmations(alice)
    assert rows("SELECT count(*) FROM plans WHERE owner = ?", f"{ISSUER}#alice") == [(0,)]
    assert rows("SELECT count(*) FROM clients WHERE owner = ?", f"{ISSUER}#alice") == [(0,)]
    assert rows("SELECT owner, name FROM plans") == [(f"{ISSUER}#bob", "Bob's day")]
    assert plan(alice).name == "Untitled plan" and "plan" not in alice.query_params


def test_a_signed_in_person_sees_their_account_id_for_requests():
    alice = signed_in("alice")
    show(alice, "My plans")
    assert [c.value for c in alice.code] == [f"{ISSUER}#alice"]
