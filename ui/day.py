"""The "Plan a day" view, as four fragments: the day's summary, the add panel (ui/adding.py), the
plan's name and days, and the day's details (ui/details.py). Each reruns alone where it can
(ui/reruns.py); the summary comes first, so the new total is what the browser draws first.
"""

from __future__ import annotations

import streamlit as st

from planner.fdc.client import FdcClient
from planner.notes import DietMismatch, NotReliable
from planner.results import PlanTotals
from planner.search import SearchIndex
from planner.wording import (
    absorption_progress_text,
    day_verdict_text,
    empty_day_text,
    gap_text,
    intake_amount,
    intake_text,
    note_text,
    unknown_items_text,
    unknown_minimum_text,
)
from ui.actions import UNTITLED, PageActions
from ui.adding import add_panel
from ui.details import day_details
from ui.messages import DAY, show, toast_ui
from ui.plans import absorbed_metric, save_prompts_ui, status_box, target_metric
from ui.reruns import days_changed
from ui.session import Key
from ui.text import plain


def plan_view(actions: PageActions, index: SearchIndex, client: FdcClient | None,
              data_types: tuple[str, ...]) -> None:
    """"Plan a day": the day's summary and the add panel first (on the first screen at 1280×800), then
    the plan's name and days, and the day's details; each a fragment, so a change redraws only the parts
    it changes (ui/reruns.py)."""
    day_summary(actions)
    add_panel(actions, index, client, data_types)
    plan_header(actions)
    day_details(actions)


@st.fragment(key=Key.SUMMARY)
def day_summary(actions: PageActions) -> None:
    toast_ui()  # first, and on every run: after a change, its confirmation (see ui.messages.toast_ui)
    save_prompts_ui(actions)
    day_index = actions.session.day_index
    totals = actions.totals()
    st.header(f"{plain(totals.days[day_index].label)} at a glance")
    summary_ui(totals, day_index)


# ---- plan header: name, days ---------------------------------------------------------------

@st.fragment(key=Key.PLAN_HEADER)
def plan_header(actions: PageActions) -> None:
    """The plan's name and its days. Its own fragment: an add or an edit does not redraw it."""
    session = actions.session
    plan = actions.plan
    st.header("The plan: its name and days")
    saved = session.plan_id is not None
    left, right = st.columns([3, 2])
    with left:
        with st.form("name_form", border=False):
            name = st.text_input("Plan name", value="" if plan.name == UNTITLED else plan.name,
                                 placeholder="e.g. Client A — current diet", max_chars=200)
            if st.form_submit_button("Save a copy under this name" if saved else "Save this plan"):
                actions.name_plan(name)
                st.rerun()  # the sidebar's list of saved plans changes too
        if not saved:
            st.caption("Not saved yet: the plan lives in this browser tab.")
        elif session.keeps_plans:
            st.caption("Saved: it keeps itself up to date; this page's address reopens it.")
        else:
            st.caption("Saved in this tab only: download its plan file to keep it.")
    with right:
        labels = [day.label for day in plan.days]
        session.day_index = min(session.day_index, len(labels) - 1)
        session[Key.DAY_PICK] = session.day_index  # follows days added, removed or opened elsewhere
        st.selectbox("Day", range(len(labels)), format_func=lambda i: labels[i], key=Key.DAY_PICK,
                     on_change=days_changed, args=(actions.pick_day,))
        # One flex row of buttons as wide as their words (wrapping to a second row if need be): a third of the
        # column each cut "Copy this day" and "Remove Day 1" to "Copy this…" and "Remove …" at 1280 px.
        row = st.container(horizontal=True)
        row.button("Add a day", on_click=days_changed, args=(actions.add_days, False))
        row.button("Copy this day", on_click=days_changed, args=(actions.add_days, True))
        row.button(f"Remove {plain(labels[session.day_index])}", key=Key.REMOVE_DAY, on_click=days_changed,
                   args=(actions.drop_day,), disabled=len(labels) < 2)


# ---- the summary: the total, the gap, absorption -------------------------------------------------

def summary_ui(totals: PlanTotals, day_index: int) -> None:
    """The day's figures in words: "2.2 µg short of 2.4 µg", never a signed arrow."""
    show(DAY)
    target = totals.target
    day = totals.days[day_index]
    # One flex row, side by side on a phone too (app.py's style lets them shrink), so the verdict stays on the
    # first screen; lighter to redraw after every add than three columns (bench/browser.py).
    with st.container(key=Key.DAY_FIGURES, horizontal=True, wrap=False):
        st.metric("B12 eaten", intake_amount(day.total_ug, day.unknown_items),
                  help=unknown_items_text(day.unknown_items) or "From the USDA values of the planned items.")
        target_metric(target, day.total_ug, clinical=day.clinical)
        absorbed_metric(day.absorbed_ug, totals.goal)
    for warning in day.warnings:  # a rule for this person, whatever the target says
        st.warning(plain(note_text(warning)), icon="⚠️")
    if day.empty:
        st.info(plain(empty_day_text(day)))
    else:
        status_box(day.status, day.clinical)(plain(day_verdict_text(day, target, totals.absorption_goal_ug)
                                                   + unknown_minimum_text(day.unknown_items)))
    if len(totals.days) > 1:
        average = totals.average
        st.markdown(plain(f"Average of {len(totals.days)} days: {intake_text(average.total_ug, average.unknown_items)} "
                          f"({gap_text(average.total_ug, target.target_ug)}), absorbed about "
                          f"{absorption_progress_text(average.absorbed_ug, totals.absorption_goal_ug)}."))
    for note in totals.notes:
        if isinstance(note, (NotReliable, DietMismatch)):
            st.warning(plain(note_text(note)))
