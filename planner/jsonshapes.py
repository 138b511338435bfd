"""Every JSON shape the planner writes or reads for people and scripts (the shared contract): the
food record, the profile, the plan file's document, the target, totals, suggestions, search
results and the data-request manifest. Values only: files and streams are the callers'.

Sentences in these shapes (verdicts, notes) come from planner/wording.py, as on the page.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from planner import wording
from planner.food import DietMode, Food, unique_portions
from planner.plan import PLAN_VERSION, FoodItem, Item, Plan
from planner.profile import Absorption, Profile, Sex, Standard
from planner.results import PlanTotals, Suggestions
from planner.search import SearchResult
from planner.targets import Target

JsonObject = dict[str, Any]


def rounded(value: float | None, digits: int = 3) -> float | None:
    """A number for JSON output, None kept as None (unknown stays unknown)."""
    return None if value is None else round(value, digits)


# ---- records ----------------------------------------------------------------------------------------

def food_json(food: Food) -> JsonObject:
    """The contract's food record (also what plan files store under `foods`); an FNDDS food adds its
    category and ingredients (by id), an SR food the newer value FNDDS gives for it."""
    record = {field.name: getattr(food, field.name) for field in fields(food)
              if field.init and field.name not in ("ingredients", "superseded", "category")}
    record["diet"] = food.diet.value
    record["portions"] = [{"label": p.label, "grams": p.grams} for p in food.portions]
    record["common_names"] = list(food.common_names)
    record["langual"] = list(food.langual)
    if food.category is not None:
        record["category"] = food.category
    if food.ingredients:
        record["ingredients"] = [{"id": part.id, "description": part.description} for part in food.ingredients]
    if food.superseded is not None:
        record["newer_value"] = asdict(food.superseded)
    return record


def food_from_json(record: JsonObject) -> Food:
    """Inverse of food_json; the caller has validated the shape (planner.planfile)."""
    return Food(
        id=record["id"],
        description=record["description"],
        food_group=record.get("food_group"),
        b12_ug_per_100g=_optional_float(record.get("b12_ug_per_100g")),
        kcal_per_100g=_optional_float(record.get("kcal_per_100g")),
        retinol_ug_per_100g=_optional_float(record.get("retinol_ug_per_100g")),
        diet=DietMode(record["diet"]),
        check_label=bool(record.get("check_label", False)),
        fortified=bool(record.get("fortified", False)),
        unreliable=bool(record.get("unreliable", False)),
        portions=unique_portions((p["label"], float(p["grams"])) for p in record.get("portions", [])),
        data_type=record["data_type"],
        source=record["source"],
        brand_owner=record.get("brand_owner"),
        url=record.get("url"),
        b12_added_ug_per_100g=_optional_float(record.get("b12_added_ug_per_100g")),
        everyday=bool(record.get("everyday", False)),
        common_names=tuple(record.get("common_names", ())),
        b12_data_year=None if record.get("b12_data_year") is None else int(record["b12_data_year"]),
        langual=tuple(record.get("langual", ())),
        category=record.get("category") if isinstance(record.get("category"), str) else None,
    )


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def profile_json(profile: Profile) -> JsonObject:
    """The plan file's profile object (contract field names)."""
    return {
        "age_years": profile.age_years, "age_months": profile.age_months, "sex": profile.sex.value,
        "pregnant": profile.pregnant, "lactating": profile.lactating,
        "standard": profile.standard.value, "diet": profile.diet.value,
        "intrinsic_factor": profile.intrinsic_factor, "absorption": profile.absorption.value,
        "exclude": list(profile.exclude),
        "supplements_allowed": profile.supplements_allowed,
        "immunocompromised": profile.immunocompromised,
        "metformin": profile.metformin,
    }


def profile_from_json(data: JsonObject) -> Profile:
    """From a validated profile object; raises ProfileError on impossible values."""
    return Profile(
        age_years=data["age_years"], age_months=data.get("age_months", 0),
        sex=Sex(data["sex"]), pregnant=data.get("pregnant", False),
        lactating=data.get("lactating", False),
        standard=Standard(data.get("standard", "iom")),
        diet=DietMode(data.get("diet", "omnivore")),
        absorption=absorption_of(data),
        exclude=tuple(data.get("exclude", [])),
        supplements_allowed=data.get("supplements_allowed", True),
        immunocompromised=data.get("immunocompromised", False),
        metformin=data.get("metformin", False),
    )


def absorption_of(data: JsonObject) -> Absorption:
    """A profile's absorption; files from before it existed say only `intrinsic_factor`."""
    if "absorption" in data:
        return Absorption(str(data["absorption"]).replace("-", "_"))
    return Absorption.NORMAL if data.get("intrinsic_factor", True) else Absorption.NO_INTRINSIC_FACTOR


def item_json(item: Item) -> JsonObject:
    if isinstance(item, FoodItem):
        amount: JsonObject = ({"portion": item.portion, "count": item.count} if item.portion is not None
                              else {"grams": item.grams})
        return {"food": item.food, **amount, **({"note": item.note} if item.note else {})}
    return {"supplement": item.supplement, "ug": item.ug, "every": item.every.value}


def plan_json(plan: Plan) -> JsonObject:
    """The plan file's document (version 1): the records of the non-bundled foods its items use."""
    return {
        "version": PLAN_VERSION,
        "name": plan.name,
        "profile": profile_json(plan.profile),
        "days": [{"label": day.label,
                  "meals": [{"name": meal.name, "items": [item_json(item) for item in meal.items]}
                            for meal in day.meals]}
                 for day in plan.days],
        "foods": {food_id: food_json(plan.foods[food_id])
                  for food_id in sorted(plan.food_ids()) if food_id in plan.foods},
    }


# ---- results -----------------------------------------------------------------------------------------

def target_json(target: Target) -> JsonObject:
    return {"life_stage": target.life_stage, "target_ug": target.target_ug, "kind": target.kind.value,
            "ear_ug": target.ear_ug, "standard": target.standard.value, "source": target.source,
            "notes": wording.notes_text(target.notes)}


def totals_json(totals: PlanTotals) -> JsonObject:
    """The contract's totals, with item detail and wording as extra fields."""
    target, goal = totals.target, totals.absorption_goal_ug
    return {
        "target": target_json(target),
        "absorption_goal_ug": rounded(goal),
        "absorption_basis": wording.absorption_basis(totals.goal),
        "days": [{
            "label": day.label, "total_ug": rounded(day.total_ug), "absorbed_ug": rounded(day.absorbed_ug),
            "unknown_items": day.unknown_items, "status": day.status.value,
            "absorption_status": day.absorption_status.value,
            "summary": wording.intake_text(day.total_ug, day.unknown_items),
            "clinical": day.clinical and day.clinical.value,
            "status_text": wording.status_text(day.status, target, day.clinical, day.mostly_food_bound),
            "absorption_status_text": wording.absorption_status_text(day.absorption_status, goal),
            "retinol_ug": rounded(day.retinol_ug, 0), "warnings": wording.notes_text(day.warnings),
            "meals": [{"name": meal.name, "total_ug": rounded(meal.total_ug), "absorbed_ug": rounded(meal.absorbed_ug),
                       "items": [{"id": item.key, "description": item.description, "grams": rounded(item.grams),
                                  "b12_ug": rounded(item.b12_ug), "counted_ug": rounded(item.counted_ug),
                                  "source": item.source, "caveat": wording.caveats_text(item.caveats)}
                                 for item in meal.items]}
                      for meal in day.meals],
        } for day in totals.days],
        "average": {"total_ug": rounded(totals.average.total_ug), "absorbed_ug": rounded(totals.average.absorbed_ug),
                    "unknown_items": totals.average.unknown_items, "status": totals.average.status.value,
                    "absorption_status": totals.average.absorption_status.value,
                    "summary": wording.intake_text(totals.average.total_ug, totals.average.unknown_items),
                    "clinical": totals.average.clinical and totals.average.clinical.value,
                    "status_text": wording.status_text(totals.average.status, target, totals.average.clinical,
                                                       totals.average.mostly_food_bound),
                    "absorption_status_text": wording.absorption_status_text(totals.average.absorption_status, goal)},
        "notes": wording.notes_text(totals.notes),
    }


def suggestions_json(result: Suggestions) -> JsonObject:
    """The contract's suggestions (plus supplement options and the verdicts after the plan)."""
    return {
        "target_ug": result.target.target_ug,
        "gap_ug": rounded(result.gap_ug),
        "sources": [{
            "id": s.id, "description": s.food.description,
            "portion": {"label": s.serving.label, "grams": rounded(s.serving.grams, 1)},
            "b12_ug_per_serving": rounded(s.b12_ug_per_serving), "b12_ug_per_100g": s.food.b12_ug_per_100g,
            "pct_target_per_serving": rounded(result.share_of_target(s), 1),
            "servings_to_close_gap": rounded(s.servings_to_close(result.gap_ug), 2),
            "kcal_per_serving": rounded(s.kcal_per_serving, 0), "fortified": s.food.fortified,
            "check_label": s.food.check_label, "more_like_this": s.more_like_this, "everyday": s.food.everyday,
            "kind": s.kind.value, "staple": s.staple, "diet": s.food.diet.value, "source": s.food.source,
            "caveat": wording.caveats_text(s.caveats),
        } for s in result.sources],
        "supplements": [{"id": o.id, "description": o.description, "ug": o.ug, "every": o.every.value,
                         "why": wording.GUIDANCE[o.why]} for o in result.supplements],
        "plan": [{"id": a.id, "description": a.description,
                  "portion": {"label": a.serving.label, "grams": rounded(a.serving.grams, 1)},
                  "grams": rounded(a.grams, 1), "count": a.count, "b12_ug": rounded(a.b12_ug), "meal": a.meal,
                  **({"every": a.every.value} if a.every else {})} for a in result.plan],
        "total_after_ug": rounded(result.total_after_ug),
        "absorbed_after_ug": rounded(result.absorbed_after_ug),
        "absorption_goal_ug": rounded(result.absorption_goal_ug),
        "status": result.status_after.value,
        "absorption_status": result.absorption_status_after.value,
        "reaches_target": result.reaches_target,
        "needs_clinician": result.needs_clinician,
        "clinical": result.clinical and result.clinical.value,
        "verdict": wording.verdict_text(result.status_after, result.absorption_status_after, result.target,
                                        result.absorption_goal_ug, result.clinical),
        "notes": wording.notes_text(result.notes),
    }


def search_json(result: SearchResult) -> JsonObject:
    """The contract's search answer."""
    return {"matches": result.matches,
            "hidden": {"diet": result.hidden_by_diet, "exclusions": result.hidden_by_exclusions},
            "foods": [food_json(food) for food in result.foods], "message": wording.search_message(result)}
