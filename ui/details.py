"""The day in detail, one panel at a time: what is planned (a table to read, or a grid to edit),
where the B12 comes from (charts), what to add (the day's suggestions), and the plan's files.

Only the panel shown is computed and drawn, so an add redraws the summary and one panel, not
four. The grid and the day plan's buttons sit in small fragments of their own (items_editor,
plan_buttons): a change there first redraws only them, then the figures. A list's lines and their
buttons are plain elements in a grid (line_button).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Sequence

import pandas as pd
import streamlit as st

from planner.notes import AdviceDisclaimer, ClinicianNeeded, Note
from planner.results import DayTotal, PlanAddition, PlanTotals, Suggestions
from planner.wording import (
    GUIDANCE,
    REPORT_DISCLAIMER,
    absorption_progress_text,
    addition_text,
    day_verdict_text,
    gap_text,
    goal_basis_text,
    item_amount,
    micrograms,
    note_text,
)
from ui.actions import PageActions
from ui.adding import meal_choices
from ui.charts import bars_html, food_bars, meal_bars, short_label
from ui.messages import TABLE, show
from ui.plans import export_import_ui
from ui.reruns import figures_after
from ui.session import Key, Session, css_class, items_editor_key, plan_add_key, remove_item_key, source_add_key
from ui.suggestions import day_suggestions
from ui.table import (
    AMOUNT_WORDS,
    COLUMNS,
    HEAD_ROW,
    ITEM_HEAD,
    ITEMS_ROW_CLASS,
    LINE_BUTTON_PX,
    LISTED_ON,
    SOURCE_HEAD,
    SOURCES_ROW_CLASS,
    TOTAL_ROW,
    RowRef,
    day_rows,
    editable_rows,
    item_cells,
    line_html,
    source_cells,
    total_cells,
)
from ui.text import plain

DETAIL_PANELS = ("What is planned", "Where the B12 comes from", "What to add", "Save, export, open")
UG_CELLS = {ITEM_HEAD.index("B12 counted")}
SOURCE_NUMBERS = {SOURCE_HEAD.index("B12"), SOURCE_HEAD.index("Of the target")}


@st.fragment(key=Key.DETAILS)
def day_details(actions: PageActions) -> None:
    """One of four panels, chosen above it. A segmented control, not lazy st.tabs: in
    bench/browser.py the tab bar alone added about 30 ms to every add, the control next to none."""
    session = actions.session
    day_index = session.day_index
    totals = actions.totals()
    session[Key.EDIT_ITEMS] = session.get(Key.EDIT_ITEMS, False)  # kept while another panel is shown
    st.header("The day in detail")
    shown = st.segmented_control("Show", DETAIL_PANELS, default=DETAIL_PANELS[0], required=True,
                                 key=Key.DETAIL_PANEL, label_visibility="collapsed")
    with st.container(key=Key.SHOWN_PANEL):
        if shown == DETAIL_PANELS[0]:
            items_table_ui(actions, totals, day_index)
        elif shown == DETAIL_PANELS[1]:
            sources_ui(totals, day_index)
        elif shown == DETAIL_PANELS[2]:
            act_ui(actions, day_suggestions(totals, actions.plan.profile, day_index), totals.days[day_index])
        else:
            export_import_ui(actions, day_index)


# ---- the day's items -------------------------------------------------------------------------------

def items_table_ui(actions: PageActions, totals: PlanTotals, day_index: int) -> None:
    """The day's items to read, each line with its Remove button and the day's total below them; or, with
    "Change amounts or meals" on, an editable grid. The grid redraws far slower after every add
    (bench/browser.py), so it is there when asked for."""
    plan = actions.plan
    day = totals.days[day_index]
    rows, refs = day_rows(day)
    undo_ui(actions)
    if not rows:
        st.info("Nothing planned for this day yet: search for a food above, or choose 'What to add' above.")
    elif st.toggle("Change amounts or meals", key=Key.EDIT_ITEMS, help="Type new amounts or move items in a grid."):
        items_editor(actions, *editable_rows(rows, refs), meal_choices(plan, day_index))
    else:
        item_lines(actions, rows, refs, day)
    show(TABLE)
    focus_ui(actions.session)


def focus_ui(session: Session) -> None:
    """Keyboard focus to the button asked for, once it is drawn (a Remove's own button goes with its line, an
    Undo's with the removal), so a keyboard or screen-reader user is not sent back to the top of the page."""
    key = session.focus_key
    if key is None:
        return
    del session.focus_key
    st.html(FOCUS_SCRIPT.replace("SELECTOR", json.dumps(f".{css_class(key)} button")), unsafe_allow_javascript=True)


# Looks for the button each frame for up to 3 s: it is drawn in the same run, maybe in a later frame.
FOCUS_SCRIPT = """<script>(() => {
  const until = Date.now() + 3000;
  const focus = () => {
    const button = document.querySelector(SELECTOR);
    if (button) button.focus();
    else if (Date.now() < until) requestAnimationFrame(focus);
  };
  focus();
})();</script>"""


def undo_ui(actions: PageActions) -> None:
    """Undo for the last removal, while the plan is as that removal left it."""
    removal = actions.session.last_removal
    if removal is None or removal.after is not actions.plan:
        return
    # One flex row, not columns: lighter to draw, and its button sits above the lines' Remove buttons.
    row = st.container(horizontal=True, horizontal_alignment="distribute", vertical_alignment="center")
    row.markdown(plain(f"Removed {removal.description} from {removal.meal}."))
    row.button("Undo the removal", key=Key.UNDO_REMOVAL, on_click=figures_after, args=(actions.undo_removal,),
               width=LINE_BUTTON_PX)


def item_lines(actions: PageActions, rows: list[dict[str, Any]], refs: list[RowRef | None], day: DayTotal) -> None:
    """One line per item with its own Remove button, then the day's total. A weekly supplement listed from
    another day is removed on its own day."""
    with st.container(key=Key.ITEM_LINES):
        st.html(line_html(ITEMS_ROW_CLASS, ITEM_HEAD, UG_CELLS, HEAD_ROW))
        for position, (row, ref) in enumerate(zip(rows, refs, strict=True)):
            st.html(line_html(ITEMS_ROW_CLASS, item_cells(row), UG_CELLS))
            if ref is None:
                st.caption(plain(f"Remove it on {row[LISTED_ON]}, where it is listed."), width=LINE_BUTTON_PX)
            else:
                line_button(plain(f"Remove {short_label(row['Item'])}"), remove_item_key(position),
                            actions.remove_item, ref, f"{row['Item']} ({row[AMOUNT_WORDS]})", position)
        st.html(line_html(ITEMS_ROW_CLASS, total_cells(day), UG_CELLS, TOTAL_ROW))


def line_button(label: str, key: str, change: Callable[..., None], *args: object) -> None:
    """A line's button, the next cell of its list's grid (app.py's style): the line is one element and its
    button another, with no row or fragment around them, so a list of n lines redraws 2n elements after
    every change, not 4n (bench/browser.py)."""
    st.button(label, key=key, on_click=figures_after, args=(change, *args), width=LINE_BUTTON_PX, wrap=True)


@st.fragment
def items_editor(actions: PageActions, rows: list[dict[str, Any]], refs: list[RowRef], meals: list[str]) -> None:
    """The day's table, editable (see the module's note on small fragments)."""
    key = items_editor_key(actions.session.editor_version)
    st.data_editor(
        pd.DataFrame(rows, columns=COLUMNS), key=key, hide_index=True, num_rows="fixed", width="stretch",
        disabled=["Item", "Unit", "B12 (µg)"],
        column_config={
            "Meal": st.column_config.SelectboxColumn("Meal", options=meals, required=True, width="small"),
            "Item": st.column_config.TextColumn("Item", width="large"),
            "Amount": st.column_config.NumberColumn("Amount", min_value=0.0, help="Servings, grams or µg (see Unit)",
                                                    width="small"),
            "B12 (µg)": st.column_config.NumberColumn("B12 (µg)", format="%.2f µg", width="small"),
        },
        on_change=figures_after, args=(actions.apply_table_edits, key, refs, meals))


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
            st.markdown(plain(f"Supplement: {item.description}, {item_amount(item)}{listed} — counts "
                              f"{micrograms(item.counted_ug)} at its meal."))
    with right:
        st.subheader("By meal (µg)")
        st.html(bars_html(meal_bars(day), "B12 per meal", with_meal=False))
        st.caption(plain(f"The meals add up to the day's {micrograms(day.total_ug)}, against a target of "
                         f"{totals.target.target_ug:g} µg a day. Intrinsic factor takes up at most about 1.5 µg per "
                         f"meal, so B12 spread over meals is absorbed better; {goal_basis_text(totals.goal)}."))


# ---- what to add: suggestions --------------------------------------------------------------------------------

# The everyday sources listed at first, the rest one switch away: the best-placed few are what a person
# reads (on a phone, six lines fit in about two screens), and each line costs a redraw after every add.
SOURCES_AT_FIRST = 6


def act_ui(actions: PageActions, result: Suggestions, day: DayTotal) -> None:
    """The answer first (the day's verdict, the clinician's note where there is one, the plan, the sources,
    each with its Add button), then the disclaimer and the rules and notes behind it, folded: 3–7 boxes
    before the answer hid it."""
    st.markdown(plain(day_verdict_text(day, result.target, result.absorption_goal_ug)))
    for note in result.notes:
        if isinstance(note, ClinicianNeeded):
            st.error(plain(note_text(note)), icon="🩺")
    if result.plan:
        st.subheader("A plan for the rest of the day")
        st.markdown(plain(f"These bring {day.label} to {micrograms(result.total_after_ug)} "
                          f"({gap_text(result.total_after_ug, result.target.target_ug)}), absorbed about "
                          f"{absorption_progress_text(result.absorbed_after_ug, result.absorption_goal_ug)}."))
        plan_buttons(actions, result.plan)
    if result.sources:
        st.subheader("Everyday sources for this diet")
        gap = (f"the gap is {micrograms(result.gap_ug)}" if result.gap_ug > 0 else "this day already meets the target")
        st.markdown(plain(f"Per serving for {result.target.life_stage}; {gap}."))
        every = actions.session.get(Key.ALL_SOURCES, False)
        source_lines(actions, result, len(result.sources) if every else SOURCES_AT_FIRST)
        if len(result.sources) > SOURCES_AT_FIRST:
            st.toggle(f"Show all {len(result.sources)} sources", key=Key.ALL_SOURCES)
    if result.supplements:
        st.markdown("**Supplement options:** " + " · ".join(plain(f"{o.description} ({GUIDANCE[o.why]})")
                                                            for o in result.supplements))
    st.caption(REPORT_DISCLAIMER)
    rules = [note for note in result.notes if not isinstance(note, (ClinicianNeeded, AdviceDisclaimer))]
    if rules:
        rules_ui(rules)


def rules_ui(rules: Sequence[Note]) -> None:
    """The rules and notes behind the suggestions, folded, and drawn only while unfolded: closed, they
    are one element after every add, not one box per rule (docs/benchmarks.md)."""
    folded = st.expander(f"Why these, and what is left out for this person ({len(rules)})", key=Key.RULES_OPEN,
                         on_change="rerun")
    if folded.open:
        with folded:
            for note in rules:
                st.info(plain(note_text(note)))


@st.fragment
def plan_buttons(actions: PageActions, additions: Sequence[PlanAddition]) -> None:
    """One Add per step of the day plan, and one for all of them."""
    with st.container(horizontal=True):
        for position, addition in enumerate(additions):
            st.button(plain(f"Add {addition_text(addition, short_label)} to {addition.meal}"),
                      key=plan_add_key(position), on_click=figures_after,
                      args=(actions.add_plan_additions, [addition]))
    st.button("Add all of these", type="primary", key=Key.PLAN_ADD_ALL, on_click=figures_after,
              args=(actions.add_plan_additions, list(additions)))


def source_lines(actions: PageActions, result: Suggestions, count: int) -> None:
    """The first `count` everyday sources, each on a line with its Add button, to the meal with the least B12
    among those the food suits."""
    pairs = zip(result.sources[:count], result.source_meals[:count], strict=True)
    with st.container(key=Key.SOURCE_LINES):
        st.html(line_html(SOURCES_ROW_CLASS, SOURCE_HEAD, SOURCE_NUMBERS, HEAD_ROW))
        for position, (source, meal) in enumerate(pairs):
            st.html(line_html(SOURCES_ROW_CLASS, source_cells(source, result.share_of_target(source)),
                              SOURCE_NUMBERS))
            line_button(plain(f"Add {short_label(source.food.description)} — {source.serving.label} to {meal}"),
                        source_add_key(position), actions.add_source, source.food, source.serving, meal)
