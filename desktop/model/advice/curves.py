"""Cost curves: each option's monthly cost at many monthly volumes, for the charts and the break-even search.

The costs come from `fast.fast_costs`, which runs each option's one cost model over an array of volumes;
this module only chooses the volumes (numpy's `logspace`, in plain Python: the same floats) and packs the result
for the views.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.model.advice.fast import fast_costs
from desktop.model.advice.types import Curves
from desktop.model.options.common.calc import Array
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

CURVE_POINTS = 200
MAX_REQUESTS = 10**13
MAX_RUNS = 10**9


class FastCosts:
    """The options' costs as a function of monthly volume, for one workload and book."""

    def __init__(self, workload: Workload, book: PriceBook) -> None:
        self.workload = workload
        self.book = book
        self.left_out: dict[str, list[str]] = {}  # what the last costs() left out, by option

    def costs(self, volumes: Array | Sequence[float], options: Sequence[str] | None = None
              ) -> dict[str, Array | None]:
        """Monthly USD of each option at each volume (None for an option that cannot be priced)."""
        self.left_out = {}
        return fast_costs(self.workload, self.book, volumes, options, self.left_out)


def volume_range(workload: Workload) -> tuple[int, int]:
    """The monthly volumes the charts and break-even search span: wide, log-scaled, around today's volume."""
    current = max(workload.units_per_month, 1)
    if workload.is_jobs:
        low, high, cap = 1, 100_000, MAX_RUNS
    else:
        low, high, cap = 1_000, 10**10, MAX_REQUESTS
    low = min(low, 10 ** max(0, math.floor(math.log10(current)) - 2))
    high = min(cap, max(high, 10 ** (math.ceil(math.log10(current)) + 2)))
    return low, high


def linspace(start: float, stop: float, num: int) -> list[float]:
    """numpy's `linspace(start, stop, num)` (num >= 2), the same floats: i x step + start, the last one `stop`."""
    div = num - 1
    delta = float(stop) - float(start)
    step = delta / div
    found = [i * step + start for i in range(num)] if step != 0 else [i / div * delta + start for i in range(num)]
    found[-1] = float(stop)
    return found


def log_volumes(low: float, high: float, points: int = CURVE_POINTS) -> list[float]:
    """numpy's `logspace(log10(low), log10(high), points)`, the same floats (tests/model/advice/test_curves.py)."""
    return [10.0 ** y for y in linspace(math.log10(low), math.log10(high), points)]


def curve_volumes(workload: Workload, points: int = CURVE_POINTS) -> list[float]:
    low, high = volume_range(workload)
    return log_volumes(low, high, points)


def build_curves(volumes: Sequence[float], costs: dict[str, Array | None], quote: Quote,
                 left_out: dict[str, list[str]] | None = None) -> Curves:
    """The charts' curves: each option's cost over the volume range (at least 200 log-spaced points), and what
    each curve leaves out somewhere in that range (a price the book lacks)."""
    found = {o: tuple(dict.fromkeys([*q.left_out, *(left_out or {}).get(o, [])])) for o, q in quote.options.items()}
    return Curves(
        volumes=tuple(map(float, volumes)),
        costs={o: ((None,) * len(volumes) if c is None else tuple(c.tolist())) for o, c in costs.items()},
        feasible={o: q.feasible for o, q in quote.options.items()},
        current_volume=quote.units_per_month,
        unit_name=quote.unit_name,
        left_out={o: names for o, names in found.items() if names and costs.get(o) is not None},
        left_out_here={o: q.left_out for o, q in quote.options.items() if q.left_out and costs.get(o) is not None},
    )
