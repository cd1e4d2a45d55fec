"""The fast calc: the options' one cost model over many volumes at once, in numpy floats (see calc.py).

The charts, the break-even search, the Monte Carlo and the fleet's sensitivity need hundreds or thousands of volumes
per edit; the quote (`ExactCalc`) needs none of this module, so numpy loads only when they are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from desktop.model.options.common.calc import Amount, Array, Calc, Note

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price, Tier
    from desktop.model.pricing.context import PricingContext


def _fast_cents(x: Array) -> Array:
    """Round to cents, half up, like `money.cents` (the tiny epsilon absorbs float noise at exact halves)."""
    return np.floor(x * 100.0 + 0.5 + 1e-7) / 100.0


class FastCalc(Calc):
    """Many volumes at once, float money, only totals kept (per cost group)."""

    exact = False
    xp = np

    def __init__(self, ctx: PricingContext, volumes: Array, memo: dict[str, Array] | None = None) -> None:
        super().__init__(ctx, {} if memo is None else memo)
        self.volumes = np.asarray(volumes, dtype=float)
        self.units = self.volumes
        self.total: Array = np.zeros_like(self.volumes)
        self._groups: dict[str, Array] = {}

    def num(self, value: float | int | Decimal) -> float:
        return float(value)

    def count(self, values: Array) -> Array:
        return np.asarray(values, dtype=float)

    def measure(self, values: Array) -> Array:
        return np.asarray(values, dtype=float)

    def hour_sum(self, values: Array) -> Array:
        return np.asarray(np.sum(values, axis=1), dtype=float)

    def over_hours(self, fn: Callable[[Amount, Amount], Amount]) -> Array:
        return np.asarray(np.sum(fn(self.volumes[:, None], self._weights[None, :]), axis=1), dtype=float)

    def maximum(self, a: Amount, b: Amount) -> Array:
        return np.asarray(np.maximum(a, b), dtype=float)

    def _add(self, usd: Array, group: str) -> Array:
        if not (isinstance(usd, np.ndarray) and usd.shape == self.volumes.shape and usd.dtype == float):
            usd = np.broadcast_to(np.asarray(usd, dtype=float), self.volumes.shape)  # a scalar or one row
        self.total = self.total + usd
        prior = self._groups.get(group)
        self._groups[group] = usd if prior is None else prior + usd
        return usd

    def line(self, label: str, quantity: Amount, unit: str, price: Price, *, note: Note = "",
             group: str = "compute") -> Array:
        return self._add(_fast_cents(quantity * float(price.usd)), group)

    def line_at(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array, *,
                note: Note = "", group: str = "compute") -> Array:
        usd = np.array([float(p.usd) for p in prices])[chosen]
        return self._add(_fast_cents(quantity * usd), group)

    def tiered(self, quantity: Amount, tiers: Sequence[Tier], label: str, unit: str, *, note: Note = "",
               group: str = "compute", scale: int = 1, missing_as: str = "", per: str = "") -> Array:
        total = np.zeros_like(self.volumes)
        lower = 0.0
        for tier in tiers:
            upper = np.inf if tier.up_to is None else float(tier.up_to)
            band = np.minimum(np.maximum(quantity, lower), upper) - lower  # np.clip's dispatch costs more
            total = total + _fast_cents(band / scale * float(tier.price.usd))
            if tier.up_to is None:
                break
            lower = upper
        else:
            over = np.asarray(quantity, dtype=float) - lower
            if tiers and np.any(over > 0):
                self._beyond_tiers(np.maximum(over, 0.0), tiers, label, unit, scale, missing_as, per)
        return self._add(total, group)

    def discount(self, base: Amount, pct: float, label: str, note: Note) -> Array:
        if pct <= 0:
            return np.zeros_like(self.volumes)
        return self._add(-_fast_cents(np.maximum(base, 0.0) * (pct / 100.0)), "discount")

    def amount(self, label: str, usd: Amount, *, note: str = "", group: str = "compute") -> Array:
        return self._add(_fast_cents(usd), group)

    def credit(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array | None, *,
               note: str = "", group: str = "discount") -> Array:
        usd = np.array([float(p.usd) for p in prices])[0 if chosen is None else chosen]
        return self._add(-_fast_cents(quantity * usd), group)

    def group_total(self, groups: tuple[str, ...]) -> Array:
        total = np.zeros_like(self.volumes)
        for group in groups:
            total = total + self._groups.get(group, 0.0)
        return total
