"""The sidebar: the person's profile (only the choices that apply to them) and the food data source."""

from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st

from planner.fdc.client import FdcClient
from planner.fdc.protocol import DATA_TYPES, DEFAULT_SEARCH_TYPES
from planner.food import DietMode
from planner.profile import MAX_AGE_YEARS, REPRODUCTIVE_AGES, Absorption, Sex, Standard
from planner.snapshot import SR_RELEASE_NAME, FoodCatalog
from planner.store import PlanStore
from planner.targets import Target, applicable_standards
from planner.wording import target_kind_text
from planner.errors import FdcRateLimited
from ui import state
from ui.text import plain

ABSORPTION_WORDS = {
    Absorption.NORMAL.value: "Normally",
    Absorption.FOOD_BOUND.value: "Poorly from food (atrophic gastritis, long-term acid reducers)",
    Absorption.NO_INTRINSIC_FACTOR.value: "Hardly at all (pernicious anaemia, some stomach surgery)",
}
STANDARD_NAMES = {Standard.IOM: "IOM/NIH (US, Canada)", Standard.EFSA: "EFSA (EU)", Standard.WHO: "WHO/FAO"}
USE_FDC, FDC_TYPES = "use_fdc", "fdc_types"  # widget keys
STATE_WORDS = {"none": "neither", "pregnant": "pregnant", "lactating": "breastfeeding"}


def profile_ui(store: PlanStore, catalog: FoodCatalog, target: Target | None) -> None:
    """The profile form; each change is checked and applied by ui.state.on_profile_change."""
    sidebar = st.sidebar
    sidebar.header("Profile")
    args = (store, catalog)
    change = state.on_profile_change
    ss = st.session_state
    sidebar.number_input("Age (years)", min_value=0, max_value=MAX_AGE_YEARS, step=1, key=state.P_AGE,
                         on_change=change, args=args, help=f"0 for a baby under 1 year; at most {MAX_AGE_YEARS}")
    if ss.get(state.P_AGE) == 0:
        sidebar.number_input("Age (months)", min_value=0, max_value=11, step=1, key=state.P_MONTHS,
                             on_change=change, args=args)
    sidebar.radio("Sex", [s.value for s in Sex], key=state.P_SEX, horizontal=True, on_change=change, args=args)
    if ss.get(state.P_SEX) == Sex.FEMALE.value and ss.get(state.P_AGE) in REPRODUCTIVE_AGES:
        sidebar.radio("Pregnant or breastfeeding?", state.STATES, key=state.P_STATE, horizontal=True,
                      format_func=STATE_WORDS.__getitem__, on_change=change, args=args)
    sidebar.selectbox("Diet", [m.value for m in DietMode], key=state.P_DIET, on_change=change, args=args)
    plan_profile = state.current_plan().profile
    offered = [s.value for s in applicable_standards(plan_profile)]
    if ss.get(state.P_STANDARD) not in offered:  # only standards with an amount for this person
        ss[state.P_STANDARD] = plan_profile.standard.value
    sidebar.selectbox("Reference standard", offered, key=state.P_STANDARD,
                      format_func=lambda v: STANDARD_NAMES[Standard(v)], on_change=change, args=args,
                      help="Only the standards that set an amount for this age are offered.")
    sidebar.text_input("Leave out foods with these words", key=state.P_EXCLUDE, on_change=change, args=args,
                       placeholder="e.g. soy, milk, pork",
                       help="Comma-separated. Allergen words (milk, egg, fish, shellfish, soy, wheat, peanut, "
                            "tree nuts, sesame) also leave out foods whose ingredients are unknown.")
    sidebar.checkbox("Supplements are fine", key=state.P_SUPPLEMENTS, on_change=change, args=args)
    sidebar.selectbox("How B12 is absorbed", [a.value for a in Absorption], key=state.P_ABSORPTION,
                      format_func=ABSORPTION_WORDS.__getitem__, on_change=change, args=args,
                      help="Long-term metformin also lowers absorption: it calls for periodic B12 checks "
                           "(American Diabetes Association), not different foods.")
    if ss.get("profile_error"):
        sidebar.error(plain(f"{ss['profile_error']} The plan keeps the previous profile."))
    if target is not None:
        sidebar.markdown(f"**Target: {target.target_ug:g} µg a day** ({target_kind_text(target)})  \n"
                         f"{target.life_stage} — {target.source}")


def fdc_search_types(client: FdcClient | None) -> tuple[str, ...] | None:
    """The FDC data types to search, or None for the bundled data. Read from the sidebar's widgets'
    state, so the main view can be drawn before the sidebar."""
    ss = st.session_state
    if client is None or not ss.get(USE_FDC, True):
        return None
    return tuple(ss.get(FDC_TYPES, DEFAULT_SEARCH_TYPES)) or DEFAULT_SEARCH_TYPES


def data_source_ui(client: FdcClient | None, demo: bool, fdc_error: str | None) -> None:
    """Where the numbers come from: the bundled release, or FoodData Central and how it is doing."""
    sidebar = st.sidebar
    sidebar.header("Food data")
    if client is None:
        sidebar.caption(f"{SR_RELEASE_NAME}, bundled: works offline. Add an FDC API key for live "
                        "FoodData Central searches (see README).")
        return
    if not sidebar.toggle("Search USDA FoodData Central (live)", value=True, key=USE_FDC):
        sidebar.caption(f"Searching the bundled {SR_RELEASE_NAME} data.")
        return
    sidebar.multiselect("FDC data types", list(DATA_TYPES), default=list(DEFAULT_SEARCH_TYPES), key=FDC_TYPES,
                        help="Branded foods carry label data and swamp plain searches.")
    status = "connected with the demo key (30 requests an hour)" if demo else "connected"
    limit = client.rate_limit
    if client.blocked_until and client.blocked_until > datetime.now(timezone.utc):
        status = str(FdcRateLimited(client.blocked_until))
    elif fdc_error:
        status = f"offline fallback: {fdc_error}"
    elif limit and limit.remaining is not None:
        status += f"; {limit.remaining} requests left this hour"
    sidebar.caption(plain(f"FoodData Central: {status}. Bundled {SR_RELEASE_NAME} is the fallback."))
    if limit and limit.running_low:
        sidebar.warning(f"Only {limit.remaining} FoodData Central requests left this hour; repeated searches "
                        "come from the cache.")
