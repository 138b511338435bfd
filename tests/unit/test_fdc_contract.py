"""Our FDC fixtures against USDA's published OpenAPI spec (../shared/reference/fdc_api.yaml).

The spec (2020) is older than the live service. Known differences, relaxed here:
1. FoodNutrient and AbridgedFoodNutrient list `id`, `nutrientNumber`, `unit` as required;
   real nutrient rows have none of these names (they use nutrient.id, number, unitName).
2. AbridgedFoodNutrient.number is an integer in the spec; real abridged rows send "418".
3. ndbNumber is a string in the spec; search hits and full details send an integer.
4. BrandedFoodItem.servingSize is an integer in the spec; real foods send 27.0.
"""

from __future__ import annotations

import copy

import pytest

from tests.support.fdc_fixtures import fixture
from tests.support.shared import shared_path

jsonschema = pytest.importorskip("jsonschema")
yaml = pytest.importorskip("yaml")


@pytest.fixture(scope="module")
def components() -> dict:
    spec = yaml.safe_load(shared_path("reference", "fdc_api.yaml").read_text(encoding="utf-8"))
    schemas = copy.deepcopy(spec["components"]["schemas"])
    schemas["FoodNutrient"].pop("required", None)  # 1
    schemas["AbridgedFoodNutrient"].pop("required", None)  # 1
    schemas["AbridgedFoodNutrient"]["properties"]["number"] = {"type": ["integer", "string"]}  # 2
    for name in ("SearchResultFood", "SRLegacyFoodItem", "FoundationFoodItem", "AbridgedFoodItem"):
        if "ndbNumber" in schemas[name].get("properties", {}):
            schemas[name]["properties"]["ndbNumber"] = {"type": ["integer", "string"]}  # 3
    schemas["BrandedFoodItem"]["properties"]["servingSize"] = {"type": "number"}  # 4
    return {"components": {"schemas": schemas}}


def validate(components: dict, instance, schema_name: str) -> None:
    schema = dict(components, **{"$ref": f"#/components/schemas/{schema_name}"})
    jsonschema.Draft7Validator(schema).validate(instance)


@pytest.mark.parametrize("name,schema", [
    ("search-sr-legacy.json", "SearchResult"),
    ("search-foundation.json", "SearchResult"),
    ("search-fndds.json", "SearchResult"),
    ("search-branded.json", "SearchResult"),
    ("food-sr-legacy.json", "SRLegacyFoodItem"),
    ("food-foundation.json", "FoundationFoodItem"),
    ("food-fndds.json", "SurveyFoodItem"),
    ("food-branded.json", "BrandedFoodItem"),
    ("food-abridged.json", "AbridgedFoodItem"),
])
def test_fixture_matches_the_spec(components, name, schema):
    validate(components, fixture(name), schema)


def test_the_relaxations_are_needed(components):
    """Without relaxation 1 a real-shaped nutrient row fails: the list above is not padding."""
    strict = copy.deepcopy(components)
    strict["components"]["schemas"]["FoodNutrient"]["required"] = ["id", "nutrientNumber", "unit"]
    with pytest.raises(jsonschema.ValidationError):
        validate(strict, fixture("food-sr-legacy.json"), "SRLegacyFoodItem")


def test_a_broken_fixture_fails(components):
    broken = fixture("food-sr-legacy.json")
    broken["fdcId"] = "168626"
    with pytest.raises(jsonschema.ValidationError):
        validate(components, broken, "SRLegacyFoodItem")
