"""The safety rules themselves (planner/safety.py), on named USDA foods: who each rule protects,
what it recognises, the preformed vitamin A upper limits, and the warnings on a planned day.

Expected values are transcribed from the sources the rules cite: US FDA "Food Safety for
Pregnant Women", FDA/EPA "Advice about Eating Fish" (2021), UK NHS "Foods to avoid in
pregnancy", IOM DRI (1998) for preformed vitamin A; the never-suggest list is the planner's.
"""

from __future__ import annotations

import pytest

from planner.notes import NotAdvised, NotOffered, RetinolOverLimit
from planner.profile import Profile, Sex
from planner.safety import (
    LifeStage,
    blocking_rule,
    life_stages,
    not_offered_notes,
    planned_food_warning,
    retinol_ul_ug,
    retinol_warning,
)

ADULT = Profile(30, Sex.FEMALE)
PREGNANT = Profile(30, Sex.FEMALE, pregnant=True)
BREASTFEEDING = Profile(30, Sex.FEMALE, lactating=True)
CHILD = Profile(4, Sex.MALE)


@pytest.mark.parametrize("profile,stages", [
    (ADULT, {LifeStage.EVERYONE}),
    (PREGNANT, {LifeStage.EVERYONE, LifeStage.PREGNANCY}),
    (BREASTFEEDING, {LifeStage.EVERYONE, LifeStage.BREASTFEEDING}),
    (Profile(1, Sex.MALE), {LifeStage.EVERYONE, LifeStage.CHILD, LifeStage.YOUNG_CHILD, LifeStage.UNDER_2,
                            LifeStage.UNDER_4, LifeStage.UNDER_5}),
    (Profile(3, Sex.MALE, age_months=11), {LifeStage.EVERYONE, LifeStage.CHILD, LifeStage.YOUNG_CHILD,
                                           LifeStage.UNDER_4, LifeStage.UNDER_5}),
    (Profile(4, Sex.MALE), {LifeStage.EVERYONE, LifeStage.CHILD, LifeStage.YOUNG_CHILD, LifeStage.UNDER_5}),
    (Profile(5, Sex.MALE, age_months=11), {LifeStage.EVERYONE, LifeStage.CHILD, LifeStage.YOUNG_CHILD}),
    (Profile(8, Sex.FEMALE), {LifeStage.EVERYONE, LifeStage.CHILD}),
    (Profile(11, Sex.FEMALE, age_months=11), {LifeStage.EVERYONE, LifeStage.CHILD}),
    (Profile(12, Sex.FEMALE), {LifeStage.EVERYONE}),
    (Profile(0, Sex.FEMALE, age_months=6), {LifeStage.EVERYONE, LifeStage.INFANT, LifeStage.UNDER_2,
                                            LifeStage.UNDER_4, LifeStage.UNDER_5}),
    (Profile(64, Sex.FEMALE), {LifeStage.EVERYONE}),
    (Profile(65, Sex.FEMALE), {LifeStage.EVERYONE, LifeStage.OLDER_ADULT}),
    (Profile(40, Sex.MALE, immunocompromised=True), {LifeStage.EVERYONE, LifeStage.IMMUNOCOMPROMISED}),
], ids=["adult", "pregnant", "breastfeeding", "age 1", "3y11m", "age 4", "5y11m", "age 8", "11y11m", "age 12",
        "6 months", "64", "65", "immunocompromised"])
def test_life_stages(profile, stages):
    assert life_stages(profile) == stages


# (NDB, what it is, the rule that must block it, for whom)
BLOCKED = [
    ("01123", "Egg, whole, raw, fresh", "raw-animal", ADULT),
    ("23557", "Beef, ground, 95% lean, raw", "raw-animal", CHILD),
    ("15049", "Fish, mackerel, king, raw", "raw-animal", ADULT),
    ("15200", "Fish, mackerel, king, cooked", "high-mercury", ADULT),
    ("15111", "Fish, swordfish, cooked", "high-mercury", CHILD),
    ("13326", "Beef liver, braised", "liver-pregnancy", PREGNANT),
    ("15179", "Salmon, smoked (lox)", "smoked-seafood", PREGNANT),
    ("07007", "Bologna, beef", "cold-deli", PREGNANT),
    ("01228", "Cheese, queso fresco", "soft-cheese", PREGNANT),
    ("14062", "ENSURE nutritional shake", "medical", ADULT),
    ("03003", "Babyfood, meat, beef", "infant", ADULT),
    ("01133", "Egg, whole, dried", "dried-animal", ADULT),
    ("05022", "Chicken giblets, simmered", "offal-game", ADULT),
]


@pytest.mark.parametrize("ndb,what,rule_id,profile", BLOCKED, ids=[row[1] for row in BLOCKED])
def test_each_rule_blocks_what_it_names(catalog, ndb, what, rule_id, profile):
    rule = blocking_rule(catalog.get_food(f"sr:{ndb}"), profile)
    assert rule is not None and rule.id == rule_id, what


ALLOWED = [
    ("01129", "Egg, hard-boiled", PREGNANT),
    ("15087", "Salmon, sockeye, canned", PREGNANT),
    ("15121", "Tuna, light, canned in water", CHILD),
    ("13326", "Beef liver, braised (not pregnant: only the retinol cap applies)", ADULT),
    ("15179", "Salmon, smoked (lox): a rule of pregnancy only", ADULT),
    ("07007", "Bologna, beef: a rule of pregnancy only", BREASTFEEDING),
    ("01228", "Cheese, queso fresco: a rule of pregnancy only", ADULT),
    ("01077", "Milk, whole (pasteurised)", CHILD),
]


@pytest.mark.parametrize("ndb,what,profile", ALLOWED, ids=[row[1] for row in ALLOWED])
def test_rules_leave_out_nothing_else(catalog, ndb, what, profile):
    assert blocking_rule(catalog.get_food(f"sr:{ndb}"), profile) is None, what


TODDLER = Profile(2, Sex.MALE)
# FNDDS files these under meat, fish or egg groups; for a young child they are not a meal component.
OUTSIDE_CACFP = [
    ("27150140", "Seafood sauce (lobster, white clam): WWEIA's shellfish"),
    ("31107000", "Egg, whole, pickled"),
    ("26119180", "Fish, pickled"),
    ("26137190", "Fish, salmon, smoked"),
    ("25112200", "Liver, paste or pate"),
]
INSIDE_CACFP = [
    ("31103010", "Egg, whole, boiled or poached"),
    ("32130410", "Egg omelet or scrambled egg, with tomatoes, no added fat"),
    ("26137110", "Fish, salmon, NFS"),
    ("21500100", "Beef, ground"),
    ("11100000", "Milk, NFS"),
]


@pytest.mark.parametrize("code,what", OUTSIDE_CACFP, ids=[row[1] for row in OUTSIDE_CACFP])
def test_a_young_childs_suggestions_keep_to_meal_components_in_fndds_too(catalog, code, what):
    food = catalog.get_food(f"fndds:{code}")
    rule = blocking_rule(food, TODDLER)
    assert rule is not None and rule.id == "cacfp", what
    assert "pickled, smoked or cured foods, sauces or spreads" in rule.what  # the strict reading, said
    assert blocking_rule(food, ADULT) is None  # a rule for young children only


@pytest.mark.parametrize("code,what", INSIDE_CACFP, ids=[row[1] for row in INSIDE_CACFP])
def test_a_young_child_is_still_offered_plain_fndds_foods(catalog, code, what):
    assert blocking_rule(catalog.get_food(f"fndds:{code}"), TODDLER) is None, what


@pytest.mark.parametrize("age,limit", [(1, 600), (3, 600), (4, 900), (8, 900), (9, 1700), (13, 1700),
                                       (14, 2800), (18, 2800), (19, 3000), (90, 3000)])
def test_preformed_vitamin_a_upper_limits_by_age(age, limit):
    assert retinol_ul_ug(Profile(age, Sex.MALE)) == limit


def test_liver_planned_in_pregnancy_is_warned_about_with_its_source(catalog):
    liver = catalog.get_food("sr:13326")
    warning = planned_food_warning(liver, PREGNANT)
    assert isinstance(warning, NotAdvised)
    assert warning.who == ("pregnancy",) and warning.source == "UK NHS, Foods to avoid in pregnancy"
    assert planned_food_warning(liver, ADULT) is None  # everyone-rules block suggestions, not planned food


def test_a_day_over_the_retinol_limit_is_warned_about():
    assert retinol_warning(900.0, CHILD, "Mon") is None  # 900 µg is the limit at 4–8, not above it
    warning = retinol_warning(901.0, CHILD, "Mon")
    assert warning == RetinolOverLimit("Mon", 901.0, 900.0, "IOM DRI (1998): tolerable upper intake of "
                                                         "preformed vitamin A")


def test_the_rules_in_force_are_listed_beside_suggestions():
    notes = not_offered_notes(PREGNANT)
    assert all(isinstance(note, NotOffered) for note in notes)
    whats = {note.what for note in notes}
    assert "liver and liver products (pâté, liver sausage)" in whats
    assert "refrigerated smoked seafood (lox, nova, kippered) unless cooked" in whats
    assert not_offered_notes(ADULT) == []  # the everyone-rules are not "life-stage" notes
    raw = next(note for note in not_offered_notes(CHILD) if note.what.startswith("raw"))
    assert raw.stages == ("under 5",) and raw.source.startswith("US CDC")
    raw_in_pregnancy = next(note for note in notes if note.what.startswith("raw"))
    assert raw_in_pregnancy.stages == ("pregnancy",) and "FDA" in raw_in_pregnancy.source
