"""The horizon's arithmetic: volumes month by month, each option's cost each month, cumulative totals, the month
the cheapest option (so far) changes. Money in Decimal: a horizon's total is the sum of its months to the cent.

`price_at` prices the options at many monthly volumes (the advice passes its engine); the horizon never imports
the engine, so it sits below the advice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.model.pricing.money import ZERO, cents

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` runs without pydantic
    from desktop.model.workload.horizon import Horizon

PriceAt = Callable[[Sequence[int]], Mapping[str, Sequence[Decimal | None]]]


@dataclass(frozen=True, slots=True)
class Payment:
    """A sum paid in one month of the horizon: a one-off cost, or a commitment's upfront payment."""

    month: int
    usd: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class OptionHorizon:
    option: str
    usage: tuple[Decimal | None, ...]  # the AWS bill each month (None: the option cannot be priced that month)
    people: tuple[Decimal, ...]  # people cost each month (zeros when not included)
    payments: tuple[Payment, ...]  # one-off costs and upfront payments, in their month
    people_hours: float = 0.0
    people_basis: str = ""

    @property
    def months(self) -> tuple[Decimal | None, ...]:
        """Each month's whole cost: usage + people + what is paid that month (None where usage is unpriced)."""
        paid = [ZERO] * len(self.usage)
        for p in self.payments:
            if 1 <= p.month <= len(paid):
                paid[p.month - 1] += p.usd
        return tuple(None if u is None else u + self.people[i] + paid[i] for i, u in enumerate(self.usage))

    @property
    def total(self) -> Decimal | None:
        """The horizon's total: the sum of its months (None when a month is unpriced)."""
        months = self.months
        return None if any(m is None for m in months) else sum((m for m in months if m is not None), ZERO)

    @property
    def cumulative(self) -> tuple[Decimal | None, ...]:
        found: list[Decimal | None] = []
        running: Decimal | None = ZERO
        for m in self.months:
            running = None if running is None or m is None else running + m
            found.append(running)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class HorizonPlan:
    months: int
    volumes: tuple[int, ...]  # the volume priced each month
    options: dict[str, OptionHorizon]
    leaders: tuple[tuple[int, str], ...] = field(default=())  # (month, option cheapest so far), at each change

    @property
    def winner_changes(self) -> tuple[tuple[int, str, str], ...]:
        """(month, from, to) each time the cheapest cumulative option changes after month 1."""
        return tuple((month, self.leaders[i - 1][1], option) for i, (month, option) in enumerate(self.leaders)
                     if i > 0)


def volumes(horizon: Horizon, base: int) -> tuple[int, ...]:
    """The volume each month: today's, compounding, or a step at a month (rounded to whole units)."""
    growth = horizon.growth
    found = []
    for month in range(1, horizon.months + 1):
        if growth.kind == "compound":
            factor = (1 + growth.monthly_pct / 100.0) ** (month - 1)
        elif growth.kind == "step":
            factor = growth.step_factor if month >= growth.step_month else 1.0
        else:
            factor = 1.0
        found.append(max(0, round(base * factor)))
    return tuple(found)


def _leaders(options: Mapping[str, OptionHorizon], months: int) -> tuple[tuple[int, str], ...]:
    found: list[tuple[int, str]] = []
    cumulative = {o: h.cumulative for o, h in options.items()}
    for month in range(months):
        priced = [(c[month], o) for o, c in cumulative.items() if c[month] is not None]
        if not priced:
            continue
        best = min(priced, key=lambda pair: pair[0] or ZERO)[1]
        if not found or found[-1][1] != best:
            found.append((month + 1, best))
    return tuple(found)


def plan(horizon: Horizon, base_volume: int, price_at: PriceAt,
         upfront: Mapping[str, Sequence[Payment]] | None = None) -> HorizonPlan:
    """Each option's months over the horizon. `upfront` places commitments' upfront payments in their month."""
    vols = volumes(horizon, base_volume)
    priced = price_at(vols)
    people = horizon.people
    rate = Decimal(str(people.rate_usd_per_hour))
    options: dict[str, OptionHorizon] = {}
    for option, usage in priced.items():
        hours, basis = people.hours(option)
        monthly_people = cents(Decimal(str(hours)) * rate) if people.enabled else ZERO
        payments = [Payment(o.month, cents(Decimal(str(o.usd))), o.label) for o in horizon.one_off
                    if o.option in (None, option) and o.month <= horizon.months]
        payments += [p for p in (upfront or {}).get(option, ()) if p.month <= horizon.months]
        options[option] = OptionHorizon(option, tuple(usage), (monthly_people,) * horizon.months, tuple(payments),
                                        hours if people.enabled else 0.0, basis if people.enabled else "")
    return HorizonPlan(horizon.months, vols, options, _leaders(options, horizon.months))
