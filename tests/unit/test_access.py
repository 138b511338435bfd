"""Who is asking, on plain inputs: each case of the local/hosted rule, and owner ids.

Local only when the server may serve its local person (bound to loopback, or
B12_PLANNER_MODE=local) and the visitor's own connection comes from loopback; everyone else,
a visitor behind a proxy on the same host included, is hosted.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from planner.access import (
    Access,
    Mode,
    Visit,
    Visitor,
    VisitorKind,
    listens_beyond_loopback,
    parse_mode,
    visitor_for,
    who_is_asking,
)
from planner.errors import AccessError, InvalidOwner
from planner.store.owners import checked_owner, owner_of_identity

BROWSER_HERE = {"Host": "127.0.0.1:8501", "Origin": "http://127.0.0.1:8501"}  # a browser on this machine


def visit(server_address: str | None = "127.0.0.1", mode: Mode = Mode.AUTO,
          peer: str | None = "127.0.0.1", headers: dict[str, str] | None = None) -> Visit:
    return Visit(server_address, mode, peer, BROWSER_HERE if headers is None else headers)


# ---- the server may serve its local person ------------------------------------------------------

@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.53", "localhost", "::1", "[::1]"])
def test_a_server_bound_to_loopback_serves_its_local_visitor_as_local(address):
    assert who_is_asking(visit(server_address=address)) is Access.LOCAL


def test_local_mode_serves_a_local_visitor_of_a_server_on_every_interface_as_local():
    assert who_is_asking(visit(server_address="0.0.0.0", mode=Mode.LOCAL)) is Access.LOCAL


@pytest.mark.parametrize("address", [None, "", "0.0.0.0", "::", "192.168.1.5", "planner.example.com",
                                     "localhost.example.com", "unix:///run/planner.sock"])
def test_a_server_on_other_addresses_serves_everyone_as_hosted(address):
    assert who_is_asking(visit(server_address=address)) is Access.HOSTED


@pytest.mark.parametrize(("address", "mode", "beyond"), [
    ("0.0.0.0", Mode.AUTO, True), (None, Mode.AUTO, True), ("localhost", Mode.AUTO, False),
    ("0.0.0.0", Mode.LOCAL, False), ("0.0.0.0", Mode.HOSTED, False)],
    ids=["every-interface", "unset", "loopback", "local-mode", "hosted-mode"])
def test_only_a_server_left_to_decide_that_listens_beyond_loopback_is_told_how_to_keep_plans(address, mode, beyond):
    assert listens_beyond_loopback(visit(server_address=address, mode=mode)) is beyond


def test_hosted_mode_serves_even_a_loopback_visitor_of_a_loopback_server_as_hosted():
    assert who_is_asking(visit(mode=Mode.HOSTED)) is Access.HOSTED


# ---- the visitor's own connection ------------------------------------------------------------------

@pytest.mark.parametrize("peer", ["192.168.1.20", "10.0.0.7", "203.0.113.9", "fe80::1", "2001:db8::5"])
def test_a_visitor_from_another_address_is_hosted_even_in_local_mode(peer):
    assert who_is_asking(visit(server_address=None, mode=Mode.LOCAL, peer=peer)) is Access.HOSTED


@pytest.mark.parametrize("peer", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
def test_a_loopback_visitor_in_any_notation_is_local(peer):
    assert who_is_asking(visit(peer=peer)) is Access.LOCAL


@pytest.mark.parametrize("peer", [None, "", "not-an-address"])
def test_a_visitor_whose_address_is_unknown_is_hosted(peer):
    assert who_is_asking(visit(mode=Mode.LOCAL, peer=peer)) is Access.HOSTED


@pytest.mark.parametrize("header", [{"X-Forwarded-For": "203.0.113.9"},
                                    {"Forwarded": "for=203.0.113.9;proto=https"},
                                    {"X-Real-IP": "203.0.113.9"},
                                    {"x-forwarded-for": "127.0.0.1"},
                                    {"X-Forwarded-Proto": "https"},
                                    {"Via": "1.1 nginx"}])
def test_a_visitor_behind_a_proxy_on_the_same_host_is_hosted(header):
    assert who_is_asking(visit(headers={**BROWSER_HERE, **header})) is Access.HOSTED


def test_a_same_host_proxy_that_adds_no_header_still_passes_on_the_public_host_name():
    headers = {"Host": "planner.example.com", "Origin": "https://planner.example.com"}
    assert who_is_asking(visit(headers=headers)) is Access.HOSTED


def test_a_page_of_another_site_connecting_from_this_machine_is_hosted():
    headers = {"Host": "127.0.0.1:8501", "Origin": "https://elsewhere.example"}
    assert who_is_asking(visit(headers=headers)) is Access.HOSTED


def test_a_connection_without_a_host_header_is_hosted():
    assert who_is_asking(visit(headers={})) is Access.HOSTED


def test_a_browser_naming_this_machine_localhost_is_local():
    headers = {"host": "localhost:8501", "origin": "http://localhost:8501"}
    assert who_is_asking(visit(headers=headers)) is Access.LOCAL


# ---- B12_PLANNER_MODE ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "mode"), [(None, Mode.AUTO), ("", Mode.AUTO), ("  ", Mode.AUTO),
                                            ("local", Mode.LOCAL), (" Hosted ", Mode.HOSTED)])
def test_the_mode_setting_reads_auto_local_or_hosted(text, mode):
    assert parse_mode(text) is mode


def test_any_other_mode_is_refused_with_a_sentence():
    with pytest.raises(AccessError) as refused:
        parse_mode("lokal")
    assert str(refused.value) == ("B12_PLANNER_MODE must be local or hosted (or unset), not 'lokal'; "
                                  "until it is fixed every visitor counts as hosted.")


# ---- whose plans ------------------------------------------------------------------------------------

def test_the_local_visitor_owns_the_local_plans():
    assert visitor_for(Access.LOCAL, None) == Visitor(VisitorKind.LOCAL, "local")


def test_a_hosted_visitor_not_signed_in_keeps_plans_in_the_session():
    visitor = visitor_for(Access.HOSTED, None)
    assert visitor.kind is VisitorKind.SESSION and not visitor.keeps_plans


def test_a_signed_in_visitor_is_their_issuer_and_subject_not_their_email():
    claims = {"is_logged_in": True, "iss": "https://accounts.example", "sub": "110169484474386276334",
              "email": "alice@example.com", "iat": 1714564800}  # 2024-05-01 12:00 UTC
    visitor = visitor_for(Access.HOSTED, claims)
    assert (visitor.kind, visitor.owner) == (VisitorKind.SIGNED_IN, "https://accounts.example#110169484474386276334")
    assert visitor.sign_in is not None and visitor.sign_in.owner == visitor.owner
    assert visitor.sign_in.issued_at == datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_claims_without_a_subject_name_nobody():
    with pytest.raises(InvalidOwner) as refused:
        visitor_for(Access.HOSTED, {"iss": "https://accounts.example", "email": "alice@example.com"})
    assert str(refused.value) == "The sign-in provider gave no subject (account id), so this account cannot keep plans."


@pytest.mark.parametrize("issuer", [None, "", "accounts.example", "https://accounts.example#x"])
def test_an_issuer_that_is_not_an_http_url_without_a_fragment_names_nobody(issuer):
    with pytest.raises(InvalidOwner):
        owner_of_identity(issuer, "alice")


# ---- owner ids ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("owner", ["local", "https://accounts.example#110169484474386276334",
                                   "http://127.0.0.1:9400#alice@example.com"])
def test_owner_ids_of_printable_ascii_are_kept_as_they_are(owner):
    assert checked_owner(owner) == owner


@pytest.mark.parametrize(("owner", "message"), [
    ("", "An owner id is needed (e.g. local, or <issuer>#<subject> of a signed-in person)."),
    (None, "An owner id is needed (e.g. local, or <issuer>#<subject> of a signed-in person)."),
    ("alice smith", "An owner id is printable ASCII without spaces; this one has U+0020 at position 6."),
    ("a\x00b", "An owner id is printable ASCII without spaces; this one has U+0000 at position 2."),
    ("local\n", "An owner id is printable ASCII without spaces; this one has U+000A at position 6."),
    ("Алиса", "An owner id is printable ASCII without spaces; this one has U+0410 at position 1."),
    ("x" * 601, "An owner id has at most 600 characters; this one has 601."),
])
def test_owner_ids_with_odd_characters_are_refused_with_the_reason(owner, message):
    with pytest.raises(InvalidOwner) as refused:
        checked_owner(owner)
    assert str(refused.value) == message
