"""Each option's monthly cost at many volumes at once: the quote's own cost code run by the fast calc.

The curves, the break-even search, the horizon and the Monte Carlo use it; the quote (`engine.compute_quote`) does
not. Its arrays are numpy's once the process has it, else plain Python (`fast_calc`): `computefit estimate --json`
imports no numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.model.advice.engine import hard_reasons, region_prices
from desktop.model.options.common.calc import Array, exact_arrays
from desktop.model.options.common.fast_calc import FastCalc
from desktop.model.options.common.front_door import price_front_door
from desktop.model.options.common.network import price_network
from desktop.model.options.common.shared_lines import price_shared_lines
from desktop.model.options.registry import compared
from desktop.model.pricing.context import PricingContext

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload


def fast_costs(workload: Workload, book: PriceBook, volumes: Sequence[float] | Array,
               options: Sequence[str] | None = None,
               left_out: dict[str, list[str]] | None = None) -> dict[str, Array | None]:
    """Each option's monthly cost at many volumes, by the same code as the quote, in floats (None where the
    option cannot be priced). Equal to `compute_quote` at each volume within float rounding. `left_out`, when
    given, receives what each option's costs leave out at some of the volumes (prices the book lacks)."""
    prices = region_prices(workload, book)
    xp = exact_arrays()
    vols = xp.asarray(volumes, dtype=float)
    ctx = PricingContext(workload, book, prices, workload.units_per_month)
    found: dict[str, Array | None] = {}
    memo: dict[str, Array] = {}
    for option in compared(workload):
        if options is not None and option.id not in options:
            continue
        if hard_reasons(workload, option):  # ruled out at every volume: no price to draw
            found[option.id] = None
            continue
        calc = FastCalc(ctx, vols, memo, xp)
        sizing = option.price(ctx, calc)
        price_front_door(ctx, calc, option)
        price_network(ctx, calc, option)
        price_shared_lines(ctx, calc, option)
        found[option.id] = None if sizing is None or sizing.reason or calc.unpriced else calc.total
        if left_out is not None and found[option.id] is not None:
            left_out[option.id] = list(dict.fromkeys(m.what for m in calc.missing))
    return found
