"""Offline search over the bundled snapshot."""

from __future__ import annotations

import pytest

from planner.catalog import bundled_search_index
from planner.errors import QueryError
from planner.food import DietMode
from planner.search import SearchIndex, tokens


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return bundled_search_index()


def test_beef_liver_braised_puts_the_braised_liver_first(index):
    assert index.search("beef liver braised")[0].id == "sr:13326"


def test_word_order_does_not_matter(index):
    assert index.search("braised liver beef")[0].id == "sr:13326"


def test_milk_two_percent_finds_the_two_percent_milks(index):
    results = index.search("milk 2%", limit=10)
    assert len(results) >= 4
    assert all("2%" in food.description for food in results)
    assert all(food.description.startswith("Milk") for food in results[:4])


def test_prefixes_count_and_hyphens_split_words(index):
    hits = index.search("hard boiled egg")
    assert "sr:01129" in [f.id for f in hits]  # "Egg, whole, cooked, hard-boiled"
    assert index.search("chedd chees")[0].description == "Cheese, cheddar"


def test_every_word_must_match(index):
    for food in index.search("salmon smoked", limit=50):
        text = food.description.lower()
        assert "salmon" in text and "smoked" in text


def test_plural_finds_singular_names(index):
    assert any(f.id == "sr:15157" for f in index.search("clams raw"))


def test_shorter_generic_names_rank_first(index):
    assert index.search("egg")[0].description.startswith("Egg,")
    assert index.search("cheddar cheese")[0].description == "Cheese, cheddar"


@pytest.mark.parametrize("mode", list(DietMode))
def test_diet_filter_keeps_only_allowed_foods(index, mode):
    results = index.search("milk", diet=mode, limit=200)
    assert all(mode.allows(food.diet) for food in results)


def test_vegan_filter_drops_cows_milk_keeps_soymilk(index):
    vegan = index.search("soymilk", diet=DietMode.VEGAN, limit=50)
    assert any("SILK" in f.description for f in vegan)
    assert not any(f.description.startswith("Milk,") for f in index.search("milk", diet=DietMode.VEGAN, limit=200))


@pytest.mark.parametrize("query", ["", "   ", "!!!", "%"])
def test_empty_queries_are_refused_with_a_message(index, query):
    with pytest.raises(QueryError, match="Type a food name"):
        index.search(query)


@pytest.mark.parametrize("query", ["xyzzyplugh", "a" * 5000, "beef " * 200, "ünïcödé 🍕"])
def test_absurd_queries_return_quickly_and_do_not_crash(index, query):
    assert isinstance(index.search(query), list)


def test_tokens_fold_accents_and_keep_percent():
    assert tokens("Crème fraîche, 2% milkfat") == ["creme", "fraiche", "2%", "milkfat"]
