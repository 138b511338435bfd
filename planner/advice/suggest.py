"""The whole answer for one day: ranked sources, supplement options and a day plan that close
this person's B12 gap, with the notes a dietitian would say beside them.

The safety rules come first (planner/safety.py: never-suggest foods, life-stage rules, the
retinol cap). A day that already has a supplement never gets a second one; a day that meets
both goals gets nothing, unless IOM's advice (over 50, food-bound malabsorption) asks for most
of it as free B12 and the day has too little. Under 12 months no foods are suggested. Without
intrinsic factor food cannot close the gap: no food plan and no fortified foods, a clinician
instead, or the high-dose treatment already listed recognised.
"""

from __future__ import annotations

from typing import Iterable

from planner.advice.dayplan import CurrentDay, build_day_plan, free_goal_ug, meals_by_b12, treatment_listed
from planner.advice.ranking import Ranking, rank_sources
from planner.advice.supplements import raise_dose_note, supplement_options
from planner.exclusions import allergen_note
from planner.food import DietMode, Food
from planner.notes import (
    AdviceDisclaimer,
    BreastfeedingVegan,
    CheckTheLabel,
    ChildServings,
    ClinicianNeeded,
    DoesNotReach,
    FoodBoundEstimate,
    HasSupplement,
    InfantNoFoods,
    InfantOfVeganMother,
    Note,
    NothingToAdd,
    TargetNote,
    TreatmentInPlace,
    VeganSocietyGuidance,
)
from planner.profile import Absorption, Profile
from planner.results import AbsorptionStatus, Clinical, PlanAddition, Source, Status, Suggestions, SupplementOption
from planner.safety import not_offered_notes
from planner.search import SearchIndex
from planner.serving import child_band
from planner.targets import absorption_goal, life_stage_target
from planner.totals import absorption_status_for, status_for


def life_stage_notes(profile: Profile) -> list[Note]:
    """The rules that keep foods out for this person, children's servings, a breastfeeding vegan's baby."""
    found: list[Note] = list(not_offered_notes(profile))
    band = child_band(profile.age_years)
    if band is not None:
        found.append(ChildServings(*band))
    if profile.lactating and profile.diet is DietMode.VEGAN:
        found.append(BreastfeedingVegan())
    return found


def suggest(profile: Profile, foods: Iterable[Food], current: CurrentDay,
            index: SearchIndex | None = None, ranking: Ranking | None = None) -> Suggestions:
    """Ranked sources and a day plan for this person and the day they have so far. `ranking` is
    `rank_sources(foods, profile, index)` when the caller keeps it; otherwise it is worked out."""
    target = life_stage_target(profile)
    goal = absorption_goal(target).goal_ug
    total_now, absorbed_now = current.total_ug(), current.absorbed(profile.absorption)
    gap = max(target.target_ug - total_now, 0.0)
    found: list[Note] = [AdviceDisclaimer()]

    def answer(sources: tuple[Source, ...] = (), options: tuple[SupplementOption, ...] = (),
               plan: Iterable[PlanAddition] = (), total: float = total_now, absorbed: float = absorbed_now,
               clinical: Clinical | None = None) -> Suggestions:
        offered = tuple(meals_by_b12(current.meal_ug, source.meals)[0] for source in sources)
        return Suggestions(target, gap, sources, options, tuple(plan), total, absorbed, goal,
                           status_for(total, target), absorption_status_for(absorbed, goal),
                           clinical is not None, tuple(dict.fromkeys(found)), offered, clinical)

    if profile.infant:
        found.append(InfantNoFoods())
        if profile.diet is DietMode.VEGAN:
            found.append(InfantOfVeganMother())
        return answer()
    if not profile.intrinsic_factor:  # the clinical path first; no foods, fortified ones included
        treatment = treatment_listed(current.supplements)
        if treatment:
            found.insert(0, TreatmentInPlace(treatment))
            return answer(clinical=Clinical.TREATMENT_IN_PLACE)
        found.insert(0, ClinicianNeeded())
        return answer(options=supplement_options(profile), clinical=Clinical.NEEDS_CLINICIAN)
    found += life_stage_notes(profile)
    found += [note for note in target.notes  # IOM's advice; the ADA's checks on metformin
              if note in (TargetNote.OVER_50, TargetNote.FOOD_BOUND, TargetNote.METFORMIN)]
    if profile.absorption is Absorption.FOOD_BOUND:
        found.append(FoodBoundEstimate())
    raise_dose = raise_dose_note(profile, current.supplements) if current.supplements else None
    if raise_dose:
        found.append(raise_dose)
    if ranking is None:
        ranking = rank_sources(foods, profile, index)
    listed = ranking.shown
    options = supplement_options(profile) if profile.supplements_allowed and not current.supplements else ()
    if status_for(total_now, target) is Status.MEETS_TARGET and \
            absorption_status_for(absorbed_now, goal) is AbsorptionStatus.MEETS_GOAL and \
            current.free_ug() >= free_goal_ug(profile, target) - 1e-9:
        found.append(NothingToAdd(target.kind.name, target.target_ug, goal))
        return answer(sources=listed, options=options)
    additions, total_after, absorbed_after, plan_notes = build_day_plan(profile, ranking.planned_from, current,
                                                                        target, goal)
    found += plan_notes
    if current.supplements and not raise_dose:
        found.append(HasSupplement())
    if total_after < target.target_ug - 1e-9 or absorbed_after < goal - 1e-9:
        found.append(DoesNotReach())
    if profile.diet is DietMode.VEGAN:
        found.append(VeganSocietyGuidance())
    if any(s.food.check_label for s in listed):
        found.append(CheckTheLabel())
    found += [note for note in (allergen_note(profile.exclude),) if note]
    return answer(listed, options, additions, total_after, absorbed_after)
