"""Search as people type it: each matching rule, the ranking on named examples,
honest counts, and bad input. Expected foods are named by id or by the names USDA gives them
in either database (SR Legacy, FNDDS), looked up by hand."""

from __future__ import annotations

import json
import re

import pytest

from planner.catalog import bundled_search_index
from planner.cli import main
from planner.errors import QueryError
from planner.food import DietMode
from planner.search import SearchIndex
from planner.wording import search_message
from planner.words import fold, stem, words


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return bundled_search_index()


def first_ids(index, query, n=3, **filters) -> list[str]:
    return [f.id for f in index.find(query, limit=n, **filters).foods]


# ---- matching rules -----------------------------------------------------------------------

def test_case_and_accents_fold():
    assert fold("Crème Fraîche") == "creme fraiche"
    assert words("Crème fraîche, 2% milkfat") == ("creme", "fraiche", "2%", "milkfat")


@pytest.mark.parametrize("plural,singular", [("eggs", "egg"), ("sardines", "sardine"), ("berries", "berry"),
                                             ("tomatoes", "tomato"), ("peaches", "peach"), ("cookies", "cookie")])
def test_plurals_and_simple_inflections_stem_alike(plural, singular):
    assert stem(plural) == stem(singular)


def test_plural_queries_find_singular_names(index):
    assert first_ids(index, "sardines", 1) == first_ids(index, "sardine", 1)
    assert index.find("berries").matches == index.find("berry").matches > 0


def test_compounds_match_both_ways(index):
    assert first_ids(index, "soy milk", 5) == first_ids(index, "soymilk", 5)
    assert all(re.search(r"soy ?milk", f.description, re.I) for f in index.find("soy milk", limit=5).foods)
    assert first_ids(index, "corn flakes", 3) == first_ids(index, "cornflakes", 3)


def test_common_names_are_searched(index):
    hits = index.find("hot dog", limit=5).foods
    assert hits and all(re.search(r"frankfurter|wiener|hot dog", " ".join((f.description, *f.common_names)), re.I)
                        for f in hits)
    assert "sr:07022" in first_ids(index, "hot dog beef unheated", 3)  # SR says Frankfurter; hot dog: a common name


@pytest.mark.parametrize("query,named", [("nori", r"laver|nori|seaweed"), ("yoghurt greek", r"greek"),
                                         ("garbanzo", r"chickpea|garbanzo"), ("marmite", r"yeast extract")])
def test_synonyms_from_the_reviewed_table(index, query, named):
    top = index.find(query, limit=3).foods
    assert top and all(re.search(named, " ".join((f.description, *f.common_names)), re.I) for f in top)


def test_synonym_table_is_data_with_a_reason_per_row():
    from planner.snapshot import SEARCH_TERMS, csv_rows

    rows = list(csv_rows(SEARCH_TERMS))
    assert {row["kind"] for row in rows} == {"synonym", "compound"}
    assert all(row["why"].strip() for row in rows)


def test_fortified_matches_foods_with_added_b12(index):
    result = index.find("fortified soy milk", limit=10)
    assert result.foods and all(f.fortified for f in result.foods)
    assert "sr:16139" in [f.id for f in index.find("fortified soymilk", limit=20).foods]  # name never says B12


def test_prefixes_of_three_letters_or_more_match(index):
    assert index.find("chedd", limit=1).foods[0].description.lower().startswith("cheese, cheddar")


# ---- ranking on named examples ----------------------------------------------------------------

def test_milk_puts_fluid_cows_milk_first(index):
    top = index.find("milk", limit=3).foods
    assert re.match(r"Milk, (NFS|whole|reduced fat|lowfat|nonfat|fat free)$", top[0].description)  # FNDDS's
    assert all(f.description.startswith("Milk, ") for f in top)
    assert "sr:01094" not in first_ids(index, "milk", 20)  # dried buttermilk: a dried form
    why_whole = index.explain("milk", "sr:01077")
    why_dried = index.explain("milk", "sr:01094")
    assert why_whole["special_forms"] == [] and why_dried["special_forms"] == ["dried"]


def test_eggs_put_a_whole_egg_first(index):
    top = index.find("eggs", limit=1).foods[0]
    assert top.description.startswith("Egg, whole") and "raw" not in top.description  # as eaten: cooked
    assert index.explain("eggs", "fndds:31101010")["keys"]["raw_animal"]  # Egg, whole, raw: after the cooked
    assert index.explain("eggs", "sr:01173")["special_forms"] == ["dried"]  # Egg, white, dried


def test_cheddar_is_the_cheese_not_a_cracker(index):
    assert index.find("cheddar", limit=1).foods[0].description.lower() == "cheese, cheddar"  # either database


def test_soy_milk_finds_soymilk_in_vegan_mode(index):
    vegan = index.find("soy milk", diet=DietMode.VEGAN, limit=5).foods
    assert vegan and all(re.search(r"soy ?milk", f.description, re.I) and f.diet is DietMode.VEGAN for f in vegan)


def test_almond_milk_before_almond_chocolates(index):
    assert re.match(r"(Beverages, almond milk|Almond milk)", index.find("almond milk", limit=1).foods[0].description)
    candy = next(f for f in index.find("almond milk", limit=50).foods if f.description.startswith("Candies"))
    assert index.explain("almond milk", candy.id)["words_together"] == 0


def test_chicken_breast_is_broiler_breast_meat_not_a_deli_slice(index):
    top = index.find("chicken breast", limit=1).foods[0]
    assert re.match(r"Chicken, broilers or fryers, breast|Chicken breast, (?!.*\b(deli|coated|breaded)\b)",
                    top.description)
    deli = "sr:07961"  # Chicken breast, deli, rotisserie seasoned, sliced, prepackaged
    assert {"deli", "prepackaged"} <= set(index.explain("chicken breast", deli)["special_forms"])
    assert index.explain("chicken breast", deli)["rank"] > 1


def test_a_common_name_names_its_food_whole_even_where_the_food_is_filed_under_a_word_of_it(index):
    """FNDDS files "Roll, white, soft" under "Roll" and calls it a "dinner roll": that common name holds
    every word of the query and nothing else, so it beats "Roll, whole wheat" (also a "dinner roll", but
    with "wheat" unasked) and SR's "Rolls, dinner, egg"."""
    assert index.explain("dinner roll", "fndds:51150000")["keys"]["unasked_words"] == 0
    assert index.find("dinner roll", limit=1).foods[0].id == "fndds:51150000"


def test_joining_words_do_not_count_against_a_first_segment(index):
    """"Pizza with pepperoni, …" starts with the query's words: "with" is not a word the query left out."""
    top = index.find("pepperoni pizza", limit=1).foods[0]
    assert top.description.startswith("Pizza with pepperoni")
    assert index.explain("pepperoni pizza", top.id)["keys"]["first_not_query"] == 0


def test_salmon_is_cooked_or_canned_flesh_first(index):
    top = index.find("salmon", limit=1).foods[0]
    assert top.description.startswith("Fish, salmon") and "raw" not in top.description


def test_salmon_under_a_vegan_filter_says_the_filter_hid_it(index):
    result = index.find("salmon", diet=DietMode.VEGAN)
    assert result.foods == ()
    assert result.matches > 20 and result.hidden_by_diet == result.matches
    assert search_message(result) == f"{result.matches} foods match, but {result.matches} do not suit a vegan diet."


def test_turkey_is_meat_not_giblets(index):
    top = index.find("turkey", limit=1).foods[0]
    assert re.match(r"Turkey, (whole, meat only|NFS$|light|dark)", top.description)


def test_everyday_before_rare_and_known_b12_before_unknown(index):
    assert index.explain("beef liver", "sr:13326")["everyday"] is True
    top = index.find("beef liver", limit=1).foods[0]
    assert re.match(r"Beef(, variety meats and by-products,)? liver|Liver, beef", top.description) and top.everyday
    assert top.b12_ug_per_100g is not None


def test_foods_neither_database_has_say_the_data_lacks_them(index):
    for query in ("nutritional yeast", "hemp milk"):
        result = index.find(query)
        assert result.foods == () and result.matches == 0
        message = search_message(result)
        assert "no food named" in message and "FoodData Central" in message and "label" in message
    assert index.find("oat milk", limit=1).foods[0].description == "Oat milk"  # FNDDS has it; SR28 had not


def test_counts_are_matches_not_a_cap(index):
    result = index.find("milk", limit=25)
    assert len(result.foods) == 25 and result.matches > 100


def test_leave_out_words_hide_matches_and_are_counted(index):
    result = index.find("milk", leave_out=["milk"], limit=50)
    assert result.hidden_by_exclusions > 50
    assert all(re.search(r"soy ?milk|almond|rice|coconut|oat|plant", f.description, re.I) for f in result.foods[:5])


def test_ranking_is_stable(index):
    assert first_ids(index, "cereal", 20) == first_ids(index, "cereal", 20)


def test_retired_sr24_records_are_never_searched(index):
    assert not any(f.retired for f in index.foods)


# ---- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "   ", "!!!", "%"])
def test_empty_queries_are_refused_with_a_message(index, query):
    with pytest.raises(QueryError, match="Type a food name"):
        index.find(query)


def test_unknown_scripts_get_a_clear_message(index):
    with pytest.raises(QueryError, match="English name"):
        index.find("牛奶")


@pytest.mark.parametrize("query", ["xyzzyplugh", "a" * 10_000, "beef " * 2000, "ünïcödé 🍕 milk"])
def test_absurd_queries_return_quickly_and_do_not_crash(index, query):
    assert isinstance(index.find(query).foods, tuple)


def test_cli_search_json_follows_the_contract(capsys):
    assert main(["search", "salmon", "--diet", "vegan", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) == {"matches", "hidden", "foods", "message"}
    assert answer["foods"] == [] and answer["hidden"]["diet"] == answer["matches"] > 0


def test_cli_search_leave_out_words(capsys):
    assert main(["search", "soy milk", "--exclude", "soy", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["foods"] == [] and answer["hidden"]["exclusions"] > 10


def test_cli_offers_fdc_and_labels_when_the_data_lacks_a_food(capsys):
    assert main(["search", "nutritional yeast"]) == 0
    out = capsys.readouterr().out
    assert "no food named" in out and "python -m planner fdc search" in out and "label" in out


@pytest.mark.parametrize("query", ["", "!!!", "牛奶"])
def test_cli_unusable_query_exits_2_with_one_line(capsys, query):
    assert main(["search", query]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_tofu_is_tofu_not_a_dish_that_may_hold_it(index):
    """FNDDS names its tofu "Soybean curd" (made of SR's "Tofu, …" alone) and lists "tofu" among the variants
    of a pho and a lentil curry: the food made of just what was typed comes first, and a dish whose common name
    only names one of its ingredients (the pho's tofu) is found but not named by it."""
    top = index.find("tofu", limit=2).foods
    assert [f.description for f in top] == ["Soybean curd", "Soybean curd, deep fried"]
    assert index.explain("tofu", "fndds:41420010")["keys"]["first_not_query"] == 0  # made of "Tofu, soft, …"
    pho = index.explain("tofu", "fndds:28310335")  # "Soup, pho, no meat", which lists tofu as an ingredient
    assert pho["rank"] > 2 and not pho["names_the_food"]
