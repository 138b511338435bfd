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

from planner.absorption import absorbed_ug, meal_absorbed_ug
from planner.advice.eligibility import MAIN_MEALS, meals_for
from planner.advice.supplements import supplement_options, supplement_reason
from planner.food import DietMode, Food
from planner.notes import Note, SupplementIncluded, SupplementReason, VeganFortifiedMet, VeganFortifiedShort
from planner.plan import DEFAULT_MEALS, FoodItem, Item, Plan, SupplementItem, add_or_merge
from planner.profile import Absorption, Profile
from planner.results import DayTotal, PlanAddition, Serving, Source, SupplementOption
from planner.safety import retinol_ul_ug
from planner.targets import Target
from planner.totals import TREATMENT_DAILY_UG, VEGAN_FORTIFIED_FOODS_UG, VEGAN_FORTIFIED_MEALS
from planner.units import DAYS_PER_WEEK, Every, Micrograms

MAX_SERVINGS_PER_FOOD = 2
MOST_OF = 0.5  # IOM's "most of the target" from free B12, read as at least half
MEAL_ORDER = DEFAULT_MEALS
GENTLE_FACTOR = 10.0  # a serving above 10× the remaining gap is not gentle
SUPPLEMENT_SERVING = Serving("1 tablet", None, 1, 0.0)


@dataclass(frozen=True)
class CurrentDay:
    """What the day holds already: B12 by meal (and of it the free B12), anything else already absorbed,
    supplements, retinol."""

    meal_ug: Mapping[str, Micrograms] = field(default_factory=dict)
    other_total_ug: Micrograms = 0.0
    other_absorbed_ug: Micrograms = 0.0
    supplements: tuple[tuple[str, Micrograms, Every], ...] = ()  # (name, µg, how often)
    retinol_ug: Micrograms = 0.0
    meal_free_ug: Mapping[str, Micrograms] = field(default_factory=dict)  # supplements', fortification's

    @classmethod
    def from_intake(cls, intake_ug: Micrograms) -> "CurrentDay":
        """An intake with unknown timing and kind counts as one meal of food-bound B12 (the cautious reading)."""
        return cls({"current intake": intake_ug} if intake_ug > 0 else {})

    @classmethod
    def from_day(cls, day: DayTotal) -> "CurrentDay":
        """A planned day: its meals by name (weekly shares as absorbed already), supplements, retinol."""
        meals = {meal.name: meal.eaten_ug for meal in day.meals if meal.eaten_ug}
        free = {meal.name: meal.free_ug for meal in day.meals if meal.free_ug}
        supplements = tuple((item.description, item.b12_ug or 0.0, item.every)
                            for item in day.supplements if item.every is not None)
        return cls(meals, sum(m.standing_ug for m in day.meals), sum(m.standing_absorbed_ug for m in day.meals),
                   supplements, day.retinol_ug, free)

    def total_ug(self) -> float:
        return sum(self.meal_ug.values()) + self.other_total_ug

    def free_ug(self) -> float:
        """Free B12 eaten today, weekly supplements' daily share included."""
        return sum(self.meal_free_ug.values()) + self.other_total_ug

    def absorbed(self, absorption: Absorption) -> float:
        return sum(meal_absorbed_ug(ug - self.meal_free_ug.get(meal, 0.0), self.meal_free_ug.get(meal, 0.0),
                                    absorption) for meal, ug in self.meal_ug.items()) + self.other_absorbed_ug


def treatment_listed(supplements: Sequence[tuple[str, Micrograms, Every]]) -> float:
    """The daily dose already taken that is a treatment dose without intrinsic factor, or 0."""
    return max((ug for _, ug, every in supplements if every is Every.DAY and ug >= TREATMENT_DAILY_UG), default=0.0)


def meals_by_b12(meal_ug: Mapping[str, Micrograms], meals: Sequence[str]) -> list[str]:
    """The meals with the least B12 first (ties in the given order): B12 spread is absorbed better."""
    return sorted(meals, key=lambda meal: (meal_ug.get(meal, 0.0), meals.index(meal)))


def suited_meal(food: Food, current: CurrentDay) -> str:
    """The meal a serving of this food is offered at, as the suggestions choose: of the meals it suits,
    the one with the least B12 so far."""
    return meals_by_b12(current.meal_ug, meals_for(food))[0]


class _DayBuilder:
    """Mutable scratch state of the greedy plan; the result is returned as frozen data."""

    def __init__(self, profile: Profile, current: CurrentDay, retinol_limit: float):
        self.profile = profile
        self.doses = {meal: current.meal_ug.get(meal, 0.0) for meal in MAIN_MEALS}
        self.extra = {k: v for k, v in current.meal_ug.items() if k not in MAIN_MEALS}
        self.free = {meal: current.meal_free_ug.get(meal, 0.0) for meal in [*self.doses, *self.extra]}
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
        return sum(meal_absorbed_ug(ug - self.free[meal], self.free[meal], self.profile.absorption)
                   for meal, ug in [*self.doses.items(), *self.extra.items()]) + self.other_absorbed

    def free_total(self) -> float:
        """Free B12 in the day: supplements (weekly ones' share in `other_total`) and fortification."""
        return sum(self.free.values()) + self.other_total

    def add(self, source: Source, meal: str) -> None:
        food = source.food
        self.servings[food.id] = self.servings.get(food.id, 0) + 1
        self.doses[meal] += source.b12_ug_per_serving
        self.free[meal] += source.free_ug_per_serving
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
            self.free[meal] += option.ug
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


def free_goal_ug(profile: Profile, target: Target) -> float:
    """IOM: over 50, or with food-bound malabsorption, most of the target from free B12 (fortified foods,
    supplements); the planner reads "most" as at least half."""
    return target.target_ug * MOST_OF if profile.fortified_first else 0.0


def _first_sufficient(profile: Profile, current: CurrentDay, target: Target, goal_ug: float) -> SupplementOption:
    """The first supplement option that closes the day on its own (a breastfeeding vegan's 10 µg a day
    falls just short of her absorption goal, a weekly 2,000 µg does not), else the first."""
    options = supplement_options(profile)
    for option in options:
        trial = _DayBuilder(profile, current, 0.0)
        trial.add_supplement(option)
        if trial.total() >= target.target_ug - 1e-9 and trial.absorbed() >= goal_ug - 1e-9:
            return option
    return options[0]


def build_day_plan(profile: Profile, sources: Sequence[Source], current: CurrentDay, target: Target,
                   goal_ug: float) -> tuple[list[PlanAddition], float, float, list[Note]]:
    builder = _DayBuilder(profile, current, retinol_ul_ug(profile))
    found: list[Note] = []
    reason = supplement_reason(profile)
    if profile.supplements_allowed and reason and not current.supplements:
        option = _first_sufficient(profile, current, target, goal_ug)
        builder.add_supplement(option)
        found.append(SupplementIncluded(option.description, reason))
    vegan_fortified = profile.diet is DietMode.VEGAN and not current.supplements and not builder.additions
    free_goal = free_goal_ug(profile, target)
    while True:
        below_target = builder.total() < target.target_ug - 1e-9
        below_goal = builder.absorbed() < goal_ug - 1e-9
        below_free = builder.free_total() < free_goal - 1e-9
        needs_second_fortified = vegan_fortified and not below_target and not below_goal and (
            builder.fortified_ug < VEGAN_FORTIFIED_FOODS_UG or len(builder.fortified_meals) < VEGAN_FORTIFIED_MEALS)
        if not (below_target or below_goal or below_free or needs_second_fortified):
            break
        by_dose = meals_by_b12(builder.doses, MAIN_MEALS)
        fortified_only = needs_second_fortified or below_free
        if needs_second_fortified:
            meals = [m for m in by_dose if m not in builder.fortified_meals] or by_dose
            need = max(VEGAN_FORTIFIED_FOODS_UG - builder.fortified_ug, 0.1)
        elif below_free:
            meals, need = by_dose, free_goal - builder.free_total()
        elif below_target:
            meals, need = by_dose, target.target_ug - builder.total()
        else:  # spread B12 over meals: intrinsic factor saturates per meal
            meals, need = by_dose, max(goal_ug - builder.absorbed(), 0.1)
        step = _pick(builder, sources, meals, need, fortified_only=fortified_only)
        if step is None:
            break
        builder.add(*step)
    reaches = (builder.total() >= target.target_ug - 1e-9 and builder.absorbed() >= goal_ug - 1e-9
               and builder.free_total() >= free_goal - 1e-9)
    if not reaches and profile.supplements_allowed and not current.supplements \
            and not any(a.every for a in builder.additions):
        option = _first_sufficient(profile, current, target, goal_ug)
        builder.add_supplement(option)
        found.append(SupplementIncluded(option.description, SupplementReason.FOODS_FALL_SHORT, MAX_SERVINGS_PER_FOOD))
    if vegan_fortified and not any(a.every for a in builder.additions):
        if builder.fortified_ug >= VEGAN_FORTIFIED_FOODS_UG and len(builder.fortified_meals) >= VEGAN_FORTIFIED_MEALS:
            found.append(VeganFortifiedMet(len(builder.fortified_meals), builder.fortified_ug))
        else:
            found.append(VeganFortifiedShort())
    in_meal_order = sorted(builder.additions, key=lambda a: MEAL_ORDER.index(a.meal) if a.meal in MEAL_ORDER
                           else len(MEAL_ORDER))  # stable: the order they were chosen within a meal
    return in_meal_order, builder.total(), builder.absorbed(), found


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
