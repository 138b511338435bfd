"""The app's saving, opening and clients under AppTest: My plans, names, links, and saves that fail."""

from __future__ import annotations

import json
import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from planner.planfile import parse_plan, save_plan
from planner.profile import Profile, Sex
from planner.store import LOCAL_OWNER, open_store
from tests.support.apptest import (
    APP,
    CHEDDAR_FOUND,
    TIMEOUT,
    add_client,
    button,
    confirmations,
    listed_plans,
    plan,
    save_as,
    search_and_add,
    show,
    text_input,
    texts,
)
from tests.support.plans import plan_document
from tests.support.rendered import rendered
from ui.session import Key, Session

DEFAULT = Profile(age_years=30, sex=Sex.FEMALE)  # the app's default person



# ---- My plans ----------------------------------------------------------------------------------

def test_my_plans_lists_every_saved_plan_by_its_name(at):
    save_as(at, "Мой план")
    save_as(at, "我的计划")
    save_as(at, "!!!")
    show(at, "My plans")
    assert sorted(listed_plans(at)) == sorted(["Мой план", "我的计划", "!!!"])


def test_a_click_on_a_listed_plan_opens_it(at):
    save_as(at, "Plain day")
    plain_id = Session(at.session_state).plan_id
    save_as(at, "Cheese day")  # a copy, now the open plan
    search_and_add(at, "cheddar cheese")
    cheese_id = Session(at.session_state).plan_id
    show(at, "My plans")
    assert any(c == "Click a plan's name to open it under “Plan a day”." for c in texts(at, "caption"))
    button(at, "Plain day").click().run()
    assert not at.exception
    assert at.radio(key=Key.VIEW).value == "Plan a day"
    assert plan(at).name == "Plain day" and at.query_params["plan"] == Session(at.session_state).plan_id == plain_id
    assert not [i for m in plan(at).days[0].meals for i in m.items]
    assert "Opened 'Plain day'." in confirmations(at)
    show(at, "My plans")
    button(at, "Cheese day").click().run()
    assert not at.exception
    assert at.radio(key=Key.VIEW).value == "Plan a day"
    assert plan(at).name == "Cheese day" and at.query_params["plan"] == Session(at.session_state).plan_id == cheese_id
    assert [i.food for m in plan(at).days[0].meals for i in m.items] == [CHEDDAR_FOUND]


def test_an_opened_plan_is_not_opened_again_on_later_reruns(at):
    save_as(at, "Plain day")
    save_as(at, "Other day")
    show(at, "My plans")
    button(at, "Plain day").click().run()
    opened = Session(at.session_state).plan_id
    show(at, "My plans")  # unrelated reruns: back to the list, a choice below it, a plain rerun
    picker = at.selectbox(key=Key.MY_PLAN_ID)
    picker.select_index(1 - picker.index).run()  # the other of the two
    at.run()
    assert not at.exception
    assert at.radio(key=Key.VIEW).value == "My plans"  # still here: the click is not replayed
    assert Session(at.session_state).plan_id == opened and plan(at).name == "Plain day"
    assert "Opened 'Plain day'." not in confirmations(at)


def test_my_plans_renames_a_plan(at):
    save_as(at, "Food")
    show(at, "My plans")
    text_input(at, "New name").input("Breakfast ideas")
    button(at, "Rename").click().run()
    assert not at.exception
    assert listed_plans(at) == ["Breakfast ideas"]
    assert plan(at).name == "Breakfast ideas"  # it was the open plan
    show(at, "Plan a day")
    search_and_add(at, "cheddar cheese")  # and it still saves itself (its version followed the rename)
    assert not [w for w in texts(at, "warning") if "changed elsewhere" in w]


def test_my_plans_duplicates_a_plan(at):
    save_as(at, "Food")
    show(at, "My plans")
    button(at, "Duplicate").click().run()
    assert not at.exception
    assert sorted(listed_plans(at)) == ["Food", "Food (copy)"]


def test_my_plans_deletes_only_after_confirmation(at):
    save_as(at, "Food")
    show(at, "My plans")
    assert button(at, "Delete 'Food'").disabled
    next(c for c in at.checkbox if c.label == "Yes, delete 'Food'").check().run()
    button(at, "Delete 'Food'").click().run()
    assert not at.exception
    assert any("No saved plans yet" in i for i in texts(at, "info"))
    assert Session(at.session_state).plan_id is None and "plan" not in at.query_params


# ---- names and replacing ------------------------------------------------------------------------

def test_a_taken_name_asks_before_replacing(at):
    save_as(at, "Food")
    first_id = Session(at.session_state).plan_id
    save_as(at, "Drink")
    search_and_add(at, "cheddar cheese")
    save_as(at, "food")
    assert any(w == "There is already a plan named 'Food'. Replace it with the plan on screen?"
               for w in texts(at, "warning"))
    assert Session(at.session_state).plan_id != first_id  # nothing replaced yet
    button(at, "Replace 'Food'").click().run()
    assert not at.exception
    assert Session(at.session_state).plan_id == first_id and at.query_params["plan"] == first_id
    reopened = AppTest.from_file(APP, default_timeout=TIMEOUT)
    reopened.query_params["plan"] = first_id
    reopened.run()
    assert Session(reopened.session_state).plan.name == "Food"  # the name as first typed
    assert [i.food for m in Session(reopened.session_state).plan.days[0].meals for i in m.items] == [CHEDDAR_FOUND]
    show(at, "My plans")
    assert sorted(listed_plans(at)) == ["Drink", "Food"]


# ---- clients and links ---------------------------------------------------------------------------

def test_a_new_client_starts_from_the_default_profile(at):
    at.toggle(key=Key.DIETITIAN).set_value(True).run()
    at.selectbox(key=Key.DIET).set_value("vegan").run()
    at.radio(key=Key.STATE).set_value("pregnant").run()
    assert plan(at).profile.pregnant and plan(at).profile.diet.value == "vegan"
    add_client(at, "Client B")
    assert plan(at).profile == DEFAULT
    assert at.session_state[Key.DIET] == "omnivore" and at.session_state[Key.STATE] == "none"
    assert at.sidebar.selectbox(key=Key.CLIENT_PICK).format_func(at.session_state[Key.CLIENT_PICK]) == "Client B"


def test_client_names_are_unique_whatever_the_case(at):
    at.toggle(key=Key.DIETITIAN).set_value(True).run()
    add_client(at, "Client A")
    add_client(at, "client a")
    assert "There is already a client named 'Client A'." in texts(at, "error")


def test_a_link_restores_the_plan_the_client_and_dietitian_mode(at):
    at.toggle(key=Key.DIETITIAN).set_value(True).run()
    add_client(at, "Client A")
    at.number_input(key=Key.AGE).set_value(52).run()
    save_as(at, "current diet")
    link = {key: at.query_params[key] for key in ("plan", "client", "dietitian")}
    assert link["dietitian"] == "1"
    fresh = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in link.items():
        fresh.query_params[key] = value
    fresh.run()
    assert not fresh.exception
    assert fresh.toggle(key=Key.DIETITIAN).value is True
    assert Session(fresh.session_state).plan.name == "current diet" and fresh.session_state[Key.AGE] == 52
    picker = fresh.sidebar.selectbox(key=Key.CLIENT_PICK)
    assert picker.format_func(picker.value) == "Client A"


def test_an_old_folder_link_opens_the_imported_plan_and_the_import_is_told_once(tmp_path, catalog):
    document = plan_document([[("breakfast", [{"food": "sr:01009", "grams": 30}])]],
                             profile={"age_years": 44, "sex": "male"}, name="Client A — current diet")
    data_dir = Path(os.environ["B12_PLANNER_DATA_DIR"])
    save_plan(parse_plan(json.dumps(document), catalog), data_dir / "clients" / "client-a" / "current-diet.json")
    first = AppTest.from_file(APP, default_timeout=TIMEOUT)
    first.query_params["plan"], first.query_params["client"] = "current-diet", "client-a"
    first.run()
    assert not first.exception
    assert Session(first.session_state).plan.name == "Client A — current diet"
    assert first.session_state[Key.AGE] == 44
    assert any(i.startswith("Imported 1 saved plan and 1 client from the old data folder")
               for i in texts(first, "info"))
    assert first.query_params["plan"] == Session(first.session_state).plan_id  # the link now uses the new id
    second = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not any("Imported" in i for i in texts(second, "info"))


# ---- saves that fail or come too late ---------------------------------------------------------------

def read_only_store_url(tmp_path, catalog) -> tuple[str, str]:
    """A store file with one client in it, then opened read-only (as a read-only disk would be)."""
    path = tmp_path / "ro.sqlite3"
    writable = open_store(f"sqlite:///{path}", tmp_path, catalog)
    client = writable.add_client(LOCAL_OWNER, "Client A", DEFAULT)
    writable.engine.dispose()
    return f"sqlite:///file:{path}?mode=ro&uri=true", client.id


def test_a_failed_save_says_so_and_changes_nothing(monkeypatch, tmp_path, catalog):
    url, _ = read_only_store_url(tmp_path, catalog)
    monkeypatch.setenv("B12_PLANNER_DATABASE_URL", url)
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    search_and_add(app, "cheddar cheese")
    before = plan(app)
    save_as(app, "Mine")
    assert ("Could not save the plan: the database is read-only. Nothing was saved; the plan stays in this tab."
            in texts(app, "error"))
    assert plan(app) == before and plan(app).name == "Untitled plan"
    assert Session(app.session_state).plan_id is None and "plan" not in app.query_params
    assert not any(s.startswith("Saved as") for s in confirmations(app))


def test_deleting_a_client_on_a_read_only_store_gives_a_message(monkeypatch, tmp_path, catalog):
    url, client_id = read_only_store_url(tmp_path, catalog)
    monkeypatch.setenv("B12_PLANNER_DATABASE_URL", url)
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["client"], app.query_params["dietitian"] = client_id, "1"
    app.run()
    next(c for c in app.sidebar.checkbox if c.label == "Yes, delete every saved plan of Client A").check().run()
    app.button(key=Key.DELETE_CLIENT).click().run()
    assert not app.exception
    assert "Could not delete the client's data: the database is read-only." in texts(app, "error")


def test_a_tab_with_a_stale_plan_is_told_and_can_reload(at):
    save_as(at, "Shared")
    other = AppTest.from_file(APP, default_timeout=TIMEOUT)
    other.query_params["plan"] = Session(at.session_state).plan_id
    other.run()
    search_and_add(at, "cheddar cheese")  # the first tab saves first
    search_and_add(other, "beef liver braised")
    assert any(w.startswith("This plan changed elsewhere — reload it, or save yours as a copy.")
               for w in texts(other, "warning"))
    button(other, "Reload the saved plan").click().run()
    assert not other.exception
    assert [i.food for m in plan(other).days[0].meals for i in m.items] == [CHEDDAR_FOUND]


def test_names_show_as_typed_not_as_markdown(at):
    save_as(at, "Plan $5 *big*")
    assert "Saved as 'Plan $5 *big*'. It saves itself as you work; this page's address reopens it." in confirmations(
        at)  # read as rendered: no LaTeX, no italics
    show(at, "My plans")
    assert listed_plans(at) == ["Plan $5 *big*"]  # table cells are plain text already
    assert "Yes, delete 'Plan $5 *big*'" in [rendered(c.label).as_read for c in at.checkbox]
