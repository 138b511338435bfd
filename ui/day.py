"""The "Plan a day" view, as four fragments: the plan's header, the day's summary, the add
panel, and the day's details (four panels, one shown at a time: table, charts, suggestions,
files; choosing another reruns the details alone).

A change reruns only what it changes, measured in bench/browser.py: an add, a table edit or a
suggestion reruns the summary and the details (every figure computed from the plan, drawn from
the same plan in one run), not the sidebar, the header or the add panel; a search or a pick
reruns the add panel alone; a change of days reruns the view. A change that replaces the plan
(a file opened, a saved plan reloaded) reruns the whole page, since the sidebar shows the plan's
profile. The summary comes first, so the new total is what the browser draws first.

Buttons and the table that change the plan sit in small fragments of their own inside those
(add_button, items_editor, plan_buttons, source_buttons): Streamlit first reruns the fragment of
the widget used, so a click redraws only that button row, not the whole panel, before the figures.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Sequence

import pandas as pd
import streamlit as st

from planner.custom import DailyValueBasis, LabelUnit
from planner.errors import QueryError
from planner.fdc.client import FdcClient
from planner.fdc.protocol import DEFAULT_SEARCH_TYPES
from planner.food import DietMode, Food
from planner.notes import AdviceDisclaimer, ClinicianNeeded, DietMismatch, NotReliable
from planner.plan import DEFAULT_MEALS, Plan
from planner.results import DayTotal, PlanAddition, PlanTotals, Source, Suggestions
from planner.search import SearchIndex
from planner.snapshot import SR_RELEASE_NAME, FoodCatalog
from planner.sources import FoodSearchResult, search_foods
from planner.store import PlanStore
from planner.wording import (
    GUIDANCE,
    REPORT_DISCLAIMER,
    absorption_progress_text,
    addition_text,
    caveats_text,
    empty_day_text,
    fallback_text,
    food_data_age,
    gap_text,
    goal_basis_text,
    intake_amount,
    intake_text,
    micrograms,
    note_text,
    supplement_amount,
    unknown_items_text,
    unknown_minimum_text,
    verdict_text,
)
from ui import state
from ui.charts import bars_html, food_bars, meal_bars, short_label
from ui.messages import ADD, DAY, LABEL_FORM, SUPPLEMENT_FORM, TABLE, show
from ui.plans import STATUS_BOX, absorbed_metric, export_import_ui, save_prompts_ui, target_metric
from ui.table import COLUMNS, RowRef, amount_words, day_rows, items_table_html, table_html
from ui.text import plain

# The view's fragments, and which of them a change reruns.
PLAN_HEADER, SUMMARY, ADD_PANEL, DETAILS = "plan_header", "day_summary", "add_panel", "day_details"
DETAIL_PANEL = "detail_panel"  # the shown panel's name, in session state
SHOWN_PANEL = "shown_panel"  # the panel's container (CSS class st-key-shown_panel)
EDIT_ITEMS = "edit_items"  # the day's items as an editable grid, not a table to read
DETAIL_PANELS = ("What is planned", "Where the B12 comes from", "What to add", "Save, export, open")
FIGURES = [SUMMARY, DETAILS]  # everything computed from the plan: after an add, an edit, a suggestion
WHOLE_DAY = [PLAN_HEADER, SUMMARY, ADD_PANEL, DETAILS]  # after days are added, removed or switched
LABEL_UNITS = {LabelUnit.MICROGRAMS.value: "µg", LabelUnit.PERCENT_DV.value: "% Daily Value"}
DV_BASES = {DailyValueBasis.CURRENT.value: "labels since 2020", DailyValueBasis.BEFORE_2020.value: "labels before 2020"}
SuggestionsOf = Callable[[PlanTotals, Plan, int], Suggestions]


def plan_view(store: PlanStore, catalog: FoodCatalog, index: SearchIndex, client: FdcClient | None,
              data_types: tuple[str, ...] | None, suggestions_of: SuggestionsOf) -> None:
    """"Plan a day": the header, the day's summary, the add panel and the day's details, each a
    fragment, so a change redraws only the parts it changes (see FIGURES and WHOLE_DAY)."""
    plan_header(store, catalog)
    day_summary(store, catalog)
    add_panel(store, catalog, index, client if data_types is not None else None, data_types or DEFAULT_SEARCH_TYPES)
    day_details(store, catalog, suggestions_of)


@st.fragment(key=SUMMARY)
def day_summary(store: PlanStore, catalog: FoodCatalog) -> None:
    save_prompts_ui(store)
    day_index = st.session_state["day_index"]
    totals = state.current_totals(catalog)
    st.header(f"{plain(totals.days[day_index].label)} at a glance")
    summary_ui(totals, day_index)


@st.fragment(key=ADD_PANEL)
def add_panel(store: PlanStore, catalog: FoodCatalog, index: SearchIndex, client: FdcClient | None,
              data_types: tuple[str, ...]) -> None:
    """Search, pick and add; supplements; foods from a label. Searching and picking rerun this panel
    only; an add reruns the figures (see _refresh_after)."""
    st.header("Add to the day")
    add_food_ui(store, catalog, index, client, data_types)
    if st.toggle("Add a supplement", key="show_supplement"):
        add_supplement_ui(store, catalog)
    if st.toggle("Add a food from its label", key="show_custom"):
        add_custom_food_ui(store, catalog)


@st.fragment(key=DETAILS)
def day_details(store: PlanStore, catalog: FoodCatalog, suggestions_of: SuggestionsOf) -> None:
    """One of four panels, chosen above it; only the one shown is computed and drawn, so an add
    redraws the summary and one panel, not four. A segmented control, not lazy st.tabs: in
    bench/browser.py the tab bar alone added about 30 ms to every add, the control next to none."""
    ss = st.session_state
    day_index = ss["day_index"]
    totals = state.current_totals(catalog)
    ss[EDIT_ITEMS] = ss.get(EDIT_ITEMS, False)  # kept while another panel is shown (else it would reset)
    st.header("The day in detail")
    shown = st.segmented_control("Show", DETAIL_PANELS, default=DETAIL_PANELS[0], required=True, key=DETAIL_PANEL,
                                 label_visibility="collapsed")
    with st.container(key=SHOWN_PANEL):
        if shown == DETAIL_PANELS[0]:
            items_table_ui(store, catalog, totals, day_index)
        elif shown == DETAIL_PANELS[1]:
            sources_ui(totals, day_index)
        elif shown == DETAIL_PANELS[2]:
            act_ui(store, catalog, suggestions_of(totals, state.current_plan(), day_index), totals.days[day_index])
        else:
            export_import_ui(catalog, day_index)


def _figures_after(change: Callable[..., None], *args: object) -> None:
    """A change asked from the details (a table edit, a suggestion): the summary and the details rerun."""
    change(*args)
    st.rerun(FIGURES)


def _refresh_after(before: Plan, clear_form: Sequence[str] = ()) -> None:
    """After an add from the add panel: the figures rerun when the plan changed; the panel itself only
    when it has something to show (a refusal beside the button, a form cleared for the next entry)."""
    changed = state.current_plan() is not before
    if changed and clear_form:
        _clear(clear_form)
    keys = (FIGURES if changed else []) + ([ADD_PANEL] if clear_form or not changed else [])
    st.rerun(keys)


# ---- plan header: name, days ---------------------------------------------------------------

@st.fragment(key=PLAN_HEADER)
def plan_header(store: PlanStore, catalog: FoodCatalog) -> None:
    """The plan's name and its days. Its own fragment: an add or an edit does not redraw it."""
    ss = st.session_state
    plan = state.current_plan()
    saved = ss["plan_id"] is not None
    left, right = st.columns([3, 2])
    with left:
        with st.form("name_form", border=False):
            name = st.text_input("Plan name", value="" if plan.name == state.UNTITLED else plan.name,
                                 placeholder="e.g. Client A — current diet", max_chars=200)
            if st.form_submit_button("Save a copy under this name" if saved else "Save this plan"):
                state.name_plan(store, name)
                st.rerun()  # the sidebar's list of saved plans changes too
        if not saved:
            st.caption("Not saved yet: the plan lives in this browser tab.")
        elif ss["keeps_plans"]:
            st.caption("Saved: it keeps itself up to date; this page's address reopens it.")
        else:
            st.caption("Saved in this tab only: download its plan file to keep it.")
    with right:
        labels = [day.label for day in plan.days]
        ss["day_index"] = min(ss["day_index"], len(labels) - 1)
        ss["day_pick"] = ss["day_index"]  # follows days added, removed or opened elsewhere
        st.selectbox("Day", range(len(labels)), format_func=lambda i: labels[i], key="day_pick",
                     on_change=_days_changed, args=(state.pick_day, "day_pick"))
        c1, c2, c3 = st.columns(3)
        c1.button("Add a day", on_click=_days_changed, args=(state.add_days, store, catalog, False), width="stretch")
        c2.button("Copy this day", on_click=_days_changed, args=(state.add_days, store, catalog, True),
                  width="stretch")
        c3.button(f"Remove {plain(labels[ss['day_index']])}", key="remove_day", on_click=_days_changed,
                  args=(state.drop_day, store, catalog), disabled=len(labels) < 2, width="stretch")


def _days_changed(change: Callable[..., None], *args: object) -> None:
    """Days added, removed or switched: the view reruns, not the sidebar."""
    change(*args)
    st.rerun(WHOLE_DAY)


def meal_choices(plan: Plan, day_index: int) -> list[str]:
    names = [meal.name for meal in plan.days[day_index].meals]
    return names + [m for m in DEFAULT_MEALS if m not in names]


# ---- the summary: the total, the gap, absorption -------------------------------------------------

def summary_ui(totals: PlanTotals, day_index: int) -> None:
    """The day's figures in words: "2.2 µg short of 2.4 µg", never a signed arrow."""
    show(DAY)
    target = totals.target
    day = totals.days[day_index]
    c1, c2, c3 = st.columns(3)
    c1.metric("B12 eaten", intake_amount(day.total_ug, day.unknown_items),
              help=unknown_items_text(day.unknown_items) or "From the USDA values of the planned items.")
    with c2:
        target_metric(target, day.total_ug)
    with c3:
        absorbed_metric(day.absorbed_ug, totals.goal)
    for warning in day.warnings:  # a rule for this person, whatever the target says
        st.warning(plain(note_text(warning)), icon="⚠️")
    if day.empty:
        st.info(plain(empty_day_text(day)))
    else:
        STATUS_BOX[day.status](plain(verdict_text(day.status, day.absorption_status, target,
                                                  totals.absorption_goal_ug)
                                     + unknown_minimum_text(day.unknown_items)))
    if len(totals.days) > 1:
        average = totals.average
        st.markdown(plain(f"Average of {len(totals.days)} days: {intake_text(average.total_ug, average.unknown_items)} "
                          f"({gap_text(average.total_ug, target.target_ug)}), absorbed about "
                          f"{absorption_progress_text(average.absorbed_ug, totals.absorption_goal_ug)}."))
    for note in totals.notes:
        if isinstance(note, (NotReliable, DietMismatch)):
            st.warning(plain(note_text(note)))


# ---- adding foods --------------------------------------------------------------------------------

def _food_label(food: Food) -> str:
    b12 = "B12 unknown" if food.b12_ug_per_100g is None else f"{food.b12_ug_per_100g:g} µg B12/100 g"
    return f"{food.description} — {b12} — {food.source}"


def add_food_ui(store: PlanStore, catalog: FoodCatalog, index: SearchIndex, client: FdcClient | None,
                data_types: tuple[str, ...] = DEFAULT_SEARCH_TYPES) -> None:
    """The search form, its results and the Add button (whose callback reruns the figures)."""
    ss = st.session_state
    profile = state.current_plan().profile
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
                status_changed = ss.get("search_message") != searched.unavailable
                ss["search_found"], ss["search_message"] = searched, searched.unavailable
                ss["search_count"] = ss.get("search_count", 0) + 1  # new results: a fresh pick list
                if status_changed:
                    st.rerun(scope="app")  # the sidebar's data-source status must say so too
    found: FoodSearchResult | None = ss.get("search_found")
    if found is not None:
        _results_ui(store, catalog, client, found)


def _results_ui(store: PlanStore, catalog: FoodCatalog, client: FdcClient | None, found: FoodSearchResult) -> None:
    ss = st.session_state
    plan = state.current_plan()
    if found.unavailable:
        st.info(plain(fallback_text(found.unavailable, SR_RELEASE_NAME)))
    result = found.result
    if result.message:
        st.info(plain(result.message))
    if not result.matches:
        _not_in_data_ui(client)
    if not result.foods:
        return
    hidden = result.hidden_by_diet + result.hidden_by_exclusions
    st.caption(f"{len(result.foods)} of {result.shown_of} match{'es' if result.shown_of != 1 else ''} "
               f"from {found.origin}" + (f"; {hidden} more hidden by your diet or leave-out words "
                                         "(untick above to see them)" if hidden else ""))
    food_key = f"pick_food_{ss.get('search_count', 0)}"
    food = st.selectbox("Food", list(result.foods), format_func=_food_label, key=food_key)
    with st.container():  # the notes vary by food; the Add button below keeps its place
        if food.unreliable:
            st.warning(f"{plain(food.description)} is not a reliable B12 source (seaweed, algae, tempeh and "
                       "mushrooms hold inactive analogues or variable amounts): it counts as 0 µg.")
        if food.check_label:
            st.caption("Check the label: minor ingredients (honey, milk powder, gelatin, vitamin D3) are unknown.")
        data_age = food_data_age(food)
        if data_age:
            st.caption(plain(f"{data_age}."))
    c1, c2, c3 = st.columns([3, 1, 2])
    portion_key = f"pick_portion_{food.id}"
    portion = c1.selectbox("Portion", [p.label for p in food.portions] + ["grams"], key=portion_key,
                           format_func=lambda p: p if p == "grams" else f"{p} ({food.portion(p).grams:g} g)")
    if portion == "grams":
        amount_key = "pick_grams"
        amount = c2.number_input("Grams", min_value=1.0, max_value=5000.0, value=100.0, step=10.0, key=amount_key)
    else:
        amount_key = "pick_count"
        amount = c2.number_input("How many", min_value=0.25, max_value=50.0, value=1.0, step=0.5, key=amount_key)
    meal = c3.selectbox("Meal", meal_choices(plan, ss["day_index"]), key="pick_meal")
    grams = amount if portion == "grams" else food.portion(portion).grams * amount
    b12 = food.b12_ug(grams)
    st.caption(plain(f"= {grams:g} g → B12 {'unknown' if b12 is None else micrograms(b12)} ({food.source})"))
    add_button(plain(f"Add {short_label(food.description)} — {amount_words(portion, amount)} to {meal}"),
               store, catalog, food_key, portion_key, amount_key)
    show(ADD)


@st.fragment
def add_button(label: str, store: PlanStore, catalog: FoodCatalog, food_key: str, portion_key: str,
               amount_key: str) -> None:
    """The search's Add button (see the module's note on small fragments)."""
    st.button(label, type="primary", key="add_food", on_click=_add_picked,
              args=(store, catalog, food_key, portion_key, amount_key))


def _add_picked(store: PlanStore, catalog: FoodCatalog, food_key: str, portion_key: str, amount_key: str) -> None:
    """The Add button's callback: reads the pick as submitted with the click, then reruns the figures."""
    ss = st.session_state
    portion = ss[portion_key]
    before = state.current_plan()
    state.add_food(store, catalog, ss[food_key], ss["pick_meal"], None if portion == "grams" else portion,
                   float(ss[amount_key]))
    _refresh_after(before)


def _open_label_form() -> None:
    st.session_state["show_custom"] = True


def _not_in_data_ui(client: FdcClient | None) -> None:
    """The two ways forward when the bundled data lacks a food: FoodData Central, or its label."""
    if client is None:
        st.caption("FoodData Central has far more foods, brands included: set an FDC API key (see README) to "
                   "search it here.")
    else:
        st.caption("Turn on 'Search USDA FoodData Central (live)' in the sidebar to search it.")
    st.button("Add a food from its label", key="open_custom_food", on_click=_open_label_form)


def add_supplement_ui(store: PlanStore, catalog: FoodCatalog) -> None:
    """A dose with the meal it is taken with; the form clears after each add (see _clear)."""
    plan = state.current_plan()
    with st.form("supplement_form", border=True):
        c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
        c1.text_input("Supplement", value="B12 (cyanocobalamin)", key="sup_name", max_chars=200)
        c2.number_input("µg per dose", min_value=0.1, max_value=100000.0, value=10.0, step=5.0, key="sup_ug")
        c3.selectbox("Every", ["day", "week"], key="sup_every")
        c4.selectbox("Taken with", meal_choices(plan, st.session_state["day_index"]), key="sup_meal")
        st.form_submit_button("Add supplement", on_click=_add_supplement_from_form, args=(store, catalog))
    show(SUPPLEMENT_FORM)


SUPPLEMENT_FIELDS = ("sup_name", "sup_ug", "sup_every", "sup_meal")


def _clear(keys: Sequence[str]) -> None:
    """Back to the form's defaults, ready for the next entry (a second submit adds nothing twice)."""
    for key in keys:
        st.session_state.pop(key, None)


def _add_supplement_from_form(store: PlanStore, catalog: FoodCatalog) -> None:
    """Adds the dose; the form clears once it is in the plan, and keeps what was typed if it was refused."""
    ss = st.session_state
    before = state.current_plan()
    state.add_supplement(store, catalog, ss["sup_name"], ss["sup_ug"], ss["sup_every"], ss["sup_meal"],
                         SUPPLEMENT_FORM)
    _refresh_after(before, clear_form=SUPPLEMENT_FIELDS)


def add_custom_food_ui(store: PlanStore, catalog: FoodCatalog) -> None:
    """A food from its label, for products not in the USDA data; the form clears after each add (see _clear)."""
    plan = state.current_plan()
    with st.form("custom_food_form"):
        st.markdown("**A food from its label** — for products not in the USDA data.")
        c1, c2 = st.columns([3, 1])
        c1.text_input("Name on the label", placeholder="e.g. Oat drink, fortified", key="cf_name", max_chars=200)
        c2.number_input("Serving size (g or ml)", min_value=1.0, max_value=5000.0, value=250.0, key="cf_serving")
        c3, c4, c5 = st.columns([1, 1, 2])
        c3.number_input("B12 per serving", min_value=0.0, max_value=100000.0, value=0.0, step=0.1, key="cf_b12")
        c4.selectbox("as", list(LABEL_UNITS), format_func=LABEL_UNITS.__getitem__, key="cf_unit")
        c5.selectbox("Label's Daily Value for B12", list(DV_BASES), key="cf_basis",
                     format_func=lambda v: f"{v:g} µg ({DV_BASES[v]})")
        c6, c7, c8, c9 = st.columns([2, 1, 1, 2])
        c6.selectbox("Suits", [m.value for m in DietMode], help="The most inclusive diet it fits.", key="cf_diet")
        c7.checkbox("Fortified", value=True, key="cf_fortified")
        c8.number_input("Servings", min_value=0.25, max_value=50.0, value=1.0, step=0.5, key="cf_count")
        c9.selectbox("Meal", meal_choices(plan, st.session_state["day_index"]), key="cf_meal")
        st.form_submit_button("Add food from label", on_click=_add_custom_from_form, args=(store, catalog))
    show(LABEL_FORM)


CUSTOM_FIELDS = {"name": "cf_name", "serving_g": "cf_serving", "b12": "cf_b12", "unit": "cf_unit",
                 "basis": "cf_basis", "diet": "cf_diet", "fortified": "cf_fortified", "count": "cf_count",
                 "meal": "cf_meal"}


def _add_custom_from_form(store: PlanStore, catalog: FoodCatalog) -> None:
    before = state.current_plan()
    state.add_custom_food(store, catalog, {field: st.session_state[key] for field, key in CUSTOM_FIELDS.items()},
                          LABEL_FORM)
    _refresh_after(before, clear_form=list(CUSTOM_FIELDS.values()))


# ---- the day's items -------------------------------------------------------------------------------

def items_table_ui(store: PlanStore, catalog: FoodCatalog, totals: PlanTotals, day_index: int) -> None:
    """The day's items as a table to read, or, with "Edit the items" on, as an editable grid. The
    grid redraws far slower after every add (bench/browser.py), so it is there when asked for."""
    plan = state.current_plan()
    rows, refs = day_rows(plan, day_index, totals.days[day_index])
    if not rows:
        st.info("Nothing planned for this day yet: search for a food above, or choose 'What to add' above.")
        show(TABLE)
        return
    if st.toggle("Edit the items", key=EDIT_ITEMS, help="Change amounts or meals, or tick Remove, in the table."):
        items_editor(store, catalog, rows, refs, meal_choices(plan, day_index))
    else:
        st.html(items_table_html(rows))
    show(TABLE)


@st.fragment
def items_editor(store: PlanStore, catalog: FoodCatalog, rows: list[dict[str, Any]], refs: list[RowRef],
                 meals: list[str]) -> None:
    """The day's table, editable (see the module's note on small fragments)."""
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
        on_change=_figures_after, args=(state.apply_table_edits, store, catalog, key, refs, meals))


# ---- where the B12 comes from: charts and words ----------------------------------------------------------

def sources_ui(totals: PlanTotals, day_index: int) -> None:
    """Foods in one chart, meals in another; supplements in words (a weekly dose would dwarf every food)."""
    day = totals.days[day_index]
    foods = food_bars(day)
    supplements = day.supplements
    if not foods and not supplements:
        st.caption("Charts appear once the day has foods with B12.")
        return
    left, right = st.columns(2)
    with left:
        st.subheader("By food (µg)")
        if foods:
            st.html(bars_html(foods, "B12 per food", with_meal=True))
        else:
            st.caption("No food with B12 on this day yet.")
        for item in supplements:
            listed = f", listed on {item.listed_on}" if item.listed_on else ""
            st.markdown(plain(f"Supplement: {item.description}, {supplement_amount(item.b12_ug or 0.0, item.every)}"
                              f"{listed} — counts {micrograms(item.counted_ug)} at its meal."))
    with right:
        st.subheader("By meal (µg)")
        st.html(bars_html(meal_bars(day), "B12 per meal", with_meal=False, target_ug=totals.target.target_ug))
        st.caption("Dashed line: the daily target. Intrinsic factor takes up at most about 1.5 µg per meal, so "
                   f"B12 spread over meals is absorbed better; {goal_basis_text(totals.goal)}.")


# ---- what to add: suggestions --------------------------------------------------------------------------------

SOURCES_TABLE_CLASS = "b12-sources"


@lru_cache(maxsize=256)
def sources_table_html(sources: tuple[Source, ...], shares: tuple[float, ...]) -> str:
    """Each source's serving, µg, share of the target (%) and its USDA origin."""
    rows = []
    for source, share in zip(sources, shares, strict=True):
        flags = [word for word, on in (("fortified", source.food.fortified),
                                       ("check the label", source.food.check_label)) if on]
        notes = ", ".join(flags + ([f"+{source.more_like_this} more like this"] if source.more_like_this else []))
        kcal = "" if source.kcal_per_serving is None else f", {source.kcal_per_serving:.0f} kcal"
        caveat = caveats_text(source.caveats)
        rows.append([f"{source.food.description}{f' ({notes})' if notes else ''}", f"{source.serving.label}{kcal}",
                     micrograms(source.b12_ug_per_serving), f"{share:.0f} %",
                     f"{source.food.b12_ug_per_100g:g} µg/100 g, {source.food.source}{f'; {caveat}' if caveat else ''}"])
    return table_html(SOURCES_TABLE_CLASS, ["Food", "Serving", "B12", "Of the target", "USDA value and source"],
                      rows, numeric={2, 3})


def act_ui(store: PlanStore, catalog: FoodCatalog, result: Suggestions, day: DayTotal) -> None:
    st.caption(REPORT_DISCLAIMER)
    if result.needs_clinician:
        st.error(plain(note_text(ClinicianNeeded())), icon="🩺")
    for note in result.notes:
        if not isinstance(note, (AdviceDisclaimer, ClinicianNeeded)):
            st.info(plain(note_text(note)))
    if result.plan:
        st.subheader("A plan for the rest of the day")
        st.markdown(plain(f"These bring {day.label} to {micrograms(result.total_after_ug)} "
                          f"({gap_text(result.total_after_ug, result.target.target_ug)}), absorbed about "
                          f"{absorption_progress_text(result.absorbed_after_ug, result.absorption_goal_ug)}."))
        plan_buttons(store, catalog, result.plan)
    if result.sources:
        st.subheader("Everyday sources for this diet")
        gap = (f"the gap is {micrograms(result.gap_ug)}" if result.gap_ug > 0 else "this day already meets the target")
        st.markdown(plain(f"Per serving for {result.target.life_stage}; {gap}."))
        st.html(sources_table_html(result.sources, tuple(map(result.share_of_target, result.sources))))
        source_buttons(store, catalog, list(zip(result.sources, result.source_meals)))
    if result.supplements:
        st.markdown("**Supplement options:** " + " · ".join(plain(f"{o.description} ({GUIDANCE[o.why]})")
                                                            for o in result.supplements))


@st.fragment
def plan_buttons(store: PlanStore, catalog: FoodCatalog, additions: Sequence[PlanAddition]) -> None:
    """One Add per step of the day plan, and one for all of them."""
    with st.container(horizontal=True):
        for position, addition in enumerate(additions):
            st.button(plain(f"Add {addition_text(addition, short_label)} to {addition.meal}"), key=f"plan_add_{position}",
                      on_click=_figures_after, args=(state.add_plan_additions, store, catalog, [addition]))
    st.button("Add all of these", type="primary", key="plan_add_all", on_click=_figures_after,
              args=(state.add_plan_additions, store, catalog, list(additions)))


@st.fragment
def source_buttons(store: PlanStore, catalog: FoodCatalog, sources_and_meals: Sequence[tuple[Source, str]]) -> None:
    """One Add per everyday source, to the meal with the least B12 among those the food suits."""
    with st.container(horizontal=True):
        for position, (source, meal) in enumerate(sources_and_meals):
            st.button(plain(f"Add {short_label(source.food.description)} — {source.serving.label} to {meal}"),
                      key=f"source_add_{position}", on_click=_figures_after,
                      args=(state.add_source, store, catalog, source.food, source.serving, meal))
