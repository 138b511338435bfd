"""Messages where the person is looking: confirmations as toasts, problems beside the control
that caused them (the uploader, the Add button, the table), never a banner off-screen.

The toast is the app's own, not st.toast: Streamlit's toast is an ARIA alertdialog without a
name (axe-core: serious), while this one is a status region, which screen readers announce
politely without moving focus. It sits fixed at the bottom right, clear of the title and the first
fields (on a phone, in the strip at the top beside the sidebar's button, clear of the fields), lets
clicks through and fades after a few seconds; nothing relies on it (the figures show the change).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable, TypeVar

import streamlit as st

from planner.errors import PlannerError
from ui.session import Session
from ui.text import plain

T = TypeVar("T")

PAGE, SEARCH, ADD, TABLE, IMPORT, SAVE, DAY = "page", "search", "add", "table", "import", "save", "day"
SUPPLEMENT_FORM, LABEL_FORM = "supplement_form", "label_form"
PLAN_VIEW_PLACES = (SEARCH, ADD, SUPPLEMENT_FORM, LABEL_FORM, TABLE, IMPORT, SAVE, DAY)  # shown inside "Plan a day"
TOAST_CLASS = "b12-toast"
TOAST_STYLE = f"""<style>
.{TOAST_CLASS} {{position: fixed; bottom: 1rem; right: 1rem; z-index: 1000001; max-width: min(24rem, 80vw);
  pointer-events: none;
  padding: .6rem 1rem; background: #fff; color: #0e1117; border: 1px solid #116329;
  border-left: .4rem solid #116329; border-radius: .5rem; box-shadow: 0 4px 16px rgba(0, 0, 0, .15);
  animation: {TOAST_CLASS}-fade 6s forwards}}
.{TOAST_CLASS} p {{margin: .2rem 0}}
@media (max-width: 640px) {{.{TOAST_CLASS} {{top: .5rem; bottom: auto; left: 3.5rem; right: .5rem; max-width: none;
  padding: .3rem .6rem; font-size: .85rem}}}}
@keyframes {TOAST_CLASS}-fade {{0%, 85% {{opacity: 1}} 100% {{opacity: 0; visibility: hidden}}}}
</style>"""


@dataclass(frozen=True)
class Message:
    kind: str  # success, info, warning or error
    text: str
    place: str


def say(kind: str, text: str, place: str = PAGE) -> None:
    """Queue a message (kind: success, info, warning, error) for `place`; successes become toasts."""
    Session().messages.append(Message(kind, text, place))


def clear(place: str) -> None:
    """Forget what was queued for a place (a new upload replaces the last one's reasons)."""
    session = Session()
    session.messages = [message for message in session.messages if message.place != place]


def show(*places: str) -> None:
    """Render the messages queued for these places, and every confirmation as one toast. User text
    is shown as text (escaped), never as Markdown or HTML."""
    session = Session()
    kept = []
    for message in session.messages:
        if message.place in places and message.kind != "success":
            getattr(st, message.kind)(plain(message.text))
        else:
            kept.append(message)
    session.messages = kept
    if any(message.kind == "success" for message in kept):
        toast_ui()


def toast_ui() -> None:
    """Every confirmation queued, as one toast; where there is none, its empty slot. A fragment that calls
    this first on every run keeps its other elements in their places whether or not it confirms something,
    so the browser updates them rather than drawing them anew (a toast that came and went shifted them all,
    docs/benchmarks.md). Each toast is numbered, so the same words twice still show twice."""
    session = Session()
    confirmations = [message.text for message in session.messages if message.kind == "success"]
    session.messages = [message for message in session.messages if message.kind != "success"]
    if not confirmations:
        st.html(f'<div class="{TOAST_CLASS}" hidden></div>')
        return
    session.toasts += 1
    body = "".join(f"<p>{html.escape(text)}</p>" for text in confirmations)
    st.html(f'<div role="status" class="{TOAST_CLASS}" data-toast="{session.toasts}">{body}</div>')


def read_or_show(read: Callable[[], T], shown: Callable[[str], object] = st.error) -> T | None:
    """What a store read returns; if it fails, its reason right here (with `shown`), and None."""
    try:
        return read()
    except PlannerError as error:
        shown(plain(error))
        return None
