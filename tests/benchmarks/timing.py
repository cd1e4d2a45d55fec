"""The benchmarks' one measurement: the median wall time of an action run many times, after untimed warm-ups."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_s(action: Callable[[], object], runs: int, warm_ups: int = 1) -> float:
    """The median of `runs` timed calls of `action`, in seconds, after `warm_ups` calls (imports, fonts, caches)."""
    for _ in range(warm_ups):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
