"""Which fragments of "Plan a day" a change reruns, so a click redraws what it changes and no more.

Measured in bench/browser.py: an add, a table edit or a suggestion reruns the summary and the
details (every figure computed from the plan, drawn from the same plan in one run), not the
sidebar, the header or the add panel; a search or a pick reruns the add panel alone; a change
of days reruns the view. A change that replaces the plan (a file opened, a saved plan reloaded)
reruns the whole page, since the sidebar shows the plan's profile.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from planner.plan import Plan
from ui.session import Key, Session

FIGURES = [Key.SUMMARY, Key.DETAILS]  # everything computed from the plan: after an add, an edit, a suggestion
WHOLE_DAY = [Key.PLAN_HEADER, Key.SUMMARY, Key.ADD_PANEL, Key.DETAILS]  # after days are added, removed or switched


def figures_after(change: Callable[..., None], *args: object) -> None:
    """A change asked from the details (a table edit, a suggestion): the summary and the details rerun."""
    change(*args)
    st.rerun(FIGURES)


def days_changed(change: Callable[..., None], *args: object) -> None:
    """Days added, removed or switched: the view reruns, not the sidebar."""
    change(*args)
    st.rerun(WHOLE_DAY)


def whole_page(change: Callable[..., None], *args: object) -> None:
    """A change that replaces the open plan (a file opened, a saved plan reloaded): the whole page
    reruns, not just the fragment it was asked from, since the sidebar shows the plan's profile and
    the header its name and days."""
    change(*args)
    st.rerun()


def after_add(before: Plan, form: str = Key.ADD_PANEL) -> None:
    """After an add from the add panel: the figures rerun when the plan changed, and the form's fragment
    `form` always (a fresh round of it for the next entry, or a refusal beside its button)."""
    changed = Session().plan is not before
    st.rerun((FIGURES if changed else []) + [form])
