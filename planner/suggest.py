"""Advice a dietitian would show a client: sources and a day plan that close a B12 gap.

Pure functions over food records. Objectives, in this order (issue "Advice a dietitian
would show"): the safety rules (safety.py: never-suggest foods, life-stage rules, the
retinol cap); reach the target and the absorption goal; staples of the person's diet,
spread across meals; no single serving above 10× the remaining gap when an everyday food
closes it more gently; then the fewest servings (at most 2 of a food). A day that already
has a supplement never gets a second one; a day that meets both goals gets nothing. Without
intrinsic factor food cannot close the gap: no food plan, a clinician instead.

The day plan is built greedily (see README): one serving at a time, for the meal with the
least B12, deterministic for the same input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from planner.absorption import absorbed_ug
from planner.diet import ANIMAL_GROUPS, MEAT_FISH_GROUPS
from planner.exclusions import allergen_note, exclusion_reason
from planner.food import DietMode, Food
from planner.profile import Profile
from planner.safety import blocking_rule, is_liver, retinol_ul_ug, rules_in_force
from planner.search import SearchIndex
from planner.serving import Serving, child_band, serving_for
from planner.targets import NOTE_FOOD_BOUND, NOTE_OVER_50, Target, absorption_goal, life_stage_target
from planner.totals import (
    DAYS_PER_WEEK,
    VEGAN_DAILY_SUPPLEMENT_UG,
    VEGAN_FORTIFIED_FOODS_UG,
    VEGAN_FORTIFIED_MEALS,
    VEGAN_WEEKLY_SUPPLEMENT_UG,
    AbsorptionStatus,
    DayTotal,
    Status,
    absorption_status_for,
    rounded,
    status_for,
)
from planner.words import stems

Micrograms = float
MAX_SERVINGS_PER_FOOD = 2
GENTLE_FACTOR = 10.0  # a serving above 10× the remaining gap is not gentle
PLAN_CANDIDATES = 40  # the day plan looks at the staples and this many of the next-ranked foods
MAIN_MEALS = ("breakfast", "lunch", "dinner")
SHOWN_AT_LEAST = 6  # other everyday or fortified foods fill the list up to this when staples are few
ANIMAL, FORTIFIED = "animal", "fortified"
DISCLAIMER = "Educational suggestions, not medical advice: check with a dietitian or clinician."

# The clinical dose without intrinsic factor (brief §6b); Vegan Society guidance is in planner.totals.
CLINICAL_ORAL_UG = "1,000–2,000 µg"

CLINICIAN_NOTE = ("Without intrinsic factor (pernicious anaemia, some stomach surgery) food cannot close this gap: "
                  "only about 1 % of the B12 in any food is absorbed. A clinician treats it with injections or "
                  f"high-dose oral B12 ({CLINICAL_ORAL_UG} a day); please see one.")
CLAMS = re.compile(r"^mollusks, clam\b", re.I)
CLAM_NOTE = ("Clams: USDA SR28 gives 98.89 µg per 100 g cooked (84 µg per 3 oz); the NIH table (2022), from a "
             "newer USDA analysis, gives 17 µg per 3 oz. Either way one serving covers the day.")


@dataclass(frozen=True)
class Staple:
    """A food a person of this diet recognises and eats: found with the search people use."""

    kind: str
    query: str
    meals: tuple[str, ...]
    fortified: bool = False  # a fortified product (first when IOM's over-50 advice applies)


ANY_MEAL = ("breakfast", "lunch", "dinner", "snacks")
STAPLES: tuple[Staple, ...] = (
    Staple("milk", "milk", ANY_MEAL),
    Staple("eggs", "boiled egg", ("breakfast", "lunch")),
    Staple("yogurt", "yogurt", ("breakfast", "dinner", "snacks")),
    Staple("cheese", "cheddar", ("lunch", "dinner", "snacks")),
    Staple("salmon", "salmon", ("lunch", "dinner")),
    Staple("tuna", "tuna canned", ("lunch", "dinner")),
    Staple("sardines", "sardines", ("lunch", "dinner")),
    Staple("trout", "trout", ("lunch", "dinner")),
    Staple("beef", "beef ground", ("lunch", "dinner")),
    Staple("clams", "clams", ("lunch", "dinner")),
    Staple("fortified cereal", "fortified cereal", ("breakfast",), fortified=True),
    Staple("fortified soy milk", "fortified soy milk", ANY_MEAL, fortified=True),
    Staple("fortified almond milk", "fortified almond milk", ANY_MEAL, fortified=True),
    Staple("fortified rice milk", "fortified rice milk", ANY_MEAL, fortified=True),
    Staple("yeast extract", "yeast extract", ("breakfast", "lunch"), fortified=True),
)
STAPLE_SEARCH_DEPTH = 12  # how far down a staple's search results to look for an eligible food
# Where a serving fits in the day, by kind (for foods that are not staples).
MEAL_FIT: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"Breakfast Cereals"}), ("breakfast",)),
    (MEAT_FISH_GROUPS, ("lunch", "dinner")),
)


@dataclass(frozen=True)
class Source:
    food: Food
    serving: Serving
    b12_ug_per_serving: Micrograms
    kcal_per_serving: float | None
    target_ug: Micrograms
    kind: str = ANIMAL  # ANIMAL or FORTIFIED
    staple: str | None = None  # the staple kind it stands for ("milk"), or None
    meals: tuple[str, ...] = MAIN_MEALS
    more_like_this: int = 0
    caveat: str | None = None

    @property
    def id(self) -> str:
        return self.food.id

    @property
    def pct_target_per_serving(self) -> float:
        return 100.0 * self.b12_ug_per_serving / self.target_ug

    def servings_to_close(self, gap_ug: Micrograms) -> float:
        return max(gap_ug, 0.0) / self.b12_ug_per_serving if self.b12_ug_per_serving else 0.0


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
    serving: Serving
    count: float  # servings of `serving`
    b12_ug: Micrograms
    meal: str
    every: str | None = None  # supplements only

    @property
    def grams(self) -> float:
        return self.serving.grams * self.count

    @property
    def ug_text(self) -> str:
        """A supplement's dose in words: "10 µg every day"."""
        return f"{self.b12_ug:,g} µg every {self.every}"

    def in_words(self, name: Callable[[str], str] = str) -> str:
        """"B12 supplement, 10 µg every day" or "Milk, whole — 1 cup × 2"; `name` may shorten a food's name."""
        if self.every:
            return f"{self.description}, {self.ug_text}"
        return f"{name(self.description)} — {self.serving.label}" + (f" × {self.count:g}" if self.count != 1 else "")


@dataclass(frozen=True)
class CurrentDay:
    """What the day holds already: B12 by meal, anything else already absorbed, supplements, retinol."""

    meal_ug: dict[str, Micrograms] = field(default_factory=dict)
    other_total_ug: Micrograms = 0.0
    other_absorbed_ug: Micrograms = 0.0
    supplements: tuple[tuple[str, Micrograms, str], ...] = ()  # (name, µg, "day" | "week")
    retinol_ug: Micrograms = 0.0

    @classmethod
    def from_intake(cls, intake_ug: Micrograms) -> "CurrentDay":
        """An intake with unknown timing counts as one meal of its own (the cautious reading)."""
        return cls({"current intake": intake_ug} if intake_ug > 0 else {})

    @classmethod
    def from_day(cls, day: DayTotal) -> "CurrentDay":
        """A planned day: its meals by name (weekly shares as absorbed already), supplements, retinol."""
        meals = {meal.name: meal.eaten_ug for meal in day.meals if meal.eaten_ug}
        supplements = tuple((item.description, item.b12_ug or 0.0, item.every.value)
                            for item in day.supplements if item.every is not None)
        return cls(meals, sum(m.standing_ug for m in day.meals), sum(m.standing_absorbed_ug for m in day.meals),
                   supplements, day.retinol_ug)

    def total_ug(self) -> float:
        return sum(self.meal_ug.values()) + self.other_total_ug

    def to_json(self) -> str:
        """A stable text form, for caches keyed by the day (the app's)."""
        return json.dumps([sorted(self.meal_ug.items()), self.other_total_ug, self.other_absorbed_ug,
                           [list(s) for s in self.supplements], self.retinol_ug])

    @classmethod
    def from_json(cls, text: str) -> "CurrentDay":
        meals, other_total, other_absorbed, supplements, retinol = json.loads(text)
        return cls(dict(meals), other_total, other_absorbed, tuple(tuple(s) for s in supplements), retinol)

    def absorbed(self, intrinsic_factor: bool) -> float:
        return sum(absorbed_ug(d, intrinsic_factor) for d in self.meal_ug.values()) + self.other_absorbed_ug


@dataclass(frozen=True)
class Suggestions:
    target: Target
    gap_ug: Micrograms
    sources: tuple[Source, ...]
    supplements: tuple[SupplementOption, ...]
    plan: tuple[PlanAddition, ...]
    total_after_ug: Micrograms
    absorbed_after_ug: Micrograms
    absorption_goal_ug: Micrograms
    status_after: Status
    absorption_status_after: AbsorptionStatus
    needs_clinician: bool
    notes: tuple[str, ...]

    @property
    def reaches_target(self) -> bool:
        return self.status_after is Status.MEETS_TARGET and self.absorption_status_after is AbsorptionStatus.MEETS_GOAL


# ---- which foods may be offered ----------------------------------------------------------------

@lru_cache(maxsize=65_536)
def _serving(food: Food, age_years: int) -> Serving:
    return serving_for(food, age_years)


def _b12_source(food: Food) -> bool:
    """A food whose B12 counts and is either animal or fortified (brief §3)."""
    return ((food.b12_ug_per_100g or 0) > 0 and not food.unreliable and not food.retired
            and (food.fortified or food.food_group in ANIMAL_GROUPS))


@lru_cache(maxsize=262_144)
def blocked_reason(food: Food, profile: Profile) -> str | None:
    """Why this food is not offered to this person, or None when it may be (cheap checks first;
    cached, since the app asks again on every rerun for the same person)."""
    if not _b12_source(food):
        return "not a B12 source that counts"
    if not profile.diet.allows(food.diet):
        return f"not {profile.diet.value}"
    if profile.diet is DietMode.VEGAN and not food.fortified:
        return "vegan sources of B12 are fortified"
    rule = blocking_rule(food, profile)
    if rule is not None:
        return rule.what
    if profile.exclude:
        reason = exclusion_reason(food, profile.exclude)
        if reason:
            return reason
    serving = _serving(food, profile.age_years)
    retinol = food.retinol_ug(serving.grams)
    if retinol is None and is_liver(food):
        return "liver without a retinol value: assumed over the upper limit"
    if (retinol or 0.0) > retinol_ul_ug(profile):
        return "one serving holds more preformed vitamin A than the upper limit"
    return None


def _meals_for(food: Food) -> tuple[str, ...]:
    for groups, meals in MEAL_FIT:
        if food.food_group in groups:
            return meals
    if food.check_label and food.food_group == "Legumes and Legume Products":
        return ("lunch", "dinner")  # veggie burgers and the like
    return MAIN_MEALS


@lru_cache(maxsize=65_536)
def _source_facts(food: Food, age_years: int) -> tuple[Serving, float, float | None, str | None]:
    """What a source's line says that depends only on the food and the age (cached)."""
    serving = _serving(food, age_years)
    caveats = [food.data_age_note(), CLAM_NOTE if CLAMS.search(food.description) else None]
    return (serving, food.b12_ug(serving.grams) or 0.0, food.kcal(serving.grams),
            "; ".join(c for c in caveats if c) or None)


def _source(food: Food, profile: Profile, target_ug: float, staple: Staple | None) -> Source:
    serving, per_serving, kcal, caveat = _source_facts(food, profile.age_years)
    return Source(food, serving, per_serving, kcal, target_ug,
                  FORTIFIED if food.fortified else ANIMAL, staple.kind if staple else None,
                  staple.meals if staple else _meals_for(food), caveat=caveat)


def staple_sources(index: SearchIndex, profile: Profile, target_ug: float) -> list[Source]:
    """The staples of this person's diet they may eat, each as the everyday food its name means."""
    found: list[Source] = []
    taken: set[str] = set()
    for staple in STAPLES:
        result = index.find(staple.query, diet=profile.diet, leave_out=profile.exclude, limit=STAPLE_SEARCH_DEPTH)
        for food in result.foods:
            if food.id not in taken and (food.everyday or food.fortified) and blocked_reason(food, profile) is None:
                if food.fortified if staple.fortified else food.food_group in ANIMAL_GROUPS:
                    found.append(_source(food, profile, target_ug, staple))
                    taken.add(food.id)
                    break
    return sorted(found, key=lambda s: not (s.food.fortified and _fortified_first(profile)))  # stable: STAPLES order


def _fortified_first(profile: Profile) -> bool:
    """Fortified foods lead for vegans and where IOM advises them (over 50, poor absorption)."""
    return profile.fortified_first or profile.diet is DietMode.VEGAN


@dataclass(frozen=True)
class Ranking:
    """What may be offered to a person, best first, and what of it they are shown. It depends on the
    person only, not on their day: an app works it out once per profile (`rank_sources`) and passes
    it to `suggest` for each day."""

    shown: tuple[Source, ...]
    planned_from: tuple[Source, ...]  # the staples and the next PLAN_CANDIDATES: what a day plan draws on


def rank_sources(foods: Iterable[Food], profile: Profile, index: SearchIndex | None = None) -> Ranking:
    ranked = candidate_sources(foods, profile, index)
    staples = len([s for s in ranked if s.staple])
    return Ranking(tuple(shown_sources(ranked)), ranked[:staples + PLAN_CANDIDATES])


def candidate_sources(foods: Iterable[Food], profile: Profile, index: SearchIndex | None = None) -> tuple[Source, ...]:
    """Every food that may be offered, best first: staples, everyday foods, fortified products, the rest."""
    target_ug = life_stage_target(profile).target_ug
    staples = staple_sources(index, profile, target_ug) if index is not None else []
    staple_ids = {s.id for s in staples}
    others: list[tuple[tuple, Source]] = []
    fortified_first = _fortified_first(profile)
    for food in foods:
        if food.id in staple_ids or blocked_reason(food, profile) is not None:
            continue
        source = _source(food, profile, target_ug, None)
        tier = 0 if food.everyday else 1 if food.fortified else 2
        first = 0 if (food.fortified and fortified_first) else 1
        others.append(((tier, first, -source.b12_ug_per_serving, food.id), source))
    others.sort(key=lambda pair: pair[0])
    return tuple(staples + [source for _, source in others])


@lru_cache(maxsize=65_536)
def _group_key(food: Food) -> tuple[str, str]:
    """Near-duplicates share a group and the first word of the name (cereals, SILK, Fish …)."""
    words = stems(food.description)
    return (food.food_group or "", words[0] if words else "")


def shown_sources(sources: Sequence[Source]) -> list[Source]:
    """What a person sees: every staple of their diet; other everyday or fortified foods only where
    staples are few (a vegan's list), near-duplicates folded."""
    staples = [s for s in sources if s.staple]
    rest = [s for s in sources if not s.staple and (s.food.everyday or s.food.fortified)]
    return staples + group_near_duplicates(rest, max(SHOWN_AT_LEAST - len(staples), 0))


def group_near_duplicates(sources: Sequence[Source], shown: int) -> list[Source]:
    """The best of each group, saying how many more like it were folded away."""
    counts: dict[tuple[str, str], int] = {}
    for source in sources:
        counts[_group_key(source.food)] = counts.get(_group_key(source.food), 0) + 1
    kept: list[Source] = []
    taken: set[tuple[str, str]] = set()
    for source in sources:
        key = _group_key(source.food)
        if key in taken:
            continue
        taken.add(key)
        kept.append(replace(source, more_like_this=counts[key] - 1))
        if len(kept) >= shown:
            break
    return kept


# ---- supplements -----------------------------------------------------------------------------------

def supplement_options(profile: Profile) -> tuple[SupplementOption, ...]:
    if not profile.intrinsic_factor:
        return (SupplementOption("supplement:b12-1000ug-daily", "B12, 1,000 µg daily, as a clinician prescribes",
                                 1000.0, "day", f"Without intrinsic factor a clinician gives injections or "
                                 f"high-dose oral B12 ({CLINICAL_ORAL_UG} a day)."),)
    return (
        SupplementOption("supplement:b12-10ug-daily", "B12 supplement (cyanocobalamin), 10 µg daily",
                         VEGAN_DAILY_SUPPLEMENT_UG, "day", "Vegan Society: one daily supplement of at least 10 µg."),
        SupplementOption("supplement:b12-2000ug-weekly", "B12 supplement (cyanocobalamin), 2,000 µg weekly",
                         VEGAN_WEEKLY_SUPPLEMENT_UG, "week", "Vegan Society: one weekly supplement of at least 2,000 µg."),
    )


def supplement_reason(profile: Profile) -> str | None:
    """Why the guidance calls for a supplement for this person, or None."""
    if profile.diet is DietMode.VEGAN:
        return "the Vegan Society advises a supplement or fortified foods for every vegan"
    if profile.fortified_first:
        return ("the IOM advises people over 50, and anyone who absorbs food-bound B12 poorly, to get most "
                "B12 from fortified foods or supplements")
    return None


def _raise_dose_note(profile: Profile, supplements: Sequence[tuple[str, float, str]]) -> str | None:
    """A supplement already taken that is below what the guidance asks: raise its dose, add no second."""
    if profile.diet is not DietMode.VEGAN:
        return None
    daily = max((ug for _, ug, every in supplements if every == "day"), default=0.0)
    weekly = max((ug for _, ug, every in supplements if every == "week"), default=0.0)
    if daily >= VEGAN_DAILY_SUPPLEMENT_UG or weekly >= VEGAN_WEEKLY_SUPPLEMENT_UG:
        return None
    name, ug, every = supplements[0]
    wanted = VEGAN_DAILY_SUPPLEMENT_UG if every == "day" else VEGAN_WEEKLY_SUPPLEMENT_UG
    return (f"{name} gives {ug:g} µg a {every}: raise its dose to at least {wanted:,.0f} µg a {every} "
            "(Vegan Society) rather than adding a second supplement.")


# ---- the day plan ------------------------------------------------------------------------------------

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
        dose = option.ug if option.every == "day" else option.ug / DAYS_PER_WEEK
        if option.every == "day":
            self.doses[meal] += dose
        else:
            self.other_total += dose
            self.other_absorbed += absorbed_ug(option.ug, self.profile.intrinsic_factor) / DAYS_PER_WEEK
        self.additions.append(PlanAddition(option.id, option.description, Serving("1 tablet", None, 1, 0.0), 1,
                                           option.ug, meal, option.every))

    def can_add(self, source: Source) -> bool:
        retinol = source.food.retinol_ug(source.serving.grams) or 0.0
        return self.servings.get(source.food.id, 0) < MAX_SERVINGS_PER_FOOD and retinol <= self.retinol_left


def _pick(builder: _DayBuilder, sources: Sequence[Source], meals: Sequence[str], need_ug: float,
          fortified_only: bool) -> tuple[Source, str] | None:
    """The best serving for the first of `meals` that any source fits, by the issue's objectives."""
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
                   goal_ug: float) -> tuple[list[PlanAddition], float, float, list[str]]:
    builder = _DayBuilder(profile, current, retinol_ul_ug(profile))
    notes: list[str] = []
    reason = supplement_reason(profile)
    if profile.supplements_allowed and reason and not current.supplements:
        option = supplement_options(profile)[0]
        builder.add_supplement(option)
        notes.append(f"A supplement ({option.description}) is included because {reason}.")
    vegan_fortified = profile.diet is DietMode.VEGAN and not current.supplements and not builder.additions
    while True:
        below_target = builder.total() < target.target_ug - 1e-9
        below_goal = builder.absorbed() < goal_ug - 1e-9
        needs_second_fortified = vegan_fortified and not below_target and not below_goal and (
            builder.fortified_ug < VEGAN_FORTIFIED_FOODS_UG or len(builder.fortified_meals) < VEGAN_FORTIFIED_MEALS)
        if not (below_target or below_goal or needs_second_fortified):
            break
        by_dose = sorted(MAIN_MEALS, key=lambda m: (builder.doses[m], MAIN_MEALS.index(m)))
        if needs_second_fortified:
            meals = [m for m in by_dose if m not in builder.fortified_meals] or by_dose
            need = max(VEGAN_FORTIFIED_FOODS_UG - builder.fortified_ug, 0.1)
        elif below_target:
            meals, need = by_dose, target.target_ug - builder.total()
        else:  # spread B12 over meals: intrinsic factor saturates per meal (brief §2)
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
        notes.append(f"A supplement ({option.description}) is included because the foods allowed cannot reach "
                     f"the target within {MAX_SERVINGS_PER_FOOD} servings of each food.")
    if vegan_fortified and not any(a.every for a in builder.additions):
        if builder.fortified_ug >= VEGAN_FORTIFIED_FOODS_UG and len(builder.fortified_meals) >= VEGAN_FORTIFIED_MEALS:
            notes.append(f"Fortified foods at {len(builder.fortified_meals)} meals give {builder.fortified_ug:.1f} µg, "
                         "in line with the Vegan Society's advice (fortified foods two or three times a day, at "
                         "least 3 µg).")
        else:
            notes.append("The foods allowed cannot give at least 3 µg from fortified foods at two meals without a "
                         "supplement.")
    return builder.additions, builder.total(), builder.absorbed(), notes


# ---- the whole answer ------------------------------------------------------------------------------

def _life_stage_notes(profile: Profile) -> list[str]:
    notes = [f"Not offered ({', '.join(sorted({s.value for s in rule.protects} - {'everyone'}))}): {rule.what} — "
             f"{rule.why} ({rule.source})." for rule in rules_in_force(profile)]
    band = child_band(profile.age_years)
    if band is not None:
        notes.append(f"Children's servings per meal follow USDA's CACFP meal pattern ({band[0]:g} oz of meat, fish, "
                     f"egg or cheese; {band[1]:g} cup of milk); other foods are scaled alike.")
    if profile.lactating and profile.diet is DietMode.VEGAN:
        notes.append("Your breastfed baby's B12 comes from yours: a vegan mother needs a reliable source every day "
                     "(fortified foods or a supplement). Ask your baby's doctor whether the baby needs B12 too.")
    return notes


def suggest(profile: Profile, foods: Iterable[Food], current: CurrentDay,
            index: SearchIndex | None = None, ranking: Ranking | None = None) -> Suggestions:
    """Ranked sources and a day plan for this person and the day they have so far. `ranking` is
    `rank_sources(foods, profile, index)` when the caller keeps it; otherwise it is worked out."""
    target = life_stage_target(profile)
    goal = absorption_goal(target).goal_ug
    total_now, absorbed_now = current.total_ug(), current.absorbed(profile.intrinsic_factor)
    gap = max(target.target_ug - total_now, 0.0)
    notes = [DISCLAIMER]

    def answer(sources=(), options=(), plan=(), total=total_now, absorbed=absorbed_now, clinician=False) -> Suggestions:
        return Suggestions(target, gap, tuple(sources), tuple(options), tuple(plan), total, absorbed, goal,
                           status_for(total, target), absorption_status_for(absorbed, goal), clinician,
                           tuple(dict.fromkeys(notes)))

    if profile.infant:
        notes.append("Under 12 months the target assumes breast milk or formula; this planner does not suggest "
                     "foods for infants. Ask a paediatrician or dietitian.")
        if profile.diet is DietMode.VEGAN:
            notes.append("A baby breastfed by a vegan mother depends on the mother's B12: she needs a reliable "
                         "source (fortified foods or a supplement). Ask a clinician.")
        return answer()
    if not profile.intrinsic_factor:
        notes.append(CLINICIAN_NOTE)
        return answer(options=supplement_options(profile), clinician=True)
    notes += _life_stage_notes(profile)
    notes += [n for n in target.notes if n in (NOTE_OVER_50, NOTE_FOOD_BOUND)]  # IOM's, whatever the standard
    raise_dose = _raise_dose_note(profile, current.supplements) if current.supplements else None
    if raise_dose:
        notes.append(raise_dose)
    if ranking is None:
        ranking = rank_sources(foods, profile, index)
    listed = ranking.shown
    options = supplement_options(profile) if profile.supplements_allowed and not current.supplements else ()
    if status_for(total_now, target) is Status.MEETS_TARGET and \
            absorption_status_for(absorbed_now, goal) is AbsorptionStatus.MEETS_GOAL:
        notes.append(f"Nothing to add: this day meets the {target.kind.name} of {target.target_ug:g} µg and the "
                     f"absorption goal of {goal:.2f} µg (an estimate). The sources listed are options for other days.")
        return answer(sources=listed, options=options)
    additions, total_after, absorbed_after, plan_notes = build_day_plan(profile, ranking.planned_from, current,
                                                                        target, goal)
    notes += plan_notes
    if current.supplements and not raise_dose:
        notes.append("This day already has a supplement, so no second one is suggested.")
    if total_after < target.target_ug - 1e-9 or absorbed_after < goal - 1e-9:
        notes.append("This plan does not reach the target with the foods allowed; talk to a dietitian or clinician.")
    if profile.diet is DietMode.VEGAN:
        notes.append("Vegan Society guidance: eat fortified foods two or three times a day for at least 3 µg a day, "
                     "or take one 10 µg supplement daily, or one 2,000 µg supplement weekly.")
    if any(s.food.check_label for s in listed):
        notes.append("Foods marked 'check the label' may contain honey, milk powder, gelatin or vitamin D3 from "
                     "lanolin; the USDA data has no ingredient list.")
    notes += [n for n in (allergen_note(profile.exclude),) if n]
    notes += [s.caveat for s in listed if s.caveat and CLAMS.search(s.food.description)]
    return answer(listed, options, additions, total_after, absorbed_after)


def suggestions_to_dict(result: Suggestions) -> dict:
    """The contract's suggestions JSON (plus supplement options and the verdicts after the plan)."""
    return {
        "target_ug": result.target.target_ug,
        "gap_ug": rounded(result.gap_ug),
        "sources": [{
            "id": s.id, "description": s.food.description,
            "portion": {"label": s.serving.label, "grams": rounded(s.serving.grams, 1)},
            "b12_ug_per_serving": rounded(s.b12_ug_per_serving), "b12_ug_per_100g": s.food.b12_ug_per_100g,
            "pct_target_per_serving": rounded(s.pct_target_per_serving, 1),
            "servings_to_close_gap": rounded(s.servings_to_close(result.gap_ug), 2),
            "kcal_per_serving": rounded(s.kcal_per_serving, 0), "fortified": s.food.fortified,
            "check_label": s.food.check_label, "more_like_this": s.more_like_this, "everyday": s.food.everyday,
            "kind": s.kind, "staple": s.staple, "diet": s.food.diet.value, "source": s.food.source,
            "caveat": s.caveat,
        } for s in result.sources],
        "supplements": [{"id": o.id, "description": o.description, "ug": o.ug, "every": o.every, "why": o.why}
                        for o in result.supplements],
        "plan": [{"id": a.id, "description": a.description,
                  "portion": {"label": a.serving.label, "grams": rounded(a.serving.grams, 1)},
                  "grams": rounded(a.grams, 1), "count": a.count, "b12_ug": rounded(a.b12_ug), "meal": a.meal,
                  **({"every": a.every} if a.every else {})} for a in result.plan],
        "total_after_ug": rounded(result.total_after_ug),
        "absorbed_after_ug": rounded(result.absorbed_after_ug),
        "absorption_goal_ug": rounded(result.absorption_goal_ug),
        "status": result.status_after.value,
        "absorption_status": result.absorption_status_after.value,
        "reaches_target": result.reaches_target,
        "needs_clinician": result.needs_clinician,
        "notes": list(result.notes),
    }
