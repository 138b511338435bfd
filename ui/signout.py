"""Sign-out that holds on the server (planner/store/signins.py): every run asks whether this tab's
sign-in has ended, and the sign-out buttons record the sign-out in the store before the browser
forgets its cookie, so no other tab, and no copy of the cookie, goes on using it."""

from __future__ import annotations

import streamlit as st

from planner.errors import PlannerError, SignInEnded
from planner.store import PlanStore
from planner.store.signins import SignIn
from ui.text import plain
from ui.visitor import Arrival


def sign_in_ended(store: PlanStore, arrival: Arrival) -> bool:
    """Asked on every run, so an open tab learns of a sign-out elsewhere at its next action. When
    the database cannot tell, False: the store's own calls then refuse, and say why."""
    sign_in = arrival.visitor.sign_in
    if sign_in is None:
        return False
    try:
        return store.sign_in_ended(sign_in)
    except PlannerError:
        return False


def ended_ui(ended: bool) -> None:
    """One sentence at the top of the page; what is on screen stays."""
    if ended:
        st.warning(str(SignInEnded()))


def sign_out_ui(store: PlanStore, arrival: Arrival, ended: bool) -> None:
    """The sidebar's sign-out buttons for a signed-in person (below who they are signed in as)."""
    sign_in = arrival.visitor.sign_in
    if sign_in is None or ended:
        return
    sidebar = st.sidebar
    if sidebar.button("Sign out", key="sign_out", help="Ends this sign-in: in this tab, in other tabs of this "
                      "browser, and for any copy of it."):
        _sign_out(store, sign_in, everywhere=False)
    if sidebar.button("Sign out everywhere", key="sign_out_everywhere",
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
