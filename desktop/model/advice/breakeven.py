"""Break-even volumes: the monthly request volume at which two options cost the same.

Found on the real cost functions (tiers, free tiers, task floors and steps): the fast curves bracket each
change of the cheaper option on a log grid, a k-ary search narrows it to one request, and the exact
Decimal engine confirms it. Request workloads only (a schedule's runs are not a scaling volume).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from desktop.model.advice.curves import FastCosts, volume_range
from desktop.model.advice.engine import PRICING_RULE, quote_option, region_prices
from desktop.model.advice.types import BreakEven
from desktop.model.format import usd
from desktop.model.options.common.calc import Array, exact_arrays
from desktop.model.options.registry import compared, short_label
from desktop.model.pricing.context import PricingContext
from desktop.model.pricing.quote import OptionQuote, Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

SEARCH_POINTS = 129
GUESS_SPREAD = 3
RELATIVE_WIDTH = 1e-5  # stop when the bracket is this narrow (190 requests at 19M): costs match to ~1e-5
MAX_ROUNDS = 12
CONFIRM_STEPS = 3
HALF_CENT = 0.005  # totals are sums of whole cents: a float difference below this is a tie (float noise)


def _diff(fast: FastCosts, a: str, b: str, volumes: Array) -> Array:
    costs = fast.costs(volumes, (a, b))
    ca, cb = costs[a], costs[b]
    assert ca is not None and cb is not None
    return np.asarray(ca - cb)


def sorted_unique(values: Array) -> Array:
    """What np.unique gives for an array of numbers without NaN: sorted, each value once. np.unique imports
    numpy.ma at its first call (numpy 2.x: about 18 ms and 1 MB of a window's memory, for this one use)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _refine(fast: FastCosts, a: str, b: str, low: int, high: int, low_state: bool) -> int:
    """A volume in (low, high] at which "a is dearer than b" differs from low_state, and just below which it
    does not (to one request, or to 1e-5 of the volume for large volumes).

    Each round samples the bracket evenly plus a few volumes around the linear interpolation of the cost
    difference, so a bracket without a capacity step inside closes in one or two rounds.
    """
    d_low: float | None = None
    d_high: float | None = None
    for _ in range(MAX_ROUNDS):
        if high - low <= max(1.0, high * RELATIVE_WIDTH):
            break
        points = [np.linspace(low, high, SEARCH_POINTS).round()]
        if d_low is not None and d_high is not None and d_low != d_high:
            guess = round(low + (high - low) * d_low / (d_low - d_high))
            points.append(np.arange(guess - GUESS_SPREAD, guess + GUESS_SPREAD + 1, dtype=float))
        volumes = sorted_unique(np.clip(np.concatenate(points), low, high))
        diffs = _diff(fast, a, b, volumes)
        changed = np.nonzero((diffs > HALF_CENT) != low_state)[0]
        if len(changed) == 0:  # float noise at the bracket's end: the change is at its top
            return high
        j = int(changed[0])
        if j == 0:
            return low
        low, high = int(volumes[j - 1]), int(volumes[j])
        d_low, d_high = float(diffs[j - 1]), float(diffs[j])
    return high


def exact_pair(workload: Workload, book: PriceBook, a: str, b: str, volume: int) -> dict[str, OptionQuote]:
    """Options a and b quoted exactly at `volume`, as compute_quote quotes them (each option is priced on its
    own: confirming their break-even needs neither the other options nor the quote around them)."""
    ctx = PricingContext(workload, book, region_prices(workload, book), volume)
    memo: dict[str, Array] = {}
    xp = exact_arrays()
    return {option.id: quote_option(ctx, option, memo, xp) for option in compared(workload) if option.id in (a, b)}


def _confirm(workload: Workload, book: PriceBook, a: str, b: str, volume: int, low_state: bool,
             upper: int) -> tuple[int, dict[str, OptionQuote]]:
    """Check the change with the exact engine; step up a request or two if float rounding misplaced it."""
    quoted = exact_pair(workload, book, a, b, volume)
    for _ in range(CONFIRM_STEPS):
        ca, cb = quoted[a].monthly_usd, quoted[b].monthly_usd
        if ca is None or cb is None or (ca > cb) != low_state or volume >= upper:
            break
        volume += 1
        quoted = exact_pair(workload, book, a, b, volume)
    return volume, quoted


def _no_price(quote: Quote, option: str) -> str:
    """Why an option has no price: a price the book lacks, or a limit that rules it out."""
    unpriced = any(r.rule_id == PRICING_RULE for r in quote.options[option].reasons)
    return f"{short_label(option)} {'cannot be priced' if unpriced else 'is ruled out'} for this workload"


def _ruled_out_note(quote: Quote, a: str, b: str) -> str:
    out = [short_label(o) for o in (a, b) if not quote.options[o].feasible]
    return f" ({' and '.join(out)} ruled out for this workload)" if out else ""


def _one(workload: Workload, book: PriceBook, quote: Quote, fast: FastCosts, a: str, b: str,
         grid: Array, costs: dict[str, Array | None], low: int, high: int) -> BreakEven:
    unit = f"{quote.unit_name}s a month"
    name_a, name_b = short_label(a), short_label(b)
    if quote.options[a].monthly_usd is None or quote.options[b].monthly_usd is None:
        why = " and ".join(_no_price(quote, o) for o in (a, b) if quote.options[o].monthly_usd is None)
        return BreakEven(a, b, None, None, low, high, f"{name_a} and {name_b}: no break-even, {why}")
    ca, cb = costs[a], costs[b]
    assert ca is not None and cb is not None
    states = (ca - cb) > HALF_CENT
    changes = np.nonzero(states[1:] != states[:-1])[0]
    note = _ruled_out_note(quote, a, b)
    if len(changes) == 0:
        cheaper = name_b if states[0] else name_a
        return BreakEven(a, b, None, None, low, high,
                         f"{name_a} and {name_b}: no break-even between {low:,} and {high:,} {unit}; {cheaper} is "
                         f"cheaper throughout{note}", b if states[0] else a, 0)
    i = int(changes[0])
    low_state = bool(states[i])
    start, stop = int(np.floor(grid[i])), int(np.ceil(grid[i + 1]))
    volume = _refine(fast, a, b, start, stop, low_state)
    volume, exact = _confirm(workload, book, a, b, volume, low_state, high)
    cost = exact[a].monthly_usd
    below, above = (name_b, name_a) if low_state else (name_a, name_b)
    text = (f"{name_a} and {name_b} cost the same at about {volume:,} {unit} (about {usd(cost)} each); below it "
            f"{below} is cheaper, above it {above}")
    if len(changes) > 1:
        last = int(np.ceil(grid[int(changes[-1]) + 1]))
        text += f"; the cheaper one changes {len(changes)} times up to about {last:,} as capacity steps are added"
    return BreakEven(a, b, volume, cost, low, high, text + note, b if low_state else a, len(changes))


def break_evens(workload: Workload, book: PriceBook, quote: Quote, fast: FastCosts, grid: Array,
                costs: dict[str, Array | None]) -> tuple[BreakEven, ...]:
    """For request workloads: the break-even volume of each pair of options, or "none in range".

    `grid` and `costs` are the curves' volumes (spanning `volume_range`) and each option's cost there.
    """
    if workload.is_jobs:
        return ()
    low, high = volume_range(workload)
    pairs = itertools.combinations(tuple(quote.options), 2)
    return tuple(_one(workload, book, quote, fast, a, b, grid, costs, low, high) for a, b in pairs)


def meeting_points(break_even: Sequence[BreakEven], order: Sequence[str]) -> dict[tuple[int, Decimal], list[str]]:
    """Each break-even point (volume, monthly cost) with every option that meets there, in `order`. Options whose
    curves coincide (the same fleet priced twice) meet a third one at one point: the charts draw and label it once
    ("Lambda = ECS on EC2 = ECS MI at 28.6M")."""
    found: dict[tuple[int, Decimal], list[str]] = {}
    for b in break_even:
        if b.volume and b.monthly_usd is not None:
            names = found.setdefault((b.volume, b.monthly_usd), [])
            names.extend(o for o in (b.first, b.second) if o not in names)
    rank = {o: n for n, o in enumerate(order)}
    return {point: sorted(names, key=lambda o: rank.get(o, len(rank))) for point, names in found.items()}
