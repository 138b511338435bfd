"""Plan and client names: kept as typed (NFC), compared case-folded, bad characters refused."""

from __future__ import annotations

import re

import pytest

from planner.errors import InvalidName
from planner.store.names import clean_name, name_key


@pytest.mark.parametrize("typed, kept", [
    ("Мой план", "Мой план"), ("我的计划", "我的计划"), ("!!!", "!!!"), ("Food", "Food"),
    ("  Client A — current diet ", "Client A — current diet"),  # outer spaces go, inner ones stay
    ("Cafe\u0301", "Caf\u00e9"),  # NFC: e + combining acute becomes é
    ("👩‍⚕️ plan", "👩‍⚕️ plan"),  # joiners and variation selectors are part of the name
])
def test_names_are_kept_as_typed(typed, kept):
    assert clean_name(typed, "plan") == kept


@pytest.mark.parametrize("name, reason", [
    ("a\x00b", "control character (U+0000)"), ("two\nlines", "control character (U+000A)"),
    ("tab\there", "control character (U+0009)"), ("\x7f", "control character (U+007F)"),
    ("bad\ud800", "lone surrogate (U+D800)"), ("   ", "Type a name for the plan first."),
    ("", "Type a name for the plan first."), ("я" * 201, "at most 200 characters (this one has 201)"),
])
def test_names_refused(name, reason):
    with pytest.raises(InvalidName, match=re.escape(reason)):
        clean_name(name, "plan")


def test_two_hundred_characters_in_any_script_are_fine():
    assert clean_name("我" * 200, "plan") == "我" * 200


@pytest.mark.parametrize("one, other", [("Client A", "client a"), ("Straße", "STRASSE"), ("ΣΊΣΥΦΟΣ", "σίσυφος"),
                                        ("Caf\u00e9", "CAFE\u0301".lower())])
def test_names_that_differ_only_in_case_share_a_key(one, other):
    assert name_key(clean_name(one, "client")) == name_key(clean_name(other, "client"))


@pytest.mark.parametrize("one, other", [("Мой план", "我的计划"), ("!!!", "Food"), ("Client A", "Client B"),
                                        ("Client A", "ClientA")])
def test_different_names_have_different_keys(one, other):
    assert name_key(one) != name_key(other)
