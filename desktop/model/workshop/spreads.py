"""A ranged scenario in the workshop: its recommended option's P10 / P50 / P90 monthly cost and how sure the
recommendation is (the share of samples in which that option is the cheapest), from the scenario's own seeded Monte
Carlo (desktop.model.advice.uncertainty): the seed is in the file, so the figures are the single workload's.

A band is stated only when the recommended option is priced whole in every sample, else it is "not estimated (a
price is missing)", never a smaller band. The share is a lower bound ("at least") when another option's cost leaves
out a price in some sample: its real cost is higher, so it wins fewer samples than it seems to. A point-only
scenario has no spread. Spreads are kept by quote: the window computes them on its worker and reads them on the GUI
thread. numpy is imported only when a Monte Carlo runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from desktop.model.advice.types import Advice
from desktop.model.pricing.quote import Quote
from desktop.model.workload.ranges import GROWTH_PATHS
from desktop.model.workload.spec import Workload
from desktop.model.workshop.spec import MAX_SCENARIOS

PRICE_MISSING = "not estimated (a price is missing)"
NO_OPTION = "no feasible option"
ShareKind = Literal["exact", "lower bound"]


@dataclass(frozen=True, slots=True)
class ScenarioSpread:
    option: str  # the recommended option ("" when none is feasible)
    p10: Decimal | None  # None: not estimated (see `not_estimated`)
    p50: Decimal | None
    p90: Decimal | None
    cheapest_share: float | None  # the share of samples in which `option` is the cheapest
    share_kind: ShareKind  # "lower bound" when another option's cost leaves out a price in some sample
    samples: int
    seed: int
    not_estimated: str = ""  # why there is no band: PRICE_MISSING, NO_OPTION, or "not computed (why)"

    @property
    def estimated(self) -> bool:
        return self.p10 is not None and self.p50 is not None and self.p90 is not None


def is_ranged(workload: Workload) -> bool:
    """The workload's Monte Carlo prices its month (a range of the horizon's growth alone does not)."""
    ranges = workload.ranges
    return ranges is not None and not (ranges.fields and set(ranges.fields) <= set(GROWTH_PATHS))


_KEPT = 2 * MAX_SCENARIOS  # every scenario of the largest workshop and as many edits
_KNOWN: dict[int, tuple[Quote, ScenarioSpread]] = {}  # id(quote) -> (the quote, kept so its id is never reused)
_LOCK = threading.Lock()


def known_spread(advice: Advice) -> ScenarioSpread | None:
    """The scenario's spread when it has been computed (None otherwise, and for a point-only scenario)."""
    with _LOCK:
        found = _KNOWN.get(id(advice.quote))
    return found[1] if found is not None and found[0] is advice.quote else None


def scenario_spread(advice: Advice) -> ScenarioSpread | None:
    """The scenario's spread, computed once per quote (None for a point-only scenario)."""
    if not is_ranged(advice.workload):
        return None
    found = known_spread(advice)
    if found is None:
        found = _computed(advice)
        with _LOCK:
            _KNOWN.pop(id(advice.quote), None)
            _KNOWN[id(advice.quote)] = (advice.quote, found)
            while len(_KNOWN) > _KEPT:
                del _KNOWN[next(iter(_KNOWN))]
    return found


def _computed(advice: Advice) -> ScenarioSpread:
    from desktop.model.advice.uncertainty import monte_carlo_once

    ranges = advice.workload.ranges
    assert ranges is not None
    option = advice.recommendation.option or ""

    def none(why: str, samples: int = ranges.samples) -> ScenarioSpread:
        return ScenarioSpread(option, None, None, None, None, "exact", samples, ranges.seed, why)

    if not option:
        return none(NO_OPTION)
    try:
        found = monte_carlo_once(advice.workload, advice.book, advice.quote)
    except ValueError as error:  # a drawn value outside a field's bounds: said as the single workload says it
        return none(f"not computed ({error})")
    spread = found.options.get(option) if found is not None else None
    if found is None or spread is None or not found.complete.get(option, False) or None in (
            spread.p10, spread.p50, spread.p90):
        return none(PRICE_MISSING, found.samples if found is not None else ranges.samples)
    kind: ShareKind = "exact" if all(found.complete.values()) else "lower bound"
    return ScenarioSpread(option, spread.p10, spread.p50, spread.p90, spread.cheapest_share, kind, found.samples,
                          found.seed)
