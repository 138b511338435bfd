"""Absorption model anchors from the brief (§2)."""

import pytest

from planner.absorption import absorbed_ug, absorption_goal_ug


def test_one_microgram_absorbs_about_56_percent():
    assert absorbed_ug(1) == pytest.approx(0.56, rel=0.05)


def test_thousand_micrograms_absorb_about_11_5():
    assert absorbed_ug(1000) == pytest.approx(11.5, rel=0.05)


@pytest.mark.parametrize("dose,expected", [(3, 0.98), (10, 1.38), (500, 6.5)])
def test_brief_table(dose, expected):
    assert absorbed_ug(dose) == pytest.approx(expected, abs=0.02)


def test_three_meals_of_one_beat_one_meal_of_three():
    assert 3 * absorbed_ug(1) > absorbed_ug(3)


def test_without_intrinsic_factor_only_passive_one_percent():
    assert absorbed_ug(1000, intrinsic_factor=False) == pytest.approx(10.0)
    assert absorbed_ug(1, intrinsic_factor=False) == pytest.approx(0.01)


def test_zero_dose_absorbs_nothing_and_goal_is_half_target():
    assert absorbed_ug(0) == 0
    assert absorption_goal_ug(2.4) == pytest.approx(1.2)
