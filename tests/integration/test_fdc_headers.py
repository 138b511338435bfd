"""Reading FDC's response headers (pure functions, hand-written values): Retry-After in every
form RFC 9110 §10.2.3 allows, and numbers that are too odd to believe (issue 12, finding 6)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.fdc.protocol import MAX_RETRY_AFTER_S, RateLimit, header_int, http_date, rate_limit, retry_after_seconds

# RFC 9110 §5.6.7's own example instant, and 30 s before it
EXAMPLE = datetime(1994, 11, 6, 8, 49, 37, tzinfo=timezone.utc)
NOW = datetime(1994, 11, 6, 8, 49, 7, tzinfo=timezone.utc)


def retry_after(value: str) -> float | None:
    return retry_after_seconds({"Retry-After": value}, NOW)


@pytest.mark.parametrize("value", ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                                   "Sun Nov  6 08:49:37 1994"],
                         ids=["IMF-fixdate", "RFC 850", "asctime without a zone"])
def test_each_http_date_form_is_read_as_gmt(value):
    assert http_date(value) == EXAMPLE
    assert retry_after(value) == 30.0


@pytest.mark.parametrize("value, seconds", [("0", 0.0), ("120", 120.0), (" 7 ", 7.0), ("0007", 7.0),
                                            ("86400", 86400.0)])
def test_delay_seconds(value, seconds):
    assert retry_after(value) == seconds


def test_a_date_in_the_past_means_now():
    assert retry_after("Sun, 06 Nov 1994 08:00:00 GMT") == 0.0


def test_a_numeric_zone_is_honoured():
    assert retry_after("Sun, 06 Nov 1994 09:49:37 +0100") == 30.0


@pytest.mark.parametrize("value", [
    "86401", "99999999999", "9" * 400, "9" * 5000,  # more than a day, or absurdly long
    "-5", "+5", "1.5", "1e3", "²", "٣",  # not 1*DIGIT (a sign, a fraction, non-ASCII digits)
    "Mon, 07 Nov 1994 08:49:38 GMT",  # a day and a second away
    "Fri, 31 Dec 9999 23:59:59 GMT", "Sat, 01 Jan 10000 00:00:00 GMT", "Mon, 01 Jan " + "9" * 5000 + " 00:00:00 GMT",
    "Sun, 06 Nov 1994 25:61:61 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",  # no such time or day
    "soon", "", "   ", "Sun, 06 Nov 1994",
])
def test_anything_else_is_unknown(value):
    assert retry_after(value) is None


def test_no_header_is_unknown():
    assert retry_after_seconds({}, NOW) is None


def test_the_header_name_is_matched_without_case():
    assert retry_after_seconds({"retry-after": "3"}, NOW) == 3.0


DATE_LIKE = st.from_regex(r"\A(Sun, |Sunday, )?[0-9]{1,25}[ -](Nov|Xyz)[ -][0-9]{1,25} "
                          r"[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3}( GMT| [+-][0-9]{4}| [0-9]{1,25})?\Z")


@given(st.one_of(st.text(), DATE_LIKE))
def test_no_value_raises_and_every_answer_is_a_believable_wait(value):
    seconds = retry_after(value)
    assert seconds is None or 0.0 <= seconds <= MAX_RETRY_AFTER_S


@pytest.mark.parametrize("value, number", [("1000", 1000), (" 42 ", 42), ("-1", None), ("1.0", None),
                                           ("9" * 19, None), ("٣", None), ("", None)])
def test_header_int(value, number):
    assert header_int({"X-RateLimit-Remaining": value}, "x-ratelimit-remaining") == number


def test_a_huge_rate_limit_header_is_ignored():
    assert rate_limit({"X-RateLimit-Limit": "9" * 5000, "X-RateLimit-Remaining": "12"}) == RateLimit(None, 12)
