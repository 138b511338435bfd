"""Totals per item, meal, day and the average over a plan's days, against the target.

Unknown B12 values are never counted as 0 silently: totals count them ("at least").
Unreliable sources (seaweed, tempeh, mushrooms …) count 0 µg, with a note saying why.
A weekly supplement is spread over the week, not judged as one huge day. Computes only:
the results are typed (planner/results.py) and worded elsewhere (planner/wording.py).
"""

from __future__ import annotations

from dataclasses import replace
from statistics import fmean
from typing import Sequence

from planner import notes
from planner.absorption import absorbed_ug, meal_absorbed_ug
from planner.caveats import food_caveats
from planner.diet import is_unreliable
from planner.food import DietMode
from planner.notes import Caveat, Note, VeganWay
from planner.plan import FoodItem, Plan, SupplementItem
from planner.profile import Absorption
from planner.results import (
    AbsorptionStatus,
    AverageTotal,
    Clinical,
    DayTotal,
    ItemTotal,
    MealTotal,
    PlanTotals,
    Status,
)
from planner.safety import planned_food_warning, retinol_warning
from planner.snapshot import FoodCatalog
from planner.targets import AbsorptionGoal, Target, absorption_goal, life_stage_target
from planner.units import DAYS_PER_WEEK, Every, Micrograms, as_shown

# The Vegan Society's guidance: fortified foods two or three times a day for at least 3 µg a
# day, or one daily supplement of at least 10 µg, or one weekly supplement of at least 2,000 µg.
VEGAN_DAILY_SUPPLEMENT_UG = 10.0
VEGAN_WEEKLY_SUPPLEMENT_UG = 2000.0
VEGAN_FORTIFIED_FOODS_UG = 3.0
VEGAN_FORTIFIED_MEALS = 2
# Without intrinsic factor a clinician prescribes 1,000–2,000 µg a day by mouth (or injections).
TREATMENT_DAILY_UG = 1000.0


def status_for(intake_ug: Micrograms, target: Target) -> Status:
    intake = as_shown(intake_ug)  # "2.40 µg" never reads "below 2.4 µg" (nor 0.1 + 0.2 miss by 1e-16)
    if target.ear_ug is not None and intake < target.ear_ug:
        return Status.BELOW_EAR
    if intake < target.target_ug:
        return Status.BELOW_TARGET
    return Status.MEETS_TARGET


def absorption_status_for(absorbed: Micrograms, goal_ug: Micrograms) -> AbsorptionStatus:
    return AbsorptionStatus.MEETS_GOAL if as_shown(absorbed) >= as_shown(goal_ug) else AbsorptionStatus.BELOW_GOAL


def _item_total(item: FoodItem | SupplementItem, plan: Plan, catalog: FoodCatalog) -> ItemTotal:
    if isinstance(item, SupplementItem):
        counted = item.ug / DAYS_PER_WEEK if item.every is Every.WEEK else item.ug
        return ItemTotal(f"supplement:{item.supplement}", item.supplement, None, item.ug, counted,
                         "supplement label", counted, every=item.every)
    food = plan.food(item.food, catalog)
    grams = item.grams_of(food)
    b12 = food.b12_ug(grams)
    caveats: list[Caveat] = [notes.PlanItemNote(item.note)] if item.note else []
    caveats += food_caveats(food)
    counted = b12 or 0.0
    if b12 is None:
        caveats.append(notes.NoB12Value())
    elif food.unreliable:
        counted = 0.0
        caveats.append(notes.CountsAsZero())
    return ItemTotal(food.id, food.description, grams, b12, counted, food.source,
                     min(counted, food.free_b12_ug(grams)), food.fortified,
                     food.unreliable, tuple(caveats), food.diet, food.retinol_ug(grams) or 0.0,
                     portion=item.portion, count=item.count)


def treatment_dose(meals: Sequence[MealTotal]) -> float:
    """The largest daily supplement of a day that is a treatment dose without intrinsic factor, or 0."""
    return max((item.b12_ug or 0.0 for meal in meals for item in meal.items
                if item.every is Every.DAY and (item.b12_ug or 0.0) >= TREATMENT_DAILY_UG), default=0.0)


def clinical_for(meals: Sequence[MealTotal], intrinsic_factor: bool) -> Clinical | None:
    """Without intrinsic factor a day is judged by treatment, not intake: in place, or a clinician needed."""
    if intrinsic_factor:
        return None
    return Clinical.TREATMENT_IN_PLACE if treatment_dose(meals) else Clinical.NEEDS_CLINICIAN


def _standing_supplements(plan: Plan) -> list[tuple[str, str, SupplementItem]]:
    """(day label, meal, item) of every weekly supplement: each counts ÷7 on every day, in its meal."""
    return [(day.label, meal.name, item) for day in plan.days for meal in day.meals for item in meal.items
            if isinstance(item, SupplementItem) and item.every is Every.WEEK]


def plan_totals(plan: Plan, catalog: FoodCatalog) -> PlanTotals:
    """Total every day of the plan and their average against the profile's target."""
    target = life_stage_target(plan.profile)
    goal = absorption_goal(target)
    intrinsic = plan.profile.intrinsic_factor
    # A weekly supplement is a standing habit: ug / 7 on every day, whatever the plan's length,
    # in the meal it is taken with; its absorption is that of the whole weekly dose, ÷ 7.
    standing = _standing_supplements(plan)
    weekly_doses = [item.ug for _, _, item in standing]

    days: list[DayTotal] = []
    free_ug: list[Micrograms] = []  # each day's free B12 (supplements, fortification)
    iom_free_advice = notes.TargetNote.OVER_50 in target.notes
    for day in plan.days:
        meal_names = [meal.name for meal in day.meals]
        meal_names += [name for _, name, _ in standing if name not in meal_names]
        meals: list[MealTotal] = []
        warnings: list[Note | None] = []
        for name in dict.fromkeys(meal_names):
            planned = [item for meal in day.meals if meal.name == name for item in meal.items]
            items = [_item_total(item, plan, catalog) for item in planned]
            today = [item for item, raw in zip(items, planned, strict=True)
                     if not (isinstance(raw, SupplementItem) and raw.every is Every.WEEK)]
            eaten, free = sum(item.counted_ug for item in today), sum(item.free_ug for item in today)
            here = [(label, item) for label, meal_name, item in standing if meal_name == name]
            items += [replace(_item_total(item, plan, catalog), listed_on=label)
                      for label, item in here if label != day.label]  # shown on every day, listed once
            standing_ug = sum(item.ug for _, item in here) / DAYS_PER_WEEK
            standing_absorbed = sum(absorbed_ug(item.ug, intrinsic) for _, item in here) / DAYS_PER_WEEK
            unknown = sum(1 for item in items if item.b12_ug is None)
            absorbed = meal_absorbed_ug(eaten - free, free, plan.profile.absorption) + standing_absorbed
            meals.append(MealTotal(name, eaten + standing_ug, absorbed, unknown, tuple(items), standing_ug,
                                   standing_absorbed, free))
            warnings += [planned_food_warning(plan.food(raw.food, catalog), plan.profile)
                         for raw in planned if isinstance(raw, FoodItem)]
        total = sum(meal.total_ug for meal in meals)
        absorbed = sum(m.absorbed_ug for m in meals)
        free_ug.append(sum(item.free_ug for meal in meals for item in meal.items))
        retinol = sum(item.retinol_ug for meal in meals for item in meal.items)
        warnings.append(retinol_warning(retinol, plan.profile, day.label))
        days.append(DayTotal(day.label, total, absorbed, sum(m.unknown_items for m in meals),
                             status_for(total, target), tuple(meals), absorption_status_for(absorbed, goal.goal_ug),
                             retinol, tuple(dict.fromkeys(w for w in warnings if w is not None)),
                             clinical_for(meals, intrinsic), iom_free_advice and free_ug[-1] < total / 2))

    average_total = fmean(d.total_ug for d in days) if days else 0.0
    average_absorbed = fmean(d.absorbed_ug for d in days) if days else 0.0
    treated = days and all(d.clinical is Clinical.TREATMENT_IN_PLACE for d in days)
    average = AverageTotal(average_total, average_absorbed, sum(d.unknown_items for d in days),
                           status_for(average_total, target), absorption_status_for(average_absorbed, goal.goal_ug),
                           None if intrinsic else Clinical.TREATMENT_IN_PLACE if treated else Clinical.NEEDS_CLINICIAN,
                           bool(days) and iom_free_advice and fmean(free_ug) < average_total / 2)
    treatment = max((treatment_dose(d.meals) for d in days), default=0.0)
    clinical: list[Note] = []  # first: without intrinsic factor it decides what the rest means
    if not intrinsic:
        clinical.append(notes.WithoutIntrinsicFactor())
        clinical += [notes.TreatmentInPlace(treatment)] if treatment else []
    found: list[Note] = (clinical + list(plan.notices) + [w for d in days for w in d.warnings] + list(target.notes)
                         + _plan_notes(plan, days, weekly_doses, goal, average))
    return PlanTotals(target, tuple(days), average, goal, tuple(dict.fromkeys(found)))


def _plan_notes(plan: Plan, days: list[DayTotal], weekly_doses: list[float], goal: AbsorptionGoal,
                average: AverageTotal) -> list[Note]:
    found: list[Note] = [notes.AbsorptionEstimate(goal.goal_ug, goal.standard, goal.assumed_by)]
    if plan.profile.absorption is Absorption.FOOD_BOUND:
        found.append(notes.FoodBoundEstimate())
    found += [notes.WeeklyDose(dose) for dose in weekly_doses]
    if average.unknown_items:
        found.append(notes.UnknownValues())
    for day in days:
        for meal in day.meals:
            for item in meal.items:
                if item.unreliable:
                    found.append(notes.NotReliable(item.description, notes.ZeroReason.ANALOGUES
                                                   if is_unreliable(item.description.lower())
                                                   else notes.ZeroReason.UNEXPLAINED))
                if item.diet is not None and not plan.profile.diet.allows(item.diet):
                    found.append(notes.DietMismatch(item.description, plan.profile.diet, item.diet))
    if plan.profile.diet is DietMode.VEGAN:
        found.append(notes.VeganSocietyCheck(vegan_society_way(days, weekly_doses)))
    return found


def vegan_society_way(days: list[DayTotal], weekly_doses: list[float]) -> VeganWay | None:
    """Which of the Vegan Society's three ways the plan follows, or None."""
    if any(dose >= VEGAN_WEEKLY_SUPPLEMENT_UG for dose in weekly_doses):
        return VeganWay.WEEKLY_SUPPLEMENT
    daily_ok = days and all(
        any(item.every is Every.DAY and item.counted_ug >= VEGAN_DAILY_SUPPLEMENT_UG
            for meal in day.meals for item in meal.items) for day in days)
    if daily_ok:
        return VeganWay.DAILY_SUPPLEMENT
    fortified_ok = days and all(
        sum(item.counted_ug for meal in day.meals for item in meal.items if item.fortified)
        >= VEGAN_FORTIFIED_FOODS_UG
        and sum(1 for meal in day.meals if any(item.fortified and item.counted_ug > 0 for item in meal.items))
        >= VEGAN_FORTIFIED_MEALS
        for day in days)
    return VeganWay.FORTIFIED_FOODS if fortified_ok else None
