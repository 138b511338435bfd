"""Suggestions that close a B12 gap: ranked sources for a diet mode, and a day plan.

Pure functions over food records. Safety first (brief §2b): no serving whose retinol
alone exceeds the life stage's vitamin A upper limit, no liver in pregnancy, no food
suggestions for infants, unreliable sources never count.

The day plan is built greedily (see README): it adds the best-ranked serving that serves
the unmet need (total, then absorption spread, then the Vegan Society two-meal rule),
one serving at a time, at most 2 servings per food. Deterministic for the same input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Sequence

from planner.absorption import absorbed_ug, absorption_goal_ug
from planner.diet import MEAT_FISH_GROUPS
from planner.food import DietMode, Food, Portion
from planner.profile import Profile
from planner.exclusions import exclusion_reason
from planner.words import stems
from planner.serving import typical_serving
from planner.targets import Target, life_stage_target
from planner.totals import DayTotal, rounded

Micrograms = float
MAX_SERVINGS_PER_FOOD = 2
MAIN_MEALS = ("breakfast", "lunch", "dinner")
SHOWN_PER_KIND = 8  # animal sources and fortified foods each get this many lines
BEST_PER_GROUP = 2
ANIMAL, FORTIFIED = "animal", "fortified"

# IOM tolerable upper intake of preformed vitamin A, µg/day, by age (brief §2b);
# pregnancy and lactation use the same values for their ages.
RETINOL_UL_BY_AGE: tuple[tuple[int, float], ...] = ((3, 600.0), (8, 900.0), (13, 1700.0), (18, 2800.0),
                                                    (200, 3000.0))

LIVER_WORDS = re.compile(r"\b(liver|livers|liverwurst|braunschweiger|p[aâ]t[eé]|foie gras)\b", re.I)
# Not suggested as a B12 source: forms nobody eats as served (powders, dry mixes),
# caffeinated energy drinks and alcohol.
NOT_SUGGESTED = re.compile(r"\b(powder|powdered|dry mix|dehydrated|not reconstituted|freeze-dried|"
                           r"concentrate|dry, nonfat|milk, dry|dried|energy drink|alcoholic)\b", re.I)
# Animal sources by group; other foods are suggested only when fortified (a plant-named food
# with unexplained B12 is neither a clear animal source nor a fortified one).
ANIMAL_GROUPS = MEAT_FISH_GROUPS | {"Dairy and Egg Products"}

# Where a serving fits in the day, by kind.
MEAL_FIT: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"Breakfast Cereals"}), ("breakfast",)),
    (MEAT_FISH_GROUPS, ("lunch", "dinner")),
)
MEAT_ANALOGUE_MEALS = ("lunch", "dinner")

SUPPLEMENT_DAILY_UG = 10.0  # Vegan Society: one daily supplement of at least 10 µg
SUPPLEMENT_WEEKLY_UG = 2000.0  # Vegan Society: one weekly supplement of at least 2,000 µg
SUPPLEMENT_NO_IF_UG = 1000.0  # brief §2: ~1 % passive route; 1,000 µg -> ~10 µg absorbed
VEGAN_FORTIFIED_UG = 3.0
VEGAN_FORTIFIED_MEALS = 2


def retinol_ul_ug(profile: Profile) -> float:
    for max_age, limit in RETINOL_UL_BY_AGE:
        if profile.age_years <= max_age:
            return limit
    return RETINOL_UL_BY_AGE[-1][1]


@dataclass(frozen=True)
class FoodFacts:
    """What suggestions need of a food that does not depend on the person (cached)."""

    serving: Portion
    b12_ug_per_serving: Micrograms
    retinol_ug_per_serving: Micrograms | None
    liver: bool
    suggestible: bool
    name_words: tuple[str, ...]


@lru_cache(maxsize=32_768)
def food_facts(food: Food) -> FoodFacts:
    serving = typical_serving(food)
    b12 = food.b12_ug(serving.grams)
    suggestible = (
        b12 is not None and b12 > 0 and not food.unreliable
        and (food.fortified or food.food_group in ANIMAL_GROUPS)
        and not NOT_SUGGESTED.search(food.description))
    return FoodFacts(serving, b12 or 0.0, food.retinol_ug(serving.grams),
                     bool(LIVER_WORDS.search(food.description)), suggestible,
                     tuple(stems(food.description)))


@dataclass(frozen=True)
class Source:
    food: Food
    portion: Portion
    b12_ug_per_serving: Micrograms
    pct_target_per_serving: float
    servings_to_close_gap: float
    kcal_per_serving: float | None
    kind: str = ANIMAL  # ANIMAL or FORTIFIED
    more_like_this: int = 0

    @property
    def id(self) -> str:
        return self.food.id


@dataclass(frozen=True)
class SupplementOption:
    id: str
    description: str
    ug: Micrograms
    every: str  # "day" or "week"
    why: str


@dataclass(frozen=True)
class PlanAddition:
    id: str
    description: str
    portion: Portion
    count: int
    b12_ug: Micrograms
    meal: str
    every: str | None = None  # supplements only

    @property
    def grams(self) -> float:
        return self.portion.grams * self.count


@dataclass(frozen=True)
class CurrentDay:
    """What the day holds already: B12 by meal (µg), and anything else already absorbed."""

    meal_ug: dict[str, Micrograms] = field(default_factory=dict)
    other_total_ug: Micrograms = 0.0
    other_absorbed_ug: Micrograms = 0.0

    @classmethod
    def from_intake(cls, intake_ug: Micrograms) -> "CurrentDay":
        """An intake with unknown timing counts as one meal of its own (the cautious reading)."""
        return cls({"current intake": intake_ug} if intake_ug > 0 else {})

    @classmethod
    def from_day(cls, day: DayTotal) -> "CurrentDay":
        """A planned day: main meals by name; weekly shares and other meals as already absorbed."""
        meals = {meal.name: meal.total_ug for meal in day.meals if meal.name in MAIN_MEALS}
        others = [meal for meal in day.meals if meal.name not in MAIN_MEALS]
        return cls(meals, sum(m.total_ug for m in others), sum(m.absorbed_ug for m in others))

    def total_ug(self) -> Micrograms:
        return sum(self.meal_ug.values()) + self.other_total_ug


@dataclass(frozen=True)
class Suggestions:
    target: Target
    gap_ug: Micrograms
    sources: tuple[Source, ...]
    supplements: tuple[SupplementOption, ...]
    plan: tuple[PlanAddition, ...]
    total_after_ug: Micrograms
    absorbed_after_ug: Micrograms
    reaches_target: bool
    notes: tuple[str, ...]


def eligible(food: Food, profile: Profile, retinol_limit_ug: float) -> bool:
    """May this food be suggested to this person at its typical serving?"""
    facts = food_facts(food)
    if not facts.suggestible or not profile.diet.allows(food.diet):
        return False
    if profile.diet is DietMode.VEGAN and not food.fortified:
        return False
    if facts.liver and profile.pregnant:  # NHS: avoid liver and liver products in pregnancy
        return False
    if profile.exclude and exclusion_reason(food, profile.exclude):
        return False
    if facts.retinol_ug_per_serving is None:
        return not facts.liver  # liver with no retinol value: assume the worst
    return facts.retinol_ug_per_serving <= retinol_limit_ug


def _kind_order(profile: Profile) -> tuple[str, str]:
    """Over 50 (or without intrinsic factor), fortified foods first (IOM); else animal sources first."""
    if profile.age_years > 50 or not profile.intrinsic_factor:
        return (FORTIFIED, ANIMAL)
    return (ANIMAL, FORTIFIED)


def _group_key(food: Food) -> tuple[str, str]:
    """Near-duplicates share a group and the first word of the name (cereals, SILK, Fish …)."""
    words = food_facts(food).name_words
    return (food.food_group or "", words[0] if words else "")


def candidate_sources(foods: Iterable[Food], profile: Profile, target_ug: Micrograms,
                      gap_ug: Micrograms) -> list[Source]:
    """Every eligible food as a source, best first (tier, then µg per serving)."""
    limit = retinol_ul_ug(profile)
    order = _kind_order(profile)
    sources: list[tuple[tuple, Source]] = []
    for food in foods:
        if not eligible(food, profile, limit):
            continue
        facts = food_facts(food)
        per_serving = facts.b12_ug_per_serving
        kind = FORTIFIED if food.fortified else ANIMAL
        source = Source(food, facts.serving, per_serving, 100.0 * per_serving / target_ug,
                        max(gap_ug, 0.0) / per_serving, food.kcal(facts.serving.grams), kind)
        sources.append(((order.index(kind), -per_serving, food.id), source))
    sources.sort(key=lambda pair: pair[0])
    return [source for _, source in sources]


def shown_sources(sources: Sequence[Source]) -> list[Source]:
    """The list a person sees: near-duplicates folded, then the best of each kind in rank order,
    so fortified foods still show for a vegetarian with plenty of dairy options."""
    kinds = list(dict.fromkeys(source.kind for source in sources))
    return [shown for kind in kinds
            for shown in group_near_duplicates([s for s in sources if s.kind == kind], SHOWN_PER_KIND)]


def group_near_duplicates(sources: Sequence[Source], shown: int,
                          per_group: int = BEST_PER_GROUP) -> list[Source]:
    """The best few of each group, the last shown saying how many more like it were folded away."""
    counts: dict[tuple[str, str], int] = {}
    for source in sources:
        key = _group_key(source.food)
        counts[key] = counts.get(key, 0) + 1
    kept: list[Source] = []
    taken: dict[tuple[str, str], int] = {}
    for source in sources:
        key = _group_key(source.food)
        if taken.get(key, 0) >= per_group:
            continue
        taken[key] = taken.get(key, 0) + 1
        last_shown = taken[key] == min(per_group, counts[key])
        kept.append(replace(source, more_like_this=counts[key] - taken[key] if last_shown else 0))
        if len(kept) >= shown:
            break
    return kept


def supplement_options(profile: Profile) -> tuple[SupplementOption, ...]:
    if not profile.intrinsic_factor:
        return (SupplementOption("supplement:b12-1000ug-daily", "B12 supplement, 1,000 µg daily",
                                 SUPPLEMENT_NO_IF_UG, "day",
                                 "Without intrinsic factor only ~1 % is absorbed; a clinician "
                                 "should guide treatment (oral high dose or injections)."),)
    return (
        SupplementOption("supplement:b12-10ug-daily", "B12 supplement (cyanocobalamin), 10 µg daily",
                         SUPPLEMENT_DAILY_UG, "day", "Vegan Society: one daily supplement of at least 10 µg."),
        SupplementOption("supplement:b12-2000ug-weekly", "B12 supplement (cyanocobalamin), 2,000 µg weekly",
                         SUPPLEMENT_WEEKLY_UG, "week", "Vegan Society: one weekly supplement of at least 2,000 µg."),
    )


def supplement_reason(profile: Profile) -> str | None:
    """Why the guidance calls for a supplement for this person, or None."""
    if not profile.intrinsic_factor:
        return "without intrinsic factor food B12 is barely absorbed"
    if profile.diet is DietMode.VEGAN:
        return "the Vegan Society advises a supplement or fortified foods for every vegan"
    if profile.age_years > 50:
        return "over 50, the IOM advises getting most B12 from fortified foods or supplements"
    return None


def _meals_for(food: Food) -> tuple[str, ...]:
    for groups, meals in MEAL_FIT:
        if food.food_group in groups:
            return meals
    if food.check_label and food.food_group == "Legumes and Legume Products":
        return MEAT_ANALOGUE_MEALS  # veggie burgers and the like
    return MAIN_MEALS


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
        self.retinol_left = retinol_limit
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
        self.retinol_left -= food.retinol_ug(source.portion.grams) or 0.0
        if food.fortified:
            self.fortified_ug += source.b12_ug_per_serving
            self.fortified_meals.add(meal)
        for index, existing in enumerate(self.additions):
            if existing.id == food.id and existing.meal == meal:
                self.additions[index] = replace(existing, count=existing.count + 1,
                                                b12_ug=existing.b12_ug + source.b12_ug_per_serving)
                return
        self.additions.append(PlanAddition(food.id, food.description, source.portion, 1,
                                           source.b12_ug_per_serving, meal))

    def has_supplement(self) -> bool:
        return any(addition.id.startswith("supplement:") for addition in self.additions)

    def add_supplement(self, option: SupplementOption, meal: str = "breakfast") -> None:
        dose = option.ug if option.every == "day" else option.ug / 7
        self.doses[meal] += dose
        self.additions.append(PlanAddition(option.id, option.description, Portion("1 tablet", 0.0), 1,
                                           option.ug, meal, option.every))

    def can_add(self, source: Source) -> bool:
        retinol = source.food.retinol_ug(source.portion.grams) or 0.0
        return self.servings.get(source.food.id, 0) < MAX_SERVINGS_PER_FOOD and retinol <= self.retinol_left


def _next_step(builder: _DayBuilder, sources: Sequence[Source], target_ug: float, goal_ug: float,
               vegan_rule: bool) -> tuple[Source, str] | None:
    """The best serving for the most pressing unmet need, and the meal it goes in."""
    if builder.total() < target_ug:
        wanted_meals = sorted(MAIN_MEALS, key=lambda m: (builder.doses[m], MAIN_MEALS.index(m)))
        need_fortified = False
    elif builder.absorbed() < goal_ug:
        low = min(builder.doses.values())
        wanted_meals = [m for m in MAIN_MEALS if builder.doses[m] == low]
        need_fortified = False
    elif vegan_rule and (builder.fortified_ug < VEGAN_FORTIFIED_UG
                         or len(builder.fortified_meals) < VEGAN_FORTIFIED_MEALS):
        wanted_meals = [m for m in MAIN_MEALS if m not in builder.fortified_meals] or list(MAIN_MEALS)
        need_fortified = True
    else:
        return None
    # Spreading over meals: prefer a food not used yet, for variety.
    passes = (True, False) if builder.total() >= target_ug else (False,)
    for unused_only in passes:
        for source in sources:
            if need_fortified and not source.food.fortified:
                continue
            if unused_only and source.food.id in builder.servings:
                continue
            if not builder.can_add(source):
                continue
            fits = [m for m in wanted_meals if m in _meals_for(source.food)]
            if fits:
                return source, fits[0]
    return None


def build_day_plan(profile: Profile, sources: Sequence[Source], current: CurrentDay,
                   target: Target) -> tuple[list[PlanAddition], float, float, bool, list[str]]:
    goal = absorption_goal_ug(target.target_ug)
    builder = _DayBuilder(profile, current, retinol_ul_ug(profile))
    notes: list[str] = []
    reason = supplement_reason(profile)
    if profile.supplements_allowed and reason:
        option = supplement_options(profile)[0]
        builder.add_supplement(option)
        notes.append(f"A supplement ({option.description}) is included because {reason}.")
    vegan_rule = profile.diet is DietMode.VEGAN and not builder.has_supplement()
    while True:
        step = _next_step(builder, sources, target.target_ug, goal, vegan_rule)
        if step is None:
            break
        builder.add(*step)
    reaches = builder.total() >= target.target_ug and builder.absorbed() >= goal
    if not reaches and profile.supplements_allowed and not builder.has_supplement():
        option = supplement_options(profile)[0]
        builder.add_supplement(option)
        notes.append(f"A supplement ({option.description}) is included because the foods in the data "
                     f"cannot reach the target within {MAX_SERVINGS_PER_FOOD} servings of each food.")
        reaches = builder.total() >= target.target_ug and builder.absorbed() >= goal
    if vegan_rule and not builder.has_supplement():
        if builder.fortified_ug >= VEGAN_FORTIFIED_UG and len(builder.fortified_meals) >= VEGAN_FORTIFIED_MEALS:
            notes.append(f"Fortified foods at {len(builder.fortified_meals)} meals give "
                         f"{builder.fortified_ug:.1f} µg, in line with the Vegan Society's advice "
                         "(fortified foods two or three times a day, at least 3 µg).")
        else:
            notes.append("The foods in the bundled data cannot give at least 3 µg from fortified foods "
                         "at two meals without a supplement.")
    if not reaches:
        notes.append("This plan does not reach the target with the foods allowed; talk to a "
                     "dietitian or clinician.")
    return builder.additions, builder.total(), builder.absorbed(), reaches, notes


def suggest(profile: Profile, foods: Iterable[Food], current: CurrentDay) -> Suggestions:
    """Ranked sources and a day plan for this person and the day they have so far."""
    target = life_stage_target(profile)
    total_now = current.total_ug()
    gap = max(target.target_ug - total_now, 0.0)
    notes = ["Educational suggestions, not medical advice: check with a dietitian or clinician."]
    if profile.infant:
        notes.append("Under 12 months the target assumes breast milk or formula; this planner does "
                     "not suggest foods for infants. Ask a paediatrician or dietitian.")
        if profile.diet is DietMode.VEGAN:
            notes.append("A baby breastfed by a vegan mother depends on the mother's B12: she needs a "
                         "reliable source (fortified foods or a supplement). Ask a clinician.")
        return Suggestions(target, gap, (), (), (), total_now, current.other_absorbed_ug, False, tuple(notes))
    ranked = candidate_sources(foods, profile, target.target_ug, gap)
    additions, total_after, absorbed_after, reaches, plan_notes = build_day_plan(profile, ranked, current, target)
    notes += plan_notes
    if profile.diet is DietMode.VEGAN:
        notes.append("Vegan Society guidance: eat fortified foods two or three times a day for at least "
                     "3 µg a day, or take one 10 µg supplement daily, or one 2,000 µg supplement weekly.")
    listed = shown_sources(ranked)
    if any(s.food.check_label for s in listed):
        notes.append("Foods marked 'check the label' may contain honey, milk powder, gelatin or "
                     "vitamin D3 from lanolin; the USDA data has no ingredient list.")
    if profile.pregnant:
        notes.append("Liver and liver products are left out in pregnancy (very high in vitamin A).")
    return Suggestions(target, gap, tuple(listed),
                       supplement_options(profile) if profile.supplements_allowed else (),
                       tuple(additions), total_after, absorbed_after, reaches, tuple(notes))


def suggestions_to_dict(result: Suggestions) -> dict:
    """The contract's suggestions JSON (plus supplement options and `reaches_target`)."""
    return {
        "target_ug": result.target.target_ug,
        "gap_ug": rounded(result.gap_ug),
        "sources": [{
            "id": s.id, "description": s.food.description,
            "portion": {"label": s.portion.label, "grams": s.portion.grams},
            "b12_ug_per_serving": rounded(s.b12_ug_per_serving), "b12_ug_per_100g": s.food.b12_ug_per_100g,
            "pct_target_per_serving": rounded(s.pct_target_per_serving, 1),
            "servings_to_close_gap": rounded(s.servings_to_close_gap, 2),
            "kcal_per_serving": rounded(s.kcal_per_serving, 0), "fortified": s.food.fortified,
            "check_label": s.food.check_label, "more_like_this": s.more_like_this, "kind": s.kind,
            "diet": s.food.diet.value, "source": s.food.source,
        } for s in result.sources],
        "supplements": [{"id": o.id, "description": o.description, "ug": o.ug, "every": o.every, "why": o.why}
                        for o in result.supplements],
        "plan": [{"id": a.id, "description": a.description,
                  "portion": {"label": a.portion.label, "grams": a.portion.grams},
                  "grams": a.grams, "count": a.count, "b12_ug": rounded(a.b12_ug), "meal": a.meal,
                  **({"every": a.every} if a.every else {})} for a in result.plan],
        "total_after_ug": rounded(result.total_after_ug),
        "absorbed_after_ug": rounded(result.absorbed_after_ug),
        "reaches_target": result.reaches_target,
        "notes": list(result.notes),
    }
