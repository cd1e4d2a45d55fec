"""The quote: what each option costs a month, the line items behind it and the capacity it needs.

Plain frozen dataclasses (cheap to build: the charts ask for many quotes per edit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from desktop.model.pricing.money import ZERO, cents
from desktop.model.schema.names import CONFIDENCE_LABELS

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price


@dataclass(frozen=True, slots=True)
class LineItem:
    label: str
    quantity: Decimal
    unit: str
    unit_price_usd: Decimal
    usd: Decimal
    note: str = ""
    estimated: bool = False
    group: str = "compute"
    price: Price | None = None  # the price-book entry it was priced at (None for discounts)

    @staticmethod
    def priced(label: str, quantity: Decimal, unit: str, price: Price, *, note: str = "",
               group: str = "compute") -> LineItem:
        """A line at a price-book price: quantity x unit price, rounded to cents as AWS does."""
        return LineItem(label, quantity, unit, price.usd, cents(quantity * price.usd), note, price.estimated, group,
                        price)


@dataclass(frozen=True, slots=True)
class MissingPrice:
    """A price the book lacks: the sentence a person reads, and its parts.

    `what` names the item as the coverage list does ("Application Load Balancer"); `usage` is the quantity the
    total leaves unpriced, when the engine knows it ((730, "hour"), (1460.5, "LCU-hour")): two totals that
    leave out the same item with the same usage leave out the same amount.
    """

    text: str
    core: bool = True
    what: str = ""
    region: str = ""
    usage: tuple[tuple[Decimal, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an option is ruled out: the rule, the text a person reads, and where the limit comes from."""

    rule_id: str
    text: str
    source: str = ""


class Capacity(Protocol):
    """What an option needs to run the workload, as each option sizes it (see desktop.model.options)."""

    @property
    def hourly(self) -> tuple[float, ...]:
        """The capacity in each hour of the day (concurrency, tasks, instances), for the hourly chart."""

    @property
    def hourly_name(self) -> str:
        """What `hourly` counts, e.g. "Fargate tasks"."""

    @property
    def hourly_whole(self) -> bool:
        """True when `hourly` counts whole things (tasks, instances)."""

    def summary(self) -> str:
        """One line for a table cell."""

    def details(self) -> list[str]:
        """A few lines for the sheet."""

    def to_json(self) -> dict[str, Any]:
        """The JSON form (`estimate --json`)."""

    def assumption(self) -> tuple[str, str] | None:
        """A choice the sizing made that the assumption register should state (label, text), if any."""


@dataclass(frozen=True, slots=True)
class CommitmentTerms:
    """The commitment an option's total assumes (desktop.model.options.common.commitment): the plan, the committed
    charges a month (recurring and upfront, amortised) and the upfront payment whole, for a horizon of months."""

    plan: str  # "compute_sp", "ec2_instance_sp", "standard_ri", "convertible_ri"
    term: str  # "1yr", "3yr"
    payment: str  # "no_upfront", "partial_upfront", "all_upfront"
    covered_pct: float
    monthly_usd: Decimal
    upfront_usd: Decimal | None  # None: a rate of the plan is missing, so the whole is not known
    upfront_month: int  # the month of the term it is paid in (1 = the first)
    words: str  # "Compute Savings Plan, 3-year, all upfront"
    applies: bool = True  # False: the plan cannot cover this option (priced on demand)
    term_months: int = 12
    upfront_note: str = ""  # how the upfront payment is split, when it rests on an assumption (partial upfront)
    rate_missing: bool = False  # a rate of the plan is not in the book: its charges are left out, not zero


@dataclass(frozen=True, slots=True)
class OptionQuote:
    option: str  # the option's id in the registry (desktop.model.options)
    label: str
    short_label: str
    feasible: bool
    monthly_usd: Decimal | None
    line_items: tuple[LineItem, ...] = ()
    reasons: tuple[Reason, ...] = ()
    warnings: tuple[str, ...] = ()
    missing: tuple[MissingPrice, ...] = ()  # prices the total leaves out (a ruled-out option has none)
    capacity: Capacity | None = None
    commitment: CommitmentTerms | None = None  # None: no commitment, or the flat Savings Plans percentages

    @property
    def priced(self) -> bool:
        return self.monthly_usd is not None

    @property
    def missing_prices(self) -> tuple[str, ...]:
        """What the total leaves out, as sentences ("no sourced price for ... in ... dated ...")."""
        return tuple(m.text for m in self.missing)

    @property
    def left_out(self) -> tuple[str, ...]:
        """What the total leaves out, by name ("Application Load Balancer")."""
        return tuple(dict.fromkeys(m.what or m.text for m in self.missing))

    @property
    def left_out_region(self) -> str:
        """The region whose prices the total leaves out ("" when it leaves none out)."""
        return self.missing[0].region if self.missing else ""

    @property
    def complete(self) -> bool:
        """Priced, and nothing left out of the total."""
        return self.priced and not self.missing

    @property
    def estimated(self) -> bool:
        return any(item.estimated for item in self.line_items)

    @property
    def status(self) -> str:
        """One phrase for tables: ruled out, feasible, or feasible with an incomplete or estimated total; then the
        commitment the total assumes, if any."""
        if not self.feasible:
            return "Ruled out"
        if self.missing_prices:
            return "Feasible; total incomplete" + self.commitment_note
        return "Feasible" + (" (estimated prices)" if self.estimated else "") + self.commitment_note

    @property
    def commitment_note(self) -> str:
        """"; assumes Compute Savings Plan, 3-year, all upfront on 100% of usage", or "" without a commitment."""
        terms = self.commitment
        if terms is None:
            return ""
        if not terms.applies:
            return f"; on demand ({terms.words} does not cover it)"
        half = " (half paid upfront: assumed)" if terms.upfront_note else ""
        return f"; assumes {terms.words}{half} on {terms.covered_pct:g}% of usage"


def total_of(items: tuple[LineItem, ...] | list[LineItem]) -> Decimal:
    return sum((item.usd for item in items), ZERO)


@dataclass(frozen=True, slots=True)
class Quote:
    workload_name: str
    region: str
    region_name: str
    price_book_date: dt.date
    price_book_confidence: str
    month_hours: float
    units_per_month: int
    unit_name: str
    options: dict[str, OptionQuote] = field(default_factory=dict)
    hourly_load: tuple[float, ...] = ()  # the load in each hour of the day, in `load_unit`
    load_unit: str = ""

    def option(self, option: str) -> OptionQuote:
        return self.options[option]

    def prices_used(self) -> list[Price]:
        """Each price-book entry the line items were priced at, once, in order of first use."""
        seen: dict[int, Price] = {}
        for option in self.options.values():
            for item in option.line_items:
                if item.price is not None:
                    seen.setdefault(id(item.price), item.price)
        return list(seen.values())

    @property
    def price_confidence(self) -> str:
        """How sure the prices behind this quote are, e.g. "9 prices: 5 AWS published, 4 corroborated"."""
        prices = self.prices_used()
        counts = {level: sum(1 for p in prices if p.confidence == level) for level in CONFIDENCE_LABELS}
        parts = [f"{n} {CONFIDENCE_LABELS[level]}" for level, n in counts.items() if n]
        return f"{len(prices)} prices: " + ", ".join(parts) if prices else "no prices used"

    def feasible_options(self) -> list[OptionQuote]:
        return [q for q in self.options.values() if q.feasible and q.priced]
