"""The person in one line above the day, and their profile form brought onto the page by "Edit" (a phone
folds the sidebar away), then back to the sidebar by "Done"."""

from __future__ import annotations

from planner.targets import life_stage_target
from planner.wording import person_text
from tests.support.apptest import plan, shown
from ui.session import Key


def person_line(at) -> str:
    (line,) = [text for text in shown(at.main.markdown) if text.startswith("Planning for:")]
    return line.removeprefix("Planning for: ")


def test_the_person_and_their_target_are_in_one_line_above_the_day(at):
    profile = plan(at).profile
    assert person_line(at) == person_text(profile, life_stage_target(profile))
    assert person_line(at).endswith("· IOM 2.4 µg/day")


def test_the_line_follows_the_profile(at):
    at.sidebar.number_input(key=Key.AGE).set_value(34).run()
    at.sidebar.radio(key=Key.STATE).set_value("pregnant").run()
    at.sidebar.selectbox(key=Key.DIET).set_value("vegetarian").run()
    assert not at.exception
    assert person_line(at) == "Pregnant, 34, vegetarian · IOM 2.6 µg/day"


def test_edit_brings_the_form_onto_the_page_and_done_takes_it_back(at):
    assert [w.key for w in at.sidebar.number_input] == [Key.AGE]
    at.button(key=Key.EDIT_PERSON).click().run()
    assert not at.exception
    assert not at.sidebar.number_input and [w.key for w in at.main.number_input][0] == Key.AGE
    assert "Being edited on the page, below the person's line." in shown(at.sidebar.caption)
    at.main.number_input(key=Key.AGE).set_value(70).run()  # edited on the page, applied as from the sidebar
    assert not at.exception
    assert plan(at).profile.age_years == 70 and person_line(at).startswith("Female, 70,")
    assert at.button(key=Key.EDIT_PERSON).label == "Done"
    at.button(key=Key.EDIT_PERSON).click().run()
    assert [w.key for w in at.sidebar.number_input] == [Key.AGE] and at.sidebar.number_input[0].value == 70
    assert at.button(key=Key.EDIT_PERSON).label == "Edit"


def test_an_impossible_age_typed_on_the_page_says_why_there(at):
    at.button(key=Key.EDIT_PERSON).click().run()
    at.main.number_input(key=Key.AGE).set_value(-5).run()
    assert plan(at).profile.age_years == 30
    assert any(text.startswith("Age must be between 0 and 120 years (got -5).") for text in shown(at.main.error))
    assert person_line(at).startswith("Female, 30,")  # the plan's person, not the refused one
