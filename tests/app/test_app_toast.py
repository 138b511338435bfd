"""The confirmation toast has a place of its own at the top of the day's summary, drawn on every run (empty
when there is nothing to confirm): a toast that came and went used to shift every figure below it, which
the browser then drew anew (bench/browser.py). The same words twice are two toasts, so both show."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.support.apptest import confirmations, search_and_add, show_panel
from ui.messages import TOAST_CLASS


def toast_places(at: AppTest) -> list[str]:
    """Every HTML element holding the toast's class: a toast, or its empty place."""
    return [element.value for element in at.get("html") if f'class="{TOAST_CLASS}"' in element.value]


def test_the_toast_has_its_place_with_and_without_a_confirmation(at):
    assert len(toast_places(at)) == 1 and not confirmations(at)  # nothing to confirm yet: the empty place
    search_and_add(at, "whole milk")
    assert len(toast_places(at)) == 1 and confirmations(at)
    show_panel(at, "What to add")  # a run with nothing to confirm
    assert len(toast_places(at)) == 1 and not confirmations(at)
    assert "hidden" in toast_places(at)[0] and 'role="status"' not in toast_places(at)[0]


def test_each_toast_is_numbered_so_the_same_words_twice_show_twice(at):
    search_and_add(at, "whole milk")
    first = toast_places(at)
    search_and_add(at, "whole milk")
    second = toast_places(at)
    assert confirmations(at) and len(first) == len(second) == 1
    numbers = [re.search(r'data-toast="(\d+)"', place).group(1) for place in first + second]
    assert numbers[0] != numbers[1]
