"""Time to rank sources and to build a day plan for each diet mode, on the bundled data.

    python bench/suggest.py

Baseline in the same run: one pass over the catalog that only reads each food's B12 value
(the least any ranking must do), so the ratios say what the planner adds on top.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import timing

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.food import DietMode  # noqa: E402
from planner.profile import Profile, Sex  # noqa: E402
from planner.snapshot import read_snapshot  # noqa: E402
from planner.suggest import CurrentDay, candidate_sources, food_facts, suggest  # noqa: E402

REPEATS = 15


def median_ms(fn) -> float:
    return timing.median_ms(fn, REPEATS)


def main() -> None:
    foods = read_snapshot().foods()
    start = time.perf_counter()
    for food in foods:
        food_facts(food)
    facts_ms = (time.perf_counter() - start) * 1000
    baseline = median_ms(lambda: sorted((f.b12_ug_per_100g or 0.0 for f in foods), reverse=True))
    print(f"foods: {len(foods)}; per-food facts, first computation: {facts_ms:.1f} ms (once per process)")
    print(f"baseline (read and sort every B12 value): {baseline:.2f} ms")
    for diet in DietMode:
        for supplements in (True, False):
            profile = Profile(30, Sex.FEMALE, diet=diet, supplements_allowed=supplements)
            rank = median_ms(lambda profile=profile: candidate_sources(foods, profile, 2.4, 2.4))
            plan = median_ms(lambda profile=profile: suggest(profile, foods, CurrentDay()))
            label = f"{diet.value:<11} supplements {'on ' if supplements else 'off'}"
            print(f"{label}  rank {rank:6.2f} ms ({rank / baseline:4.1f}x baseline)   "
                  f"rank+plan {plan:6.2f} ms ({plan / baseline:4.1f}x baseline)")


if __name__ == "__main__":
    main()
