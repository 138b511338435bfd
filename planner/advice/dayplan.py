"""The day plan: servings added one at a time, greedily, until the day reaches its target and
absorption goal (see README, "How suggestions are chosen").

Objectives, in order: the target and the absorption goal; staples of the person's diet,
spread across meals (intrinsic factor takes up at most about 1.5 µg per meal, so B12 at
several meals is absorbed better); no single serving above 10× the remaining gap when a
gentler food closes it; then the fewest servings (at most 2 of a food), within the preformed
vitamin A upper limit for the day. Deterministic for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from planner.absorption import absorbed_ug
from planner.advice.eligibility import MAIN_MEALS
from planner.advice.supplements import supplement_options, supplement_reason
from planner.food import DietMode
from planner.notes import Note, SupplementIncluded, SupplementReason, VeganFortifiedMet, VeganFortifiedShort
from planner.plan import FoodItem, Item, Plan, SupplementItem, add_or_merge
from planner.profile import Profile
from planner.results import DayTotal, PlanAddition, Serving, Source, SupplementOption
from planner.safety import retinol_ul_ug
from planner.targets import Target
from planner.totals import VEGAN_FORTIFIED_FOODS_UG, VEGAN_FORTIFIED_MEALS
from planner.units import DAYS_PER_WEEK, Every, Micrograms

MAX_SERVINGS_PER_FOOD = 2
GENTLE_FACTOR = 10.0  # a serving above 10× the remaining gap is not gentle
SUPPLEMENT_SERVING = Serving("1 tablet", None, 1, 0.0)


@dataclass(frozen=True)
class CurrentDay:
    """What the day holds already: B12 by meal, anything else already absorbed, supplements, retinol."""

    meal_ug: Mapping[str, Micrograms] = field(default_factory=dict)
    other_total_ug: Micrograms = 0.0
    other_absorbed_ug: Micrograms = 0.0
    supplements: tuple[tuple[str, Micrograms, Every], ...] = ()  # (name, µg, how often)
    retinol_ug: Micrograms = 0.0

    @classmethod
    def from_intake(cls, intake_ug: Micrograms) -> "CurrentDay":
        """An intake with unknown timing counts as one meal of its own (the cautious reading)."""
        return cls({"current intake": intake_ug} if intake_ug > 0 else {})

    @classmethod
    def from_day(cls, day: DayTotal) -> "CurrentDay":
        """A planned day: its meals by name (weekly shares as absorbed already), supplements, retinol."""
        meals = {meal.name: meal.eaten_ug for meal in day.meals if meal.eaten_ug}
        supplements = tuple((item.description, item.b12_ug or 0.0, item.every)
                            for item in day.supplements if item.every is not None)
        return cls(meals, sum(m.standing_ug for m in day.meals), sum(m.standing_absorbed_ug for m in day.meals),
                   supplements, day.retinol_ug)

    def total_ug(self) -> float:
        return sum(self.meal_ug.values()) + self.other_total_ug

    def absorbed(self, intrinsic_factor: bool) -> float:
        return sum(absorbed_ug(d, intrinsic_factor) for d in self.meal_ug.values()) + self.other_absorbed_ug


def meals_by_b12(meal_ug: Mapping[str, Micrograms], meals: Sequence[str]) -> list[str]:
    """The meals with the least B12 first (ties in the given order): B12 spread is absorbed better."""
    return sorted(meals, key=lambda meal: (meal_ug.get(meal, 0.0), meals.index(meal)))


class _DayBuilder:
    """Mutable scratch state of the greedy plan; the result is returned as frozen data."""

    def __init__(self, profile: Profile, current: CurrentDay, retinol_limit: float):
        self.profile = profile
        self.doses = {meal: current.meal_ug.get(meal, 0.0) for meal in MAIN_MEALS}
        self.extra = {k: v for k, v in current.meal_ug.items() if k not in MAIN_MEALS}
        self.other_total = current.other_total_ug
        self.other_absorbed = current.other_absorbed_ug
        self.servings: dict[str, int] = {}
        self.additions: list[PlanAddition] = []
        self.retinol_left = retinol_limit - current.retinol_ug
        self.fortified_ug = 0.0
        self.fortified_meals: set[str] = set()

    def total(self) -> float:
        return sum(self.doses.values()) + sum(self.extra.values()) + self.other_total

    def absorbed(self) -> float:
        intrinsic = self.profile.intrinsic_factor
        return (sum(absorbed_ug(d, intrinsic) for d in self.doses.values())
                + sum(absorbed_ug(d, intrinsic) for d in self.extra.values()) + self.other_absorbed)

    def add(self, source: Source, meal: str) -> None:
        food = source.food
        self.servings[food.id] = self.servings.get(food.id, 0) + 1
        self.doses[meal] += source.b12_ug_per_serving
        self.retinol_left -= food.retinol_ug(source.serving.grams) or 0.0
        if food.fortified:
            self.fortified_ug += source.b12_ug_per_serving
            self.fortified_meals.add(meal)
        for position, existing in enumerate(self.additions):
            if existing.id == food.id and existing.meal == meal:
                self.additions[position] = replace(existing, count=existing.count + 1,
                                                   b12_ug=existing.b12_ug + source.b12_ug_per_serving)
                return
        self.additions.append(PlanAddition(food.id, food.description, source.serving, 1,
                                           source.b12_ug_per_serving, meal))

    def add_supplement(self, option: SupplementOption, meal: str = "breakfast") -> None:
        if option.every is Every.DAY:
            self.doses[meal] += option.ug
        else:
            self.other_total += option.ug / DAYS_PER_WEEK
            self.other_absorbed += absorbed_ug(option.ug, self.profile.intrinsic_factor) / DAYS_PER_WEEK
        self.additions.append(PlanAddition(option.id, option.description, SUPPLEMENT_SERVING, 1, option.ug, meal,
                                           option.every))

    def can_add(self, source: Source) -> bool:
        retinol = source.food.retinol_ug(source.serving.grams) or 0.0
        return self.servings.get(source.food.id, 0) < MAX_SERVINGS_PER_FOOD and retinol <= self.retinol_left


def _pick(builder: _DayBuilder, sources: Sequence[Source], meals: Sequence[str], need_ug: float,
          fortified_only: bool) -> tuple[Source, str] | None:
    """The best serving for the first of `meals` that any source fits, by the objectives above."""
    for meal in meals:
        fitting = [s for s in sources if meal in s.meals and builder.can_add(s)
                   and (not fortified_only or s.food.fortified)]
        if not fitting:
            continue
        unused = [s for s in fitting if s.food.id not in builder.servings] or fitting  # spread: new foods first
        rank = {s.id: position for position, s in enumerate(sources)}
        best = min(unused, key=lambda s: (
            s.staple is None,  # staples of the person's diet, in their order (everyday ones first) ...
            s.b12_ug_per_serving > GENTLE_FACTOR * need_ug,  # no serving far above the gap ...
            s.b12_ug_per_serving if s.b12_ug_per_serving > GENTLE_FACTOR * need_ug else 0.0,  # ... else the gentlest
            rank[s.id] if s.staple else 0,
            -min(s.b12_ug_per_serving, need_ug),  # then the fewest servings
            rank[s.id],
        ))
        return best, meal
    return None


def build_day_plan(profile: Profile, sources: Sequence[Source], current: CurrentDay, target: Target,
                   goal_ug: float) -> tuple[list[PlanAddition], float, float, list[Note]]:
    builder = _DayBuilder(profile, current, retinol_ul_ug(profile))
    found: list[Note] = []
    reason = supplement_reason(profile)
    if profile.supplements_allowed and reason and not current.supplements:
        option = supplement_options(profile)[0]
        builder.add_supplement(option)
        found.append(SupplementIncluded(option.description, reason))
    vegan_fortified = profile.diet is DietMode.VEGAN and not current.supplements and not builder.additions
    while True:
        below_target = builder.total() < target.target_ug - 1e-9
        below_goal = builder.absorbed() < goal_ug - 1e-9
        needs_second_fortified = vegan_fortified and not below_target and not below_goal and (
            builder.fortified_ug < VEGAN_FORTIFIED_FOODS_UG or len(builder.fortified_meals) < VEGAN_FORTIFIED_MEALS)
        if not (below_target or below_goal or needs_second_fortified):
            break
        by_dose = meals_by_b12(builder.doses, MAIN_MEALS)
        if needs_second_fortified:
            meals = [m for m in by_dose if m not in builder.fortified_meals] or by_dose
            need = max(VEGAN_FORTIFIED_FOODS_UG - builder.fortified_ug, 0.1)
        elif below_target:
            meals, need = by_dose, target.target_ug - builder.total()
        else:  # spread B12 over meals: intrinsic factor saturates per meal
            meals, need = by_dose, max(goal_ug - builder.absorbed(), 0.1)
        step = _pick(builder, sources, meals, need, fortified_only=needs_second_fortified)
        if step is None:
            break
        builder.add(*step)
    reaches = builder.total() >= target.target_ug - 1e-9 and builder.absorbed() >= goal_ug - 1e-9
    if not reaches and profile.supplements_allowed and not current.supplements \
            and not any(a.every for a in builder.additions):
        option = supplement_options(profile)[0]
        builder.add_supplement(option)
        found.append(SupplementIncluded(option.description, SupplementReason.FOODS_FALL_SHORT, MAX_SERVINGS_PER_FOOD))
    if vegan_fortified and not any(a.every for a in builder.additions):
        if builder.fortified_ug >= VEGAN_FORTIFIED_FOODS_UG and len(builder.fortified_meals) >= VEGAN_FORTIFIED_MEALS:
            found.append(VeganFortifiedMet(len(builder.fortified_meals), builder.fortified_ug))
        else:
            found.append(VeganFortifiedShort())
    return builder.additions, builder.total(), builder.absorbed(), found


def serving_item(food_id: str, serving: Serving, count: float = 1.0) -> FoodItem:
    """A suggested serving as a plan item: its household portion, or grams (a child's 1 oz of fish)."""
    if serving.portion is None:
        return FoodItem(food_id, grams=round(serving.grams * count, 1))
    return FoodItem(food_id, portion=serving.portion.label, count=serving.count * count)


def plan_with_additions(plan: Plan, day_index: int, additions: Sequence[PlanAddition]) -> Plan:
    """The plan with these suggested additions in their meals (a food already there by the same measure
    gets the amounts summed)."""
    for addition in additions:
        item: Item = (SupplementItem(addition.description, addition.b12_ug, addition.every) if addition.every
                      else serving_item(addition.id, addition.serving, addition.count))
        plan, _ = add_or_merge(plan, day_index, addition.meal, item)
    return plan
