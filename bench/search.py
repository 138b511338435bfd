"""Search latency over the whole bundled snapshot, beside a naive pandas baseline.

    python -m bench.search

Prints p50/p95 per query for the index (the full matching and ranking: stems, compounds,
synonyms, common names, prefixes; every fourth query with a diet filter and leave-out words)
and for `str.contains` per word (same queries, same run), their ratio, and the index build time.
"""

from __future__ import annotations

import random
import time

import pandas as pd

from bench.timing import per_input_ms, percentile
from planner.food import DietMode
from planner.search import SearchIndex
from planner.snapshot import read_snapshot

WORDS = [
    "milk", "cheese", "egg", "beef", "liver", "chicken", "salmon", "tuna", "clams", "yogurt",
    "soymilk", "cereal", "oats", "bread", "pork", "lamb", "turkey", "sardines", "trout", "cod",
    "shrimp", "crab", "oyster", "mussels", "butter", "cream", "ham", "sausage", "bacon", "tofu",
]
PHRASES = [
    "beef liver braised", "milk 2%", "hard boiled egg", "cheddar cheese", "whole milk",
    "skim milk", "chicken breast roasted", "salmon smoked", "tuna canned in water", "clams raw",
    "cereals ready-to-eat total", "cheerios", "special k", "soymilk silk", "yogurt plain low fat",
    "egg scrambled", "ground beef cooked", "pork chop", "lamb leg roasted", "turkey breast",
    "sardines in oil", "trout rainbow", "cod atlantic cooked", "swiss cheese", "cottage cheese",
    "mozzarella", "ice cream vanilla", "meatless chicken", "veggie burger", "nutritional yeast",
    "yeast extract", "fortified cereal", "kellogg corn flakes", "oatmeal instant", "kefir",
]


def realistic_queries(count: int = 200, seed: int = 24) -> list[str]:
    """Phrases people type, single words and word pairs, deterministic for the seed."""
    rng = random.Random(seed)
    queries = list(PHRASES) + list(WORDS)
    while len(queries) < count:
        queries.append(" ".join(rng.sample(WORDS, 1)) + " " + rng.choice(["raw", "cooked", "canned", "dried", "fresh"]))
    return queries[:count]


def naive_search(frame: pd.DataFrame, query: str, limit: int = 20) -> list[str]:
    mask = pd.Series(True, index=frame.index)
    for word in query.lower().split():
        mask &= frame["description"].str.contains(word, case=False, regex=False)
    return frame.loc[mask, "id"].head(limit).tolist()


def main() -> None:
    catalog = read_snapshot()
    foods = catalog.foods()
    start = time.perf_counter()
    index = SearchIndex(foods)
    build_ms = (time.perf_counter() - start) * 1000
    frame = pd.DataFrame({"id": [f.id for f in foods], "description": [f.description for f in foods]})
    queries = realistic_queries()
    filtered = {q for position, q in enumerate(queries) if position % 4 == 3}

    def find(query: str) -> None:
        if query in filtered:
            index.find(query, diet=DietMode.VEGETARIAN, leave_out=("soy", "pork"))
        else:
            index.find(query)

    for query in queries[:5]:  # warm both paths once (and the leave-out masks)
        find(query), naive_search(frame, query)
    index.find("milk", diet=DietMode.VEGETARIAN, leave_out=("soy", "pork"))
    index_ms = per_input_ms(find, queries)

    def cold_search(query: str) -> None:
        index.clear_cache()
        find(query)

    cold_ms = per_input_ms(cold_search, queries)
    naive_ms = per_input_ms(lambda q: naive_search(frame, q), queries)
    p50, p95 = percentile(index_ms, 50), percentile(index_ms, 95)
    b50, b95 = percentile(naive_ms, 50), percentile(naive_ms, 95)
    print(f"foods: {len(foods)}, queries: {len(queries)}")
    print(f"index build: {build_ms:.1f} ms")
    print(f"index  p50 {p50:.3f} ms  p95 {p95:.3f} ms")
    print(f"index, per-word cache cleared before each query: p50 {percentile(cold_ms, 50):.3f} ms"
          f"  p95 {percentile(cold_ms, 95):.3f} ms")
    print(f"pandas p50 {b50:.3f} ms  p95 {b95:.3f} ms  (str.contains per word)")
    print(f"speed-up: p50 {b50 / p50:.1f}x  p95 {b95 / p95:.1f}x"
          f"  (cold cache p95 {b95 / percentile(cold_ms, 95):.1f}x)")


if __name__ == "__main__":
    main()
