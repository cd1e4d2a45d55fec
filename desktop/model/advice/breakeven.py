"""Break-even volumes: the monthly request volume at which two options cost the same.

Found on the real cost functions (tiers, free tiers, task floors and steps): the fast curves bracket each
change of the cheaper option on a log grid, a k-ary search narrows it to one request, and the exact
Decimal engine confirms it. Request workloads only (a schedule's runs are not a scaling volume).

The search itself is plain Python over the fast calc's floats (numpy's operations, the same numbers): with numpy's
arrays the fast calc prices each round's volumes at once; with plain-Python arrays (no numpy in the process:
`computefit estimate --json`) in slices, in order, up to the first that holds the change, since the round needs
no volume after it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.model.advice.curves import FastCosts, linspace, volume_range
from desktop.model.advice.engine import PRICING_RULE, quote_option, region_prices
from desktop.model.advice.types import BreakEven
from desktop.model.format import usd
from desktop.model.options.common import rows
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


SLICE = 33  # volumes priced at once by plain-Python arrays, up to the first slice that holds the change


def _first(diffs: Sequence[float], low_state: bool, start: int = 0) -> int | None:
    """The first index from `start` at which "a is dearer than b" differs from low_state, or None."""
    for j in range(start, len(diffs)):
        if (diffs[j] > HALF_CENT) != low_state:
            return j
    return None


def _diffs(fast: FastCosts, a: str, b: str, volumes: list[float]) -> list[float]:
    costs = fast.costs(volumes, (a, b))
    ca, cb = costs[a], costs[b]
    assert ca is not None and cb is not None
    return [x - y for x, y in zip(ca.tolist(), cb.tolist(), strict=True)]


def _first_change(fast: FastCosts, a: str, b: str, volumes: list[float], low_state: bool
                  ) -> tuple[int | None, list[float]]:
    """The first of `volumes` at which "a is dearer than b" differs from low_state (None: at none), and the cost
    differences up to it, priced slice by slice (plain-Python arrays: the round needs no volume after it)."""
    diffs: list[float] = []
    for start in range(0, len(volumes), SLICE):
        diffs += _diffs(fast, a, b, volumes[start:start + SLICE])
        if (j := _first(diffs, low_state, start)) is not None:
            return j, diffs
    return None, diffs


@dataclass(slots=True)
class _Search:
    """One pair's search for the volume in (low, high] at which "a is dearer than b" differs from low_state, and
    just below which it does not (to one request, or to 1e-5 of the volume for large volumes).

    Each round samples the bracket evenly plus a few volumes around the linear interpolation of the cost
    difference, so a bracket without a capacity step inside closes in one or two rounds. With numpy's arrays the
    pairs' searches run in step (`_search_all`): one fast calc per option and round, at the volumes of every pair
    it is in."""

    a: str
    b: str
    low: int
    high: int
    low_state: bool
    d_low: float | None = None
    d_high: float | None = None
    rounds: int = 0
    found: int | None = None

    def volumes(self) -> list[float] | None:
        """The next round's volumes, or None once the search has its answer (`found`)."""
        low, high = self.low, self.high
        if self.found is None and (self.rounds >= MAX_ROUNDS or high - low <= max(1.0, high * RELATIVE_WIDTH)):
            self.found = high
        if self.found is not None:
            return None
        points = [float(round(v)) for v in linspace(low, high, SEARCH_POINTS)]  # numpy's round: half to even
        if self.d_low is not None and self.d_high is not None and self.d_low != self.d_high:
            guess = round(low + (high - low) * self.d_low / (self.d_low - self.d_high))
            points += [float(v) for v in range(guess - GUESS_SPREAD, guess + GUESS_SPREAD + 1)]
        return sorted({min(max(v, float(low)), float(high)) for v in points})  # numpy's unique(clip(...))

    def take(self, volumes: list[float], j: int | None, diffs: list[float]) -> None:
        """Narrow the bracket to this round's first change `j` (None: none) among `volumes`, whose cost
        differences a - b are `diffs` (at least up to j)."""
        self.rounds += 1
        if j is None:  # float noise at the bracket's end: the change is at its top
            self.found = self.high
        elif j == 0:
            self.found = self.low
        else:
            self.low, self.high = int(volumes[j - 1]), int(volumes[j])
            self.d_low, self.d_high = diffs[j - 1], diffs[j]


def _search_all(fast: FastCosts, searches: Sequence[_Search]) -> None:
    """Run the searches to their answers. Plain-Python arrays: each pair on its own, slice by slice. numpy's: a
    round of all of them at once, each option searched priced by one fast calc per round at the volumes of every
    pair it is in (the same volumes and the same arithmetic per volume as one calc per pair and round: a fast
    calc's cost at a volume does not depend on the other volumes priced with it)."""
    if exact_arrays() is rows:
        for search in searches:
            while (volumes := search.volumes()) is not None:
                search.take(volumes, *_first_change(fast, search.a, search.b, volumes, search.low_state))
        return
    while rounds := [(s, v) for s in searches if (v := s.volumes()) is not None]:
        at: dict[str, list[float]] = {}  # each option's volumes, pair after pair
        for search, volumes in rounds:
            for option in (search.a, search.b):
                at.setdefault(option, []).extend(volumes)
        costs = {option: fast.costs(parts, (option,))[option] for option, parts in at.items()}
        start = dict.fromkeys(at, 0)
        for search, volumes in rounds:
            ca, cb = costs[search.a], costs[search.b]
            assert ca is not None and cb is not None
            n, i, k = len(volumes), start[search.a], start[search.b]
            diffs = (ca[i:i + n] - cb[k:k + n]).tolist()
            search.take(volumes, _first(diffs, search.low_state), diffs)
            start[search.a], start[search.b] = i + n, k + n


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


def _bracket(quote: Quote, a: str, b: str, grid: list[float], costs: dict[str, list[float] | None], low: int,
             high: int) -> BreakEven | tuple[_Search, list[int]]:
    """The pair's answer when it has no break-even in range; else the search of its first change of the cheaper
    option, bracketed by the curves' volumes, and every change on the curves."""
    name_a, name_b = short_label(a), short_label(b)
    if quote.options[a].monthly_usd is None or quote.options[b].monthly_usd is None:
        why = " and ".join(_no_price(quote, o) for o in (a, b) if quote.options[o].monthly_usd is None)
        return BreakEven(a, b, None, None, low, high, f"{name_a} and {name_b}: no break-even, {why}")
    ca, cb = costs[a], costs[b]
    assert ca is not None and cb is not None
    states = [x - y > HALF_CENT for x, y in zip(ca, cb, strict=True)]
    changes = [i for i in range(len(states) - 1) if states[i + 1] != states[i]]
    if len(changes) == 0:
        cheaper = name_b if states[0] else name_a
        return BreakEven(a, b, None, None, low, high,
                         f"{name_a} and {name_b}: no break-even between {low:,} and {high:,} {quote.unit_name}s a "
                         f"month; {cheaper} is cheaper throughout{_ruled_out_note(quote, a, b)}",
                         b if states[0] else a, 0)
    i = changes[0]
    return _Search(a, b, math.floor(grid[i]), math.ceil(grid[i + 1]), states[i]), changes


def _answer(workload: Workload, book: PriceBook, quote: Quote, search: _Search, changes: list[int],
            grid: list[float], low: int, high: int) -> BreakEven:
    """The pair's break-even from its search, confirmed by the exact engine."""
    a, b, low_state = search.a, search.b, search.low_state
    assert search.found is not None
    volume, exact = _confirm(workload, book, a, b, search.found, low_state, high)
    cost = exact[a].monthly_usd
    name_a, name_b = short_label(a), short_label(b)
    below, above = (name_b, name_a) if low_state else (name_a, name_b)
    text = (f"{name_a} and {name_b} cost the same at about {volume:,} {quote.unit_name}s a month (about {usd(cost)} "
            f"each); below it {below} is cheaper, above it {above}")
    if len(changes) > 1:
        last = math.ceil(grid[changes[-1] + 1])
        text += f"; the cheaper one changes {len(changes)} times up to about {last:,} as capacity steps are added"
    return BreakEven(a, b, volume, cost, low, high, text + _ruled_out_note(quote, a, b), b if low_state else a,
                     len(changes))


def break_evens(workload: Workload, book: PriceBook, quote: Quote, fast: FastCosts, grid: Sequence[float] | Array,
                costs: dict[str, Array | None]) -> tuple[BreakEven, ...]:
    """For request workloads: the break-even volume of each pair of options, or "none in range".

    `grid` and `costs` are the curves' volumes (spanning `volume_range`) and each option's cost there.
    """
    if workload.is_jobs:
        return ()
    low, high = volume_range(workload)
    volumes = [float(v) for v in grid]
    floats = {o: None if c is None else c.tolist() for o, c in costs.items()}
    found = [_bracket(quote, a, b, volumes, floats, low, high) for a, b in itertools.combinations(quote.options, 2)]
    _search_all(fast, [f[0] for f in found if not isinstance(f, BreakEven)])
    return tuple(f if isinstance(f, BreakEven) else _answer(workload, book, quote, *f, volumes, low, high)
                 for f in found)


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
