"""The person: in one line above the day, and their profile form (only the choices that apply to them),
in the sidebar or, after its "Edit", on the page (a phone folds the sidebar away); and the food
data source in the sidebar."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from planner.errors import FdcRateLimited
from planner.fdc.client import FdcClient
from planner.fdc.protocol import DATA_TYPES, DEFAULT_SEARCH_TYPES
from planner.food import DietMode
from planner.profile import MAX_AGE_YEARS, REPRODUCTIVE_AGES, Absorption, Profile, Sex, Standard
from planner.snapshot import BUNDLED_DATA_NAME
from planner.targets import Target, applicable_standards
from planner.wording import person_text, target_kind_text
from ui.session import Key, Session
from ui.text import plain

if TYPE_CHECKING:
    from ui.actions import PageActions

ABSORPTION_WORDS = {
    Absorption.NORMAL.value: "Normally",
    Absorption.FOOD_BOUND.value: "Poorly from food (atrophic gastritis, long-term acid reducers)",
    Absorption.NO_INTRINSIC_FACTOR.value: "Hardly at all (pernicious anaemia, some stomach surgery)",
}
STANDARD_NAMES = {Standard.IOM: "IOM/NIH (US, Canada)", Standard.EFSA: "EFSA (EU)", Standard.WHO: "WHO/FAO"}
STATES = ("none", "pregnant", "lactating")
STATE_WORDS = {"none": "neither", "pregnant": "pregnant", "lactating": "breastfeeding"}


def sync_profile_widgets(session: Session, profile: Profile) -> None:
    """The form shows this profile (set before its widgets are drawn)."""
    session[Key.AGE] = profile.age_years
    session[Key.MONTHS] = profile.age_months
    session[Key.SEX] = profile.sex.value
    session[Key.STATE] = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "none"
    session[Key.STANDARD] = profile.standard.value
    session[Key.DIET] = profile.diet.value
    session[Key.EXCLUDE] = ", ".join(profile.exclude)
    session[Key.SUPPLEMENTS] = profile.supplements_allowed
    session[Key.ABSORPTION] = profile.absorption.value
    session[Key.IMMUNOCOMPROMISED] = profile.immunocompromised
    session[Key.METFORMIN] = profile.metformin


def profile_from_widgets(session: Session) -> Profile:
    """The profile the form holds. Raises ProfileError for an impossible one; the widgets keep what was typed."""
    age = int(session[Key.AGE])
    state = (session.get(Key.STATE, "none") if session[Key.SEX] == Sex.FEMALE.value and age in REPRODUCTIVE_AGES
             else "none")
    exclude = tuple(w.strip().lower() for w in str(session.get(Key.EXCLUDE, "")).split(",") if w.strip())
    return Profile(age_years=age, age_months=int(session.get(Key.MONTHS, 0)) if age == 0 else 0,
                   sex=Sex(session[Key.SEX]), pregnant=state == "pregnant", lactating=state == "lactating",
                   standard=Standard(session[Key.STANDARD]), diet=DietMode(session[Key.DIET]),
                   absorption=Absorption(session.get(Key.ABSORPTION, Absorption.NORMAL.value)), exclude=exclude,
                   supplements_allowed=bool(session[Key.SUPPLEMENTS]),
                   immunocompromised=bool(session.get(Key.IMMUNOCOMPROMISED, False)),
                   metformin=bool(session.get(Key.METFORMIN, False)))


def person_line(actions: PageActions, target: Target) -> DeltaGenerator | None:
    """The person and their target in one line, with a button that brings the profile form onto the page
    (and back); returns the form's place there while it is on the page (profile_ui fills it later)."""
    session = actions.session
    words, edit = st.columns([5, 1], vertical_alignment="center", wrap=False)  # one line on a phone too
    words.markdown("**Planning for:** " + plain(person_text(actions.plan.profile, target)))
    edit.button("Done" if session.editing_person else "Edit", key=Key.EDIT_PERSON, width="stretch",
                on_click=_toggle_editing, args=(session,),
                help="The person's age, sex, pregnancy, diet, leave-out words and reference standard")
    return st.container() if session.editing_person else None


def _toggle_editing(session: Session) -> None:
    session.editing_person = not session.editing_person


def profile_ui(actions: PageActions, target: Target | None, on_page: DeltaGenerator | None = None) -> None:
    """The profile form, in the sidebar or `on_page`; each change is checked and applied by
    PageActions.change_profile."""
    st.sidebar.header("Profile")
    if on_page is not None:
        st.sidebar.caption("Being edited on the page, below the person's line.")
    place = on_page.container(border=True) if on_page is not None else st.sidebar
    change: Callable[[], None] = actions.change_profile
    session = actions.session
    # No bounds in the browser: it would keep an out-of-range age without a word ("Press Enter to apply");
    # change_profile refuses it and says why, right below.
    place.number_input("Age (years)", step=1, key=Key.AGE, on_change=change,
                       help=f"0 for a baby under 1 year; at most {MAX_AGE_YEARS}")
    if session.get(Key.AGE) == 0:
        place.number_input("Age (months)", step=1, key=Key.MONTHS, on_change=change)
    if session.profile_error:
        place.error(plain(f"{session.profile_error} The plan keeps the previous profile."))
    place.radio("Sex", [s.value for s in Sex], key=Key.SEX, horizontal=True, on_change=change)
    if session.get(Key.SEX) == Sex.FEMALE.value and session.get(Key.AGE) in REPRODUCTIVE_AGES:
        place.radio("Pregnant or breastfeeding?", STATES, key=Key.STATE, horizontal=True,
                    format_func=STATE_WORDS.__getitem__, on_change=change)
    place.selectbox("Diet", [m.value for m in DietMode], key=Key.DIET, on_change=change)
    plan_profile = actions.plan.profile
    offered = [s.value for s in applicable_standards(plan_profile)]
    if session.get(Key.STANDARD) not in offered:  # only standards with an amount for this person
        session[Key.STANDARD] = plan_profile.standard.value
    place.selectbox("Reference standard", offered, key=Key.STANDARD,
                    format_func=lambda v: STANDARD_NAMES[Standard(v)], on_change=change,
                    help="Only the standards that set an amount for this age are offered.")
    place.text_input("Leave out foods with these words", key=Key.EXCLUDE, on_change=change,
                     placeholder="e.g. soy, milk, pork",
                     help="Comma-separated. Allergen words (milk, egg, fish, shellfish, soy, wheat, peanut, "
                          "tree nuts, sesame) also leave out foods whose ingredients are unknown.")
    place.checkbox("Supplements are fine", key=Key.SUPPLEMENTS, on_change=change)
    place.selectbox("How B12 is absorbed", [a.value for a in Absorption], key=Key.ABSORPTION,
                    format_func=ABSORPTION_WORDS.__getitem__, on_change=change)
    place.checkbox("Takes metformin", key=Key.METFORMIN, on_change=change,
                   help="Long-term metformin lowers B12 absorption: it calls for periodic B12 checks "
                        "(American Diabetes Association), not different foods.")
    place.checkbox("A weakened immune system", key=Key.IMMUNOCOMPROMISED, on_change=change,
                   help="From an illness or its treatment: the food-safety advice for people at higher risk "
                        "of food poisoning (no cold deli meats, soft cheeses or raw shellfish) applies.")
    if target is not None:
        place.markdown(f"**Target: {target.target_ug:g} µg a day** ({target_kind_text(target)})  \n"
                       f"{target.life_stage} — {target.source}")


def fdc_search_types(client: FdcClient | None) -> tuple[str, ...] | None:
    """The FDC data types to search, or None for the bundled data. Read from the sidebar's widgets'
    state, so the main view can be drawn before the sidebar."""
    session = Session()
    if client is None or not session.get(Key.USE_FDC, True):
        return None
    return tuple(session.get(Key.FDC_TYPES, DEFAULT_SEARCH_TYPES)) or DEFAULT_SEARCH_TYPES


def data_source_ui(client: FdcClient | None, demo: bool) -> None:
    """Where the numbers come from: the bundled release, or FoodData Central and how it is doing."""
    sidebar = st.sidebar
    sidebar.header("Food data")
    if client is None:
        sidebar.caption(f"{BUNDLED_DATA_NAME}, bundled: works offline. Add an FDC API key for live "
                        "FoodData Central searches (see README).")
        return
    if not sidebar.toggle("Search USDA FoodData Central (live)", value=True, key=Key.USE_FDC):
        sidebar.caption(f"Searching the bundled {BUNDLED_DATA_NAME} data.")
        return
    sidebar.multiselect("FDC data types", list(DATA_TYPES), default=list(DEFAULT_SEARCH_TYPES), key=Key.FDC_TYPES,
                        help="Branded foods carry label data and swamp plain searches.")
    with sidebar:
        fdc_status(client, demo)


@st.fragment(key=Key.FDC_STATUS)
def fdc_status(client: FdcClient, demo: bool) -> None:
    """How FoodData Central is doing. A fragment of its own, so a search that fell back to the
    bundled data reruns it beside the add panel, not the whole page."""
    status = "connected with the demo key (30 requests an hour)" if demo else "connected"
    limit = client.rate_limit
    unavailable = Session().search_unavailable
    if client.blocked_until and client.blocked_until > datetime.now(timezone.utc):
        status = str(FdcRateLimited(client.blocked_until))
    elif unavailable:
        status = f"offline fallback: {unavailable}"
    elif limit and limit.remaining is not None:
        status += f"; {limit.remaining} requests left this hour"
    st.caption(plain(f"FoodData Central: {status}. The bundled {BUNDLED_DATA_NAME} data is the fallback."))
    if limit and limit.running_low:
        st.warning(f"Only {limit.remaining} FoodData Central requests left this hour; repeated searches "
                   "come from the cache.")
