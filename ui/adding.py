"""The add panel of "Plan a day": search, pick and add a food; a supplement; a food from its label.

Searching and picking rerun this panel only; an add reruns the figures and the pick row, set back
for the next add (ui.reruns.after_add).
The Add button sits in a small fragment of its own, so a click first redraws only that button,
then the figures.
"""

from __future__ import annotations

import streamlit as st

from planner.advice.dayplan import CurrentDay, suited_meal
from planner.custom import DailyValueBasis, LabelUnit
from planner.errors import QueryError
from planner.fdc.client import FdcClient
from planner.food import DietMode, Food
from planner.plan import DEFAULT_MEALS, Plan
from planner.search import SearchIndex
from planner.snapshot import BUNDLED_DATA_NAME
from planner.sources import FoodSearchResult, search_foods
from planner.wording import fallback_text, food_caveats_text, micrograms, search_message, sentence
from ui.actions import PageActions
from ui.charts import short_label
from ui.messages import ADD, LABEL_FORM, SEARCH, SUPPLEMENT_FORM, say, show
from ui.reruns import after_add
from ui.session import Key, food_pick_key, portion_pick_key, round_key
from ui.table import amount_words
from ui.text import plain

LABEL_UNITS = {LabelUnit.MICROGRAMS.value: "µg", LabelUnit.PERCENT_DV.value: "% Daily Value"}
DV_BASES = {DailyValueBasis.CURRENT.value: "labels since 2020", DailyValueBasis.BEFORE_2020.value: "labels before 2020"}
LABEL_FIELDS = {"name": Key.LABEL_NAME, "serving_g": Key.LABEL_SERVING, "b12": Key.LABEL_B12, "unit": Key.LABEL_UNIT,
                "basis": Key.LABEL_BASIS, "diet": Key.LABEL_DIET, "fortified": Key.LABEL_FORTIFIED,
                "count": Key.LABEL_COUNT, "meal": Key.LABEL_MEAL}
GRAMS = "grams"  # the portion choice that means an amount in grams
# The pick row's amounts as each add leaves them. Its widgets keep their keys and get these values, so the
# browser updates them in place: new widgets (a fresh key each add) cost about 16 ms more per add to draw
# (bench/browser_ab.py, docs/benchmarks.md). The pick row sets them as it is drawn: set in the Add's
# callback, the rerun that replaces the click's own would not send them to the browser.
PICK_START = {Key.PICK_COUNT: 1.0, Key.PICK_GRAMS: 100.0}
SUPPLEMENT_FIELDS = (Key.SUPPLEMENT_NAME, Key.SUPPLEMENT_UG, Key.SUPPLEMENT_EVERY, Key.SUPPLEMENT_MEAL)


@st.fragment(key=Key.ADD_PANEL)
def add_panel(actions: PageActions, index: SearchIndex, client: FdcClient | None, data_types: tuple[str, ...]) -> None:
    """Search, pick and add; supplements; foods from a label."""
    st.header("Add to the day")
    add_food_ui(actions, index, client, data_types)
    if st.toggle("Add a supplement", key=Key.SHOW_SUPPLEMENT):
        add_supplement_ui(actions)
    if st.toggle("Add a food from its label", key=Key.SHOW_CUSTOM):
        add_custom_food_ui(actions)


def meal_choices(plan: Plan, day_index: int) -> list[str]:
    names = [meal.name for meal in plan.days[day_index].meals]
    return names + [m for m in DEFAULT_MEALS if m not in names]


def _food_label(food: Food) -> str:
    b12 = "B12 unknown" if food.b12_ug_per_100g is None else f"{food.b12_ug_per_100g:g} µg B12/100 g"
    return f"{food.description} — {b12} — {food.source}"


def add_food_ui(actions: PageActions, index: SearchIndex, client: FdcClient | None,
                data_types: tuple[str, ...]) -> None:
    """The search form, its results and the Add button (whose callback reruns the figures)."""
    profile = actions.plan.profile
    with st.form("search_form", border=False):
        st.text_input("Search foods", placeholder="e.g. milk, eggs, salmon, soy milk, cereal", key=Key.SEARCH_QUERY,
                      help="Plurals, 'soy milk' or 'soymilk', and common names all work; press Enter.")
        c1, c2 = st.columns(2)
        c1.checkbox(f"Only foods for this diet ({profile.diet.value})", value=True, key=Key.SEARCH_DIET_ONLY)
        c2.checkbox("Leave out my leave-out words", value=True, disabled=not profile.exclude,
                    key=Key.SEARCH_LEAVE_OUT, help="The words set in the sidebar, e.g. soy or milk.")
        st.form_submit_button("Search", on_click=_search, args=(actions, index, client, data_types))
    show(SEARCH)
    found = actions.session.search_found
    if found is not None:
        _results_ui(actions, client, found)


def _search(actions: PageActions, index: SearchIndex, client: FdcClient | None, data_types: tuple[str, ...]) -> None:
    """The Search button's callback: the add panel reruns with the results, and the sidebar's data-source
    status beside it when FoodData Central's state changed (a fall-back, or a recovery)."""
    session, profile = actions.session, actions.plan.profile
    try:
        searched = search_foods(session[Key.SEARCH_QUERY], index, client,
                                diet=profile.diet if session[Key.SEARCH_DIET_ONLY] else None,
                                leave_out=profile.exclude if session[Key.SEARCH_LEAVE_OUT] else (),
                                data_types=data_types)
    except QueryError as error:  # nothing to search for: the last search's answer goes, not to be read as this one's
        session.search_found = None
        say("warning", str(error), SEARCH)
        return
    status_changed = session.search_unavailable != searched.unavailable
    session.search_found, session.search_unavailable = searched, searched.unavailable
    session.search_count += 1  # new results: a fresh pick list
    if status_changed and client is not None:
        st.rerun([Key.ADD_PANEL, Key.FDC_STATUS])


def _results_ui(actions: PageActions, client: FdcClient | None, found: FoodSearchResult) -> None:
    session = actions.session
    if found.unavailable:
        st.info(plain(fallback_text(found.unavailable, BUNDLED_DATA_NAME)))
    result = found.result
    message = search_message(result)
    if message:
        st.info(plain(message))
    if not result.matches:
        _not_in_data_ui(actions, client)
    if not result.foods:
        return
    hidden = result.hidden_by_diet + result.hidden_by_exclusions
    st.caption(f"{len(result.foods)} of {result.shown_of} match{'es' if result.shown_of != 1 else ''} "
               f"from {found.origin}" + (f"; {hidden} more hidden by your diet or leave-out words "
                                         "(untick above to see them)" if hidden else ""))
    food_key = food_pick_key(session.search_count)
    food = st.selectbox("Food", list(result.foods), format_func=_food_label, key=food_key)
    with st.container():  # the notes vary by food; the Add button below keeps its place
        if food.unreliable:
            st.warning(f"{plain(food.description)} is not a reliable B12 source (seaweed, algae, tempeh and "
                       "mushrooms hold inactive analogues or variable amounts): it counts as 0 µg.")
        if food.check_label:
            st.caption("Check the label: minor ingredients (honey, milk powder, gelatin, vitamin D3) are unknown.")
        caveats = food_caveats_text(food)
        if caveats:
            st.caption(plain(sentence(caveats)))
    _pick_row(actions, food, food_key)


AMOUNT_PX = 150  # the amount beside the portion and the meal, which share the rest of the row


@st.fragment(key=Key.PICK_ROW)
def _pick_row(actions: PageActions, food: Food, food_key: str) -> None:
    """How much of the picked food, at which meal, and its Add button: a fragment, so an add resets it
    for the next one without redrawing the search and its results."""
    session = actions.session
    meal_after_add = session.pick_reset
    if meal_after_add is not None:  # set here, before the widgets, so the browser shows the values too
        del session.pick_reset
        session.forget(*PICK_START)
        session[Key.PICK_MEAL] = meal_after_add
    for key, first in PICK_START.items():  # the amounts' starting values (the widgets take no value=)
        if not session.has(key):
            session[key] = first
    row = st.container(horizontal=True)  # one flex row: lighter to redraw after every add than columns
    portion_key = portion_pick_key(food.id)
    portion = row.selectbox("Portion", [p.label for p in food.portions] + [GRAMS], key=portion_key,
                           format_func=lambda p: p if p == GRAMS else f"{p} ({food.portion(p).grams:g} g)")
    if portion == GRAMS:
        amount_key = Key.PICK_GRAMS
        amount = row.number_input("Grams", min_value=1.0, max_value=5000.0, step=10.0, key=amount_key,
                                  width=AMOUNT_PX)
    else:
        amount_key = Key.PICK_COUNT
        amount = row.number_input("How many", min_value=0.25, max_value=50.0, step=0.5, key=amount_key,
                                  width=AMOUNT_PX)
    meal = row.selectbox("Meal", meal_choices(actions.plan, session.day_index), key=Key.PICK_MEAL)
    grams = amount if portion == GRAMS else food.portion(portion).grams * amount
    b12 = food.b12_ug(grams)
    st.caption(plain(f"= {grams:g} g → B12 {'unknown' if b12 is None else micrograms(b12)} ({food.source})"))
    add_button(plain(f"Add {short_label(food.description)} — {amount_words(portion, amount)} to {meal}"),
               actions, food_key, portion_key, amount_key)
    show(ADD)


@st.fragment
def add_button(label: str, actions: PageActions, food_key: str, portion_key: str, amount_key: str) -> None:
    """The search's Add button (see the module's note on small fragments)."""
    st.button(label, type="primary", key=Key.ADD_FOOD, on_click=_add_picked,
              args=(actions, food_key, portion_key, amount_key))


def _add_picked(actions: PageActions, food_key: str, portion_key: str, amount_key: str) -> None:
    """The Add button's callback: reads the pick as submitted with the click, then reruns the figures."""
    session = actions.session
    portion, food = session[portion_key], session[food_key]
    before = actions.plan
    actions.add_food(food, session[Key.PICK_MEAL], None if portion == GRAMS else portion, float(session[amount_key]))
    if actions.plan is not before:  # the next add starts afresh: one of it, at the meal that suits the food
        session.pick_reset = suited_meal(food, CurrentDay.from_day(actions.totals().days[session.day_index]))
    after_add(before, form=Key.PICK_ROW)


def _open_label_form(actions: PageActions) -> None:
    actions.session[Key.SHOW_CUSTOM] = True


def _not_in_data_ui(actions: PageActions, client: FdcClient | None) -> None:
    """The two ways forward when the bundled data lacks a food: FoodData Central, or its label."""
    if client is None:
        st.caption("FoodData Central has far more foods, brands included: set an FDC API key (see README) to "
                   "search it here.")
    else:
        st.caption("Turn on 'Search USDA FoodData Central (live)' in the sidebar to search it.")
    st.button("Add a food from its label", key=Key.OPEN_CUSTOM_FOOD, on_click=_open_label_form, args=(actions,))


def add_supplement_ui(actions: PageActions) -> None:
    """A dose with the meal it is taken with; the form clears after each add. The dose has no bounds in
    the browser, which would refuse a value silently: the add says why instead."""
    name_key, ug_key, every_key, meal_key = (round_key(key, actions.session.supplement_round)
                                             for key in SUPPLEMENT_FIELDS)
    with st.form("supplement_form", border=True):
        c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
        c1.text_input("Supplement", value="B12 (cyanocobalamin)", key=name_key, max_chars=200)
        c2.number_input("µg per dose", value=10.0, step=5.0, key=ug_key)
        c3.selectbox("Every", ["day", "week"], key=every_key)
        c4.selectbox("Taken with", meal_choices(actions.plan, actions.session.day_index), key=meal_key)
        st.form_submit_button("Add supplement", on_click=_add_supplement_from_form, args=(actions,))
    show(SUPPLEMENT_FORM)


def _add_supplement_from_form(actions: PageActions) -> None:
    """Adds the dose; the form clears once it is in the plan, and keeps what was typed if it was refused."""
    session = actions.session
    before = actions.plan
    fields = [round_key(key, session.supplement_round) for key in SUPPLEMENT_FIELDS]
    name, ug, every, meal = (session[key] for key in fields)
    actions.add_supplement(name, ug, every, meal, SUPPLEMENT_FORM)
    if actions.plan is not before:  # a fresh round of the form: its defaults, in the browser too
        session.forget(*fields)
        session.supplement_round += 1
    after_add(before)


def add_custom_food_ui(actions: PageActions) -> None:
    """A food from its label, for products not in the USDA data; the form clears after each add."""
    key = {field: round_key(widget, actions.session.label_round) for field, widget in LABEL_FIELDS.items()}
    with st.form("custom_food_form"):
        st.markdown("**A food from its label** — for products not in the USDA data.")
        c1, c2 = st.columns([3, 1])
        c1.text_input("Name on the label", placeholder="e.g. Oat drink, fortified", key=key["name"], max_chars=200)
        c2.number_input("Serving size (g or ml)", min_value=1.0, max_value=5000.0, value=250.0, key=key["serving_g"])
        c3, c4, c5 = st.columns([1, 1, 2])
        c3.number_input("B12 per serving", min_value=0.0, max_value=100000.0, value=0.0, step=0.1, key=key["b12"])
        c4.selectbox("as", list(LABEL_UNITS), format_func=LABEL_UNITS.__getitem__, key=key["unit"])
        c5.selectbox("Label's Daily Value for B12", list(DV_BASES), key=key["basis"],
                     format_func=lambda v: f"{v:g} µg ({DV_BASES[v]})")
        c6, c7, c8, c9 = st.columns([2, 1, 1, 2])
        c6.selectbox("Suits", [m.value for m in DietMode], help="The most inclusive diet it fits.", key=key["diet"])
        c7.checkbox("Fortified", value=True, key=key["fortified"])
        c8.number_input("Servings", min_value=0.25, max_value=50.0, value=1.0, step=0.5, key=key["count"])
        c9.selectbox("Meal", meal_choices(actions.plan, actions.session.day_index), key=key["meal"])
        st.form_submit_button("Add food from label", on_click=_add_custom_from_form, args=(actions, key))
    show(LABEL_FORM)


def _add_custom_from_form(actions: PageActions, key: dict[str, str]) -> None:
    """Adds the food; the form starts a fresh round once it is in the plan, and keeps what was typed if refused."""
    session = actions.session
    before = actions.plan
    actions.add_custom_food({field: session[widget] for field, widget in key.items()}, LABEL_FORM)
    if actions.plan is not before:
        session.forget(*key.values())
        session.label_round += 1
    after_add(before)
