"""Medians of the advisor's hot paths, per bundled example:

- a 200-point curve of all three options (target: under 5 ms), from a workload already quoted;
- the whole `advise()` with every lazily computed part forced (target: well under 10 ms);
- its parts (quote, curves' fast model, break-even search, sensitivity), to see where the time goes.

Run: python -m tests.benchmarks.bench_advice   (or python tests/benchmarks/bench_advice.py)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.model.advice.advise import Advice, advise
from desktop.model.advice.breakeven import break_evens
from desktop.model.advice.curves import FastCosts, build_curves, curve_volumes
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.recommend import winner
from desktop.model.advice.sensitivity import sensitivity
from desktop.model.advice.volume_memo import MEMO
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.pricing.quote import Quote
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.resources import examples_dir, price_book_path
from tests.benchmarks.timing import median_s

CURVE_TARGET_MS = 5.0
ADVISE_TARGET_MS = 10.0
RUNS = 200


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    return median_s(action, runs, warm_ups=5) * 1000


def _full(workload: Workload, book: PriceBook) -> Advice:
    """The whole answer, each time from scratch: the parts computed on first use (curves, break-even, sensitivity)
    forced, and the volume memo emptied first (it would otherwise answer every run after the first)."""
    MEMO.clear()
    advice = advise(workload, book)
    _ = advice.curves, advice.break_even, advice.sensitivity
    return advice


def main() -> int:
    book = load_price_book(price_book_path())
    worst_curve = worst_advise = 0.0
    print(f"{'example':<18} {'curve 200 pts':>14} {'advise':>9} {'quote':>8} {'break-even':>11} {'sensitivity':>12}")
    for path in sorted(examples_dir().glob("*.workload.json")):
        workload = load_workload(path)
        quote = compute_quote(workload, book)

        def curve(workload: Workload = workload, quote: Quote = quote) -> object:
            fast = FastCosts(workload, book)  # precompute the rates, then all 200 volumes at once
            volumes = curve_volumes(workload)
            return build_curves(volumes, fast.costs(volumes), quote)

        fast = FastCosts(workload, book)
        volumes = curve_volumes(workload)
        costs = fast.costs(volumes)
        recommended = winner(workload, quote, ())
        curve_ms = median_ms(curve)
        advise_ms = median_ms(lambda: _full(workload, book), runs=RUNS // 2)  # noqa: B023
        quote_ms = median_ms(lambda: compute_quote(workload, book))  # noqa: B023
        be_ms = median_ms(lambda: break_evens(workload, book, quote, fast, volumes, costs), runs=RUNS // 2)  # noqa: B023
        sens_ms = median_ms(lambda: sensitivity(workload, book, quote, recommended), runs=RUNS // 4)  # noqa: B023
        name = path.name.removesuffix(".workload.json")
        print(f"{name:<18} {curve_ms:>11.2f} ms {advise_ms:>6.2f} ms {quote_ms:>5.2f} ms {be_ms:>8.2f} ms "
              f"{sens_ms:>9.2f} ms")
        worst_curve = max(worst_curve, curve_ms)
        worst_advise = max(worst_advise, advise_ms)
    print(f"slowest 200-point curve (all three options): median {worst_curve:.2f} ms "
          f"(target < {CURVE_TARGET_MS:g} ms): {'OK' if worst_curve < CURVE_TARGET_MS else 'TOO SLOW'}")
    print(f"slowest advise(): median {worst_advise:.2f} ms "
          f"(target < {ADVISE_TARGET_MS:g} ms): {'OK' if worst_advise < ADVISE_TARGET_MS else 'TOO SLOW'}")
    return 0 if worst_curve < CURVE_TARGET_MS and worst_advise < ADVISE_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
