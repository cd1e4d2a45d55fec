"""The break-even search runs every pair's rounds in one fast calc per round: it must find exactly what the search
one pair at a time found (the reference below is that search, kept here as the oracle), on every example in every
region of the bundled book, with every option compared and at several durations (a duration edit searches again)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.model.advice import breakeven
from desktop.model.advice.curves import FastCosts, curve_volumes
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.types import BreakEven
from desktop.model.options.common.calc import Array
from desktop.model.options.registry import option_ids
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload


def _refine_one_pair(fast: FastCosts, a: str, b: str, low: int, high: int, low_state: bool) -> int:
    """The search as it was, one pair and one fast calc of its two options per round."""
    d_low: float | None = None
    d_high: float | None = None
    for _ in range(breakeven.MAX_ROUNDS):
        if high - low <= max(1.0, high * breakeven.RELATIVE_WIDTH):
            break
        points = [np.linspace(low, high, breakeven.SEARCH_POINTS).round()]
        if d_low is not None and d_high is not None and d_low != d_high:
            guess = round(low + (high - low) * d_low / (d_low - d_high))
            points.append(np.arange(guess - breakeven.GUESS_SPREAD, guess + breakeven.GUESS_SPREAD + 1, dtype=float))
        volumes = np.unique(np.clip(np.concatenate(points), low, high))
        costs = fast.costs(volumes, (a, b))
        ca, cb = costs[a], costs[b]
        assert ca is not None and cb is not None
        diffs = np.asarray(ca - cb)
        changed = np.nonzero((diffs > breakeven.HALF_CENT) != low_state)[0]
        if len(changed) == 0:
            return high
        j = int(changed[0])
        if j == 0:
            return low
        low, high = int(volumes[j - 1]), int(volumes[j])
        d_low, d_high = float(diffs[j - 1]), float(diffs[j])
    return high


def _one_pair_at_a_time(fast: FastCosts, searches: list[breakeven._Search]) -> None:
    for s in searches:
        s.found = _refine_one_pair(fast, s.a, s.b, s.low, s.high, s.low_state)


def _both(workload: Workload, book: PriceBook, monkeypatch: pytest.MonkeyPatch
          ) -> tuple[tuple[BreakEven, ...], tuple[BreakEven, ...], int]:
    quote = compute_quote(workload, book)
    grid: Array = curve_volumes(workload)
    fast = FastCosts(workload, book)
    costs = fast.costs(grid)
    calls = 0
    real = breakeven._search_all

    def counted(f: FastCosts, searches: list[breakeven._Search]) -> None:
        nonlocal calls
        calls += len(searches)
        real(f, searches)

    with monkeypatch.context() as m:
        m.setattr(breakeven, "_search_all", counted)
        batched = breakeven.break_evens(workload, book, quote, fast, grid, costs)
    with monkeypatch.context() as m:
        m.setattr(breakeven, "_search_all", _one_pair_at_a_time)
        alone = breakeven.break_evens(workload, book, quote, fast, grid, costs)
    return batched, alone, calls


def test_the_batched_search_finds_what_one_pair_at_a_time_found(
        book: PriceBook, examples: dict[str, Workload], monkeypatch: pytest.MonkeyPatch) -> None:
    searched = 0
    for workload in examples.values():
        if workload.is_jobs:
            continue
        for region in book.regions:
            for options in (None, option_ids()):
                for duration in (None, 37, 340):
                    traffic = workload.traffic if duration is None else workload.traffic.model_copy(
                        update={"duration_ms": duration})
                    w = workload.model_copy(update={"region": region, "options": options, "traffic": traffic})
                    batched, alone, calls = _both(w, book, monkeypatch)
                    assert batched == alone, (w.name, region, options, duration)
                    searched += calls
    assert searched > 500  # most pairs of most cases have a break-even in range: the search really ran


def test_a_round_prices_each_option_searched_once(
        book: PriceBook, examples: dict[str, Workload], monkeypatch: pytest.MonkeyPatch) -> None:
    w = examples["alb-api-ireland"].model_copy(update={"options": option_ids()})
    quote = compute_quote(w, book)
    grid = curve_volumes(w)
    fast = FastCosts(w, book)
    costs = fast.costs(grid)
    calls: list[tuple[str, ...]] = []
    real = FastCosts.costs

    def counted(self: FastCosts, volumes: Array, options: tuple[str, ...]) -> dict[str, Array | None]:
        calls.append(options)
        return real(self, volumes, options)

    monkeypatch.setattr(FastCosts, "costs", counted)
    found = breakeven.break_evens(w, book, quote, fast, grid, costs)
    searched = {(b.first, b.second) for b in found if b.volume is not None}
    options = {o for pair in searched for o in pair}
    assert len(searched) >= 8 and len(options) >= 4
    assert all(len(c) == 1 for c in calls)  # one option a calc, at the volumes of every pair it is in
    assert len(calls) <= 2 * len(options) < 2 * len(searched)  # a calc per option and round (two rounds here), not
    # per pair and round
