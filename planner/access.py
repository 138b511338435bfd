"""Who is asking: the local person, a signed-in person, or a visitor whose plans stay in their
session. Pure functions of plain inputs; the app reads them from Streamlit and passes them in.

Failing closed: a visitor is the *local* person only when the server may serve one (it listens
on a loopback address only, or B12_PLANNER_MODE=local says so) and the visitor's own
connection comes from loopback, straight, not through a proxy. Anything unknown counts as
hosted. B12_PLANNER_MODE=hosted makes everyone hosted. A server listening on another address
(every interface included, on a desktop too) serves nobody as local unless told to: a proxy
on the same host that adds no forwarding header (stunnel, socat, nginx `stream`, HAProxy in
TCP mode) makes a stranger's connection look like this machine's own.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlsplit

from planner.errors import AccessError
from planner.store.owners import LOCAL_OWNER
from planner.store.signins import SignIn, sign_in_of

MODE_VARIABLE = "B12_PLANNER_MODE"
SESSION_OWNER = "session"  # the owner inside a session's own in-memory store

# Headers a proxy adds to say whom it forwards for: any one of them means the connection is
# not the visitor's own, whatever its address.
FORWARDING_HEADERS = frozenset({
    "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
    "x-forwarded-server", "x-real-ip", "x-client-ip", "x-cluster-client-ip", "x-original-forwarded-for",
    "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "via",
})


class Mode(Enum):
    AUTO = "auto"  # decided from the server's address and the visitor's connection
    LOCAL = "local"  # this server serves its local person (still only over a loopback connection)
    HOSTED = "hosted"  # everyone is hosted


class Access(Enum):
    LOCAL = "local"
    HOSTED = "hosted"


class VisitorKind(Enum):
    LOCAL = "local"  # the person at this computer: their plans, the old data folder
    SIGNED_IN = "signed in"  # a hosted visitor signed in: plans keyed by issuer and subject
    SESSION = "session"  # a hosted visitor not signed in: plans stay in the browser session


@dataclass(frozen=True)
class Visit:
    """What the server knows about one visit."""

    server_address: str | None  # Streamlit's server.address; None or "" listens on every interface
    mode: Mode
    peer: str | None  # the address the visitor's connection comes from; None when unknown
    headers: Mapping[str, str] = field(default_factory=dict)  # the connection's request headers


@dataclass(frozen=True)
class Visitor:
    kind: VisitorKind
    owner: str  # whose rows the store reads and writes
    sign_in: SignIn | None = None  # a signed-in visitor's sign-in: a sign-out ends it on the server

    @property
    def keeps_plans(self) -> bool:
        """Whether saved plans outlive the browser session."""
        return self.kind is not VisitorKind.SESSION


def parse_mode(text: str | None) -> Mode:
    """B12_PLANNER_MODE: unset or empty is auto; local or hosted; anything else is refused."""
    value = (text or "").strip().lower()
    if not value:
        return Mode.AUTO
    if value in (Mode.LOCAL.value, Mode.HOSTED.value):
        return Mode(value)
    raise AccessError(f"{MODE_VARIABLE} must be local or hosted (or unset), not {value[:40]!r}; "
                      "until it is fixed every visitor counts as hosted.")


def _loopback_address(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]").split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _loopback_name(host: str) -> bool:
    """A host name or address that can only mean this machine."""
    host = host.strip().strip("[]").lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost") or _loopback_address(host)


def _host_of(header: str) -> str | None:
    """The host in a Host header ("127.0.0.1:8501", "[::1]:8501") or an Origin ("http://localhost:8501")."""
    try:
        return urlsplit(header if "://" in header else f"//{header}").hostname
    except ValueError:
        return None


def _server_may_serve_local(visit: Visit) -> bool:
    """B12_PLANNER_MODE=local, or a server that only loopback can reach (.streamlit/config.toml's
    server.address = "localhost" makes the plain `streamlit run app.py` one)."""
    if visit.mode is Mode.LOCAL:
        return True
    return visit.server_address is not None and _loopback_name(visit.server_address)


def listens_beyond_loopback(visit: Visit) -> bool:
    """A server left to decide (no B12_PLANNER_MODE) that listens beyond loopback, e.g. `streamlit run app.py`
    on a headless machine: it serves nobody as local, its own user included, so the page says how to be."""
    return visit.mode is Mode.AUTO and not _server_may_serve_local(visit)


def _straight_from_loopback(visit: Visit) -> bool:
    """The connection is the visitor's own, from this machine: no proxy in between, and the
    browser names this machine too (a same-host proxy that adds no header still passes on
    the public name the visitor typed)."""
    if visit.peer is None or not _loopback_address(visit.peer):
        return False
    headers = {name.lower(): value for name, value in visit.headers.items()}
    if FORWARDING_HEADERS & headers.keys():
        return False
    named = [headers.get("host", "")] + ([headers["origin"]] if "origin" in headers else [])
    return all(_loopback_name(_host_of(value) or "") for value in named)


def who_is_asking(visit: Visit) -> Access:
    """LOCAL only for a loopback visitor of a server that may serve its local person; else HOSTED."""
    if visit.mode is Mode.HOSTED or not _server_may_serve_local(visit):
        return Access.HOSTED
    return Access.LOCAL if _straight_from_loopback(visit) else Access.HOSTED


def visitor_for(access: Access, user: Mapping[str, object] | None) -> Visitor:
    """Whose plans a visit sees. `user` is the signed-in person's identity claims (None when
    nobody is signed in); a hosted visitor without one keeps plans in the session only.
    Raises InvalidOwner when the claims name no usable sign-in (no issuer, subject or issue time)."""
    if access is Access.LOCAL:
        return Visitor(VisitorKind.LOCAL, LOCAL_OWNER)
    if user is None:
        return Visitor(VisitorKind.SESSION, SESSION_OWNER)
    sign_in = sign_in_of(user)
    return Visitor(VisitorKind.SIGNED_IN, sign_in.owner, sign_in)
