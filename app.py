"""B12 intake planner: the Streamlit entry point, a thin shell over the `planner` package.

Top to bottom: page config, cached resources, who is asking and their session, the chosen
view, then the sidebar (account, profile, clients, food data). All numbers come from planner
functions; the plan changes only in PageActions' callbacks (ui/actions.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from planner.access import VisitorKind
from planner.catalog import bundled_search_index
from planner.errors import PlannerError, ProfileError, StoreError
from planner.fdc.client import FdcClient
from planner.fdc.protocol import DEFAULT_SEARCH_TYPES
from planner.fdc.settings import FdcSettings, settings_from_env
from planner.snapshot import bundled_foods
from planner.store import PlanStore, default_data_dir, open_store
from planner.store.connect import url_from_connection_secrets
from planner.targets import Target
from planner.totals import plan_totals
from ui import account, day, plans, profile, signout, visitor
from ui.actions import PageActions
from ui.learn import learn_ui
from ui.messages import PAGE, PLAN_VIEW_PLACES, TOAST_STYLE, show
from ui.session import LINE_LISTS, Key, View, css_class
from ui.table import HEAD_ROW, LINE_BUTTON_PX, LINES_STYLE, TABLE_STYLE, TOTAL_ROW
from ui.text import plain

st.set_page_config(page_title="B12 intake planner", page_icon="🥛", layout="wide")
# Less room above the title, and on a phone smaller headings and figures, so the person, the day's
# verdict and the search box are on the first screen (1280×800, and 390×844); the day's three figures
# share their row evenly. A list drawn line by line is a grid of two columns: each line, then its button
# (on a phone, a narrower one); the header and total lines span both and leave the button's room.
FIGURES = css_class(Key.DAY_FIGURES)
LINE_LISTS_CSS = ", ".join(f".{css_class(key)}" for key in LINE_LISTS)
WHOLE_LINES = ", ".join(f".{css_class(key)} > :has(.{kind})" for key in LINE_LISTS for kind in (HEAD_ROW, TOTAL_ROW))
PAGE_STYLE = f"""<style>
[data-testid=stMainBlockContainer] {{padding-top: 2.5rem}}
{LINE_LISTS_CSS} {{display: grid !important; grid-template-columns: minmax(0, 1fr) {LINE_BUTTON_PX}px;
  align-items: center}}
{WHOLE_LINES} {{grid-column: 1 / -1}}
.{FIGURES} > * {{min-width: 0 !important; flex: 1 1 0 !important}}
@media (max-width: 640px) {{
  [data-testid=stMainBlockContainer] {{padding-top: 3.5rem}}
  h1 {{font-size: 1.6rem !important; padding-bottom: .25rem !important}}
  h2 {{font-size: 1.3rem !important; padding: .5rem 0 .25rem !important}}
  [data-testid=stMetricValue] {{font-size: 1.2rem !important}}
  .{FIGURES} [data-testid=stMetric] * {{white-space: normal !important; text-overflow: clip !important;
    overflow: visible !important; height: auto !important}}
  {LINE_LISTS_CSS} {{grid-template-columns: minmax(0, 1fr) 6.5rem}}
}}
</style>"""


@st.cache_resource(show_spinner=False)
def plan_store(database_url: str | None, data_dir: str) -> PlanStore:
    """One store (one connection pool) per database for the server process; it connects lazily."""
    return open_store(database_url, Path(data_dir), bundled_foods())


@st.cache_resource(show_spinner=False)
def fdc_client(settings: FdcSettings) -> FdcClient:
    """One client per key, address, cache and limits for the server process (it holds the HTTP cache)."""
    catalog = bundled_foods()
    return FdcClient(settings, everyday_ndbs=catalog.everyday_ndbs(), fndds_codes=catalog.fndds_codes())


def read_api_key() -> str | None:
    """The environment first; then .streamlit/secrets.toml, which may not exist (st.secrets raises
    then, even for .get())."""
    key = os.environ.get("FDC_API_KEY", "").strip()
    if key:
        return key
    try:
        return str(st.secrets.get("FDC_API_KEY", "")).strip() or None
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None


def read_database_url() -> str | None:
    """B12_PLANNER_DATABASE_URL, else `[connections.planner]` in .streamlit/secrets.toml (the
    st.connection format: `url`, or dialect, host, port, database, username, password)."""
    url = os.environ.get("B12_PLANNER_DATABASE_URL", "").strip()
    if url:
        return url
    try:
        section = st.secrets.get("connections", {}).get("planner")
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None
    return url_from_connection_secrets(section) if section else None


foods, index = bundled_foods(), bundled_search_index()  # each built once per process (planner.once)
data_dir = default_data_dir()
arrival = visitor.arrival()  # who is asking: the local person, a signed-in person, or a visitor of this tab
if arrival.visitor.keeps_plans:
    try:
        store = visitor.store_for(arrival, plan_store(read_database_url(), str(data_dir)))
    except StoreError as error:  # a malformed database URL: the operator's to fix
        st.error(f"{error} Plans cannot be saved until it is fixed.")
        st.stop()
else:
    store = visitor.session_store(foods)  # nothing of theirs reaches the database
local = arrival.visitor.kind is VisitorKind.LOCAL
actions = PageActions(store, foods)
actions.start(arrival.visitor, old_data_dir=data_dir if local else None)  # the folder era is the local person's
plan = actions.plan

api_key = read_api_key()
try:
    settings = settings_from_env(api_key=api_key)
except PlannerError as error:  # a bad FDC setting in the environment: say so, use the bundled data
    st.error(str(error))
    settings = FdcSettings()
client = fdc_client(settings) if settings.has_key else None

target: Target | None
try:
    target = actions.totals().target  # worked out once per plan, and shared with the views
except ProfileError as error:
    target = None
    st.error(plain(f"{error} Change the profile in the sidebar."))

st.html(PAGE_STYLE + TABLE_STYLE + LINES_STYLE + TOAST_STYLE)  # once, not inside what fragments redraw
st.title("Vitamin B12 intake planner")
st.caption("Plan a day, see the gap to the recommended amount, and find foods or supplements that close it. "
           "Educational planner: it does not diagnose.")
arrival, signed_out = signout.checked_arrival(store, arrival)  # every run: a sign-out elsewhere holds here too
signout.ended_ui(signed_out)
account.where_plans_live_ui(actions, arrival)

# The chosen view comes before the sidebar in the script, so its figures reach the browser first;
# the sidebar's widgets keep their values in session state in between.
dietitian = bool(actions.session.get(Key.DIETITIAN, False))
views = [View.PLAN_A_DAY, View.MY_PLANS] + ([View.COMPARE] if dietitian else []) + [View.LEARN]
view = st.radio("View", views, horizontal=True, label_visibility="collapsed", key=Key.VIEW)
plan_view = view == View.PLAN_A_DAY and target is not None
# The person in one line at the top of the day; their profile form there too while they edit it.
profile_on_page = profile.person_line(actions, target) if plan_view and target is not None else None
if plan_view:
    show(PAGE)
else:
    show(PAGE, *PLAN_VIEW_PLACES)  # nothing queued for a panel not on screen is lost

if view == View.LEARN:
    learn_ui()
elif view == View.MY_PLANS:
    plans.my_plans_ui(actions)
    account.my_data_ui(actions, arrival)
elif view == View.COMPARE:
    plans.compare_ui(actions, lambda p: plan_totals(p, foods))
elif plan_view:
    data_types = profile.fdc_search_types(client)
    day.plan_view(actions, index, client if data_types is not None else None, data_types or DEFAULT_SEARCH_TYPES)

signout.signed_in_ui(store, arrival)
account.account_ui(arrival)
profile.profile_ui(actions, target, profile_on_page)
st.sidebar.toggle("Dietitian mode", key=Key.DIETITIAN, on_change=actions.sync_link,
                  help="Named clients, scenarios side by side, exports for a client.")
if dietitian:
    plans.clients_ui(actions)
profile.data_source_ui(client, settings.demo_key)
