"""The app's panels. Each reads plain values, calls planner functions, and renders.

Plan changes go through the callbacks in ui.state; nothing here edits the plan in place.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from planner.custom import DailyValueBasis, LabelUnit, slugify
from planner.errors import FdcRateLimited, PlannerError, QueryError
from planner.export import DISCLAIMER, EXPORT_MIME, ExportFormat, export_file
from planner.fdc.client import FdcClient
from planner.fdc.protocol import DATA_TYPES, DEFAULT_SEARCH_TYPES
from planner.food import DietMode, Food
from planner.plan import DEFAULT_MEALS, Plan
from planner.profile import REPRODUCTIVE_AGES, Absorption, Sex, Standard
from planner.search import SearchIndex
from planner.snapshot import SR_RELEASE_NAME, FoodCatalog
from planner.sources import FoodSearchResult, search_foods
from planner.store import PlanRecord, PlanStore
from planner.suggest import CLINICIAN_NOTE, Suggestions
from planner.targets import Target
from planner.totals import PlanTotals, Status, absorption_status_text, intake_text, status_text
from ui import state
from ui.charts import by_food_chart, by_meal_chart
from ui.table import COLUMNS, day_rows
from ui.text import plain

ABSORPTION_WORDS = {
    Absorption.NORMAL.value: "Normally",
    Absorption.FOOD_BOUND.value: "Poorly from food (atrophic gastritis, long-term acid reducers)",
    Absorption.NO_INTRINSIC_FACTOR.value: "Hardly at all (pernicious anaemia, some stomach surgery)",
}
STANDARD_NAMES = {Standard.IOM: "IOM/NIH (US, Canada)", Standard.EFSA: "EFSA (EU)", Standard.WHO: "WHO/FAO"}
LABEL_UNITS = {LabelUnit.MICROGRAMS.value: "µg", LabelUnit.PERCENT_DV.value: "% Daily Value"}
STATUS_BOX = {Status.MEETS_TARGET: st.success, Status.BELOW_TARGET: st.warning, Status.BELOW_EAR: st.error}


def show_messages() -> None:
    """Queued messages are plain text (they quote names, files and errors): never Markdown."""
    for kind, text in st.session_state["messages"]:
        getattr(st, kind)(plain(text))
    st.session_state["messages"] = []


# ---- sidebar: profile and data source -----------------------------------------------------

def profile_ui(store: PlanStore, catalog: FoodCatalog, target: Target | None) -> None:
    sidebar = st.sidebar
    sidebar.header("Profile")
    args = (store, catalog)
    change = state.on_profile_change
    sidebar.number_input("Age (years)", min_value=0, max_value=120, step=1, key=state.P_AGE,
                         on_change=change, args=args, help="0 for a baby under 1 year")
    if st.session_state.get(state.P_AGE) == 0:
        sidebar.number_input("Age (months)", min_value=0, max_value=11, step=1, key=state.P_MONTHS,
                             on_change=change, args=args)
    sidebar.radio("Sex", [s.value for s in Sex], key=state.P_SEX, horizontal=True, on_change=change, args=args)
    if st.session_state.get(state.P_SEX) == Sex.FEMALE.value and st.session_state.get(state.P_AGE) in REPRODUCTIVE_AGES:
        sidebar.radio("Pregnant or breastfeeding?", state.STATES, key=state.P_STATE, horizontal=True,
                      format_func={"none": "neither", "pregnant": "pregnant", "lactating": "breastfeeding"}.get,
                      on_change=change, args=args)
    sidebar.selectbox("Diet", [m.value for m in DietMode], key=state.P_DIET, on_change=change, args=args)
    sidebar.selectbox("Reference standard", [s.value for s in Standard], key=state.P_STANDARD,
                      format_func=lambda v: STANDARD_NAMES[Standard(v)], on_change=change, args=args)
    sidebar.text_input("Leave out foods with these words", key=state.P_EXCLUDE, on_change=change, args=args,
                       placeholder="e.g. soy, liver, pork", help="Comma-separated; matched against food names.")
    sidebar.checkbox("Supplements are fine", key=state.P_SUPPLEMENTS, on_change=change, args=args)
    sidebar.selectbox("How B12 is absorbed", [a.value for a in Absorption], key=state.P_ABSORPTION,
                      format_func=ABSORPTION_WORDS.__getitem__, on_change=change, args=args,
                      help="Long-term metformin also lowers absorption: it calls for periodic B12 checks "
                           "(American Diabetes Association), not different foods.")
    if st.session_state.get("profile_error"):
        sidebar.error(plain(f"{st.session_state['profile_error']} The plan keeps the previous profile."))
    if target is not None:
        ear = f" · EAR {target.ear_ug:g} µg" if target.ear_ug is not None else ""
        sidebar.markdown(f"**Target: {target.target_ug:g} µg/day** ({target.kind.value}{ear})  \n"
                         f"{target.life_stage} — {target.source}")


def data_source_ui(client: FdcClient | None, demo: bool, fdc_error: str | None) -> tuple[str, ...] | None:
    """Show where numbers come from; returns the FDC data types to search, or None for bundled data."""
    sidebar = st.sidebar
    sidebar.header("Food data")
    if client is None:
        sidebar.caption(f"{SR_RELEASE_NAME}, bundled: works offline. Add an FDC API key for live "
                        "FoodData Central searches (see README).")
        return None
    use_live = sidebar.toggle("Search USDA FoodData Central (live)", value=True, key="use_fdc")
    if not use_live:
        sidebar.caption(f"Searching the bundled {SR_RELEASE_NAME} data.")
        return None
    types = sidebar.multiselect("FDC data types", list(DATA_TYPES), default=list(DEFAULT_SEARCH_TYPES),
                                key="fdc_types", help="Branded foods carry label data and swamp plain searches.")
    status = "connected with the demo key (30 requests an hour)" if demo else "connected"
    limit = client.rate_limit
    if client.blocked_until and client.blocked_until > datetime.now(timezone.utc):
        status = str(FdcRateLimited(client.blocked_until))
    elif fdc_error:
        status = f"offline fallback: {plain(fdc_error)}"
    elif limit and limit.remaining is not None:
        status += f"; {limit.remaining} requests left this hour"
    sidebar.caption(f"FoodData Central: {status}. Bundled {SR_RELEASE_NAME} is the fallback.")
    if limit and limit.running_low:
        sidebar.warning(f"Only {limit.remaining} FoodData Central requests left this hour; repeated searches "
                        "come from the cache.")
    return tuple(types) or DEFAULT_SEARCH_TYPES


# ---- plan header: name, days ---------------------------------------------------------------

def plan_header_ui(store: PlanStore, catalog: FoodCatalog) -> int:
    plan = state.current_plan()
    saved = st.session_state["plan_id"] is not None
    left, right = st.columns([3, 2])
    with left:
        with st.form("name_form", border=False):
            name = st.text_input("Plan name", value="" if plan.name == state.UNTITLED else plan.name,
                                 placeholder="e.g. Client A — current diet", max_chars=200)
            if st.form_submit_button("Save a copy under this name" if saved else "Save this plan"):
                state.name_plan(store, name)
                st.rerun()
        if not saved:
            st.caption("Not saved yet: the plan lives in this browser tab.")
        elif st.session_state["keeps_plans"]:
            st.caption("Saved: it keeps itself up to date; this page's address reopens it.")
        else:
            st.caption("Saved in this tab only: download its plan file to keep it.")
        save_prompts_ui(store)
    with right:
        labels = [day.label for day in plan.days]
        index = st.selectbox("Day", range(len(labels)), format_func=lambda i: labels[i],
                             index=st.session_state["day_index"])
        st.session_state["day_index"] = index
        c1, c2, c3 = st.columns(3)
        c1.button("Add a day", on_click=state.add_days, args=(store, catalog, False), width="stretch")
        c2.button("Copy this day", on_click=state.add_days, args=(store, catalog, True), width="stretch")
        c3.button("Remove day", on_click=state.drop_day, args=(store, catalog), disabled=len(labels) < 2,
                  width="stretch")
    return index


def _meals(plan: Plan, day_index: int) -> list[str]:
    names = [meal.name for meal in plan.days[day_index].meals]
    return names + [m for m in DEFAULT_MEALS if m not in names]


def _food_label(food: Food) -> str:
    b12 = "B12 unknown" if food.b12_ug_per_100g is None else f"{food.b12_ug_per_100g:g} µg B12/100 g"
    return f"{food.description} — {b12} — {food.source}"


# ---- adding foods --------------------------------------------------------------------------------

@st.fragment
def add_food_ui(store: PlanStore, catalog: FoodCatalog, index: SearchIndex, client: FdcClient | None,
                data_types: tuple[str, ...] = DEFAULT_SEARCH_TYPES) -> None:
    """Search and add: reruns only this panel until something is added."""
    ss = st.session_state
    plan = state.current_plan()
    profile = plan.profile
    with st.form("search_form", border=False):
        query = st.text_input("Search foods", placeholder="e.g. milk, eggs, salmon, soy milk, cereal",
                              help="Plurals, 'soy milk' or 'soymilk', and common names all work; press Enter.")
        c1, c2 = st.columns(2)
        only_diet = c1.checkbox(f"Only foods for this diet ({profile.diet.value})", value=True)
        apply_words = c2.checkbox("Leave out my leave-out words", value=True, disabled=not profile.exclude,
                                  help="The words set in the sidebar, e.g. soy or milk.")
        if st.form_submit_button("Search"):
            try:
                searched = search_foods(query, index, client, diet=profile.diet if only_diet else None,
                                        leave_out=profile.exclude if apply_words else (), data_types=data_types)
            except QueryError as error:
                st.warning(plain(error))
            else:
                status_changed = ss.get("search_message") != searched.fallback
                ss["search_found"], ss["search_message"] = searched, searched.fallback
                ss["search_count"] = ss.get("search_count", 0) + 1  # new results: a fresh pick list
                if status_changed:
                    st.rerun(scope="app")  # the sidebar's data-source status must say so too
    found: FoodSearchResult | None = ss.get("search_found")
    if found is None:
        return
    if found.fallback:
        st.info(plain(found.fallback))
    result = found.result
    if result.message:
        st.info(result.message)
    if not result.matches:
        _not_in_data_ui(client)
    if not result.foods:
        return
    results: list[Food] = list(result.foods)
    hidden = result.hidden_by_diet + result.hidden_by_exclusions
    st.caption(f"{len(results)} of {result.shown_of} match{'es' if result.shown_of != 1 else ''} "
               f"from {found.origin}" + (f"; {hidden} more hidden by your diet or leave-out words "
                                         "(untick above to see them)" if hidden else ""))
    food = st.selectbox("Food", results, format_func=_food_label, key=f"pick_food_{ss.get('search_count', 0)}")
    if food.unreliable:
        st.warning(f"{plain(food.description)} is not a reliable B12 source (seaweed, algae, tempeh and mushrooms "
                   "hold inactive analogues or variable amounts): it counts as 0 µg.")
    if food.check_label:
        st.caption("Check the label: minor ingredients (honey, milk powder, gelatin, vitamin D3) are unknown.")
    if food.data_age_note():
        st.caption(f"{food.data_age_note()}.")
    c1, c2, c3 = st.columns([3, 1, 2])
    portions = [p.label for p in food.portions] + ["grams"]
    portion = c1.selectbox("Portion", portions, key=f"pick_portion_{food.id}",
                           format_func=lambda p: p if p == "grams" else f"{p} ({food.portion(p).grams:g} g)")
    if portion == "grams":
        amount = c2.number_input("Grams", min_value=1.0, max_value=5000.0, value=100.0, step=10.0, key="pick_grams")
    else:
        amount = c2.number_input("How many", min_value=0.25, max_value=50.0, value=1.0, step=0.5, key="pick_count")
    meal = c3.selectbox("Meal", _meals(plan, ss["day_index"]), key="pick_meal")
    grams = amount if portion == "grams" else food.portion(portion).grams * amount
    b12 = food.b12_ug(grams)
    st.caption(plain(f"= {grams:g} g → B12 {'unknown' if b12 is None else f'{b12:.2f} µg'} ({food.source})"))
    if st.button("Add to plan", type="primary", key="add_food"):
        state.add_food(store, catalog, food, meal, None if portion == "grams" else portion, float(amount))
        st.rerun(scope="app")


def _not_in_data_ui(client: FdcClient | None) -> None:
    """The two ways forward when the bundled data lacks a food: FoodData Central, or its label."""
    if client is None:
        st.caption("FoodData Central has far more foods, brands included: set an FDC API key (see README) to "
                   "search it here.")
    else:
        st.caption("Turn on 'Search USDA FoodData Central (live)' in the sidebar to search it.")
    if st.button("Add a food from its label", key="open_custom_food", on_click=st.session_state.__setitem__,
                 args=("show_custom", True)):
        st.rerun(scope="app")  # the form lives outside this fragment


def add_supplement_ui(store: PlanStore, catalog: FoodCatalog) -> None:
    plan = state.current_plan()
    with st.form("supplement_form", clear_on_submit=False):
        c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
        name = c1.text_input("Supplement", value="B12 (cyanocobalamin)")
        ug = c2.number_input("µg per dose", min_value=0.1, max_value=100000.0, value=10.0, step=5.0)
        every = c3.selectbox("Every", ["day", "week"])
        meal = c4.selectbox("With", _meals(plan, st.session_state["day_index"]))
        if st.form_submit_button("Add supplement"):
            state.add_supplement(store, catalog, name, ug, every, meal)
            st.rerun()


def add_custom_food_ui(store: PlanStore, catalog: FoodCatalog) -> None:
    plan = state.current_plan()
    with st.form("custom_food_form"):
        st.markdown("**A food from its label** — for products not in the USDA data.")
        c1, c2 = st.columns([3, 1])
        name = c1.text_input("Name on the label", placeholder="e.g. Oat drink, fortified")
        serving = c2.number_input("Serving size (g or ml)", min_value=1.0, max_value=5000.0, value=250.0)
        c3, c4, c5 = st.columns([1, 1, 2])
        b12 = c3.number_input("B12 per serving", min_value=0.0, max_value=100000.0, value=0.0, step=0.1)
        unit = c4.selectbox("as", list(LABEL_UNITS), format_func=lambda value: LABEL_UNITS[value])
        basis = c5.selectbox("Label's Daily Value for B12", [DailyValueBasis.CURRENT.value, DailyValueBasis.BEFORE_2020.value],
                             format_func=lambda v: f"{v:g} µg ({'labels since 2020' if v == 2.4 else 'labels before 2020'})")
        c6, c7, c8, c9 = st.columns([2, 1, 1, 2])
        diet = c6.selectbox("Suits", [m.value for m in DietMode], help="The most inclusive diet it fits.")
        fortified = c7.checkbox("Fortified", value=True)
        count = c8.number_input("Servings", min_value=0.25, max_value=50.0, value=1.0, step=0.5)
        meal = c9.selectbox("Meal", _meals(plan, st.session_state["day_index"]))
        if st.form_submit_button("Add food from label"):
            state.add_custom_food(store, catalog, {"name": name, "serving_g": serving, "b12": b12, "unit": unit,
                                                   "basis": basis, "diet": diet, "fortified": fortified,
                                                   "count": count, "meal": meal})
            st.rerun()


# ---- the day's items -------------------------------------------------------------------------------

def items_table_ui(store: PlanStore, catalog: FoodCatalog, totals: PlanTotals, day_index: int) -> None:
    plan = state.current_plan()
    rows, refs = day_rows(plan, day_index, totals.days[day_index])
    if not rows:
        st.info("Nothing planned for this day yet: search for a food above, or use a suggestion below.")
        return
    meals = _meals(plan, day_index)
    key = f"items_{st.session_state['editor_version']}"
    st.data_editor(
        pd.DataFrame(rows, columns=COLUMNS), key=key, hide_index=True, num_rows="fixed",
        disabled=["Item", "Unit", "B12 (µg)", "Source"],
        column_config={
            "Meal": st.column_config.SelectboxColumn("Meal", options=meals, required=True),
            "Amount": st.column_config.NumberColumn("Amount", min_value=0.0, help="Servings, grams or µg (see Unit)"),
            "B12 (µg)": st.column_config.NumberColumn("B12 (µg)", format="%.2f µg"),
            "Source": st.column_config.TextColumn("Source (dataset and id)", width="medium"),
            "Remove": st.column_config.CheckboxColumn("Remove"),
        },
        on_change=state.apply_table_edits, args=(store, catalog, key, refs, meals))


# ---- the gap -----------------------------------------------------------------------------------------

def gap_ui(totals: PlanTotals, day_index: int) -> None:
    target = totals.target
    day = totals.days[day_index]
    c1, c2, c3 = st.columns(3)
    c1.metric(f"B12 eaten, {plain(day.label)}", intake_text(day.total_ug, day.unknown_items).split(";")[0],
              help="; ".join(intake_text(day.total_ug, day.unknown_items).split("; ")[1:]) or None)
    ear = f", EAR {target.ear_ug:g} µg" if target.ear_ug is not None else ""
    c2.metric("Target", f"{target.target_ug:g} µg", help=f"{target.kind.value}{ear} — {target.source}",
              delta=f"{day.total_ug - target.target_ug:+.2f} µg", delta_color="normal")
    c3.metric("Absorbed (estimate)", f"{day.absorbed_ug:.2f} µg",
              delta=f"goal {totals.absorption_goal_ug:.2f} µg", delta_color="off")
    for warning in day.warnings:  # a rule for this person, whatever the target says
        st.warning(plain(warning), icon="⚠️")
    STATUS_BOX[day.status](status_text(day.status, target) + " "
                           + absorption_status_text(day.absorption_status, totals.absorption_goal_ug)
                           + (f" {day.unknown_items} item(s) have no B12 value, so the total is a minimum."
                              if day.unknown_items else ""))
    st.caption("Absorption: intrinsic factor takes up at most about 1.5 µg per meal, so B12 spread over "
               f"meals is absorbed better; the goal is {totals.absorption_goal_ug:.2f} µg because "
               f"{totals.absorption_basis}.")
    if len(totals.days) > 1:
        average = totals.average
        st.markdown(f"**Average of {len(totals.days)} days:** {intake_text(average.total_ug, average.unknown_items)}, "
                    f"absorbed ≈ {average.absorbed_ug:.2f} µg — {status_text(average.status, target)} "
                    f"{absorption_status_text(average.absorption_status, totals.absorption_goal_ug)}")
    if any(meal.items or meal.total_ug for meal in day.meals):
        c4, c5 = st.columns(2)
        c4.markdown("**B12 by food (µg)**")
        c4.altair_chart(by_food_chart(day), width="stretch")
        c5.markdown("**B12 by meal (µg)** — dashed line: the daily target")
        c5.altair_chart(by_meal_chart(day, target.target_ug), width="stretch")
    for note in totals.notes:
        if "does not help" in note or "does not suit" in note:
            st.warning(plain(note))


# ---- act: suggestions --------------------------------------------------------------------------------

def _least_b12_meal(totals_day, meals: Sequence[str]) -> str:
    """Of the meals a food fits, the one with the least B12 so far (B12 spread is absorbed better)."""
    by_meal = {meal.name: meal.total_ug for meal in totals_day.meals}
    return min(meals, key=lambda m: (by_meal.get(m, 0.0), meals.index(m)))


def act_ui(store: PlanStore, catalog: FoodCatalog, result: Suggestions, totals: PlanTotals, day_index: int) -> None:
    st.caption(DISCLAIMER)
    if result.needs_clinician:
        st.error(plain(CLINICIAN_NOTE), icon="🩺")
    for note in result.notes[1:]:
        if note != CLINICIAN_NOTE:
            st.info(plain(note))
    if result.plan:
        st.markdown(f"**A day plan** — brings this day to {result.total_after_ug:.2f} µg "
                    f"(absorbed ≈ {result.absorbed_after_ug:.2f} µg): "
                    f"{status_text(result.status_after, result.target)} "
                    f"{absorption_status_text(result.absorption_status_after, result.absorption_goal_ug)}")
        for position, addition in enumerate(result.plan):
            c1, c2 = st.columns([5, 1])
            amount = f"{addition.description}, {addition.ug_text}" if addition.every else \
                f"{addition.description} — {addition.serving.label}" + (f" × {addition.count:g}" if addition.count != 1 else "")
            c1.markdown(plain(f"{addition.meal}: {amount} — {addition.b12_ug:.2f} µg"))
            c2.button("Add", key=f"plan_add_{position}", on_click=state.add_plan_additions,
                      args=(store, catalog, [addition]))
        st.button("Add the whole day plan", type="primary", on_click=state.add_plan_additions,
                  args=(store, catalog, list(result.plan)))
    if not result.sources:
        return
    day = totals.days[day_index]
    st.markdown(f"**Everyday sources for this diet ({result.target.life_stage})**, gap {result.gap_ug:.2f} µg, "
                "per serving for this person; the USDA value per 100 g and its source below each.")
    for position, source in enumerate(result.sources):
        c1, c2 = st.columns([5, 1])
        flags = [word for word, on in (("fortified", source.food.fortified),
                                       ("check the label", source.food.check_label)) if on]
        more = f" · +{source.more_like_this} more like this" if source.more_like_this else ""
        kcal = "" if source.kcal_per_serving is None else f" · {source.kcal_per_serving:.0f} kcal"
        caveat = f" · {source.caveat}" if source.caveat else ""
        c1.markdown(f"{plain(source.food.description)} — **{source.b12_ug_per_serving:.2f} µg** per "
                    f"{plain(source.serving.label)} ({source.pct_target_per_serving:.0f} % of target{kcal})"
                    f"{' · ' + ', '.join(flags) if flags else ''}{more}  \n"
                    f"<small>{source.food.b12_ug_per_100g:g} µg/100 g · {plain(source.food.source)}"
                    f"{plain(caveat)}</small>", unsafe_allow_html=True)
        meal = _least_b12_meal(day, source.meals)
        c2.button(f"Add to {meal}", key=f"source_add_{position}", on_click=state.add_source,
                  args=(store, catalog, source.food, source.serving, meal),
                  help=f"Add {source.serving.label} of {source.food.description} to {meal}")
    if result.supplements:
        st.markdown("**Supplement options:** " + " · ".join(plain(f"{o.description} ({o.why})")
                                                            for o in result.supplements))


def save_prompts_ui(store: PlanStore) -> None:
    """The questions a save can raise: replace a plan of the same name; a plan changed elsewhere."""
    ss = st.session_state
    pending = ss.get("pending_replace")
    if pending:
        st.warning(f"There is already a plan named '{plain(pending['name'])}'. Replace it with the plan on screen?")
        c1, c2 = st.columns(2)
        c1.button("Replace it", key="confirm_replace", on_click=state.replace_saved, args=(store,))
        c2.button("Keep both (choose another name)", key="cancel_replace", on_click=state.cancel_replace)
    if ss.get("conflict"):
        st.warning("This plan changed elsewhere — reload it, or save yours as a copy under a new name above.")
        st.button("Reload the saved plan", key="reload_saved", on_click=state.reload_saved, args=(store,))


# ---- dietitian mode, export, import ---------------------------------------------------------------

def clients_ui(store: PlanStore) -> None:
    ss = st.session_state
    sidebar = st.sidebar
    sidebar.header("Clients")
    try:
        clients = {client.id: client for client in store.clients(ss["owner"])}
        saved = store.plans_for(ss["owner"], ss["client_id"])
    except PlannerError as error:
        sidebar.warning(str(error))
        return
    options = [""] + list(clients)  # "": the dietitian's own plans
    ss["client_pick"] = ss["client_id"] if ss["client_id"] in clients else ""  # follows the open plan
    chosen = sidebar.selectbox("Client", options, key="client_pick",
                               format_func=lambda c: clients[c].name if c else "Myself",
                               on_change=state.choose_client, args=(store, "client_pick"))
    with sidebar.form("new_client", clear_on_submit=True, border=False):
        st.text_input("New client", placeholder="e.g. Client A", max_chars=200, key="new_client_name")
        st.form_submit_button("Add client", on_click=state.add_client, args=(store, "new_client_name"))
    if saved:
        names = {record.id: record.name for record in saved}
        plan_id = sidebar.selectbox("Open a saved plan", list(names), format_func=names.__getitem__, key="open_plan_id")
        sidebar.button("Open", on_click=state.open_saved, args=(store, plan_id))
    if chosen:
        name = clients[chosen].name
        confirm = sidebar.checkbox(f"Yes, delete every saved plan of {plain(name)}",
                                   key=f"confirm_delete_{chosen}")
        sidebar.button("Delete this client's data", disabled=not confirm, on_click=state.delete_client,
                       args=(store, chosen, name))


def _saved_label(record: PlanRecord) -> str:
    return record.name if record.client_name is None else f"{record.name} — {record.client_name}"


def my_plans_ui(store: PlanStore) -> None:
    """Every saved plan of this person: open, rename, duplicate, delete (with a confirmation)."""
    ss = st.session_state
    try:
        records = store.plans(ss["owner"])
    except PlannerError as error:
        st.error(str(error))
        return
    if not records:
        st.info("No saved plans yet. Name a plan under “Plan a day” to keep it here.")
        return
    st.dataframe(pd.DataFrame([{"Plan": r.name, "For": r.client_name or "Myself",
                                "Last saved": r.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")}
                               for r in records]), hide_index=True, width="stretch")
    by_id = {record.id: record for record in records}
    plan_id = st.selectbox("Saved plan", list(by_id), format_func=lambda i: _saved_label(by_id[i]), key="my_plan_id")
    chosen = by_id[plan_id]
    st.button("Open", key="my_open", type="primary", on_click=state.open_saved, args=(store, plan_id))
    c1, c2 = st.columns(2)
    with c1.form(f"rename_{plan_id}", border=False):
        new_name = st.text_input("New name", value=chosen.name, max_chars=200)
        if st.form_submit_button("Rename"):
            state.rename_saved(store, plan_id, new_name)
            st.rerun()
    with c2.form(f"duplicate_{plan_id}", border=False):
        copy_name = st.text_input("Name of the copy", value=f"{chosen.name} (copy)"[:200], max_chars=200)
        if st.form_submit_button("Duplicate"):
            state.duplicate_saved(store, plan_id, copy_name)
            st.rerun()
    confirm = st.checkbox(f"Yes, delete '{plain(chosen.name)}'", key=f"confirm_delete_plan_{plan_id}")
    st.button("Delete plan", key="my_delete", disabled=not confirm, on_click=state.delete_saved,
              args=(store, plan_id, chosen.name))


def compare_ui(store: PlanStore, catalog: FoodCatalog, totals_of) -> None:
    """Two or more scenarios side by side: saved plans of this client and the one open now."""
    ss = st.session_state
    st.markdown("Compare scenarios for one person, e.g. *current diet* vs *with fortified soy milk at "
                "breakfast*. Saving a copy under a new name makes a scenario; the copy becomes the open "
                "plan, so later changes go to it.")
    with st.form("scenario_form", border=False):
        name = st.text_input("Save a copy of the open plan as", placeholder="with fortified soy milk at breakfast",
                             max_chars=200)
        if st.form_submit_button("Save scenario"):
            state.name_plan(store, name)
            st.rerun()
    save_prompts_ui(store)
    try:
        saved = {record.id: record.name for record in store.plans_for(ss["owner"], ss["client_id"])}
    except PlannerError as error:
        st.error(str(error))
        return
    if len(saved) < 2:
        st.info("Save at least two scenarios to compare them.")
        return
    chosen = st.multiselect("Scenarios", list(saved), default=list(saved)[:2], format_func=saved.__getitem__)
    if len(chosen) < 2:
        st.info("Pick two or more scenarios.")
        return
    columns = st.columns(len(chosen))
    for column, plan_id in zip(columns, chosen, strict=True):
        try:
            plan = store.load(ss["owner"], plan_id).plan
        except PlannerError as error:
            column.error(plain(error))
            continue
        totals = totals_of(plan)
        average = totals.average
        with column:
            st.subheader(plain(plan.name))
            st.caption(f"{plan.profile.age_years} y, {plan.profile.sex.value}, {plan.profile.diet.value}; "
                       f"target {totals.target.target_ug:g} µg ({totals.target.kind.value})")
            st.metric("Average intake", intake_text(average.total_ug, average.unknown_items).split(";")[0])
            st.metric("Absorbed (estimate)", f"{average.absorbed_ug:.2f} µg")
            STATUS_BOX[average.status](status_text(average.status, totals.target))
            frame = pd.DataFrame([{"Day": d.label, "Meal": m.name, "Item": i.description,
                                   "B12 (µg)": None if i.b12_ug is None else round(i.b12_ug, 2), "Source": i.source}
                                  for d in totals.days for m in d.meals for i in m.items])
            st.dataframe(frame, hide_index=True, width="stretch")


DOWNLOADS = ((ExportFormat.JSON, "Plan file (JSON)", None), (ExportFormat.CSV, "Table (CSV)", None),
             (ExportFormat.HTML, "Printable report (HTML)", "Open it in a browser and print, or save as PDF."))


def export_import_ui(catalog: FoodCatalog, day_index: int) -> None:
    plan = state.current_plan()
    slug = slugify(plan.name)
    # Files are built when a button is clicked, not on every rerun, by the function that
    # `python -m planner export` uses too: the same bytes either way.
    for column, (kind, label, help_text) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, strict=True):
        column.download_button(label, partial(export_file, plan, catalog, kind, day_index),
                               file_name=f"{slug}.{kind.value}", mime=EXPORT_MIME[kind], on_click="ignore",
                               width="stretch", help=help_text)
    st.file_uploader("Open a plan file", type=["json"], key="upload_plan", max_upload_size=1,
                     on_change=state.import_plan_file, args=(catalog, "upload_plan"),
                     help="A bad file is refused with the reason; your current plan stays as it is.")


# ---- learn ---------------------------------------------------------------------------------------------

LEARN_TEXT = """
**Why B12 matters.** Vitamin B12 (cobalamin) keeps nerves working and helps make red blood cells and DNA.
The body stores several years' worth, so a shortfall can take a long time to show.

**Who is at risk.** People who eat few or no animal foods (vegetarians and vegans); people over 50, many of
whom absorb the B12 in food poorly; people with pernicious anaemia (no intrinsic factor), stomach or bowel
surgery (for example bariatric surgery), Crohn's or coeliac disease; long-term users of metformin, acid-reducing
medicines (proton-pump inhibitors, H2 blockers); heavy alcohol use; nitrous oxide use, which inactivates B12;
and babies breastfed by mothers who lack B12.

**Signs of deficiency.** Tiredness, weakness, headaches, low mood, pale skin and a fast pulse (anaemia);
numbness or tingling, poor balance (nerve damage); memory problems. These have many causes.

**Tests a clinician may use.** A full blood count, serum B12, methylmalonic acid (MMA) and homocysteine.

**Treatment.** B12 by mouth or by injection, as a clinician decides; recovery of nerve symptoms can take
6–12 months.

**Where B12 comes from.** Animal foods (clams, liver, fish, meat, dairy, eggs), and fortified foods such as
breakfast cereals, plant milks, nutritional yeast and meat alternatives. Seaweed (nori), algae (spirulina),
tempeh and mushrooms are not reliable sources.
"""


def learn_ui() -> None:
    st.markdown(LEARN_TEXT)
    st.warning("This app plans intake from food composition data. It does not diagnose or treat anything: "
               "if you are worried about B12, talk to a doctor.")
