"""One cost model, two ways to run it: exactly at one volume, or fast over many volumes.

Each option writes its arithmetic once, against a `Calc`. `ExactCalc` runs it at one monthly volume in
Decimal, records every line item (rounded to cents as AWS does) and is what the quote shows. `FastCalc`
(fast_calc.py) runs the same code over an array of volumes in floats and only adds the lines up: the
charts and the break-even search need hundreds of volumes per edit. There is no second copy of any price rule.

Amounts are `Decimal` in the exact calc and float arrays (one value per volume) in the fast one; code
written against a Calc combines them with + - * / and the Calc's own helpers (`num`, `count`,
`maximum`, `line`, `tiered`, `discount`). Hour-of-day quantities (concurrency, tasks, instances) are
float arrays shaped (volumes, 24) in both calcs (one row in the exact one), made and combined with the calc's
array functions, `calc.xp` (numpy's names): numpy's once the process has numpy, else the plain-Python `rows`
(`exact_arrays`), the same numbers either way, so the quote and one workload's advice import no numpy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.options.common import rows
from desktop.model.pricing.coverage import priced_up_to
from desktop.model.pricing.money import ZERO, cents, dec
from desktop.model.pricing.quote import LineItem, MissingPrice

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price, Tier
    from desktop.model.pricing.context import PricingContext

Amount = Any  # Decimal in ExactCalc, a float ndarray (one value per volume) in FastCalc
Array = Any  # an array of `calc.xp`: a plain-Python `rows.Rows` or a numpy ndarray
Note = str | Callable[[], str]


def _summed(usage: tuple[tuple[Decimal, str], ...]) -> tuple[tuple[Decimal, str], ...]:
    """Quantities of one missing price added up by unit, in first-seen order."""
    totals: dict[str, Decimal] = {}
    for quantity, unit in usage:
        totals[unit] = totals.get(unit, ZERO) + quantity
    return tuple((quantity, unit) for unit, quantity in totals.items())


_PLAIN: list[bool] = []  # inside `plain_arrays()`


def exact_arrays() -> Any:
    """The calcs' array functions (exact and fast): numpy once the process has it (the window, whose charts import
    it, and the fleet: on many volumes it is the quicker), else the plain-Python `rows` (`computefit estimate` and
    `--json`: no numpy to import, more than their whole work). Both give the same numbers (tests/model/options/
    test_rows.py, tests/model/lean/test_lean_path.py). A numpy still being imported by another thread is not waited
    for."""
    numpy = sys.modules.get("numpy")
    if numpy is None or _PLAIN or getattr(getattr(numpy, "__spec__", None), "_initializing", False):
        return rows
    return numpy


@contextmanager
def plain_arrays() -> Iterator[None]:
    """The plain-Python arrays while inside, as in a process without numpy (for tests comparing the two)."""
    _PLAIN.append(True)
    try:
        yield
    finally:
        _PLAIN.pop()


class Calc:
    """What an option's cost code may use; see ExactCalc and FastCalc."""

    exact: bool
    xp: Any  # the array functions (numpy's names): numpy in FastCalc, the plain-Python `rows` in ExactCalc
    units: Amount  # the monthly volume
    volumes: Array  # the monthly volumes as floats, shape (volumes,)

    def __init__(self, ctx: PricingContext, memo: dict[str, Array]) -> None:
        self.ctx = ctx
        self.missing: list[MissingPrice] = []
        self.memo = memo  # load arrays shared by the options priced at the same volumes
        self._weights = self.xp.array(ctx.weights, dtype=float)
        self.address_hours: Amount | None = None  # hours of tasks or hosts with a public IPv4 address
        self.address_holder = ""  # what holds them ("task", "instance")

    # --- the load, hour by hour ----------------------------------------------------------------
    def rate_per_s(self) -> Array:
        """Arrivals per second in each hour of the day, shape (volumes, 24)."""
        found = self.memo.get("rate")
        if found is None:
            month_s = self.ctx.workload.assumptions.month_hours * 3600.0
            found = self.memo["rate"] = (self.volumes / month_s)[:, None] * self._weights[None, :]
        return found

    def concurrency(self) -> Array:
        """Units of work in flight in each hour of the day (Little's law), shape (volumes, 24)."""
        found = self.memo.get("concurrency")
        if found is None:
            found = self.memo["concurrency"] = self.rate_per_s() * (self.ctx.workload.traffic.duration_ms / 1000.0)
        return found

    def record_missing(self, what: str, *, core: bool = True, usage: tuple[tuple[Amount, str], ...] = ()) -> None:
        """A price the book lacks. `what` is named as the coverage list names it; `usage` is the quantity left
        unpriced, when known (kept by the exact calc only). A price missing only for a usage of zero (at every
        volume) leaves nothing out, so it is not recorded."""
        if usage and not any(self.xp.any(self.xp.asarray(q, dtype=float) > 0) for q, _unit in usage):
            return
        known = tuple((dec(q) if not isinstance(q, Decimal) else q, unit) for q, unit in usage) if self.exact else ()
        for at, before in enumerate(self.missing):
            if before.what == what and before.core == core:  # the same price left out twice: one item, summed
                self.missing[at] = self.ctx.missing(what, core=core, usage=_summed(before.usage + known))
                return
        self.missing.append(self.ctx.missing(what, core=core, usage=known))

    def public_addresses(self, hours: Amount, holder: str) -> None:
        """The option runs tasks or hosts that each get a public IPv4 address when the workload says so:
        their hours a month (task-hours, instance-hours). The shared network costs price the addresses."""
        self.address_hours = hours
        self.address_holder = holder

    @property
    def unpriced(self) -> bool:
        return any(m.core for m in self.missing)

    # --- arithmetic both calcs share (overridden where they differ) ------------------------------
    def num(self, value: float | int | Decimal) -> Amount:
        raise NotImplementedError

    def count(self, values: Array) -> Amount:
        """A whole-number quantity per volume (e.g. task-hours summed over the day) as an amount."""
        raise NotImplementedError

    def measure(self, values: Array) -> Amount:
        """A float quantity per volume (e.g. LCU-hours summed over the day) as an amount."""
        raise NotImplementedError

    def hour_sum(self, values: Array) -> Array:
        """Sum over the 24 hours, per volume, shape (volumes,)."""
        raise NotImplementedError

    def over_hours(self, fn: Callable[[Amount, Amount], Amount]) -> Amount:
        """The sum over the 24 hours of fn(monthly volume, the hour's weight), in money arithmetic."""
        raise NotImplementedError

    def maximum(self, a: Amount, b: Amount) -> Amount:
        raise NotImplementedError

    def line(self, label: str, quantity: Amount, unit: str, price: Price, *, note: Note = "",
             group: str = "compute") -> Amount:
        raise NotImplementedError

    def line_at(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array, *,
                note: Note = "", group: str = "compute") -> Amount:
        """A line whose price is the one chosen per volume (e.g. the cheapest instance type)."""
        raise NotImplementedError

    def line_or_missing(self, label: str, quantity: Amount, unit: str, price: Price | None, *, missing_as: str,
                        core: bool = False, note: Note = "", group: str = "compute") -> None:
        """A line, or when the book lacks its price, the price recorded missing with its usage. A price missing
        for a usage of zero leaves nothing out of the total, so it is not recorded."""
        if price is not None:
            self.line(label, quantity, unit, price, note=note, group=group)
        else:
            self.record_missing(missing_as, core=core, usage=((quantity, unit),))

    def tiered(self, quantity: Amount, tiers: Sequence[Tier], label: str, unit: str, *, note: Note = "",
               group: str = "compute", scale: int = 1, missing_as: str = "", per: str = "") -> Amount:
        """Lines for a quantity priced in cumulative bands. A tier list that ends at a bound has no price above
        it: the quantity above is recorded as missing ("<missing_as> above <bound> <per> a month"), never
        dropped silently and never priced at the last tier's rate."""
        raise NotImplementedError

    def _beyond_tiers(self, over: Amount, tiers: Sequence[Tier], label: str, unit: str, scale: int,
                      missing_as: str, per: str) -> None:
        end = priced_up_to(list(tiers))
        what = f"{missing_as or label} above {end:,.0f} {per or unit} a month"
        self.record_missing(what, core=False, usage=((over / scale, unit),))

    def discount(self, base: Amount, pct: float, label: str, note: Note) -> Amount:
        raise NotImplementedError

    def amount(self, label: str, usd: Amount, *, note: str = "", group: str = "compute") -> Amount:
        """A line of a sum of money that is no usage at a price (commitment paid for but unused; a credit of usage
        priced in tiers, negative)."""
        raise NotImplementedError

    def credit(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array | None, *,
               note: str = "", group: str = "discount") -> Amount:
        """A negative line: `quantity` at its on-demand price taken off (usage a commitment covers). With several
        prices, `chosen` picks one per volume, as in `line_at`."""
        raise NotImplementedError

    def group_total(self, groups: tuple[str, ...]) -> Amount:
        raise NotImplementedError


class ExactCalc(Calc):
    """One volume, Decimal money, every line item kept."""

    exact = True

    def __init__(self, ctx: PricingContext, memo: dict[str, Array] | None = None, xp: Any = None) -> None:
        """`xp`: the array functions, `exact_arrays()` by default (the options of one quote share its memo's arrays,
        so they share one `xp`)."""
        self.xp = exact_arrays() if xp is None else xp
        super().__init__(ctx, {} if memo is None else memo)
        self.units = Decimal(ctx.units)
        self.volumes = self.xp.array([float(ctx.units)])
        self.items: list[LineItem] = []

    def num(self, value: float | int | Decimal) -> Decimal:
        return dec(value)

    def count(self, values: Array) -> Decimal:
        return Decimal(int(values[0]))

    def measure(self, values: Array) -> Decimal:
        return dec(float(values[0]))

    def hour_sum(self, values: Array) -> Array:
        return self.xp.array([sum(values[0].tolist())])  # left to right, as the engine always has

    def over_hours(self, fn: Callable[[Amount, Amount], Amount]) -> Decimal:
        total = ZERO
        for weight in self.ctx.weights:
            total += fn(self.units, dec(weight))
        return total

    def maximum(self, a: Amount, b: Amount) -> Decimal:
        found: Decimal = max(a, b)
        return found

    def _note(self, note: Note) -> str:
        return note() if callable(note) else note

    def line(self, label: str, quantity: Amount, unit: str, price: Price, *, note: Note = "",
             group: str = "compute") -> Decimal:
        item = LineItem.priced(label, quantity, unit, price, note=self._note(note), group=group)
        self.items.append(item)
        return item.usd

    def line_at(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array, *,
                note: Note = "", group: str = "compute") -> Decimal:
        return self.line(label, quantity, unit, prices[int(chosen[0])], note=note, group=group)

    def tiered(self, quantity: Amount, tiers: Sequence[Tier], label: str, unit: str, *, note: Note = "",
               group: str = "compute", scale: int = 1, missing_as: str = "", per: str = "") -> Decimal:
        """Band bounds are in the quantity's own units; each line's quantity is divided by `scale` (e.g. requests
        priced per 1M requests)."""
        total = ZERO
        lower = ZERO
        text = self._note(note)
        for number, tier in enumerate(tiers, start=1):
            upper = tier.up_to
            band_end = quantity if upper is None else min(quantity, upper)
            if band_end > lower:
                band_label = label if len(tiers) == 1 else f"{label}, tier {number}"
                total += self.line(band_label, (band_end - lower) / scale, unit, tier.price, note=text, group=group)
            if upper is None or quantity <= upper:
                break
            lower = upper
        else:
            if tiers and quantity > lower:
                self._beyond_tiers(quantity - lower, tiers, label, unit, scale, missing_as, per)
        return total

    def discount(self, base: Amount, pct: float, label: str, note: Note) -> Decimal:
        """A discount of pct percent on a positive base, as an explicit negative line (none at 0%)."""
        if pct <= 0 or base <= 0:
            return ZERO
        rate = dec(pct) / 100
        item = LineItem(label, base, "USD of eligible usage", -rate, -cents(base * rate), note=self._note(note),
                        group="discount")
        self.items.append(item)
        return item.usd

    def group_total(self, groups: tuple[str, ...]) -> Decimal:
        return sum((i.usd for i in self.items if i.group in groups), ZERO)

    def amount(self, label: str, usd: Amount, *, note: str = "", group: str = "compute") -> Decimal:
        value = cents(usd)
        if value == 0:
            return ZERO
        self.items.append(LineItem(label, value, "USD", Decimal(1), value, note, False, group))
        return value

    def credit(self, label: str, quantity: Amount, unit: str, prices: Sequence[Price], chosen: Array | None, *,
               note: str = "", group: str = "discount") -> Decimal:
        price = prices[0 if chosen is None else int(chosen[0])]
        usd = cents(quantity * price.usd)
        if usd <= 0:
            return ZERO
        self.items.append(LineItem(label, quantity, unit, -price.usd, -usd, note, price.estimated, group))
        return -usd
