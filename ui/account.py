"""Sign-in, what a visitor is told about where their plans live, and their data on request."""

from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st

from planner.access import VisitorKind
from planner.datarequest import data_zip
from ui.actions import PageActions
from ui.session import Key, sign_in_key
from ui.visitor import Arrival

ZIP_NAME = "b12-planner-my-plans.zip"


def _provider_label(provider: str | None) -> str:
    return "Sign in" if provider is None else f"Sign in with {provider}"


def account_ui(arrival: Arrival) -> None:
    """The sidebar's first block: who this is, and sign-in or sign-out where it is configured."""
    sidebar = st.sidebar
    kind = arrival.visitor.kind
    if kind is VisitorKind.LOCAL:
        sidebar.caption("Plans are saved on this computer.")
    elif arrival.signed_in:  # an identity that could not be used says why on the page; signing out is the way on
        if arrival.visitor.sign_in is None and sidebar.button("Sign out", key=Key.SIGN_OUT):  # else ui/signout.py
            st.logout()
    elif arrival.providers:
        for provider in arrival.providers:
            if sidebar.button(_provider_label(provider), key=sign_in_key(provider), type="primary"):
                st.login(provider)
        sidebar.caption("Sign in to keep your plans. Signing in opens a fresh page: plans in this tab do not "
                        "come along, so download what you want to keep first.")


def where_plans_live_ui(arrival: Arrival) -> None:
    """A hosted visitor who is not signed in is told, on every view, that plans stay in the tab."""
    if arrival.problem:
        st.error(arrival.problem)
    if arrival.visitor.keeps_plans:
        return
    sign_in = " or sign in" if arrival.providers else ""
    st.info(f"You are not signed in: your plans stay in this tab and go when you close it. To keep a plan, "
            f"download its plan file (under Save, export, open){sign_in}.")


def my_data_ui(actions: PageActions, arrival: Arrival) -> None:
    """Everything saved for this person: one zip of plan files, or all of it deleted."""
    owner = arrival.visitor.owner
    st.subheader("Your data")
    if arrival.visitor.kind is VisitorKind.SIGNED_IN:
        st.caption("Your account id here, to quote in a request to the people who run this site:")
        st.code(owner, language=None)
    st.download_button("Download all my plans (zip)",
                       lambda: data_zip(actions.store.owner_data(owner), datetime.now(timezone.utc)),
                       file_name=ZIP_NAME, mime="application/zip", on_click="ignore", key=Key.DOWNLOAD_MY_DATA,
                       help="Every saved plan as a plan file, by client, with a manifest.")
    confirm = st.checkbox("Yes, delete every plan and client I have saved", key=Key.CONFIRM_DELETE_ALL)
    st.button("Delete all my data", key=Key.DELETE_ALL, disabled=not confirm, on_click=actions.delete_my_data)
