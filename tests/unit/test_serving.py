"""Typical servings: recognisable household measures between 10 g and 350 g."""

import pytest

from planner.jsonshapes import food_from_json
from planner.serving import typical_serving
from tests.support.plans import custom_food


@pytest.mark.parametrize("food_id,label", [
    ("sr:15157", "3 oz"),  # clams: meat and fish prefer 3 oz
    ("sr:15076", "3 oz"),  # salmon
    ("sr:01077", "1 cup"),  # whole milk
    ("sr:16235", "1 cup"),  # SILK soymilk
    ("sr:08077", "0.75 cup (1 NLEA serving)"),  # cereal: the NLEA serving
    ("sr:01009", "1 oz"),  # cheddar: not "1 cup, diced"
    ("sr:01123", "1 large"),  # egg
    ("sr:13326", "1 slice"),  # liver: first measure in range
])
def test_preferred_servings(catalog, food_id, label):
    assert typical_serving(catalog.get_food(food_id)).label == label


def test_every_bundled_serving_is_between_10_and_350_g_or_100_g(catalog):
    for food in catalog.values():
        grams = typical_serving(food).grams
        assert 10 <= grams <= 350, food.id


def test_no_whole_bird_or_quart_servings(catalog):
    big = [f for f in catalog.values() if any(p.label in ("1 quart", "1 bird") for p in f.portions)]
    assert big
    for food in big:
        assert typical_serving(food).label not in ("1 quart", "1 bird")


def test_food_without_measures_gets_100_g():
    bare = food_from_json(dict(custom_food(), portions=[]))
    assert typical_serving(bare).label == "100 g"
