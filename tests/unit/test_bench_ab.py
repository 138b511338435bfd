"""bench/browser_ab.py's verdict: the interval of the difference of medians between two versions."""

from __future__ import annotations

import pytest

from bench.browser_ab import median_difference_interval


def test_the_same_samples_twice_cannot_be_told_apart():
    samples = [55.0, 61.0, 58.0, 70.0, 49.0, 66.0, 57.0, 62.0]
    low, high = median_difference_interval(samples, list(samples))
    assert low <= 0 <= high


def test_a_version_quicker_by_ten_milliseconds_is_told_apart():
    before = [60.0 + (n % 7) for n in range(40)]
    after = [value - 10 for value in before]
    low, high = median_difference_interval(before, after)
    assert high < 0 and low == pytest.approx(-10, abs=3)
