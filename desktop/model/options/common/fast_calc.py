"""The fast calc: the options' one cost model over many volumes at once, in floats (see calc.py).

The charts, the break-even search, the Monte Carlo and the fleet's sensitivity need hundreds or thousands of volumes
per edit; the quote (`ExactCalc`) needs none of this module. Its arrays are numpy's once the process has numpy (the
window, the fleet: on many volumes it is the quicker), else the plain-Python `rows` (`computefit estimate --json`:
its break-even search and sensitivity price a few hundred volumes, less than numpy's import costs). Both give the same
floats, bit for bit (tests/model/options/test_rows.py, tests/model/lean/test_lean_path.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.options.common.calc import Amount, Array, Calc, Note, exact_arrays

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price, Tier
    from desktop.model.pricing.context import PricingContext


class FastCalc(Calc):
    """Many volumes at once, float money, only totals kept (per cost group)."""

    exact = False

    def __init__(self, ctx: PricingContext, volumes: Array | Sequence[float], memo: dict[str, Array] | None = None,
                 xp: Any = None) -> None:
        """`xp`: the array functions, `exact_arrays()` by default (numpy once the process has it, else `rows`);
        `memo`'s arrays must be of the same."""
        self.xp = xp = exact_arrays() if xp is None else xp
        super().__init__(ctx, {} if memo is None else memo)
        self.volumes = xp.asarray(volumes, dtype=float)
        self.units = self.volumes
        self.total: Array = xp.zeros_like(self.volumes)
        self._groups: dict[str, Array] = {}

    def _cents(self, x: Array) -> Array:
        """Round to cents, half up, like `money.cents` (the tiny epsilon absorbs float noise at exact halves)."""
        return self.xp.floor(x * 100.0 + 0.5 + 1e-7) / 100.0

    def num(self, value: float | int | Decimal) -> float:
        return float(value)

    def count(self, values: Array) -> Array:
        return self.xp.asarray(values, dtype=float)

    def measure(self, values: Array) -> Array:
        return self.xp.asarray(values, dtype=float)

    def hour_sum(self, values: Array) -> Array:
        return self.xp.asarray(self.xp.sum(values, axis=1), dtype=float)

    def over_hours(self, fn: Callable[[Amount, Amount], Amount]) -> Array:
        xp = self.xp
        return xp.asarray(xp.sum(fn(self.volumes[:, None], self._weights[None, :]), axis=1), dtype=float)

    def maximum(self, a: Amount, b: Amount) -> Array:
        return self.xp.asarray(self.xp.maximum(a, b), dtype=float)

    def _add(self, usd: Array, group: str) -> Array:
        xp = self.xp
        if not (isinstance(usd, xp.ndarray) and usd.shape == self.volumes.shape
                and (not hasattr(usd, "dtype") or usd.dtype == float)):
            usd = xp.broadcast_to(xp.asarray(usd, dtype=float), self.volumes.shape)  # a scalar or one row
        self.total = self.total + usd
        prior = self._groups.get(group)
        self._groups[group] = usd if prior is None else prior + usd
        return usd

    def line(self, label: str, quantity: Amount, unit: str, price: Price, *, note: Note = "",
             group: str = "compute") -> Array:
        return self._add(self._cents(quantity * float(price.usd)), group)

    def line_at(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array, *,
                note: Note = "", group: str = "compute") -> Array:
        usd = self.xp.array([float(p.usd) for p in prices])[chosen]
        return self._add(self._cents(quantity * usd), group)

    def tiered(self, quantity: Amount, tiers: Sequence[Tier], label: str, unit: str, *, note: Note = "",
               group: str = "compute", scale: int = 1, missing_as: str = "", per: str = "") -> Array:
        xp = self.xp
        total = xp.zeros_like(self.volumes)
        lower = 0.0
        for tier in tiers:
            upper = xp.inf if tier.up_to is None else float(tier.up_to)
            band = xp.minimum(xp.maximum(quantity, lower), upper) - lower  # np.clip's dispatch costs more
            total = total + self._cents(band / scale * float(tier.price.usd))
            if tier.up_to is None:
                break
            lower = upper
        else:
            over = xp.asarray(quantity, dtype=float) - lower
            if tiers and xp.any(over > 0):
                self._beyond_tiers(xp.maximum(over, 0.0), tiers, label, unit, scale, missing_as, per)
        return self._add(total, group)

    def discount(self, base: Amount, pct: float, label: str, note: Note) -> Array:
        if pct <= 0:
            return self.xp.zeros_like(self.volumes)
        return self._add(-self._cents(self.xp.maximum(base, 0.0) * (pct / 100.0)), "discount")

    def amount(self, label: str, usd: Amount, *, note: str = "", group: str = "compute") -> Array:
        return self._add(self._cents(usd), group)

    def credit(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array | None, *,
               note: str = "", group: str = "discount") -> Array:
        usd = self.xp.array([float(p.usd) for p in prices])[0 if chosen is None else chosen]
        return self._add(-self._cents(quantity * usd), group)

    def group_total(self, groups: tuple[str, ...]) -> Array:
        total = self.xp.zeros_like(self.volumes)
        for group in groups:
            total = total + self._groups.get(group, 0.0)
        return total
