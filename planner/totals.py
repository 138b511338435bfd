"""Totals per item, meal, day and the average over a plan's days, against the target.

Unknown B12 values are never counted as 0 silently: totals say "at least" and count them.
Unreliable sources (seaweed, tempeh, mushrooms …) count 0 µg, with a note saying why.
A weekly supplement is spread over the week, not judged as one huge day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from statistics import fmean
from typing import Any

from planner.absorption import absorbed_ug
from planner.food import DietMode
from planner.plan import Every, FoodItem, Plan, SupplementItem
from planner.safety import planned_food_warning, retinol_warning
from planner.snapshot import FoodCatalog
from planner.targets import Target, TargetKind, absorption_goal, life_stage_target

Micrograms = float
DAYS_PER_WEEK = 7
# Vegan Society guidance (brief §3)
VEGAN_DAILY_SUPPLEMENT_UG = 10.0
VEGAN_WEEKLY_SUPPLEMENT_UG = 2000.0
VEGAN_FORTIFIED_FOODS_UG = 3.0
VEGAN_FORTIFIED_MEALS = 2


class Status(str, Enum):
    BELOW_EAR = "below_ear"
    BELOW_TARGET = "below_target"
    MEETS_TARGET = "meets_target"


class AbsorptionStatus(str, Enum):
    """The absorbed estimate against the absorption goal (contract: `absorption_status`)."""

    MEETS_GOAL = "meets_goal"
    BELOW_GOAL = "below_goal"


@dataclass(frozen=True)
class ItemTotal:
    key: str  # food id, or "supplement:<name>"
    description: str
    grams: float | None
    b12_ug: Micrograms | None  # what the item holds; None = unknown
    counted_ug: Micrograms  # what counts toward this meal
    source: str
    fortified: bool = False
    unreliable: bool = False
    caveat: str | None = None
    diet: DietMode | None = None  # None for supplements
    retinol_ug: Micrograms = 0.0  # preformed vitamin A, for the upper-limit check
    every: Every | None = None  # supplements only
    amount: str = ""  # as a person reads it: "1 cup (243 g)", "10 µg every day", "2,000 µg weekly = …"
    listed_on: str | None = None  # a weekly supplement shown on a day other than the one it is listed on

    @property
    def supplement(self) -> bool:
        return self.every is not None

    @property
    def notes(self) -> str:
        """Its caveat and, for a weekly dose shown on another day, where it is listed."""
        return "; ".join(filter(None, [self.caveat, f"listed on {self.listed_on}" if self.listed_on else None]))


@dataclass(frozen=True)
class MealTotal:
    name: str
    total_ug: Micrograms  # what is eaten at this meal, plus the daily share of weekly supplements
    absorbed_ug: Micrograms
    unknown_items: int
    items: tuple[ItemTotal, ...]
    standing_ug: Micrograms = 0.0  # the daily share (÷7) of weekly supplements taken with this meal
    standing_absorbed_ug: Micrograms = 0.0

    @property
    def eaten_ug(self) -> Micrograms:
        """B12 taken at this meal on this day (what intrinsic factor sees at once)."""
        return self.total_ug - self.standing_ug


@dataclass(frozen=True)
class DayTotal:
    label: str
    total_ug: Micrograms
    absorbed_ug: Micrograms
    unknown_items: int
    status: Status
    meals: tuple[MealTotal, ...]
    absorption_status: AbsorptionStatus = AbsorptionStatus.BELOW_GOAL
    retinol_ug: Micrograms = 0.0
    warnings: tuple[str, ...] = ()  # rules the planned day breaks for this person (safety.py)

    @property
    def supplements(self) -> tuple[ItemTotal, ...]:
        return tuple(item for meal in self.meals for item in meal.items if item.supplement)

    @property
    def empty(self) -> bool:
        """Nothing planned on this day itself (a weekly supplement listed on another day aside)."""
        return not any(item.listed_on is None for meal in self.meals for item in meal.items)


@dataclass(frozen=True)
class AverageTotal:
    total_ug: Micrograms
    absorbed_ug: Micrograms
    unknown_items: int
    status: Status
    absorption_status: AbsorptionStatus = AbsorptionStatus.BELOW_GOAL


@dataclass(frozen=True)
class PlanTotals:
    target: Target
    days: tuple[DayTotal, ...]
    average: AverageTotal
    absorption_goal_ug: Micrograms
    notes: tuple[str, ...]
    absorption_basis: str = ""  # which standard's absorption assumption sets the goal


def status_for(intake_ug: Micrograms, target: Target) -> Status:
    intake = round(intake_ug, 6)  # 0.1 + 0.2 style sums must not miss a target by 1e-16
    if target.ear_ug is not None and intake < target.ear_ug:
        return Status.BELOW_EAR
    if intake < target.target_ug:
        return Status.BELOW_TARGET
    return Status.MEETS_TARGET


def absorption_status_for(absorbed: Micrograms, goal_ug: Micrograms) -> AbsorptionStatus:
    return AbsorptionStatus.MEETS_GOAL if round(absorbed, 6) >= round(goal_ug, 6) else AbsorptionStatus.BELOW_GOAL


def absorption_status_text(status: AbsorptionStatus, goal_ug: Micrograms) -> str:
    """The absorption verdict in the words every view uses."""
    if status is AbsorptionStatus.MEETS_GOAL:
        return f"Absorption meets the {goal_ug:.2f} µg goal (estimate)."
    return f"Absorption is below the {goal_ug:.2f} µg goal (estimate)."


def gap_text(total_ug: Micrograms, target_ug: Micrograms) -> str:
    """The gap in words, never as a signed arrow: "2.2 µg short of 2.4 µg", "6.6 µg above 2.4 µg"."""
    difference = round(total_ug - target_ug, 6)
    if difference < 0:
        return f"{_short_amount(-difference)} µg short of {target_ug:g} µg"
    if difference > 0:
        return f"{_short_amount(difference)} µg above {target_ug:g} µg"
    return f"exactly {target_ug:g} µg"


def _short_amount(ug: Micrograms) -> str:
    """One decimal, or two where one would read as nothing ("0.04 µg short", not "0.0 µg short")."""
    return f"{ug:,.1f}" if ug >= 0.095 else f"{ug:.2f}"


def absorption_progress_text(absorbed: Micrograms, goal_ug: Micrograms) -> str:
    """"1.0 of the 1.2 µg goal" (an estimate)."""
    return f"{absorbed:,.1f} of the {goal_ug:.1f} µg goal"


def empty_day_text(day: DayTotal) -> str:
    """What an empty day says: that it is empty, and what weekly supplements still give it."""
    standing = [item for meal in day.meals for item in meal.items if item.listed_on]
    text = f"Nothing is planned for {day.label} yet."
    if standing:
        text += " " + "; ".join(f"{item.description} ({item.amount}), listed on {item.listed_on}, still counts"
                                for item in standing) + "."
    return text


def intake_text(total_ug: Micrograms, unknown_items: int) -> str:
    """"2.40 µg", or "at least 2.40 µg; 1 item has no B12 value"."""
    if not unknown_items:
        return f"{total_ug:.2f} µg"
    return f"at least {total_ug:.2f} µg; {unknown_items_text(unknown_items)}"


def unknown_items_text(unknown_items: int) -> str:
    """"1 item has no B12 value", "3 items have no B12 value"; "" when every item has one."""
    if not unknown_items:
        return ""
    return f"{'1 item has' if unknown_items == 1 else f'{unknown_items} items have'} no B12 value"


def verdict_text(status: Status, absorption: AbsorptionStatus, target: Target, goal_ug: Micrograms) -> str:
    """The status against the target, then absorption against its goal: what every view says of a day."""
    return f"{status_text(status, target)} {absorption_status_text(absorption, goal_ug)}"


def status_text(status: Status, target: Target) -> str:
    """The status in plain words, saying what an AI does and does not mean."""
    measure = {TargetKind.RDA: "recommended amount (RDA)", TargetKind.AI: "adequate intake (AI)",
               TargetKind.RNI: "recommended nutrient intake (RNI)"}[target.kind]
    if status is Status.MEETS_TARGET:
        return f"Meets the {measure} of {target.target_ug:g} µg."
    if status is Status.BELOW_EAR:
        return (f"Below the average requirement (EAR, {target.ear_ug:g} µg) and the {measure} of "
                f"{target.target_ug:g} µg.")
    text = f"Below the {measure} of {target.target_ug:g} µg."
    if target.kind is TargetKind.AI:
        text += " Intake below an AI is not proof of inadequacy."
    return text


def supplement_amount(ug: float, every: Every) -> str:
    """"10 µg every day"; "2,000 µg weekly = 285.7 µg a day"."""
    if every is Every.WEEK:
        return f"{ug:,g} µg weekly = {ug / DAYS_PER_WEEK:,.1f} µg a day"
    return f"{ug:,g} µg every day"


def food_amount(item: FoodItem, grams: float) -> str:
    """"1 cup (243 g)", "2 × 1 slice (136 g)", "85 g": the household amount beside the grams."""
    if item.portion is None:
        return f"{grams:,.4g} g"
    count = "" if item.count == 1 else f"{item.count:g} × "
    return f"{count}{item.portion} ({grams:,.4g} g)"


def _item_total(item: FoodItem | SupplementItem, plan: Plan, catalog: FoodCatalog) -> ItemTotal:
    if isinstance(item, SupplementItem):
        counted = item.ug / DAYS_PER_WEEK if item.every is Every.WEEK else item.ug
        return ItemTotal(f"supplement:{item.supplement}", item.supplement, None, item.ug, counted,
                         "supplement label", every=item.every, amount=supplement_amount(item.ug, item.every))
    food = plan.food(item.food, catalog)
    grams = item.grams_of(food)
    b12 = food.b12_ug(grams)
    caveats = [text for text in (item.note, food.data_age_note()) if text]
    counted = b12 or 0.0
    if b12 is None:
        caveats.append("no B12 value in the data: not counted")
    elif food.unreliable:
        counted = 0.0
        caveats.append("not a reliable B12 source (inactive analogues or variable amounts): counted as 0 µg")
    return ItemTotal(food.id, food.description, grams, b12, counted, food.source, food.fortified,
                     food.unreliable, "; ".join(caveats) or None, food.diet, food.retinol_ug(grams) or 0.0,
                     amount=food_amount(item, grams))


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
    for day in plan.days:
        meal_names = [meal.name for meal in day.meals]
        meal_names += [name for _, name, _ in standing if name not in meal_names]
        meals: list[MealTotal] = []
        warnings: list[str] = []
        for name in dict.fromkeys(meal_names):
            planned = [item for meal in day.meals if meal.name == name for item in meal.items]
            items = [_item_total(item, plan, catalog) for item in planned]
            eaten = sum(item.counted_ug for item, raw in zip(items, planned)
                        if not (isinstance(raw, SupplementItem) and raw.every is Every.WEEK))
            here = [(label, item) for label, meal_name, item in standing if meal_name == name]
            items += [replace(_item_total(item, plan, catalog), listed_on=label)
                      for label, item in here if label != day.label]  # shown on every day, listed once
            standing_ug = sum(item.ug for _, item in here) / DAYS_PER_WEEK
            standing_absorbed = sum(absorbed_ug(item.ug, intrinsic) for _, item in here) / DAYS_PER_WEEK
            unknown = sum(1 for item in items if item.b12_ug is None)
            meals.append(MealTotal(name, eaten + standing_ug, absorbed_ug(eaten, intrinsic) + standing_absorbed,
                                   unknown, tuple(items), standing_ug, standing_absorbed))
            for raw in planned:
                if isinstance(raw, FoodItem):
                    warnings.append(planned_food_warning(plan.food(raw.food, catalog), plan.profile) or "")
        total = sum(meal.total_ug for meal in meals)
        absorbed = sum(m.absorbed_ug for m in meals)
        retinol = sum(item.retinol_ug for meal in meals for item in meal.items)
        warnings.append(retinol_warning(retinol, plan.profile, day.label) or "")
        days.append(DayTotal(day.label, total, absorbed, sum(m.unknown_items for m in meals),
                             status_for(total, target), tuple(meals), absorption_status_for(absorbed, goal.goal_ug),
                             retinol, tuple(dict.fromkeys(w for w in warnings if w))))

    average_total = fmean(d.total_ug for d in days) if days else 0.0
    average_absorbed = fmean(d.absorbed_ug for d in days) if days else 0.0
    average = AverageTotal(average_total, average_absorbed, sum(d.unknown_items for d in days),
                           status_for(average_total, target), absorption_status_for(average_absorbed, goal.goal_ug))
    notes = (list(plan.notices) + [w for d in days for w in d.warnings] + list(target.notes)
             + _plan_notes(plan, days, weekly_doses, goal.goal_ug, goal.basis, average))
    return PlanTotals(target, tuple(days), average, goal.goal_ug, tuple(dict.fromkeys(notes)), goal.basis)


def _plan_notes(plan: Plan, days: list[DayTotal], weekly_doses: list[float], goal: float, basis: str,
                average: AverageTotal) -> list[str]:
    notes = [
        f"Absorption is an estimate: intrinsic factor takes up at most about 1.5 µg per meal, plus "
        f"about 1 % of any dose by diffusion. Its goal is {goal:.2f} µg because {basis}."]
    if not plan.profile.intrinsic_factor:
        notes.append("Without intrinsic factor only about 1 % of each dose is absorbed: a clinician "
                      "usually treats this with high-dose oral B12 or injections.")
    for dose in weekly_doses:
        notes.append(f"A weekly supplement of {dose:,.0f} µg is a standing habit: it counts as "
                     f"{dose / DAYS_PER_WEEK:.1f} µg on every day of the plan.")
    if average.unknown_items:
        notes.append("Totals read 'at least': foods without a B12 value in the data are not counted.")
    for day in days:
        for meal in day.meals:
            for item in meal.items:
                if item.unreliable:
                    notes.append(f"{item.description} does not help: seaweed, algae, tempeh and "
                                 "mushrooms hold inactive B12 analogues or variable amounts, so "
                                 "they count as 0 µg.")
                if item.diet is not None and not plan.profile.diet.allows(item.diet):
                    notes.append(f"{item.description} does not suit a {plan.profile.diet.value} diet "
                                 f"(it is labelled {item.diet.value}).")
    if plan.profile.diet is DietMode.VEGAN:
        notes.append(vegan_society_check(plan, days, weekly_doses))
    return notes


def vegan_society_check(plan: Plan, days: list[DayTotal], weekly_doses: list[float]) -> str:
    """Which of the Vegan Society's three ways (brief §3) the plan follows, in words."""
    if any(dose >= VEGAN_WEEKLY_SUPPLEMENT_UG for dose in weekly_doses):
        return "Vegan Society guidance met: a weekly supplement of at least 2,000 µg."
    daily_ok = days and all(
        any(item.every is Every.DAY and item.counted_ug >= VEGAN_DAILY_SUPPLEMENT_UG
            for meal in day.meals for item in meal.items) for day in days)
    if daily_ok:
        return "Vegan Society guidance met: a daily supplement of at least 10 µg."
    fortified_ok = days and all(
        sum(item.counted_ug for meal in day.meals for item in meal.items if item.fortified)
        >= VEGAN_FORTIFIED_FOODS_UG
        and sum(1 for meal in day.meals if any(item.fortified and item.counted_ug > 0 for item in meal.items))
        >= VEGAN_FORTIFIED_MEALS
        for day in days)
    if fortified_ok:
        return "Vegan Society guidance met: fortified foods at two or more meals, at least 3 µg a day."
    return ("Vegan Society guidance not yet met: eat fortified foods two or three times a day for at "
            "least 3 µg, or take 10 µg daily, or 2,000 µg weekly.")


def rounded(value: float | None, digits: int = 3) -> float | None:
    """A number for JSON output, None kept as None (unknown stays unknown)."""
    return None if value is None else round(value, digits)


def totals_to_dict(totals: PlanTotals) -> dict[str, Any]:
    """The contract's totals JSON, with item detail and wording as extra fields."""
    target, goal = totals.target, totals.absorption_goal_ug
    return {
        "target": target.to_dict(),
        "absorption_goal_ug": rounded(goal),
        "absorption_basis": totals.absorption_basis,
        "days": [{
            "label": day.label, "total_ug": rounded(day.total_ug), "absorbed_ug": rounded(day.absorbed_ug),
            "unknown_items": day.unknown_items, "status": day.status.value,
            "absorption_status": day.absorption_status.value,
            "summary": intake_text(day.total_ug, day.unknown_items),
            "status_text": status_text(day.status, target),
            "absorption_status_text": absorption_status_text(day.absorption_status, goal),
            "retinol_ug": rounded(day.retinol_ug, 0), "warnings": list(day.warnings),
            "meals": [{"name": meal.name, "total_ug": rounded(meal.total_ug), "absorbed_ug": rounded(meal.absorbed_ug),
                       "items": [{"id": item.key, "description": item.description, "grams": rounded(item.grams),
                                  "b12_ug": rounded(item.b12_ug), "counted_ug": rounded(item.counted_ug),
                                  "source": item.source, "caveat": item.caveat} for item in meal.items]}
                      for meal in day.meals],
        } for day in totals.days],
        "average": {"total_ug": rounded(totals.average.total_ug), "absorbed_ug": rounded(totals.average.absorbed_ug),
                    "unknown_items": totals.average.unknown_items, "status": totals.average.status.value,
                    "absorption_status": totals.average.absorption_status.value,
                    "summary": intake_text(totals.average.total_ug, totals.average.unknown_items),
                    "status_text": status_text(totals.average.status, target),
                    "absorption_status_text": absorption_status_text(totals.average.absorption_status, goal)},
        "notes": list(totals.notes),
    }
