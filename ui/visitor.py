"""Who is asking, as Streamlit sees it: its server settings, the visitor's connection and sign-in.

This module only gathers the facts; planner.access decides. Decided once per browser
session (a sign-in or sign-out opens a new session).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitSecretNotFoundError

from planner.access import (
    MODE_VARIABLE,
    Access,
    Mode,
    Visit,
    Visitor,
    listens_beyond_loopback,
    parse_mode,
    visitor_for,
    who_is_asking,
)
from planner.errors import AccessError, InvalidOwner
from planner.snapshot import FoodCatalog
from planner.store import PlanStore, open_session_store
from ui.session import Session

LOOPBACK = "127.0.0.1"
AUTH_SECTION = "auth"


@dataclass(frozen=True)
class Connection:
    peer: str | None  # None: not known
    headers: Mapping[str, str]


@dataclass(frozen=True)
class Arrival:
    """Who is asking, and what the page tells them about it."""

    visitor: Visitor
    providers: tuple[str | None, ...]  # sign-in providers to offer (None: the default one); () without [auth]
    signed_in: bool  # signed in with the provider (even when the identity could not be used)
    shown_as: str | None  # a signed-in person's e-mail or name
    problem: str | None  # a setting or an identity that could not be used, in one sentence
    beyond_loopback: bool = False  # no mode set, and the server listens beyond loopback (planner.access)


def read_connection() -> Connection:
    """The visitor's connection as Streamlit saw its WebSocket handshake.

    st.context.ip_address reads None both for a loopback peer and when no connection is
    known; the handshake's headers tell the two apart (a live connection always has some).
    A server on a Unix socket never knows the peer.
    """
    headers = st.context.headers.to_dict()  # planner.access reads names case-blind
    address = st.context.ip_address
    if not headers or str(config.get_option("server.address") or "").startswith("unix"):
        return Connection(None, headers)
    if address is None:
        return Connection(LOOPBACK, headers)
    return Connection(address if isinstance(address, str) else None, headers)


def sign_in_providers() -> tuple[str | None, ...]:
    """The OpenID Connect providers configured under [auth] in .streamlit/secrets.toml."""
    try:
        section = st.secrets.get(AUTH_SECTION)
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return ()
    if not isinstance(section, Mapping):
        return ()
    default = (None,) if "client_id" in section else ()
    named = tuple(sorted(name for name, value in section.items()
                         if isinstance(value, Mapping) and "client_id" in value))
    return default + named


def _signed_in_claims() -> dict[str, object] | None:
    claims: dict[str, object] = dict(st.user.to_dict())
    return claims if claims.get("is_logged_in") is True else None


def _arrive() -> Arrival:
    problem = None
    try:
        mode = parse_mode(os.environ.get(MODE_VARIABLE))
    except AccessError as error:
        problem, mode = str(error), Mode.HOSTED
    connection = read_connection()
    visit = Visit(config.get_option("server.address"), mode, connection.peer, connection.headers)
    access = who_is_asking(visit)
    providers = sign_in_providers() if access is Access.HOSTED else ()
    claims = _signed_in_claims() if providers else None
    try:
        visitor = visitor_for(access, claims)
    except InvalidOwner as error:
        problem, visitor = f"{error} Plans stay in this tab.", visitor_for(access, None)
    shown_as = None if claims is None else str(claims.get("email") or claims.get("name") or "")
    return Arrival(visitor, providers, claims is not None, shown_as or None, problem, listens_beyond_loopback(visit))


def arrival() -> Arrival:
    """Who is asking in this browser session (decided on its first run)."""
    session = Session()
    if not session.has(Session.arrival.key):
        session.arrival = _arrive()
    return session.arrival


def store_for(arrival: Arrival, store: PlanStore) -> PlanStore:
    """The store as this visitor uses it: for a signed-in person, every call first checks that
    their sign-in has not ended (a sign-out in another tab, or everywhere)."""
    sign_in = arrival.visitor.sign_in
    return store if sign_in is None else store.for_sign_in(sign_in)


def session_store(catalog: FoodCatalog) -> PlanStore:
    """This session's own store, in memory: a visitor's plans that must not reach the database."""
    session = Session()
    if not session.has(Session.session_store.key):
        session.session_store = open_session_store(catalog)
    return session.session_store
