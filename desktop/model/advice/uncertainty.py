"""Honest uncertainty: a seeded Monte Carlo over the workload's ranged inputs (low / likely / high, triangular)
gives each option's P10 / P50 / P90 monthly cost and the share of cases in which it is the cheapest.

The volume is drawn for every sample and priced by the fast calc over arrays (the curves' code). The other ranged
inputs change the sizing, so they are drawn as SCENARIOS joint sets, each sample taking one at random: one array
call per set. A sample whose inputs are all the workload's own is priced by the exact quote, so with every range
at its likely value the P50 is today's point estimate to the cent. Same seed, same result.

A ranged growth (the horizon's monthly percentage or step factor) does not change a month's cost at a volume: it is
drawn apart, HORIZON_DRAWS times, each draw's months priced like the horizon's (`horizon_spread`), giving each
option's P10 / P50 / P90 total over the horizon and the share of draws in which it is the cheapest over it.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop.model.advice.fast import fast_costs
from desktop.model.advice.horizon_costs import horizon_plans
from desktop.model.advice.types import Advice
from desktop.model.format import json_number, short_number, usd
from desktop.model.options.registry import short_label
from desktop.model.pricing.money import cents
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.ranges import Spread
    from desktop.model.workload.spec import Workload

SCENARIOS = 32  # joint draws of the inputs other than the volume
MENTION_SHARE = 0.05  # an option cheapest in fewer cases than this is not named in the verdict
Array = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]


@dataclass(frozen=True, slots=True)
class OptionSpread:
    option: str
    p10: Decimal | None  # None: not priced in enough cases
    p50: Decimal | None
    p90: Decimal | None
    cheapest_share: float


@dataclass(frozen=True, slots=True)
class Uncertainty:
    seed: int
    samples: int
    scenarios: int  # joint draws of the non-volume inputs (1 when only the volume is ranged)
    inputs: tuple[tuple[str, Spread], ...]
    options: dict[str, OptionSpread]
    verdict: str
    # option id -> priced whole in every sample (no price left out, no sample unpriced): else its band is not stated
    complete: dict[str, bool] = field(default_factory=dict)


def _triangular(rng: np.random.Generator, spread: Spread, own: float, n: int) -> Array:
    likely = own if spread.likely is None else spread.likely
    likely = min(max(likely, spread.low), spread.high)
    if spread.low == spread.high:
        return np.full(n, spread.low)
    return rng.triangular(spread.low, likely, spread.high, n)


def _own(workload: Workload, path: str) -> float:
    value: Any = workload
    for part in path.split("."):
        value = getattr(value, "lambda_" if part == "lambda" else part)
    return float(value)


def _is_int(workload: Workload, path: str) -> bool:
    value: Any = workload
    for part in path.split("."):
        value = getattr(value, "lambda_" if part == "lambda" else part)
    return isinstance(value, int)


def _volume_path(workload: Workload) -> str:
    return "traffic.runs_per_month" if workload.is_jobs else "traffic.requests_per_month"


def _draw(workload: Workload) -> tuple[Array, dict[str, Array], IntArray, int]:
    """(volume per sample, each other ranged input per scenario, scenario index per sample, scenario count)."""
    ranges = workload.ranges
    assert ranges is not None
    from desktop.model.workload.ranges import GROWTH_PATHS

    rng = np.random.default_rng(ranges.seed)
    n = ranges.samples
    volume_path = _volume_path(workload)
    spreads = {p: s for p, s in ranges.fields.items() if p not in GROWTH_PATHS}
    volume_spread = spreads.pop(volume_path, None)
    base = float(workload.units_per_month)
    volumes = np.full(n, base) if volume_spread is None else np.round(_triangular(rng, volume_spread, base, n))
    others = {p: s for p, s in spreads.items() if p not in ("traffic.requests_per_month", "traffic.runs_per_month")}
    count = SCENARIOS if others else 1
    drawn: dict[str, Array] = {}
    for path, spread in others.items():
        values = _triangular(rng, spread, _own(workload, path), count)
        drawn[path] = np.round(values) if _is_int(workload, path) else values
    index = rng.integers(0, count, n) if count > 1 else np.zeros(n, dtype=np.int64)
    return volumes, drawn, index, count


def _scenario(workload: Workload, drawn: dict[str, Array], k: int) -> tuple[Workload, bool]:
    """The workload with scenario k's inputs, and whether they are all its own."""
    changes: dict[str, Any] = {}
    for path, values in drawn.items():
        value = float(values[k])
        if value != _own(workload, path):
            changes[path] = int(value) if _is_int(workload, path) else value
    if not changes:
        return workload, True
    try:
        return workload.with_changes(changes), False
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        first = str(error).splitlines()[1:2] or [str(error)]
        raise ValueError(f"ranges: a drawn value is outside a field's bounds ({first[0].strip()})") from None


def _costs(workload: Workload, book: PriceBook, quote: Quote,
           partial: set[str]) -> tuple[dict[str, Array], Array, dict[str, Array]]:
    """Each priced option's cost per sample (NaN where unpriced), the volumes, and each ranged input per sample;
    `partial` receives the options whose cost leaves out a price in some scenario."""
    volumes, drawn, index, count = _draw(workload)
    options = [o for o, q in quote.options.items() if q.feasible and q.monthly_usd is not None]
    costs = {o: np.full(len(volumes), np.nan) for o in options}
    exact = {o: float(quote.options[o].monthly_usd or 0) for o in options}
    base = float(workload.units_per_month)
    for k in range(count):
        chosen = np.flatnonzero(index == k)
        if chosen.size == 0:
            continue
        scenario, own = _scenario(workload, drawn, k)
        left_out: dict[str, list[str]] = {}
        found = fast_costs(scenario, book, volumes[chosen], options=options, left_out=left_out)
        partial.update(o for o, names in left_out.items() if names)
        at_base = chosen[volumes[chosen] == base] if own else chosen[:0]
        for option in options:
            values = found.get(option)
            if values is not None:
                costs[option][chosen] = values
            costs[option][at_base] = exact[option]  # the workload's own inputs: the exact quote
    per_sample = {_volume_path(workload): volumes, **{p: v[index] for p, v in drawn.items()}}
    return costs, volumes, per_sample


def _money(value: float) -> Decimal | None:
    return None if not math.isfinite(value) else cents(Decimal(repr(float(value))))


def _condition(wins: np.ndarray[Any, np.dtype[np.bool_]], per_sample: dict[str, Array]) -> str:
    """The ranged input that most sets these wins apart: "mostly with requests under 25M"."""
    from desktop.model.workload.fields import all_fields

    labels = {f.path: f.label.lower() for f in all_fields()}
    best: tuple[float, str] | None = None
    for path, values in per_sample.items():
        spread = float(values.max() - values.min())
        if spread <= 0 or not wins.any():
            continue
        shift = (float(np.median(values[wins])) - float(np.median(values))) / spread
        if abs(shift) < 0.05:
            continue
        name = labels.get(path, path)
        text = (f"mostly with {name} under {short_number(float(np.percentile(values[wins], 90)))}"
                if shift < 0 else
                f"mostly with {name} above {short_number(float(np.percentile(values[wins], 10)))}")
        if best is None or abs(shift) > best[0]:
            best = (abs(shift), text)
    return "" if best is None else best[1]


def monte_carlo(workload: Workload, book: PriceBook, quote: Quote) -> Uncertainty | None:
    """The ranged workload's Monte Carlo (None when the workload has no ranges)."""
    ranges = workload.ranges
    if ranges is None:
        return None  # the ranges' schema (pydantic) is loaded only for a ranged workload
    from desktop.model.workload.ranges import GROWTH_PATHS

    if ranges.fields and set(ranges.fields) <= set(GROWTH_PATHS):
        return None  # nothing monthly is ranged: only the horizon's growth (horizon_spread)
    partial: set[str] = set()
    costs, volumes, per_sample = _costs(workload, book, quote, partial)
    options = list(costs)
    matrix = np.vstack([costs[o] for o in options]) if options else np.empty((0, len(volumes)))
    filled = np.where(np.isnan(matrix), np.inf, matrix)
    any_priced = np.isfinite(filled).any(axis=0) if options else np.zeros(len(volumes), dtype=bool)
    winner = np.argmin(filled, axis=0) if options else np.zeros(len(volumes), dtype=np.int64)
    n = len(volumes)
    spreads: dict[str, OptionSpread] = {}
    for i, option in enumerate(options):
        priced = costs[option][~np.isnan(costs[option])]
        p10, p50, p90 = np.percentile(priced, [10, 50, 90]) if priced.size else (math.nan,) * 3
        share = float(np.count_nonzero(any_priced & (winner == i))) / n
        spreads[option] = OptionSpread(option, _money(p10), _money(p50), _money(p90), share)
    ranked = sorted(spreads.values(), key=lambda s: -s.cheapest_share)
    parts: list[str] = []
    for place, spread in enumerate(ranked):
        if spread.cheapest_share < MENTION_SHARE and place > 0:
            continue
        pct = f"{spread.cheapest_share * 100:.0f}%"
        if place == 0:
            parts.append(f"{short_label(spread.option)} is cheapest in {pct} of cases")
            continue
        wins = any_priced & (winner == options.index(spread.option))
        condition = _condition(wins, per_sample)
        parts.append(f"{short_label(spread.option)} in {pct}" + (f", {condition}" if condition else ""))
    verdict = "; ".join(parts) if parts else "no option is priced in any case"
    complete = {o: quote.options[o].complete and o not in partial and not bool(np.isnan(costs[o]).any())
                for o in options}
    return Uncertainty(ranges.seed, n, 1 if len(per_sample) == 1 else SCENARIOS, tuple(ranges.fields.items()),
                       spreads, verdict, complete)


_KEPT = 8  # results kept, newest last (the window's panel, chart and a worker share them)
# The quote is kept with its result (or the ValueError of a refused draw), so its id is never reused.
_RESULTS: list[tuple[Quote, Uncertainty | ValueError | None]] = []
_RESULTS_LOCK = threading.Lock()  # the window computes on a worker thread and reads on the GUI thread


def known_monte_carlo(quote: Quote) -> tuple[bool, Uncertainty | None]:
    """(True, the result) when this quote's Monte Carlo has been run, else (False, None); never computes.
    Raises the run's ValueError when its draw was refused."""
    with _RESULTS_LOCK:
        found = next(((True, r) for q, r in reversed(_RESULTS) if q is quote), (False, None))
    if isinstance(found[1], ValueError):
        raise found[1]
    return found  # type: ignore[return-value]


def monte_carlo_once(workload: Workload, book: PriceBook, quote: Quote) -> Uncertainty | None:
    """`monte_carlo`, run once per quote (computed outside the lock: a reader never waits for a run)."""
    known, found = known_monte_carlo(quote)
    if known:
        return found
    try:
        result: Uncertainty | ValueError | None = monte_carlo(workload, book, quote)
    except ValueError as error:
        result = error
    with _RESULTS_LOCK:
        _RESULTS[:] = [*(r for r in _RESULTS if r[0] is not quote), (quote, result)][-_KEPT:]
    if isinstance(result, ValueError):
        raise result
    return result


def uncertainty_json(found: Uncertainty) -> dict[str, Any]:
    return {"seed": found.seed, "samples": found.samples, "scenarios_for_other_inputs": found.scenarios,
            "inputs": [{"field": p, "low": s.low, "likely": s.likely, "high": s.high} for p, s in found.inputs],
            "options": {o: {"p10_usd": json_number(s.p10), "p50_usd": json_number(s.p50),
                            "p90_usd": json_number(s.p90), "cheapest_share": round(s.cheapest_share, 4),
                            "complete": found.complete.get(o, True)}
                        for o, s in found.options.items()},
            "verdict": found.verdict}


HORIZON_DRAWS = 200  # draws of the ranged growth, each priced over every month of the horizon


@dataclass(frozen=True, slots=True)
class HorizonSpread:
    months: int
    draws: int
    seed: int
    inputs: tuple[tuple[str, Spread], ...]
    options: dict[str, OptionSpread]  # P10 / P50 / P90 of the horizon's total (None where a draw is not priced)
    complete: dict[str, bool]  # option id -> priced whole in every draw (else its spread is not stated)


def horizon_spread(advice: Advice) -> HorizonSpread | None:
    """The horizon's totals when its growth is ranged (None without a horizon or a ranged growth)."""
    horizon, ranges = advice.workload.horizon, advice.workload.ranges
    if horizon is None or ranges is None:
        return None
    from desktop.model.workload.ranges import GROWTH_PATHS

    ranged = {p: s for p, s in ranges.fields.items() if p in GROWTH_PATHS}
    if not ranged:
        return None
    rng = np.random.default_rng([ranges.seed, 1])  # apart from the monthly draws: adding a growth range moves none
    drawn = {p: _triangular(rng, s, _own(advice.workload, p), HORIZON_DRAWS) for p, s in ranged.items()}
    growths = [horizon.growth.model_copy(update={p.rsplit(".", 1)[1]: float(v[k]) for p, v in drawn.items()})
               for k in range(HORIZON_DRAWS)]
    plans = horizon_plans(advice, [horizon.model_copy(update={"growth": g}) for g in growths])
    options = list(plans[0].options) if plans else []
    totals = {o: [p.options[o].total for p in plans] for o in options}
    cheapest = [min(((v[k], o) for o, v in totals.items() if v[k] is not None), default=(None, None))[1]
                for k in range(len(plans))]
    found: dict[str, OptionSpread] = {}
    for option, values in totals.items():
        whole = [float(v) for v in values if v is not None]
        share = cheapest.count(option) / len(plans)
        if len(whole) < len(values):  # a draw not priced whole: no band is stated, never a smaller one
            found[option] = OptionSpread(option, None, None, None, share)
            continue
        p10, p50, p90 = np.percentile(np.array(whole), [10, 50, 90])
        found[option] = OptionSpread(option, _money(p10), _money(p50), _money(p90), share)
    complete = {o: all(v is not None for v in values) and advice.quote.options[o].complete
                for o, values in totals.items()}
    return HorizonSpread(horizon.months, HORIZON_DRAWS, ranges.seed, tuple(ranged.items()), found, complete)


_HORIZONS: list[tuple[Quote, HorizonSpread | None]] = []  # kept as _RESULTS is, newest last, under the same lock


def known_horizon_spread(quote: Quote) -> tuple[bool, HorizonSpread | None]:
    """(True, the result) when this quote's horizon spread has been drawn, else (False, None); never computes."""
    with _RESULTS_LOCK:
        return next(((True, r) for q, r in reversed(_HORIZONS) if q is quote), (False, None))


def horizon_spread_once(advice: Advice) -> HorizonSpread | None:
    """`horizon_spread`, run once per quote (the window's worker, its panel and chart, and the sheet share it)."""
    known, found = known_horizon_spread(advice.quote)
    if known:
        return found
    found = horizon_spread(advice)
    with _RESULTS_LOCK:
        _HORIZONS[:] = [*(r for r in _HORIZONS if r[0] is not advice.quote), (advice.quote, found)][-_KEPT:]
    return found


def horizon_spread_text(found: HorizonSpread) -> str:
    """"Growth ranged (1%-3%-8% a month): over 36 months P10-P90 Fargate $1,900.00-$2,600.00, ...; 200 draws,
    seed 7"."""
    inputs = "; ".join(f"{'monthly growth' if p.endswith('monthly_pct') else 'step factor'} "
                       f"{s.low:g}{'' if s.likely is None else f'-{s.likely:g}'}-{s.high:g}"
                       + ("%" if p.endswith("monthly_pct") else "x") for p, s in found.inputs)
    bands = ", ".join(f"{short_label(o)} " + (f"{usd(s.p10)}-{usd(s.p90)}" + ("" if found.complete[o] else
                                                                             " (incomplete)")
                                               if s.p10 is not None and s.p90 is not None else "not priced every month")
                      for o, s in found.options.items())
    ranked = sorted(found.options.values(), key=lambda s: -s.cheapest_share)
    lead = (f"; {short_label(ranked[0].option)} is cheapest over it in {ranked[0].cheapest_share * 100:.0f}% of "
            "draws") if ranked and ranked[0].cheapest_share > 0 else ""
    return (f"Growth ranged ({inputs}): over {found.months} months P10-P90 {bands}{lead} "
            f"({found.draws} draws, seed {found.seed})")


def horizon_spread_json(found: HorizonSpread) -> dict[str, Any]:
    return {"draws": found.draws, "seed": found.seed,
            "inputs": [{"field": p, "low": s.low, "likely": s.likely, "high": s.high} for p, s in found.inputs],
            "options": {o: {"p10_usd": json_number(s.p10), "p50_usd": json_number(s.p50),
                            "p90_usd": json_number(s.p90), "complete": found.complete[o],
                            "cheapest_share": round(s.cheapest_share, 4)} for o, s in found.options.items()},
            "text": horizon_spread_text(found)}
