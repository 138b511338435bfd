"""Session state and the callbacks that change the plan.

Every change builds a new plan, validates it with the plan-file rules, and only then swaps
it in; on failure the old plan stays and a message says why. Named plans autosave.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Sequence

import streamlit as st

from planner.custom import DailyValueBasis, LabelUnit, custom_food_from_label, slugify
from planner.errors import PlanFileError, PlannerError, ProfileError
from planner.food import DietMode, Food
from planner.plan import Every, FoodItem, Item, Plan, SupplementItem, add_day, add_item, new_plan, remove_day
from planner.planfile import parse_plan
from planner.profile import REPRODUCTIVE_AGES, Profile, Sex, Standard
from planner.snapshot import FoodCatalog
from planner.store import PERSONAL, PlanStore
from planner.suggest import PlanAddition
from planner.targets import life_stage_target
from ui.table import apply_edits, validated

DEFAULT_PROFILE = Profile(age_years=30, sex=Sex.FEMALE)
UNTITLED = "Untitled plan"
STATES = ("none", "pregnant", "lactating")

# Widget keys of the profile form, seeded from the plan's profile.
P_AGE, P_MONTHS, P_SEX, P_STATE = "p_age", "p_months", "p_sex", "p_state"
P_STANDARD, P_DIET, P_EXCLUDE, P_SUPPLEMENTS, P_NO_IF = "p_standard", "p_diet", "p_exclude", "p_supplements", "p_no_if"


def init_state(store: PlanStore, catalog: FoodCatalog) -> None:
    """Defaults once per browser session; reopen the plan named in the URL after a reload."""
    ss = st.session_state
    ss.setdefault("plan", new_plan(UNTITLED, DEFAULT_PROFILE))
    ss.setdefault("client", PERSONAL)
    ss.setdefault("autosave", False)
    ss.setdefault("day_index", 0)
    ss.setdefault("messages", [])
    ss.setdefault("editor_version", 0)
    ss.setdefault("last_upload", None)
    if "restored" not in ss:
        ss["restored"] = True
        slug = st.query_params.get("plan")
        client = st.query_params.get("client", PERSONAL)
        if slug:
            try:
                plan = store.load(client, slug, catalog)
            except PlannerError as error:
                say("warning", f"Could not reopen the saved plan '{slug}': {error}")
            else:
                ss["plan"], ss["client"], ss["autosave"] = plan, slugify(client), True
    if P_AGE not in ss:
        sync_profile_widgets(ss["plan"].profile)


def say(kind: str, text: str) -> None:
    """Queue a message for the next render (kind: success, info, warning, error)."""
    st.session_state["messages"].append((kind, text))


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
    ss[P_NO_IF] = not profile.intrinsic_factor


def profile_from_widgets() -> Profile:
    """Raises ProfileError for an impossible combination; the widgets keep what was typed."""
    ss = st.session_state
    age = int(ss[P_AGE])
    state = ss.get(P_STATE, "none") if ss[P_SEX] == Sex.FEMALE.value and age in REPRODUCTIVE_AGES else "none"
    exclude = tuple(w.strip().lower() for w in str(ss.get(P_EXCLUDE, "")).split(",") if w.strip())
    return Profile(age_years=age, age_months=int(ss.get(P_MONTHS, 0)) if age == 0 else 0,
                   sex=Sex(ss[P_SEX]), pregnant=state == "pregnant", lactating=state == "lactating",
                   standard=Standard(ss[P_STANDARD]), diet=DietMode(ss[P_DIET]),
                   intrinsic_factor=not ss[P_NO_IF], exclude=exclude,
                   supplements_allowed=bool(ss[P_SUPPLEMENTS]))


def current_plan() -> Plan:
    return st.session_state["plan"]


def commit(plan: Plan, store: PlanStore, catalog: FoodCatalog) -> bool:
    """Validate and swap in a new plan; autosave it when it is named. False if refused."""
    try:
        checked = validated(plan, catalog)
    except PlanFileError as error:
        say("error", f"That change was not made: {'; '.join(error.problems)}")
        return False
    ss = st.session_state
    ss["plan"] = checked
    ss["editor_version"] += 1  # the table shows the new plan, not stale widget edits
    ss["day_index"] = min(ss["day_index"], len(checked.days) - 1)
    if ss["autosave"]:
        try:
            store.save(ss["client"], checked)
        except OSError as error:
            say("warning", f"The plan is kept in this tab but could not be saved to disk ({error.strerror}).")
    return True


def guarded(action: Callable[[], None]) -> None:
    """Run a change; a PlannerError becomes a message and the old plan stays."""
    try:
        action()
    except PlannerError as error:
        say("error", str(error))


# ---- callbacks ----------------------------------------------------------------------------

def on_profile_change(store: PlanStore, catalog: FoodCatalog) -> None:
    try:
        profile = profile_from_widgets()
        life_stage_target(profile)  # e.g. EFSA sets no amount under 7 months
    except ProfileError as error:
        st.session_state["profile_error"] = str(error)
        return
    st.session_state.pop("profile_error", None)
    commit(replace(current_plan(), profile=profile), store, catalog)


def add_food(store: PlanStore, catalog: FoodCatalog, food: Food, meal: str, portion: str | None,
             amount: float) -> None:
    item = FoodItem(food.id, grams=amount) if portion is None else FoodItem(food.id, portion=portion, count=amount)
    if commit(add_item(current_plan(), st.session_state["day_index"], meal, item, food), store, catalog):
        say("success", f"Added {food.description} to {meal}.")


def add_supplement(store: PlanStore, catalog: FoodCatalog, name: str, ug: float, every: str, meal: str) -> None:
    name = " ".join(name.split()) or "B12 supplement"
    item = SupplementItem(name, float(ug), Every(every))
    if commit(add_item(current_plan(), st.session_state["day_index"], meal, item), store, catalog):
        say("success", f"Added {name}, {ug:g} µg every {every}, to {meal}.")


def add_plan_additions(store: PlanStore, catalog: FoodCatalog, additions: Sequence[PlanAddition]) -> None:
    """Add suggested items as one change: one check and one save, however many items."""
    plan, day = current_plan(), st.session_state["day_index"]
    for addition in additions:
        if addition.id.startswith("supplement:"):
            item: Item = SupplementItem(addition.description, addition.b12_ug, Every(addition.every or "day"))
        else:
            item = FoodItem(addition.id, portion=addition.portion.label, count=float(addition.count))
        plan = add_item(plan, day, addition.meal, item)
    if commit(plan, store, catalog):
        for addition in additions:
            say("success", f"Added {addition.description} to {addition.meal}.")


def add_custom_food(store: PlanStore, catalog: FoodCatalog, form: dict[str, Any]) -> None:
    def action() -> None:
        plan = current_plan()
        food = custom_food_from_label(
            form["name"], form["serving_g"], form["b12"], LabelUnit(form["unit"]),
            DailyValueBasis(form["basis"]), DietMode(form["diet"]), form["fortified"],
            taken_ids=list(plan.foods))
        add_food(store, catalog, food, form["meal"], food.portions[0].label, form["count"])

    guarded(action)


def apply_table_edits(store: PlanStore, catalog: FoodCatalog, editor_key: str, refs, meal_names) -> None:
    edits = st.session_state.get(editor_key, {}).get("edited_rows", {})
    if not edits:
        return

    def action() -> None:
        if commit(apply_edits(current_plan(), st.session_state["day_index"], refs, edits, meal_names), store, catalog):
            say("success", "Updated the day's items.")

    guarded(action)
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


def name_plan(store: PlanStore, catalog: FoodCatalog, name: str) -> None:
    """Give the plan a name: from now on it autosaves and its name sits in the URL."""
    name = " ".join(name.split())
    if not name:
        say("error", "Type a name for the plan first.")
        return
    ss = st.session_state
    plan = replace(current_plan(), name=name)
    ss["autosave"] = True
    if commit(plan, store, catalog):
        st.query_params["plan"] = slugify(name)
        if ss["client"] != PERSONAL:
            st.query_params["client"] = ss["client"]
        say("success", f"Saved as '{name}'. It saves itself as you work; this page's address reopens it.")


def open_saved(store: PlanStore, catalog: FoodCatalog, client: str, slug: str) -> None:
    try:
        plan = store.load(client, slug, catalog)
    except PlannerError as error:
        say("error", str(error))
        return
    ss = st.session_state
    ss["plan"], ss["client"], ss["autosave"], ss["day_index"] = plan, client, True, 0
    ss["editor_version"] += 1
    sync_profile_widgets(plan.profile)
    st.query_params["plan"] = slug
    if client != PERSONAL:
        st.query_params["client"] = client
    else:
        st.query_params.pop("client", None)


def start_new_plan(client: str) -> None:
    ss = st.session_state
    ss["plan"] = new_plan(UNTITLED, current_plan().profile)
    ss["client"], ss["autosave"], ss["day_index"] = client, False, 0
    ss["editor_version"] += 1
    st.query_params.clear()


def import_plan_file(catalog: FoodCatalog, upload_key: str) -> None:
    """Load an uploaded plan file; a bad file leaves the current plan untouched."""
    upload = st.session_state.get(upload_key)
    if upload is None:
        return
    try:
        plan = parse_plan(upload.getvalue(), catalog)
    except PlanFileError as error:
        shown = error.problems[:8]
        more = f" (and {len(error.problems) - 8} more)" if len(error.problems) > 8 else ""
        say("error", f"{upload.name} was not loaded; your current plan is unchanged. "
                     f"Problems: {'; '.join(shown)}{more}")
        return
    ss = st.session_state
    ss["plan"], ss["autosave"], ss["day_index"] = plan, False, 0
    ss["editor_version"] += 1
    sync_profile_widgets(plan.profile)
    st.query_params.clear()
    say("success", f"Loaded '{plan.name}' from {upload.name}. Name it to keep it on this computer.")


def delete_client(store: PlanStore, client: str) -> None:
    store.delete_client(client)
    start_new_plan(PERSONAL)
    say("success", f"Deleted every saved plan of '{client}'.")
