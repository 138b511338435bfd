"""Small timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import random
import statistics
import time
from typing import Callable, Iterable

RESAMPLES = 2_000


def timings_ms(action: Callable[[], object], repeats: int) -> list[float]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def median_ms(action: Callable[[], object], repeats: int) -> float:
    return statistics.median(timings_ms(action, repeats))


def per_input_ms(action: Callable[[str], object], inputs: Iterable[str]) -> list[float]:
    runs = []
    for value in inputs:
        start = time.perf_counter()
        action(value)
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def median_interval(before: list[float], after: list[float], compare: Callable[[float, float], float],
                    seed: int = 25) -> tuple[float, float]:
    """The 5th and 95th percentiles of compare(median(after), median(before)) over bootstrap resamples of
    each list: how far noise alone moves a difference or a ratio of two medians."""
    chance = random.Random(seed)
    values = sorted(compare(statistics.median(chance.choices(after, k=len(after))),
                            statistics.median(chance.choices(before, k=len(before)))) for _ in range(RESAMPLES))
    return values[int(0.05 * RESAMPLES)], values[int(0.95 * RESAMPLES) - 1]
