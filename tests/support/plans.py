"""Small plan builders shared by the tests (plain data, no fixtures)."""

from __future__ import annotations

import json
from typing import Any

from planner.planfile import parse_plan


def plan_document(days: list[list[tuple[str, list[dict]]]], profile: dict[str, Any] | None = None,
                  foods: dict[str, Any] | None = None, name: str = "Test plan") -> dict[str, Any]:
    """A plan-file dict: days -> [(meal name, items)]."""
    return {
        "version": 1,
        "name": name,
        "profile": profile or {"age_years": 30, "sex": "female"},
        "days": [{"label": f"Day {d + 1}", "meals": [{"name": meal, "items": items} for meal, items in day]}
                 for d, day in enumerate(days)],
        "foods": foods or {},
    }


def custom_food(slug: str = "my-oat-milk", b12: float | None = 0.4, diet: str = "vegan") -> dict[str, Any]:
    return {
        "id": f"custom:{slug}", "description": "My oat milk (label)", "food_group": None,
        "b12_ug_per_100g": b12, "kcal_per_100g": 45.0, "retinol_ug_per_100g": None,
        "diet": diet, "check_label": False, "fortified": True, "unreliable": False,
        "portions": [{"label": "1 glass", "grams": 250.0}, {"label": "100 g", "grams": 100.0}],
        "data_type": "Custom", "source": "Product label, typed by the user",
        "brand_owner": None, "url": None,
    }


CHEDDAR = "sr:01009"  # bundled; 0.83 µg B12 per 100 g in SR24


def a_plan(catalog, name: str = "Current diet", grams: float = 30, **profile):
    document = plan_document([[("breakfast", [{"food": CHEDDAR, "grams": grams}])]],
                             profile={"age_years": 40, "sex": "female", **profile}, name=name)
    return parse_plan(json.dumps(document), catalog)
