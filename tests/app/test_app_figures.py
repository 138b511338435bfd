"""Every figure of the day view agrees with `plan_totals` and `suggest` after each kind of change.

A change reruns the day view alone (a fragment); AppTest then holds exactly what that rerun drew,
so these tests read the figures a person sees after the change, not those of a fresh page. The
day's details are four panels of which only the one shown is drawn: each change is made once with
each panel that holds figures shown, and the other panels are shown after it.
Table edits and removals are made in the browser (tests/test_browser.py), where the table is real.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.snapshot import bundled_foods
from planner.totals import plan_totals
from planner.wording import absorption_progress_text, gap_text, intake_text
from tests.support.apptest import (
    APP,
    TIMEOUT,
    button,
    chart_data,
    cited_food_id,
    confirmations,
    item_lines,
    item_lines_html,
    label_of,
    metric_of,
    search_and_add,
    show_panel,
    source_rows,
    whole_page,
)
from ui.details import DETAIL_PANELS, SOURCES_AT_FIRST
from ui.session import Key, Session

PLANNED, SOURCES, ADVICE, FILES = DETAIL_PANELS
EDITING = "What is planned, as the editable grid"


@pytest.fixture(params=[PLANNED, EDITING, SOURCES, ADVICE])
def at(request) -> AppTest:
    """The page with one of the panels that hold figures shown, while the test makes its changes."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not app.exception
    assert app.session_state[Key.DETAIL_PANEL] == PLANNED  # a page opens on the day's table, to read
    assert app.session_state[Key.EDIT_ITEMS] is False
    if request.param == EDITING:
        app.session_state[Key.EDIT_ITEMS] = True
        return app.run()
    return app if request.param == PLANNED else show_panel(app, request.param)


TABLE_SHOWN = pytest.mark.parametrize("at", [PLANNED], indirect=True)  # the panel a page opens on
GRID_SHOWN = pytest.mark.parametrize("at", [EDITING], indirect=True)


def panel_choices(at: AppTest) -> list[str]:
    """The choices above the day's details, as offered on the page."""
    return list(at.button_group(key=Key.DETAIL_PANEL).options)


def table_rows(at: AppTest) -> list[tuple[str, float | None]]:
    """The day's items as (meal, µg counted) per row, in order, from the grid when editing, else the
    table to read, whose last row is the day's total (meal "")."""
    if at.session_state[Key.EDIT_ITEMS]:
        (grid,) = at.get("dataframe")
        return [(meal, None if pd.isna(ug) else float(ug))
                for meal, ug in zip(grid.value["Meal"], grid.value["B12 (µg)"], strict=True)]
    assert not at.get("dataframe")
    rows = item_lines(at)
    return [(row[0], None if row[3] == "unknown" else float(row[3].removeprefix("at least ").removesuffix(" µg")
                                                           .replace(",", ""))) for row in rows]


def assert_figures_agree(at: AppTest) -> None:
    """The metrics, and the open tab's table, charts or suggestions, against the planner's own answers."""
    catalog = bundled_foods()
    plan, day_index = Session(at.session_state).plan, Session(at.session_state).day_index
    totals = plan_totals(plan, catalog)
    day = totals.days[day_index]
    target = totals.target
    assert metric_of(at, "B12 eaten").value == intake_text(day.total_ug, day.unknown_items).split(";")[0]
    assert metric_of(at, "Target").proto.delta == gap_text(day.total_ug, target.target_ug)
    assert metric_of(at, "Absorbed (estimate)").value == f"{day.absorbed_ug:.2f} µg"
    assert metric_of(at, "Absorbed (estimate)").proto.delta == absorption_progress_text(day.absorbed_ug,
                                                                                     totals.absorption_goal_ug)
    panel = at.session_state[Key.DETAIL_PANEL]
    if panel == PLANNED:
        lines = [(meal.name, None if item.b12_ug is None else round(item.counted_ug, 2))
                 for meal in day.meals for item in meal.items
                 if not (at.session_state[Key.EDIT_ITEMS] and item.listed_on)]  # edited on its own day
        if lines:
            shown = table_rows(at)
            if not at.session_state[Key.EDIT_ITEMS]:
                assert shown[-1] == ("", round(day.total_ug, 2))  # the total row is the summary's total
                rows_sum = sum(ug or 0.0 for _, ug in shown[:-1])
                assert abs(rows_sum - shown[-1][1]) <= 0.005 * len(lines) + 1e-9  # the rows add up to it
                shown = shown[:-1]
            assert shown == lines
        else:
            assert not at.get("dataframe") and not item_lines_html(at)
    elif panel == SOURCES:
        assert_charts_agree(at, day)
    elif panel == ADVICE:
        assert_suggestions_agree(at, plan, day)
    else:
        pytest.fail(f"{panel} shows no figures")


def assert_every_panel_agrees(at: AppTest) -> None:
    """Each panel with figures shown in turn (as a person would), then the one that was shown again."""
    was_shown = at.session_state[Key.DETAIL_PANEL]
    for label in (PLANNED, SOURCES, ADVICE, was_shown):
        assert_figures_agree(show_panel(at, label))


def assert_charts_agree(at: AppTest, day) -> None:
    foods = [(meal.name, round(item.counted_ug, 3)) for meal in day.meals for item in meal.items
             if not item.supplement and item.counted_ug > 0]
    charts = chart_data(at)
    if foods:
        by_food = charts.pop(0)
        assert Counter((row["meal"], row["b12_ug"]) for row in by_food) == Counter(foods)
    if not any(meal.items for meal in day.meals):
        assert charts == []  # an empty day draws no empty charts
    else:
        by_meal = [row for row in charts[0] if "meal" in row]
        assert [(row["meal"], row["b12_ug"]) for row in by_meal] == [(m.name, round(m.total_ug, 3))
                                                                     for m in day.meals]
        assert sum(row["b12_ug"] for row in by_meal) == pytest.approx(day.total_ug, abs=0.01)


def assert_suggestions_agree(at: AppTest, plan, day) -> None:
    expected = suggest(plan.profile, bundled_foods().values(), CurrentDay.from_day(day), bundled_search_index())
    rows = source_rows(at) if expected.sources else []
    every = Session(at.session_state).get(Key.ALL_SOURCES, False)
    listed = expected.sources if every else expected.sources[:SOURCES_AT_FIRST]
    assert [cited_food_id(row) for row in rows] == [source.food.id for source in listed]
    planned = [label_of(b) for b in at.button if (b.key or "").startswith("plan_add_") and b.key != "plan_add_all"]
    assert [label.rsplit(" to ", 1)[1] for label in planned] == [addition.meal for addition in expected.plan]


def test_figures_agree_on_a_new_page(at):
    assert_every_panel_agrees(at)


def test_figures_agree_after_each_add(at):
    for query in ("whole milk", "beef liver braised", "cheddar cheese"):
        search_and_add(at, query)
        assert_figures_agree(at)
    assert_every_panel_agrees(at)


def test_figures_agree_after_a_suggestion_is_added(at):
    search_and_add(at, "apple")  # no B12: after one suggestion the day still needs a plan
    show_panel(at, ADVICE)
    next(b for b in at.button if (b.key or "").startswith("source_add_")).click().run()
    assert not at.exception
    assert_figures_agree(at)
    button(at, "Add all of these").click().run()
    assert_figures_agree(at)
    assert_every_panel_agrees(at)


@TABLE_SHOWN
def test_only_the_shown_panel_is_drawn(at):
    """The table, charts, suggestions and downloads of the panels not shown are neither computed nor sent."""
    search_and_add(at, "whole milk")
    for panel in DETAIL_PANELS:
        show_panel(at, panel)
        assert panel_choices(at) == list(DETAIL_PANELS)
        drawn = {PLANNED: bool(item_lines_html(at)), SOURCES: bool(chart_data(at)),
                 ADVICE: any((b.key or "").startswith("source_add_") for b in at.button),
                 FILES: bool(at.get("download_button"))}
        assert drawn == {label: label == panel for label in DETAIL_PANELS}


def test_figures_follow_the_day_switch(at):
    search_and_add(at, "beef liver braised")
    button(whole_page(at), "Add a day").click().run()
    at.selectbox(key=Key.DAY_PICK).set_value(1).run()  # Day 2 is empty
    assert Session(at.session_state).day_index == 1
    assert_figures_agree(at)
    assert metric_of(at, "B12 eaten").value == "0.00 µg"
    at.selectbox(key=Key.DAY_PICK).set_value(0).run()
    assert_figures_agree(at)
    assert metric_of(at, "B12 eaten").value != "0.00 µg"
    assert_every_panel_agrees(at)


def test_a_profile_change_redraws_the_day_view_too(at):
    search_and_add(at, "whole milk")
    whole_page(at).number_input(key=Key.AGE).set_value(70).run()
    assert_figures_agree(at)
    assert_every_panel_agrees(at)


@TABLE_SHOWN
def test_an_add_reruns_only_the_figures(at):
    """An add redraws the summary and the details, not the sidebar, the header or the add panel (part of
    what makes it quick); nothing in those depends on the day's items."""
    text = next(t for t in at.text_input if t.label == "Search foods")
    text.input("whole milk")
    button(at, "Search").click().run()
    at.button(key=Key.ADD_FOOD).click().run()
    assert not at.exception
    assert not at.sidebar.markdown and not at.radio  # the sidebar and the view picker were not part of this run
    assert [t.label for t in at.text_input] == []  # nor the plan's name or the search box
    assert [h.value for h in at.header] == ["Day 1 at a glance", "The day in detail"]
    assert panel_choices(at) == list(DETAIL_PANELS)
    assert confirmations(at)[0].startswith("Added Milk, whole (1 cup")
    assert_figures_agree(at)


def editor_key(at: AppTest) -> str:
    """The user key inside the day's table's element id (Streamlit appends it after a '-')."""
    (table,) = at.get("dataframe")
    return table.proto.id.rsplit("-", 1)[1]


@GRID_SHOWN
def test_adds_keep_the_day_table_so_the_browser_updates_it_in_place(at):
    """Only a table edit gives the table a new key (tests/test_browser.py edits it): after other
    changes the browser updates the grid it has instead of building a new one."""
    search_and_add(at, "whole milk")
    first = editor_key(at)
    whole_page(at).button(key=Key.ADD_FOOD).click().run()  # the same food again: its amount grows
    assert editor_key(at) == first
    show_panel(at, ADVICE)
    next(b for b in at.button if (b.key or "").startswith("source_add_")).click().run()
    assert not at.exception
    assert editor_key(show_panel(at, PLANNED)) == first
    assert_figures_agree(at)
