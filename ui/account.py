"""Sign-in, what a visitor is told about where their plans live, and their data on request."""

from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st

from planner.access import VisitorKind
from planner.datarequest import data_zip
from planner.errors import PlannerError, SignInEnded
from planner.store import PlanStore
from planner.store.signins import SignIn
from ui import state
from ui.text import plain
from ui.visitor import Arrival

ZIP_NAME = "b12-planner-my-plans.zip"


def _provider_label(provider: str | None) -> str:
    return "Sign in" if provider is None else f"Sign in with {provider}"


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


def _sign_out(store: PlanStore, sign_in: SignIn | None, everywhere: bool) -> None:
    """Record the sign-out first, so it holds for every copy of this sign-in, then end it in this
    browser. If it cannot be recorded, the person stays signed in and is told so."""
    if sign_in is not None:
        try:
            store.sign_out(sign_in, everywhere)
        except PlannerError as error:
            st.sidebar.error(plain(f"{error} You are still signed in; try again in a moment."))
            return
    st.logout()


def account_ui(arrival: Arrival, store: PlanStore, ended: bool) -> None:
    """The sidebar's first block: who this is, and sign-in or sign-out where it is configured."""
    sidebar = st.sidebar
    kind = arrival.visitor.kind
    sign_in = arrival.visitor.sign_in
    if kind is VisitorKind.LOCAL:
        sidebar.caption("Plans are saved on this computer.")
    elif arrival.signed_in and not ended:  # an identity that could not be used says why; signing out is the way on
        if kind is VisitorKind.SIGNED_IN:
            sidebar.caption(f"Signed in as {plain(arrival.shown_as or 'you')}: your plans are yours alone.")
        if sidebar.button("Sign out", key="sign_out", help="Ends this sign-in: in this tab, in other tabs of this "
                          "browser, and for any copy of it."):
            _sign_out(store, sign_in, everywhere=False)
        if sign_in is not None and sidebar.button("Sign out everywhere", key="sign_out_everywhere",
                                                  help="Ends every sign-in of yours so far, on every device and "
                                                       "browser."):
            _sign_out(store, sign_in, everywhere=True)
    elif arrival.providers:
        for provider in arrival.providers:
            if sidebar.button(_provider_label(provider), key=f"sign_in_{provider or 'default'}", type="primary"):
                st.login(provider)
        sidebar.caption("Sign in to keep your plans. Signing in opens a fresh page: plans in this tab do not "
                        "come along, so download what you want to keep first.")


def where_plans_live_ui(arrival: Arrival, ended: bool) -> None:
    """A hosted visitor who is not signed in is told, on every view, that plans stay in the tab;
    one whose sign-in has ended, that it has."""
    if arrival.problem:
        st.error(arrival.problem)
    if ended:
        st.warning(str(SignInEnded()))
        return
    if arrival.visitor.keeps_plans:
        return
    sign_in = " or sign in" if arrival.providers else ""
    st.info(f"You are not signed in: your plans stay in this tab and go when you close it. To keep a plan, "
            f"download its plan file (under Save, export, open){sign_in}.")


def my_data_ui(store: PlanStore, arrival: Arrival) -> None:
    """Everything saved for this person: one zip of plan files, or all of it deleted."""
    owner = arrival.visitor.owner
    st.subheader("Your data")
    if arrival.visitor.kind is VisitorKind.SIGNED_IN:
        st.caption("Your account id here, to quote in a request to the people who run this site:")
        st.code(owner, language=None)
    st.download_button("Download all my plans (zip)",
                       lambda: data_zip(store.owner_data(owner), datetime.now(timezone.utc)),
                       file_name=ZIP_NAME, mime="application/zip", on_click="ignore", key="download_my_data",
                       help="Every saved plan as a plan file, by client, with a manifest.")
    confirm = st.checkbox("Yes, delete every plan and client I have saved", key="confirm_delete_all")
    st.button("Delete all my data", key="delete_all", disabled=not confirm, on_click=state.delete_my_data,
              args=(store, "confirm_delete_all"))
