"""The advisor's answer: the quote plus findings, a recommendation, break-even volumes, sensitivity, curves.

`advise(workload, book)` is what the window, the PDF sheet and the CLI call: one computation per edit,
and every view renders from the Advice it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from desktop.model.engine import compute_quote
from desktop.model.pricebook import PriceBook
from desktop.model.quote import Quote
from desktop.model.workload import Workload

Severity = Literal["info", "warning", "strong"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A soft signal: moves the score, never rules an option out."""

    finding_id: str
    text: str
    severity: Severity
    origin: str  # the workload field (dotted path), questionnaire answer id or limit that raised it
    favours: tuple[str, ...] = ()  # option ids it speaks for
    against: tuple[str, ...] = ()  # option ids it speaks against
    concern: str = "cost"  # cost | operations | latency | flexibility


@dataclass(frozen=True, slots=True)
class Recommendation:
    option: str | None  # None when no option is feasible
    runner_up: str | None
    margin_usd: Decimal | None  # runner-up's monthly cost minus the winner's
    margin_pct: float | None
    near_tie: bool
    rationale: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)
    headline: str = ""


@dataclass(frozen=True, slots=True)
class BreakEven:
    first: str
    second: str
    volume: int | None  # units a month at which both cost the same, None when none in range
    monthly_usd: Decimal | None
    searched_from: int
    searched_to: int
    text: str


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    label: str
    path: str
    base_value: float
    low_value: float
    high_value: float
    low_cost: Decimal | None  # the recommended option's monthly cost at the low value
    high_cost: Decimal | None
    low_winner: str | None
    high_winner: str | None
    impact_usd: Decimal

    @property
    def flips(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Curves:
    volumes: tuple[float, ...]
    costs: dict[str, tuple[float | None, ...]]  # option -> monthly USD per volume (None where unpriced)
    feasible: dict[str, bool]
    current_volume: int
    unit_name: str


@dataclass(frozen=True, slots=True)
class Advice:
    quote: Quote
    findings: tuple[Finding, ...]
    recommendation: Recommendation
    break_even: tuple[BreakEven, ...]
    sensitivity: tuple[SensitivityRow, ...]
    curves: Curves


def advise(workload: Workload, book: PriceBook) -> Advice:
    """STUB until the advisor lands: cheapest feasible option, no break-even or sensitivity."""
    quote = compute_quote(workload, book)
    ranked = sorted((o for o in quote.feasible_options()), key=lambda o: o.monthly_usd or Decimal(0))
    winner = ranked[0] if ranked else None
    runner = ranked[1] if len(ranked) > 1 else None
    margin = (runner.monthly_usd - winner.monthly_usd) if winner and runner and runner.monthly_usd is not None \
        and winner.monthly_usd is not None else None
    rec = Recommendation(winner.option if winner else None, runner.option if runner else None, margin, None, False,
                         ("cheapest feasible option",))
    volumes = tuple(float(10 ** (3 + 7 * i / 199)) for i in range(200))
    costs: dict[str, list[float | None]] = {o: [] for o in quote.options}
    for v in volumes:
        q = compute_quote(workload, book, units_per_month=int(v))
        for o, oq in q.options.items():
            costs[o].append(float(oq.monthly_usd) if oq.monthly_usd is not None else None)
    curves = Curves(volumes, {o: tuple(c) for o, c in costs.items()},
                    {o: q.feasible for o, q in quote.options.items()}, quote.units_per_month, quote.unit_name)
    return Advice(quote, (), rec, (), (), curves)
