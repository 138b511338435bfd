"""The benchmarks' verdicts: bootstrap intervals of a difference (bench/browser_ab.py) or a ratio
(bench/browser.py) of two medians."""

from __future__ import annotations

import operator

import pytest

from bench.browser import MEASURES, Sample, summary
from bench.browser_ab import median_difference_interval
from bench.timing import median_interval


def test_the_same_samples_twice_cannot_be_told_apart():
    samples = [55.0, 61.0, 58.0, 70.0, 49.0, 66.0, 57.0, 62.0]
    low, high = median_difference_interval(samples, list(samples))
    assert low <= 0 <= high


def test_a_version_quicker_by_ten_milliseconds_is_told_apart():
    before = [60.0 + (n % 7) for n in range(40)]
    after = [value - 10 for value in before]
    low, high = median_difference_interval(before, after)
    assert high < 0 and low == pytest.approx(-10, abs=3)


def test_a_ratio_over_a_floor_drawn_in_one_of_two_frames_holds_both():
    """The one-button floor lands in its third or fourth frame (about 46 or 62 ms): the ratio's interval
    spans both, so a goal between them is not told met or missed by one run."""
    floor = [46.0, 62.0] * 13 + [46.0]
    interaction = [68.0, 70.0, 72.0, 66.0, 75.0, 69.0, 71.0, 64.0, 73.0]
    low, high = median_interval(floor, interaction, operator.truediv)
    assert low <= 70 / 62 and high >= 70 / 46
    assert low < 1.5 < high


def test_a_steady_ratio_has_a_narrow_interval():
    floor = [50.0 + (n % 3) for n in range(27)]
    interaction = [2 * value for value in floor[:9]]
    low, high = median_interval(floor, interaction, operator.truediv)
    assert 1.9 < low <= high < 2.1


def test_the_report_gives_each_ratio_its_interval():
    results = {"ref_click": [Sample(value, value) for value in [46.0, 62.0] * 5],
               "add_to_plan": [Sample(value, value + 5) for value in (66.0, 70.0, 74.0)]}
    rows = {row["key"]: row for row in summary(results)}
    add = rows["add_to_plan"]
    assert add["ratio"] == pytest.approx(70 / 54)  # the floor's median of ten is between its two frames
    assert add["ratio_low"] <= add["ratio"] <= add["ratio_high"]
    assert "ratio" not in rows["ref_click"]
    assert next(m for m in MEASURES if m.key == "add_to_plan").goal == 1.5
