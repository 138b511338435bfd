"""B12 intake planner: the Streamlit entry point, a thin shell over the `planner` package.

Top to bottom: page config, cached resources, state, sidebar (profile, data, clients), then
the chosen view. All numbers come from planner functions; the plan changes only in callbacks.
"""

from __future__ import annotations

import json
import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from planner.catalog import bundled_search_index
from planner.errors import ProfileError
from planner.fdc.client import FdcClient
from planner.fdc.settings import settings_from_env
from planner.plan import Plan
from planner.profile import Profile
from planner.snapshot import bundled_foods
from planner.store import PlanStore, default_data_dir
from planner.suggest import CurrentDay, Suggestions, suggest
from planner.targets import Target, life_stage_target
from planner.totals import PlanTotals, plan_totals
from ui import panels, state
from ui.text import plain

st.set_page_config(page_title="B12 intake planner", page_icon="🥛", layout="wide")


@st.cache_resource
def plan_store(data_dir: str) -> PlanStore:
    return PlanStore(data_dir)


@st.cache_resource(show_spinner=False)
def fdc_client(base_url: str, cache_dir: str, api_key: str) -> FdcClient:
    """One client per key and address for the server process (it holds the HTTP cache)."""
    return FdcClient(settings_from_env({"FDC_BASE_URL": base_url, "FDC_CACHE_DIR": cache_dir}, api_key=api_key))


@st.cache_data(max_entries=256, show_spinner=False)
def cached_suggestions(profile_json: str, meal_ug: tuple[tuple[str, float], ...], other_total: float,
                       other_absorbed: float) -> Suggestions:
    profile = Profile.from_dict(json.loads(profile_json))
    return suggest(profile, bundled_foods().values(), CurrentDay(dict(meal_ug), other_total, other_absorbed))


def read_api_key() -> str | None:
    """The environment first; then .streamlit/secrets.toml, which may not exist (brief §7)."""
    key = os.environ.get("FDC_API_KEY", "").strip()
    if key:
        return key
    try:
        return str(st.secrets.get("FDC_API_KEY", "")).strip() or None
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None


def day_suggestions(totals: PlanTotals, plan: Plan, day_index: int) -> Suggestions:
    current = CurrentDay.from_day(totals.days[day_index])
    return cached_suggestions(json.dumps(plan.profile.to_dict(), sort_keys=True),
                              tuple(sorted(current.meal_ug.items())), current.other_total_ug,
                              current.other_absorbed_ug)


foods, index = bundled_foods(), bundled_search_index()  # each read once per process (lru_cache in planner)
store = plan_store(str(default_data_dir()))
state.init_state(store, foods)
plan = state.current_plan()

api_key = read_api_key()
settings = settings_from_env(api_key=api_key)
client = fdc_client(settings.base_url, str(settings.cache_dir), api_key) if api_key else None

target: Target | None
try:
    target = life_stage_target(plan.profile)
except ProfileError as error:
    target = None
    st.error(plain(f"{error} Change the profile in the sidebar."))

panels.profile_ui(store, foods, target)
dietitian = st.sidebar.toggle("Dietitian mode", key="dietitian",
                              help="Named clients, scenarios side by side, exports for a client.")
if dietitian:
    panels.clients_ui(store, foods)
fdc_types = panels.data_source_ui(client, settings.demo_key, st.session_state.get("search_message"))

st.title("Vitamin B12 intake planner")
st.caption("Plan a day, see the gap to the recommended amount, and find foods or supplements that close it. "
           "Educational planner: it does not diagnose.")
panels.show_messages()

views = ["Plan a day"] + (["Compare scenarios"] if dietitian else []) + ["Learn about B12"]
view = st.radio("View", views, horizontal=True, label_visibility="collapsed", key="view")

if view == "Learn about B12":
    panels.learn_ui()
elif view == "Compare scenarios":
    panels.compare_ui(store, foods, lambda p: plan_totals(p, foods))
elif target is not None:
    day_index = panels.plan_header_ui(store, foods)
    plan = state.current_plan()
    totals = plan_totals(plan, foods)
    st.subheader("Add to the day")
    if fdc_types is None:
        panels.add_food_ui(store, foods, index, None)
    else:
        panels.add_food_ui(store, foods, index, client, fdc_types)
    if st.toggle("Add a supplement", key="show_supplement"):
        panels.add_supplement_ui(store, foods)
    if st.toggle("Add a food from its label", key="show_custom"):
        panels.add_custom_food_ui(store, foods)
    st.subheader(f"{plain(totals.days[day_index].label)}: what is planned")
    panels.items_table_ui(store, foods, totals, day_index)
    st.subheader("The gap")
    panels.gap_ui(totals, day_index)
    st.subheader("What to add")
    suggestions = day_suggestions(totals, plan, day_index)
    panels.act_ui(store, foods, suggestions, day_index)
    st.subheader("Save, export, import")
    panels.export_import_ui(foods, day_index)
