"""Small timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from typing import Callable, Iterable


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
