"""Sign-out that holds on the server (planner/store/signins.py): every run asks whether this tab's
sign-in has ended, and the sign-out buttons record the sign-out in the store before the browser
forgets its cookie, so no other tab, and no copy of the cookie, goes on using it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from planner.errors import PlannerError, SignInEnded
from planner.store import PlanStore
from planner.store.signins import SignIn
from ui.session import Key
from ui.text import plain
from ui.visitor import Arrival


def checked_arrival(store: PlanStore, arrival: Arrival) -> tuple[Arrival, bool]:
    """Whether this tab's sign-in has ended, asked on every run, so an open tab learns of a
    sign-out elsewhere at its next action; and the arrival as this run shows it: an ended sign-in
    reads as signed out (the sign-in buttons show), while its store still refuses every call.
    When the database cannot tell, not ended: the store's own calls then refuse, and say why."""
    sign_in = arrival.visitor.sign_in
    if sign_in is None:
        return arrival, False
    try:
        ended = store.sign_in_ended(sign_in)
    except PlannerError:
        return arrival, False
    return (replace(arrival, signed_in=False, shown_as=None) if ended else arrival), ended


def ended_ui(ended: bool) -> None:
    """One sentence at the top of the page; what is on screen stays."""
    if ended:
        st.warning(str(SignInEnded()))


def signed_in_ui(store: PlanStore, arrival: Arrival) -> None:
    """The sidebar's first block for a signed-in person: who they are, and the sign-out buttons."""
    sign_in = arrival.visitor.sign_in
    if sign_in is None or not arrival.signed_in:
        return
    sidebar = st.sidebar
    sidebar.caption(f"Signed in as {plain(arrival.shown_as or 'you')}: your plans are yours alone.")
    if sidebar.button("Sign out", key=Key.SIGN_OUT, help="Ends this sign-in: in this tab, in other tabs of this "
                      "browser, and for any copy of it."):
        _sign_out(store, sign_in, everywhere=False)
    if sidebar.button("Sign out everywhere", key=Key.SIGN_OUT_EVERYWHERE,
                      help="Ends every sign-in of yours so far, on every device and browser."):
        _sign_out(store, sign_in, everywhere=True)


def _sign_out(store: PlanStore, sign_in: SignIn, everywhere: bool) -> None:
    """Record the sign-out first, so it holds for every copy of this sign-in, then end it in this
    browser. If it cannot be recorded, the person stays signed in and is told so."""
    try:
        store.sign_out(sign_in, everywhere)
    except PlannerError as error:
        st.sidebar.error(plain(f"{error} You are still signed in; try again in a moment."))
        return
    st.logout()
