"""Sign-in, what a visitor is told about where their plans live, and their data on request."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import partial

import streamlit as st

from planner.access import MODE_VARIABLE, VisitorKind
from planner.custom import slugify
from planner.datarequest import data_zip
from planner.export import EXPORT_MIME, ExportFormat, export_file
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


def where_plans_live_ui(actions: PageActions, arrival: Arrival) -> None:
    """A visitor whose plans are not kept is told, on every view and first, that a reload empties the tab,
    with the plan file one click away. "Not signed in" only where signing in is offered."""
    if arrival.problem:
        st.error(arrival.problem)
    if arrival.visitor.keeps_plans:
        return
    if arrival.providers:
        st.info("You are not signed in: your plans are kept in this browser tab only, and a reload or closing "
                "the tab empties it. To keep a plan, download its plan file or sign in.")
    else:
        st.info("Your plans are kept in this browser tab only: a reload or closing the tab empties it. To keep "
                "a plan, download its plan file.")
    if arrival.beyond_loopback:
        st.caption(f"Running it yourself? To keep your plans, open it at localhost on the machine it runs on, "
                   f"started with `--server.address localhost` or with `{MODE_VARIABLE}=local` set.")
    st.download_button("Download this plan (plan file)", partial(export_file, actions.plan, actions.catalog,
                                                                 ExportFormat.JSON, 0),
                       file_name=f"{slugify(actions.plan.name)}.json", mime=EXPORT_MIME[ExportFormat.JSON],
                       on_click="ignore", key=Key.DOWNLOAD_TAB_PLAN)


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
