"""Absorption model anchors (NIH ODS: about 56 % of 1 µg, about 1.3 % of 1,000 µg)."""

import pytest

from planner.absorption import absorbed_ug
from planner.profile import Profile, Sex, Standard
from planner.targets import absorption_goal, life_stage_target
from planner.wording import absorption_basis


def test_one_microgram_absorbs_about_56_percent():
    assert absorbed_ug(1) == pytest.approx(0.56, rel=0.05)


def test_thousand_micrograms_absorb_about_11_5():
    assert absorbed_ug(1000) == pytest.approx(11.5, rel=0.05)


@pytest.mark.parametrize("dose,expected", [(3, 0.98), (10, 1.38), (500, 6.5)])
def test_anchor_table(dose, expected):
    assert absorbed_ug(dose) == pytest.approx(expected, abs=0.02)


def test_three_meals_of_one_beat_one_meal_of_three():
    assert 3 * absorbed_ug(1) > absorbed_ug(3)


def test_without_intrinsic_factor_only_passive_one_percent():
    assert absorbed_ug(1000, intrinsic_factor=False) == pytest.approx(10.0)
    assert absorbed_ug(1, intrinsic_factor=False) == pytest.approx(0.01)


def test_zero_dose_absorbs_nothing():
    assert absorbed_ug(0) == 0


def test_iom_goal_is_half_the_rda_by_iom_s_own_assumption():
    goal = absorption_goal(life_stage_target(Profile(30, Sex.FEMALE)))
    assert goal.goal_ug == pytest.approx(1.2)  # the RDA assumes about half is absorbed (IOM)
    assert goal.assumed_by is Standard.IOM
    assert absorption_basis(goal) == "the IOM RDA assumes about half of food B12 is absorbed"


@pytest.mark.parametrize("standard,target_ug", [(Standard.EFSA, 4.0), (Standard.WHO, 2.4)])
def test_other_standards_use_iom_s_assumption_and_say_so(standard, target_ug):
    goal = absorption_goal(life_stage_target(Profile(30, Sex.FEMALE, standard=standard)))
    assert goal.goal_ug == pytest.approx(target_ug / 2)
    assert (goal.standard, goal.assumed_by) == (standard, Standard.IOM)
    assert absorption_basis(goal).startswith(f"{standard.name} states no absorption assumption here, so IOM's applies")
