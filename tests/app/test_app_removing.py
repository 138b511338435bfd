"""Removing an item from "What is planned": one click on its row's Remove button, and Undo for the last
removal while nothing else changed."""

from __future__ import annotations

import re

from planner.snapshot import bundled_foods
from planner.totals import plan_totals
from tests.support.apptest import (
    button,
    item_lines,
    label_of,
    plan,
    save_as,
    search_and_add,
    shown,
    text_input,
    whole_page,
)
from ui.session import Key, Session, css_class, remove_item_key, round_key


def remove_buttons(at) -> list[str]:
    return [label_of(b) for b in at.button if (b.key or "").startswith("remove_item_")]


def items(at) -> list[tuple[str, object]]:
    return [(meal.name, item) for meal in plan(at).days[0].meals for item in meal.items]


def test_every_line_has_its_own_remove_button_named_for_its_item(at):
    search_and_add(at, "whole milk")
    search_and_add(at, "cheddar cheese")
    lines = item_lines(at)[:-1]
    assert remove_buttons(at) == [f"Remove {line[1]}" for line in lines]  # short names, line by line


def test_remove_takes_out_that_item_and_the_figures_follow(at):
    search_and_add(at, "whole milk")
    search_and_add(at, "cheddar cheese")
    milk, cheese = items(at)
    milk_line = item_lines(at)[0]
    button(at, remove_buttons(at)[0]).click().run()
    assert not at.exception
    assert items(at) == [cheese]
    day = plan_totals(plan(at), bundled_foods()).days[0]
    assert item_lines(at)[-1][3] == f"{day.total_ug:.2f} µg"  # the total line is the cheese's alone
    assert [line[1] for line in item_lines(at)[:-1]] == [item.description for m in day.meals for item in m.items]
    (said,) = [text for text in shown(at.markdown) if text.startswith("Removed ")]
    assert said == f"Removed {milk_line[1]} ({milk_line[2]}) from {milk[0]}."


def test_undo_puts_the_item_back_where_it_was(at):
    search_and_add(at, "whole milk")
    search_and_add(at, "cheddar cheese")
    before = items(at)
    button(at, remove_buttons(at)[0]).click().run()
    button(at, "Undo the removal").click().run()
    assert not at.exception
    assert items(at) == before  # same items, same meals, same order
    assert not [b for b in at.button if b.key == Key.UNDO_REMOVAL]  # one undo per removal
    assert Session(at.session_state).last_removal is None


def test_undo_is_offered_only_until_the_plan_changes_again(at):
    search_and_add(at, "whole milk")
    search_and_add(at, "cheddar cheese")
    button(at, remove_buttons(at)[0]).click().run()
    assert [b for b in at.button if b.key == Key.UNDO_REMOVAL]
    search_and_add(at, "egg")  # another change: undoing now would throw the egg away too
    assert not [b for b in whole_page(at).button if b.key == Key.UNDO_REMOVAL]
    assert [label_of(b) for b in at.button if (b.key or "").startswith("remove_item_")]


def test_a_removal_and_its_undo_are_saved_with_a_named_plan(at):
    search_and_add(at, "whole milk")
    save_as(at, "Milk day")
    version_before = Session(at.session_state).plan_version
    button(whole_page(at), remove_buttons(at)[0]).click().run()
    session = Session(at.session_state)
    assert not at.exception and not session.conflict
    version_after_removal = session.plan_version
    assert version_after_removal == version_before + 1 and items(at) == []
    button(at, "Undo the removal").click().run()
    assert Session(at.session_state).plan_version == version_after_removal + 1  # saved again, item back
    assert text_input(whole_page(at), "Plan name").value == "Milk day"


def test_a_weekly_supplement_listed_from_another_day_has_no_remove_button_there(at):
    whole_page(at).toggle(key=Key.SHOW_SUPPLEMENT).set_value(True).run()
    session = Session(at.session_state)
    at.selectbox(key=round_key(Key.SUPPLEMENT_EVERY, session.supplement_round)).set_value("week")
    button(at, "Add supplement").click().run()
    assert len(remove_buttons(at)) == 1
    button(whole_page(at), "Add a day").click().run()
    assert not at.exception
    lines = item_lines(whole_page(at))
    assert any("weekly" in line[2] for line in lines[:-1])  # listed on Day 2, counted there too
    assert remove_buttons(at) == []  # it is removed on its own day, as its line says
    assert "Remove it on Day 1, where it is listed." in shown(at.caption)


def focus_targets(at) -> list[str]:
    """The buttons the page moves keyboard focus to in this run (ui.details.focus_ui's scripts)."""
    return re.findall(r"querySelector\(\"\.([\w-]+) button\"\)", " ".join(e.value for e in at.get("html")))


def test_focus_goes_to_undo_after_a_remove_and_back_to_the_line_after_an_undo(at):
    search_and_add(at, "whole milk")
    search_and_add(at, "cheddar cheese")
    assert focus_targets(at) == []
    button(at, remove_buttons(at)[1]).click().run()  # the cheese's button goes with its line
    assert focus_targets(at) == [css_class(Key.UNDO_REMOVAL)]
    button(at, "Undo the removal").click().run()  # the Undo button goes: focus to the cheese's Remove again
    assert focus_targets(at) == [css_class(remove_item_key(1))]
    assert remove_buttons(at)[1] == f"Remove {item_lines(at)[1][1]}"
    at.run()
    assert focus_targets(at) == []  # once: a later run leaves focus where the person put it
