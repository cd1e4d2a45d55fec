"""The advisor's answer as plain frozen values: findings, recommendation, break-even, sensitivity, curves.

Re-exported by `desktop.model.advice.advise` (import them from there); kept apart so the modules that build
them (findings, recommend, breakeven, sensitivity, curves) need not import the advisor itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from desktop.model.options.base import Concern as Concern
from desktop.model.options.base import Severity as Severity
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload


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
    answer: str | None = None  # the questionnaire answer (question id) behind the field, when there is one
    source: str = ""  # the AWS limit or document the signal rests on, when there is one


MarginKind = Literal["exact", "lower bound", "upper bound", "unknown"]


@dataclass(frozen=True, slots=True)
class Recommendation:
    option: str | None  # None when no option is feasible
    runner_up: str | None
    margin_usd: Decimal | None  # runner-up's monthly cost minus the winner's (None when it cannot be stated)
    margin_pct: float | None
    near_tie: bool
    rationale: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)
    headline: str = ""
    score_terms: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # option -> (term, USD)
    # How margin_usd reads when a total leaves out a price: "exact" (nothing left out, or the same usage left out
    # of both), "lower bound" (only the runner-up leaves something out: the true margin is larger), "upper bound"
    # (only the winner does: the true margin is smaller), "unknown" (both leave out different things: None).
    margin_kind: MarginKind = "exact"
    margin_text: str = ""  # how the winner's cost compares with the runner-up's, in words (the headline's)
    left_out: dict[str, tuple[str, ...]] = field(default_factory=dict)  # option -> what its total leaves out


@dataclass(frozen=True, slots=True)
class Hinge:
    """An assumption the recommendation hinges on: within its sensitivity range, another option wins."""

    label: str
    path: str
    base_value: float
    value: float  # the value nearest the base found where `winner` is recommended instead
    winner: str | None  # None: no option is feasible there
    text: str  # "depends on: 10 concurrent requests per task; at 5 or fewer, Lambda wins"


@dataclass(frozen=True, slots=True)
class BreakEven:
    first: str
    second: str
    volume: int | None  # units a month at which both cost the same, None when none in range
    monthly_usd: Decimal | None
    searched_from: int
    searched_to: int
    text: str
    cheaper_below: str | None = None  # the option that is cheaper just below the volume (or throughout)
    crossings: int = 0  # how many times the cheaper option changes in the searched range


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
    base_winner: str | None = None  # the recommendation at the base value
    base_cost: Decimal | None = None
    note: str = ""  # e.g. "now 0: tried at 0.5, a what-if" when -50% / +100% of 0 would say nothing

    @property
    def flips(self) -> bool:
        """True when the low or the high value changes the recommended option."""
        return self.low_winner != self.base_winner or self.high_winner != self.base_winner


@dataclass(frozen=True, slots=True)
class Curves:
    volumes: tuple[float, ...]
    costs: dict[str, tuple[float | None, ...]]  # option -> monthly USD per volume (None where unpriced)
    feasible: dict[str, bool]
    current_volume: int
    unit_name: str
    left_out: dict[str, tuple[str, ...]] = field(default_factory=dict)  # option -> prices its curve leaves out
    # option -> what its total at the workload's own volume leaves out (the quote's, as the table counts it)
    left_out_here: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class VolumeAnalysis:
    """The cost-against-volume part of the advice: curves and the break-even volumes found on them."""

    break_even: tuple[BreakEven, ...]
    curves: Curves


@dataclass(frozen=True, slots=True)
class Advice:
    """The whole answer for one workload.

    The quote, findings and recommendation are computed at once. The volume analysis (curves, break-even)
    and the sensitivity are pure functions of the same inputs, computed once each on first use: the first
    painted quote need not wait for them, and an edit does not pay for a chart no one is looking at.
    """

    workload: Workload  # what was advised on, with the book that priced it: a view never pairs an
    book: PriceBook  # advice with another workload
    quote: Quote
    findings: tuple[Finding, ...]
    recommendation: Recommendation
    analyse_volumes: Callable[[], VolumeAnalysis] = field(repr=False, compare=False)
    analyse_sensitivity: Callable[[], tuple[SensitivityRow, ...]] = field(repr=False, compare=False)
    analyse_hinge: Callable[[tuple[SensitivityRow, ...]], Hinge | None] = field(
        default=lambda rows: None, repr=False, compare=False)
    _volumes: list[VolumeAnalysis] = field(default_factory=list, repr=False, compare=False)
    _sensitivity: list[tuple[SensitivityRow, ...]] = field(default_factory=list, repr=False, compare=False)
    _hinge: list[Hinge | None] = field(default_factory=list, repr=False, compare=False)

    @property
    def sensitivity(self) -> tuple[SensitivityRow, ...]:
        if not self._sensitivity:
            self._sensitivity.append(self.analyse_sensitivity())
        return self._sensitivity[0]

    @property
    def hinge(self) -> Hinge | None:
        """The assumption the recommendation hinges on, if one within its sensitivity range flips the winner."""
        if not self._hinge:
            self._hinge.append(self.analyse_hinge(self.sensitivity))
        return self._hinge[0]

    @property
    def hinge_known(self) -> bool:
        """The hinge has been analysed (the window has it done off the GUI thread, then shows the verdict)."""
        return bool(self._hinge)

    @property
    def budget(self) -> float | None:
        """The monthly budget the workload states (the questionnaire's answer), if any."""
        found = (self.workload.answers or {}).get("monthly_budget")
        if isinstance(found, bool) or not isinstance(found, int | float):
            return None
        return float(found)

    @property
    def over_budget(self) -> tuple[str, ...]:
        """Feasible options whose monthly total (or, for an incomplete total, its priced part) is above the budget."""
        budget = self.budget
        if budget is None:
            return ()
        return tuple(o for o, q in self.quote.options.items()
                     if q.feasible and q.monthly_usd is not None and float(q.monthly_usd) > budget)

    def budget_text(self) -> str:
        """The over-budget clause the questionnaire promises ("" when no option is over the stated budget)."""
        over = self.over_budget
        if not over or self.budget is None:
            return ""
        from desktop.model.format import usd
        from desktop.model.options.registry import short_label  # the registry sits above these types

        return f"over the budget of {usd(self.budget)} a month: {', '.join(short_label(o) for o in over)}"

    @property
    def verdict(self) -> str:
        """The headline, with the assumption it hinges on when there is one, and the options over the budget."""
        headline = self.recommendation.headline
        hinge = self.hinge
        text = f"{headline}; {hinge.text}" if hinge is not None and headline else headline
        budget = self.budget_text()
        return f"{text}; {budget}" if text and budget else text

    @property
    def volumes(self) -> VolumeAnalysis:
        if not self._volumes:
            self._volumes.append(self.analyse_volumes())
        return self._volumes[0]

    @property
    def break_even(self) -> tuple[BreakEven, ...]:
        return self.volumes.break_even

    @property
    def curves(self) -> Curves:
        return self.volumes.curves
