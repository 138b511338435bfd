"""Time to rank sources and build a day plan, for every diet × life stage, on the bundled data.

    python -m bench.suggest

Baseline in the same run: one pass over the catalog that only reads and sorts each food's B12
value (the least any ranking must do), so the ratios say what the planner adds on top. Each
profile is timed cold (its first call in this process: the per-person safety checks run) and
warm (the median of repeats, as the app's reruns for one person see it).
"""

from __future__ import annotations

import time
from dataclasses import replace

from bench import timing
from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.food import DietMode
from planner.profile import Absorption, Profile, Sex
from planner.snapshot import bundled_foods

REPEATS = 9
STAGES = {
    "child 2": Profile(2, Sex.FEMALE), "child 6": Profile(6, Sex.MALE), "teen 16": Profile(16, Sex.FEMALE),
    "adult 30": Profile(30, Sex.MALE), "pregnant": Profile(30, Sex.FEMALE, pregnant=True),
    "breastfeeding": Profile(30, Sex.FEMALE, lactating=True), "45": Profile(45, Sex.FEMALE),
    "70": Profile(70, Sex.MALE), "food-bound": Profile(40, Sex.FEMALE, absorption=Absorption.FOOD_BOUND),
}


def main() -> None:
    foods = bundled_foods().foods()
    start = time.perf_counter()
    index = bundled_search_index()
    index_ms = (time.perf_counter() - start) * 1000
    baseline = timing.median_ms(lambda: sorted((f.b12_ug_per_100g or 0.0 for f in foods), reverse=True), REPEATS)
    print(f"foods: {len(foods)}; search index (once per process): {index_ms:.0f} ms")
    print(f"baseline (read and sort every B12 value): {baseline:.2f} ms")
    colds, warms = [], []
    for label, stage in STAGES.items():
        for diet in DietMode:
            profile = replace(stage, diet=diet)
            start = time.perf_counter()
            suggest(profile, foods, CurrentDay(), index)
            cold = (time.perf_counter() - start) * 1000
            warm = timing.median_ms(lambda profile=profile: suggest(profile, foods, CurrentDay(), index), REPEATS)
            colds.append(cold)
            warms.append(warm)
            print(f"{label:<13} {diet.value:<11} cold {cold:6.1f} ms ({cold / baseline:5.1f}x)   "
                  f"warm {warm:5.1f} ms ({warm / baseline:4.1f}x)")
    print(f"{len(warms)} profiles: cold median {sorted(colds)[len(colds) // 2]:.1f} ms, max {max(colds):.1f} ms; "
          f"warm median {sorted(warms)[len(warms) // 2]:.1f} ms, max {max(warms):.1f} ms")


if __name__ == "__main__":
    main()
