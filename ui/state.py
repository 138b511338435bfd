"""Session state and the callbacks that change the plan.

Every change builds a new plan, validates it with the plan-file rules, and only then swaps
it in; on failure the old plan stays and a message says why. Saved plans autosave with
their version, so a stale tab is refused instead of overwriting; a failed save says so and
changes neither the plan on screen nor the page's address.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

import streamlit as st

from planner.access import Visitor
from planner.custom import DailyValueBasis, LabelUnit, custom_food_from_label, slugify
from planner.errors import NameTaken, NotFound, PlanChangedElsewhere, PlanFileError, PlannerError, ProfileError
from planner.food import DietMode, Food
from planner.units import Every
from planner.advice.dayplan import plan_with_additions, serving_item
from planner.plan import FoodItem, Plan, SupplementItem, add_day, add_item, add_or_merge, edit_items, new_plan, remove_day
from planner.plancheck import check_plan
from planner.planfile import parse_plan
from planner.profile import REPRODUCTIVE_AGES, Absorption, Profile, Sex, Standard
from planner.snapshot import FoodCatalog
from planner.store import Client, FolderImport, PlanStore, StoredPlan
from planner.store.legacy import PERSONAL_SLUG
from planner.results import PlanAddition, PlanTotals
from planner.serving import Serving
from planner.targets import applicable_standards, life_stage_target
from planner.totals import plan_totals
from planner.wording import food_amount, plain_problem, supplement_amount
from ui.messages import ADD, DAY, IMPORT, SAVE, TABLE, clear, say
from ui.table import grid_edits

DEFAULT_PROFILE = Profile(age_years=30, sex=Sex.FEMALE)
UNTITLED = "Untitled plan"
STATES = ("none", "pregnant", "lactating")

# Widget keys of the profile form, seeded from the plan's profile.
P_AGE, P_MONTHS, P_SEX, P_STATE = "p_age", "p_months", "p_sex", "p_state"
P_STANDARD, P_DIET, P_EXCLUDE, P_SUPPLEMENTS, P_ABSORPTION = (
    "p_standard", "p_diet", "p_exclude", "p_supplements", "p_absorption")


def init_state(store: PlanStore, visitor: Visitor, old_data_dir: Path | None) -> None:
    """Defaults once per browser session; import the folder era once; reopen the page's link.

    `visitor` says whose plans this session sees and whether they outlive it; `old_data_dir`
    is a folder-era data directory to import (for the local person only), or None.
    """
    ss = st.session_state
    ss.setdefault("owner", visitor.owner)
    ss.setdefault("keeps_plans", visitor.keeps_plans)  # False: plans stay in this session
    ss.setdefault("plan", new_plan(UNTITLED, DEFAULT_PROFILE))
    ss.setdefault("plan_id", None)  # None: not saved, the plan lives in this tab
    ss.setdefault("plan_version", 0)
    ss.setdefault("client_id", None)  # None: the owner's own plans
    ss.setdefault("day_index", 0)
    ss.setdefault("messages", [])
    ss.setdefault("editor_version", 0)
    if "restored" not in ss:
        ss["restored"] = True
        if old_data_dir is not None:
            import_old_folder(store, old_data_dir)
        restore_link(store)
    if P_AGE not in ss:
        sync_profile_widgets(ss["plan"].profile)


def import_old_folder(store: PlanStore, data_dir: Path) -> None:
    try:
        report = store.import_folder(st.session_state["owner"], data_dir)
    except PlannerError as error:
        say("warning", f"{error} The plans saved as files stay where they are.")
        return
    if report is not None:
        say("info", import_message(report))


def import_message(report: FolderImport) -> str:
    plans = f"{report.plans} saved plan{'s' if report.plans != 1 else ''}"
    clients = f" and {report.clients} client{'s' if report.clients != 1 else ''}" if report.clients else ""
    skipped = f" Not imported: {'; '.join(report.unreadable)}." if report.unreadable else ""
    return (f"Imported {plans}{clients} from the old data folder {report.folder}; the folder is left as it "
            f"was. Find them under My plans.{skipped}")


def restore_link(store: PlanStore) -> None:
    """Reopen what the address names: ?plan=<id>&client=<id>&dietitian=1, or a folder-era
    ?plan=<slug>&client=<slug> link to a plan that was imported."""
    ss, params = st.session_state, st.query_params
    if params.get("dietitian") == "1":
        ss["dietitian"] = True
    plan_ref, client_ref = params.get("plan"), params.get("client")
    try:
        if plan_ref:
            show_saved(linked_plan(store, plan_ref, client_ref))
        elif client_ref:
            start_new_plan(store.client(ss["owner"], client_ref))
    except PlannerError as error:
        say("warning", f"Could not reopen the linked {'plan' if plan_ref else 'client'}: {error}")


def linked_plan(store: PlanStore, plan_ref: str, client_ref: str | None) -> StoredPlan:
    owner = st.session_state["owner"]
    try:
        return store.load(owner, plan_ref)
    except NotFound:
        legacy_id = store.find_legacy(owner, slugify(client_ref) if client_ref else PERSONAL_SLUG, slugify(plan_ref))
        if legacy_id is None:
            raise
        return store.load(owner, legacy_id)


def sync_link() -> None:
    """The page's address names the saved plan, its client and Dietitian mode, so a reload or a
    shared link reopens all three. Only these three parameters are touched."""
    ss = st.session_state
    kept = ss["keeps_plans"]  # the ids of a session's own plans mean nothing in another tab
    wanted = {"plan": ss["plan_id"] if kept else None, "client": ss["client_id"] if kept else None,
              "dietitian": "1" if ss.get("dietitian") else None}
    for key, value in wanted.items():
        if value:
            st.query_params[key] = value
        else:
            st.query_params.pop(key, None)


def sync_profile_widgets(profile: Profile) -> None:
    ss = st.session_state
    ss[P_AGE] = profile.age_years
    ss[P_MONTHS] = profile.age_months
    ss[P_SEX] = profile.sex.value
    ss[P_STATE] = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "none"
    ss[P_STANDARD] = profile.standard.value
    ss[P_DIET] = profile.diet.value
    ss[P_EXCLUDE] = ", ".join(profile.exclude)
    ss[P_SUPPLEMENTS] = profile.supplements_allowed
    ss[P_ABSORPTION] = profile.absorption.value


def profile_from_widgets() -> Profile:
    """Raises ProfileError for an impossible combination; the widgets keep what was typed."""
    ss = st.session_state
    age = int(ss[P_AGE])
    state = ss.get(P_STATE, "none") if ss[P_SEX] == Sex.FEMALE.value and age in REPRODUCTIVE_AGES else "none"
    exclude = tuple(w.strip().lower() for w in str(ss.get(P_EXCLUDE, "")).split(",") if w.strip())
    return Profile(age_years=age, age_months=int(ss.get(P_MONTHS, 0)) if age == 0 else 0,
                   sex=Sex(ss[P_SEX]), pregnant=state == "pregnant", lactating=state == "lactating",
                   standard=Standard(ss[P_STANDARD]), diet=DietMode(ss[P_DIET]),
                   absorption=Absorption(ss.get(P_ABSORPTION, Absorption.NORMAL.value)), exclude=exclude,
                   supplements_allowed=bool(ss[P_SUPPLEMENTS]))


def current_plan() -> Plan:
    return st.session_state["plan"]


def current_totals(catalog: FoodCatalog) -> PlanTotals:
    """The open plan's totals, worked out once per plan: plans are immutable, and every change
    swaps in a new one, so the plan object itself is the version."""
    ss = st.session_state
    plan = ss["plan"]
    cached = ss.get("totals_of")
    if cached is None or cached[0] is not plan:
        cached = ss["totals_of"] = (plan, plan_totals(plan, catalog))
    return cached[1]


def pick_day(widget_key: str) -> None:
    st.session_state["day_index"] = st.session_state[widget_key]


def commit(plan: Plan, store: PlanStore, catalog: FoodCatalog, place: str = DAY) -> bool:
    """Validate and swap in a new plan; autosave it when it is named. False if refused, with the
    reasons in plain words where the change was asked for."""
    try:
        checked = check_plan(plan, catalog)
    except PlanFileError as error:
        say("error", f"That change was not made: {'; '.join(map(plain_problem, error.problems))}", place)
        return False
    ss = st.session_state
    ss["plan"] = checked  # the day's table keeps its editor (no pending edits: see apply_table_edits)
    ss["day_index"] = min(ss["day_index"], len(checked.days) - 1)
    if ss["plan_id"] is not None:
        autosave(store, checked)
    return True


def autosave(store: PlanStore, plan: Plan) -> None:
    """Save the open plan if nobody saved it since this tab read it; else say why not."""
    ss = st.session_state
    try:
        saved = store.save(ss["owner"], ss["plan_id"], plan, ss["plan_version"])
    except PlanChangedElsewhere as error:
        ss["conflict"] = True
        say("warning", f"{error} Your change is kept in this tab only.", DAY)
    except NotFound as error:
        ss["plan_id"], ss["plan_version"] = None, 0
        sync_link()
        say("warning", f"{error} The plan stays in this tab: save it under a name to keep it.", DAY)
    except PlannerError as error:
        say("warning", f"{error} Your change is kept in this tab only, not saved.", DAY)
    else:
        ss["plan_version"] = saved.record.version


def guarded(action: Callable[[], None], place: str = DAY) -> None:
    """Run a change; a PlannerError becomes a message beside it and the old plan stays."""
    try:
        action()
    except PlannerError as error:
        say("error", str(error), place)


# ---- callbacks ----------------------------------------------------------------------------

def on_profile_change(store: PlanStore, catalog: FoodCatalog) -> None:
    ss = st.session_state
    try:
        profile = profile_from_widgets()
        if profile.standard not in applicable_standards(profile):  # e.g. EFSA sets no amount under 7 months
            say("info", f"{profile.standard.name} sets no amount for this age, so IOM/NIH is used.", DAY)
            profile = replace(profile, standard=Standard.IOM)
            ss[P_STANDARD] = profile.standard.value
        life_stage_target(profile)
    except ProfileError as error:
        ss["profile_error"] = str(error)
        return
    ss.pop("profile_error", None)
    commit(replace(current_plan(), profile=profile), store, catalog)


def add_food(store: PlanStore, catalog: FoodCatalog, food: Food, meal: str, portion: str | None,
             amount: float, place: str = ADD) -> None:
    item = FoodItem(food.id, grams=amount) if portion is None else FoodItem(food.id, portion=portion, count=amount)
    add_merged(store, catalog, food, meal, item, place)


def add_merged(store: PlanStore, catalog: FoodCatalog, food: Food, meal: str, item: FoodItem, place: str) -> None:
    """Add a food; the same food by the same measure in that meal is summed, and the toast says so."""
    plan, now = add_or_merge(current_plan(), st.session_state["day_index"], meal, item, food)
    if commit(plan, store, catalog, place):
        amount = food_amount(now.portion, now.count, now.grams_of(food)) if isinstance(now, FoodItem) else ""
        if now is item:
            say("success", f"Added {food.description} ({amount}) to {meal}.")
        else:
            say("success", f"{food.description} at {meal} is now {amount}: it was there already.")


def add_supplement(store: PlanStore, catalog: FoodCatalog, name: str, ug: float, every: str, meal: str,
                   place: str = ADD) -> None:
    name = " ".join(name.split()) or "B12 supplement"
    item = SupplementItem(name, float(ug), Every(every))
    if commit(add_item(current_plan(), st.session_state["day_index"], meal, item), store, catalog, place):
        say("success", f"Added {name}, {supplement_amount(ug, Every(every))}, to {meal}.")


def add_source(store: PlanStore, catalog: FoodCatalog, food: Food, serving: Serving, meal: str) -> None:
    """One suggested serving of a source, in the meal chosen for it."""
    add_merged(store, catalog, food, meal, serving_item(food.id, serving), DAY)


def add_plan_additions(store: PlanStore, catalog: FoodCatalog, additions: Sequence[PlanAddition]) -> None:
    """Add suggested items as one change: one check and one save, however many items."""
    if commit(plan_with_additions(current_plan(), st.session_state["day_index"], additions), store, catalog):
        for addition in additions:
            say("success", f"Added {addition.description} to {addition.meal}.")


def add_custom_food(store: PlanStore, catalog: FoodCatalog, form: dict[str, Any], place: str = ADD) -> None:
    def action() -> None:
        plan = current_plan()
        food = custom_food_from_label(
            form["name"], form["serving_g"], form["b12"], LabelUnit(form["unit"]),
            DailyValueBasis(form["basis"]), DietMode(form["diet"]), form["fortified"],
            taken_ids=list(plan.foods))
        add_food(store, catalog, food, form["meal"], food.portions[0].label, form["count"], place)

    guarded(action, place)


def apply_table_edits(store: PlanStore, catalog: FoodCatalog, editor_key: str, refs, meal_names) -> None:
    edits = st.session_state.get(editor_key, {}).get("edited_rows", {})
    if not edits:
        return

    def action() -> None:
        if commit(edit_items(current_plan(), st.session_state["day_index"], grid_edits(refs, edits), meal_names), store,
                  catalog, TABLE):
            say("success", "Updated the day's items.")

    guarded(action, TABLE)
    # A fresh editor (a new key), so the edits just applied, or refused, are not applied again. Other
    # changes keep the editor: it holds no edits then, and the browser updates its grid in place
    # instead of building a new one (bench/browser.py).
    st.session_state["editor_version"] += 1


def add_days(store: PlanStore, catalog: FoodCatalog, copy: bool) -> None:
    plan = current_plan()
    label = f"Day {len(plan.days) + 1}"
    index = st.session_state["day_index"]
    if commit(add_day(plan, label, copy_from=index if copy else None), store, catalog):
        st.session_state["day_index"] = len(plan.days)


def drop_day(store: PlanStore, catalog: FoodCatalog) -> None:
    plan = current_plan()
    if len(plan.days) > 1 and commit(remove_day(plan, st.session_state["day_index"]), store, catalog):
        st.session_state["day_index"] = max(0, st.session_state["day_index"] - 1)


def show_saved(stored: StoredPlan) -> None:
    """Make a saved plan the open one, its client and profile too (before the widgets are drawn)."""
    ss = st.session_state
    ss["client_id"], ss["day_index"] = stored.record.client_id, 0
    ss["editor_version"] += 1
    sync_profile_widgets(stored.plan.profile)
    adopt_saved(stored)


def adopt_saved(stored: StoredPlan) -> None:
    """The plan on screen is now this saved plan (same profile and client; safe mid-run)."""
    ss = st.session_state
    ss["plan"], ss["plan_id"], ss["plan_version"] = stored.plan, stored.record.id, stored.record.version
    ss["conflict"], ss["pending_replace"] = False, None
    sync_link()


def name_plan(store: PlanStore, name: str) -> None:
    """Save the open plan as a new plan under `name`; from then on it saves itself.

    A name in use asks before replacing; a failed save claims nothing and changes nothing.
    """
    ss = st.session_state
    try:
        stored = store.create(ss["owner"], ss["client_id"], replace(current_plan(), name=name))
    except NameTaken as taken:
        if taken.existing_id == ss["plan_id"]:
            say("info", f"This plan is saved as '{taken.name}' already; it saves itself as you work.", SAVE)
        else:
            ss["pending_replace"] = {"id": taken.existing_id, "version": taken.existing_version, "name": taken.name}
        return
    except PlannerError as error:
        say("error", f"{error} Nothing was saved; the plan stays in this tab.", SAVE)
        return
    adopt_saved(stored)
    if ss["keeps_plans"]:
        say("success", f"Saved as '{stored.record.name}'. It saves itself as you work; this page's address reopens it.")
    else:
        say("success", f"Saved as '{stored.record.name}' in this tab only: it goes when the tab closes. "
                        "Download its plan file (under Save, export, open) to keep it.")


def replace_saved(store: PlanStore) -> None:
    """The person said "Replace": the plan on screen overwrites the one of that name (if unchanged since)."""
    ss = st.session_state
    pending = ss.pop("pending_replace", None)
    if not pending:
        return
    try:
        stored = store.save(ss["owner"], pending["id"], current_plan(), pending["version"])
    except PlannerError as error:
        say("error", f"{error} Nothing was replaced; the plan stays in this tab.", SAVE)
        return
    adopt_saved(stored)
    say("success", f"Replaced '{stored.record.name}' with this plan. It saves itself as you work.")


def cancel_replace() -> None:
    st.session_state["pending_replace"] = None


def reload_saved(store: PlanStore) -> None:
    """After "changed elsewhere": show the saved version (this tab's unsaved edits go)."""
    open_saved(store, st.session_state["plan_id"])


def open_saved(store: PlanStore, plan_id: str) -> None:
    try:
        stored = store.load(st.session_state["owner"], plan_id)
    except PlannerError as error:
        say("error", str(error))
        return
    show_saved(stored)
    st.session_state["view"] = "Plan a day"
    say("success", f"Opened '{stored.record.name}'.")


def start_new_plan(client: Client | None) -> None:
    """An empty plan for a client (from their saved profile) or for oneself (the default profile)."""
    ss = st.session_state
    profile = client.profile if client is not None else DEFAULT_PROFILE
    ss["plan"] = new_plan(UNTITLED, profile)
    ss["plan_id"], ss["plan_version"] = None, 0
    ss["client_id"], ss["day_index"] = (client.id if client else None), 0
    ss["editor_version"] += 1
    ss["conflict"], ss["pending_replace"] = False, None
    sync_profile_widgets(profile)
    sync_link()


def choose_client(store: PlanStore, widget_key: str) -> None:
    """Switching client starts a new plan from that client's saved profile."""
    client_id = st.session_state[widget_key]
    try:
        client = store.client(st.session_state["owner"], client_id) if client_id else None
    except PlannerError as error:
        say("error", str(error))
        return
    start_new_plan(client)


def add_client(store: PlanStore, widget_key: str) -> None:
    """A new client starts from the default profile, never the previous client's."""
    try:
        client = store.add_client(st.session_state["owner"], st.session_state.get(widget_key, ""), DEFAULT_PROFILE)
    except PlannerError as error:
        say("error", str(error))
        return
    start_new_plan(client)
    say("success", f"Added {client.name}. Set their profile in the sidebar, then name the plan to save it.")


def import_plan_file(catalog: FoodCatalog, upload_key: str) -> None:
    """Load an uploaded plan file; a bad file leaves the current plan untouched, and the reasons
    show beside the uploader in plain words (the last file's reasons go with it)."""
    clear(IMPORT)
    upload = st.session_state.get(upload_key)
    if upload is None:
        return
    try:
        plan = parse_plan(upload.getvalue(), catalog)
    except PlanFileError as error:
        shown = [plain_problem(problem) for problem in error.problems[:8]]
        more = f" (and {len(error.problems) - 8} more)" if len(error.problems) > 8 else ""
        say("error", f"{upload.name} was not loaded; your current plan is unchanged. "
                     f"Problems: {'; '.join(shown)}{more}", IMPORT)
        return
    ss = st.session_state
    ss["plan"], ss["plan_id"], ss["plan_version"], ss["day_index"] = plan, None, 0, 0
    ss["editor_version"] += 1
    sync_profile_widgets(plan.profile)
    sync_link()
    say("success", f"Loaded '{plan.name}' from {upload.name}. Name it to keep it.")
    for notice in plan.notices:
        say("info", notice, IMPORT)


def delete_client(store: PlanStore, client_id: str, name: str) -> None:
    try:
        removed = store.delete_client(st.session_state["owner"], client_id)
    except PlannerError as error:
        say("error", str(error))
        return
    if st.session_state["client_id"] == client_id:
        start_new_plan(None)
    say("success", f"Deleted {name} and their {removed} saved plan{'s' if removed != 1 else ''}.")


# ---- My plans ---------------------------------------------------------------------------------

def rename_saved(store: PlanStore, plan_id: str, name: str) -> None:
    ss = st.session_state
    try:
        stored = store.rename(ss["owner"], plan_id, name)
    except PlannerError as error:
        say("error", str(error))
        return
    if ss["plan_id"] == plan_id:  # the open plan keeps up with its new name and version
        ss["plan"], ss["plan_version"] = replace(current_plan(), name=stored.record.name), stored.record.version
    say("success", f"Renamed to '{stored.record.name}'.")


def duplicate_saved(store: PlanStore, plan_id: str, name: str) -> None:
    try:
        stored = store.duplicate(st.session_state["owner"], plan_id, name)
    except PlannerError as error:
        say("error", str(error))
        return
    say("success", f"Saved a copy as '{stored.record.name}'.")


def delete_saved(store: PlanStore, plan_id: str, name: str) -> None:
    ss = st.session_state
    try:
        store.delete(ss["owner"], plan_id)
    except PlannerError as error:
        say("error", str(error))
        return
    if ss["plan_id"] == plan_id:
        ss["plan_id"], ss["plan_version"] = None, 0
        sync_link()
        say("success", f"Deleted '{name}'. It stays open in this tab, unsaved.")
    else:
        say("success", f"Deleted '{name}'.")


def delete_my_data(store: PlanStore, confirm_key: str) -> None:
    """Every plan and client of this person goes; the tab starts afresh."""
    st.session_state[confirm_key] = False  # the next deletion asks again
    try:
        deleted = store.delete_owner(st.session_state["owner"])
    except PlannerError as error:
        say("error", f"{error} Nothing was deleted.")
        return
    start_new_plan(None)
    say("success", f"Deleted all your data: {deleted.plans} saved plan{'s' if deleted.plans != 1 else ''} and "
                   f"{deleted.clients} client{'s' if deleted.clients != 1 else ''}.")
