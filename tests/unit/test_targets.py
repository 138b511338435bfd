"""Recommended amounts: every row of IOM/NIH, EFSA and WHO/FAO, typed from their sources (NIH ODS,
EFSA 2015, WHO/FAO 2004)."""

from __future__ import annotations

import pytest

from planner.errors import ProfileError
from planner.profile import Profile, Sex, Standard
from planner.targets import TargetKind, life_stage_target
from planner.wording import notes_text

F, M = Sex.FEMALE, Sex.MALE
IOM, EFSA, WHO = Standard.IOM, Standard.EFSA, Standard.WHO
RDA, AI, RNI = TargetKind.RDA, TargetKind.AI, TargetKind.RNI

# (id, standard, age years, months, sex, pregnant, lactating, target µg, kind, EAR µg)
ROWS = [
    # IOM/NIH: RDA unless AI; EAR for ages 1+
    ("iom-0-6m", IOM, 0, 3, F, False, False, 0.4, AI, None),
    ("iom-6m", IOM, 0, 6, M, False, False, 0.4, AI, None),
    ("iom-7m", IOM, 0, 7, M, False, False, 0.5, AI, None),
    ("iom-11m", IOM, 0, 11, F, False, False, 0.5, AI, None),
    ("iom-1y", IOM, 1, 0, F, False, False, 0.9, RDA, 0.7),
    ("iom-3y", IOM, 3, 0, M, False, False, 0.9, RDA, 0.7),
    ("iom-4y", IOM, 4, 0, M, False, False, 1.2, RDA, 1.0),
    ("iom-8y", IOM, 8, 0, F, False, False, 1.2, RDA, 1.0),
    ("iom-9y", IOM, 9, 0, F, False, False, 1.8, RDA, 1.5),
    ("iom-13y", IOM, 13, 0, M, False, False, 1.8, RDA, 1.5),
    ("iom-14y", IOM, 14, 0, M, False, False, 2.4, RDA, 2.0),
    ("iom-18y", IOM, 18, 0, F, False, False, 2.4, RDA, 2.0),
    ("iom-19y", IOM, 19, 0, F, False, False, 2.4, RDA, 2.0),
    ("iom-50y", IOM, 50, 0, M, False, False, 2.4, RDA, 2.0),
    ("iom-51y", IOM, 51, 0, M, False, False, 2.4, RDA, 2.0),
    ("iom-90y", IOM, 90, 0, F, False, False, 2.4, RDA, 2.0),
    ("iom-preg-17", IOM, 17, 0, F, True, False, 2.6, RDA, 2.2),
    ("iom-preg-30", IOM, 30, 0, F, True, False, 2.6, RDA, 2.2),
    ("iom-lact-16", IOM, 16, 0, F, False, True, 2.8, RDA, 2.4),
    ("iom-lact-35", IOM, 35, 0, F, False, True, 2.8, RDA, 2.4),
    # EFSA adequate intakes (2015)
    ("efsa-7m", EFSA, 0, 7, F, False, False, 1.5, AI, None),
    ("efsa-2y", EFSA, 2, 0, M, False, False, 1.5, AI, None),
    ("efsa-5y", EFSA, 5, 0, F, False, False, 1.5, AI, None),
    ("efsa-7y", EFSA, 7, 0, M, False, False, 2.5, AI, None),
    ("efsa-10y", EFSA, 10, 0, M, False, False, 2.5, AI, None),
    ("efsa-11y", EFSA, 11, 0, F, False, False, 3.5, AI, None),
    ("efsa-14y", EFSA, 14, 0, F, False, False, 3.5, AI, None),
    ("efsa-15y", EFSA, 15, 0, M, False, False, 4.0, AI, None),
    ("efsa-17y", EFSA, 17, 0, M, False, False, 4.0, AI, None),
    ("efsa-18y", EFSA, 18, 0, F, False, False, 4.0, AI, None),
    ("efsa-70y", EFSA, 70, 0, M, False, False, 4.0, AI, None),
    ("efsa-preg-30", EFSA, 30, 0, F, True, False, 4.5, AI, None),
    ("efsa-lact-30", EFSA, 30, 0, F, False, True, 5.0, AI, None),
    # WHO/FAO recommended nutrient intakes (2004)
    ("who-0-6m", WHO, 0, 5, M, False, False, 0.4, RNI, None),
    ("who-7m", WHO, 0, 7, F, False, False, 0.7, RNI, None),
    ("who-2y", WHO, 2, 0, F, False, False, 0.9, RNI, None),
    ("who-4y", WHO, 4, 0, M, False, False, 1.2, RNI, None),
    ("who-6y", WHO, 6, 0, M, False, False, 1.2, RNI, None),
    ("who-7y", WHO, 7, 0, F, False, False, 1.8, RNI, None),
    ("who-9y", WHO, 9, 0, F, False, False, 1.8, RNI, None),
    ("who-10y", WHO, 10, 0, M, False, False, 2.4, RNI, None),
    ("who-18y", WHO, 18, 0, M, False, False, 2.4, RNI, None),
    ("who-40y", WHO, 40, 0, F, False, False, 2.4, RNI, None),
    ("who-preg-25", WHO, 25, 0, F, True, False, 2.6, RNI, None),
    ("who-lact-25", WHO, 25, 0, F, False, True, 2.8, RNI, None),
]


@pytest.mark.parametrize("standard,age,months,sex,pregnant,lactating,target_ug,kind,ear_ug",
                         [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_every_row_of_every_standard(standard, age, months, sex, pregnant, lactating, target_ug, kind, ear_ug):
    profile = Profile(age, sex, age_months=months, pregnant=pregnant, lactating=lactating, standard=standard)
    target = life_stage_target(profile)
    assert target.target_ug == pytest.approx(target_ug)
    assert target.kind is kind
    assert target.ear_ug == (pytest.approx(ear_ug) if ear_ug is not None else None)


@pytest.mark.parametrize("younger,older", [((0, 6), (0, 7)), ((13, 0), (14, 0)), ((18, 0), (19, 0)),
                                           ((50, 0), (51, 0))], ids=["6v7m", "13v14", "18v19", "50v51"])
def test_edges_change_life_stage(younger, older):
    a = life_stage_target(Profile(younger[0], F, age_months=younger[1]))
    b = life_stage_target(Profile(older[0], F, age_months=older[1]))
    assert a.life_stage != b.life_stage


def test_notes_over_50_and_infants_and_no_upper_limit():
    assert any("fortified foods or a supplement" in n for n in notes_text(life_stage_target(Profile(51, M)).notes))
    assert not any("fortified foods or a supplement" in n for n in notes_text(life_stage_target(Profile(50, M)).notes))
    infant = life_stage_target(Profile(0, F, age_months=4))
    assert any("breast milk or formula" in n for n in notes_text(infant.notes))
    assert any("adequate intake" in n for n in notes_text(infant.notes))
    assert any("upper intake level" in n for n in notes_text(life_stage_target(Profile(30, F)).notes))


@pytest.mark.parametrize("kwargs,words", [
    (dict(age_years=30, sex=F, pregnant=True, lactating=True), "not both"),
    (dict(age_years=30, sex=M, pregnant=True), "female"),
    (dict(age_years=13, sex=F, pregnant=True), "14 to 50"),
    (dict(age_years=51, sex=F, pregnant=True), "14 to 50"),
    (dict(age_years=-1, sex=F), "between 0 and 120"),
    (dict(age_years=121, sex=M), "between 0 and 120"),
    (dict(age_years=0, sex=M, age_months=12), "Months"),
    (dict(age_years=0, sex=M, age_months=-1), "Months"),
], ids=["preg+lact", "male-preg", "preg-13", "preg-51", "age-neg", "age-121", "months-12", "months-neg"])
def test_impossible_profiles_are_refused(kwargs, words):
    with pytest.raises(ProfileError, match=words):
        Profile(**kwargs)


def test_efsa_under_7_months_has_no_value():
    with pytest.raises(ProfileError, match="EFSA"):
        life_stage_target(Profile(0, F, age_months=3, standard=EFSA))


def test_only_standards_with_a_row_for_the_person_are_offered():
    from planner.targets import applicable_standards

    assert applicable_standards(Profile(0, Sex.FEMALE, age_months=3)) == (Standard.IOM, Standard.WHO)
    assert applicable_standards(Profile(0, Sex.FEMALE, age_months=8)) == (Standard.IOM, Standard.EFSA, Standard.WHO)
    assert applicable_standards(Profile(30, Sex.FEMALE, pregnant=True)) == (Standard.IOM, Standard.EFSA, Standard.WHO)
