"""The comparison of a workshop's scenarios: one row each, computed once for the window, the PDF, CSV and JSON.

Each row holds every option's monthly total exactly as `estimate` prices that scenario (the same Advice), the
recommended option and its margin over the runner-up, the change of the recommended total against the
baseline's recommended total (in dollars and percent), and what differs from the baseline field by field.
For a workshop of the parts of one system, the portfolio total is the sum of the recommended totals, and no
scenario has a change against the baseline (a batch job and a gRPC service are not two versions of one thing).

A total that leaves out a price is never compared as if whole, as the single-workload table does it: the margin
keeps the recommendation's kind (exact, lower or upper bound, unknown); the change is exact only when both totals
are whole or leave out the same items with the same usage in the same region; when only the scenario's total
leaves something out the true change is at least the figure (a lower bound), when only the baseline's, at most
(an upper bound), and when both leave out different things there is no figure. A portfolio with an incomplete
part is a lower bound and names what each part leaves out.

A ranged scenario's row says so (`ranged`); its spread (P10 / P50 / P90 of the recommended option and how sure,
desktop.model.workshop.spreads) is added by `with_spreads`: at once for the files, off the GUI thread for the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

from desktop.model.advice.advise import Advice
from desktop.model.advice.horizon_costs import horizon_of
from desktop.model.advice.types import MarginKind
from desktop.model.footprint.estimate import footprint
from desktop.model.pricing.quote import CommitmentTerms, OptionQuote
from desktop.model.workload.spec import Workload
from desktop.model.workshop.differences import Difference, differences, differences_text
from desktop.model.workshop.spreads import ScenarioSpread, is_ranged, known_spread, scenario_spread

Differ = Callable[[Workload, Workload], tuple[Difference, ...]]
ChangeKind = Literal["exact", "lower bound", "upper bound", "unknown", "no total", "not compared"]


@dataclass(frozen=True, slots=True)
class ScenarioRow:
    index: int
    name: str
    note: str
    is_baseline: bool
    totals: dict[str, Decimal | None]  # option id -> monthly USD, as the quote prices it (None: not priced)
    feasible: dict[str, bool]  # option id -> not ruled out
    estimated: dict[str, bool]  # option id -> its total rests on estimated prices
    complete: dict[str, bool]  # option id -> priced with no price missing
    left_out: dict[str, tuple[str, ...]]  # option id -> what its total leaves out (no price in the book)
    recommended: str | None
    recommended_usd: Decimal | None
    runner_up: str | None
    margin_usd: Decimal | None  # how much cheaper the recommendation is than the runner-up (negative: dearer)
    margin_pct: float | None
    change_usd: Decimal | None  # recommended total minus the baseline's (None: not stated, see change_kind)
    change_pct: float | None  # only for an exact change
    differences: tuple[Difference, ...]
    commitments: dict[str, str] = field(default_factory=dict)  # option id -> the commitment its total assumes
    commitment_terms: dict[str, CommitmentTerms] = field(default_factory=dict)  # option id -> its plan and charges
    # option id -> estimated kgCO2e a month (None: not estimated); beside the dollars, never in them
    footprint_kg: dict[str, float | None] = field(default_factory=dict)
    horizon_months: int | None = None  # the scenario's horizon (None: the workload has none)
    horizon_usd: dict[str, Decimal | None] = field(default_factory=dict)  # option id -> total over the horizon

    @property
    def recommended_kg(self) -> float | None:
        return self.footprint_kg.get(self.recommended) if self.recommended else None
    margin_kind: MarginKind = "exact"  # how margin_usd reads (the recommendation's own: see Recommendation)
    change_kind: ChangeKind = "exact"  # how change_usd reads: see the module's docstring
    region: str = ""  # the scenario's region (whose prices its totals leave out)
    ranged: bool = False  # the scenario has ranged monthly inputs (a Monte Carlo), see `spread`
    spread: ScenarioSpread | None = None  # its recommended option's P10-P90 and how sure (None: not yet known)

    @property
    def recommended_left_out(self) -> tuple[str, ...]:
        """What the recommended total leaves out (no price in the book), by name."""
        return self.left_out.get(self.recommended, ()) if self.recommended else ()

    @property
    def recommended_complete(self) -> bool:
        """A recommended total that leaves nothing out (False with no feasible option: there is no total)."""
        return self.recommended_usd is not None and not self.recommended_left_out

    @property
    def differences_text(self) -> str:
        return "" if self.is_baseline else differences_text(self.differences)


@dataclass(frozen=True, slots=True)
class Comparison:
    kind: str  # "variants" or "parts"
    baseline: int
    options: tuple[str, ...]  # every option any scenario was priced for, in the quotes' order
    rows: tuple[ScenarioRow, ...]
    portfolio_usd: Decimal | None  # parts of one system: the sum of the recommended totals; else None
    unpriced: tuple[str, ...]  # scenarios left out of the portfolio total (no feasible option)

    @property
    def incomplete_parts(self) -> tuple[ScenarioRow, ...]:
        """Parts whose recommended total leaves out a price: the portfolio total is then a lower bound."""
        return tuple(r for r in self.rows if r.recommended_left_out) if self.kind == "parts" else ()

    @property
    def portfolio_complete(self) -> bool:
        """The portfolio total holds every part, each whole (False for variants: there is no portfolio)."""
        return self.portfolio_usd is not None and not self.unpriced and not self.incomplete_parts

    @property
    def baseline_row(self) -> ScenarioRow:
        return self.rows[self.baseline]

    def by_option(self) -> dict[str, tuple[ScenarioRow, ...]]:
        """The scenarios grouped by their recommended option (for the chart), options in the table's order."""
        groups = {o: tuple(r for r in self.rows if r.recommended == o) for o in self.options}
        return {o: rows for o, rows in groups.items() if rows}


def _pct(part: Decimal, whole: Decimal | None) -> float | None:
    if whole is None or whole == 0:
        return None
    return float(part / whole * 100)


def _horizon(advice: Advice) -> dict[str, Any]:
    found = horizon_of(advice)
    if found is None:
        return {}
    return {"horizon_months": found.months, "horizon_usd": {o: h.total for o, h in found.options.items()}}


def _keys(option: OptionQuote, region: str) -> set[tuple[str, str, tuple[tuple[Decimal, str], ...]]]:
    return {(region, m.what or m.text, m.usage) for m in option.missing}


def change_kind(base: OptionQuote, other: OptionQuote, base_region: str, other_region: str) -> ChangeKind:
    """How `other`'s total minus `base`'s reads when either leaves out prices: what both leave out alike (the same
    item, usage and region) cancels; anything else only `other` leaves out makes the figure a lower bound, only
    `base` an upper bound, both "unknown"."""
    mine, theirs = _keys(other, other_region), _keys(base, base_region)
    alike = {k for k in mine & theirs if k[2]}  # without a known usage nothing is known to cancel
    mine, theirs = mine - alike, theirs - alike
    if mine and theirs:
        return "unknown"
    return "lower bound" if mine else ("upper bound" if theirs else "exact")


RowKey = tuple[int, int, int, str]
RowCache = dict[RowKey, tuple[Advice, Advice, "ScenarioRow"]]


def _change(advice: Advice, base: Advice, kind: str) -> tuple[ChangeKind, Decimal | None, float | None]:
    """The recommended total against the baseline's: its kind, the figure (None when not stated), the percent."""
    if kind == "parts":
        return "not compared", None, None
    rec, base_rec = advice.recommendation.option, base.recommendation.option
    if rec is None or base_rec is None:
        return "no total", None, None
    mine, theirs = advice.quote.options[rec], base.quote.options[base_rec]
    if mine.monthly_usd is None or theirs.monthly_usd is None:
        return "no total", None, None
    found = change_kind(theirs, mine, base.quote.region, advice.quote.region)
    if found == "unknown":
        return found, None, None
    change = mine.monthly_usd - theirs.monthly_usd
    return found, change, _pct(change, theirs.monthly_usd) if found == "exact" else None


def compare(scenarios: Sequence[tuple[str, Advice]], baseline: int = 0, kind: str = "variants",
            differ: Differ = differences, rows: RowCache | None = None) -> Comparison:
    """Compare (note, advice) pairs, one per scenario, against the scenario at `baseline`. `differ` says what
    differs between two workloads and `rows` keeps rows already built (the window passes both: an edit changes
    one scenario's row, unless it changed the baseline)."""
    if not scenarios:
        raise ValueError("a comparison needs at least one scenario")
    baseline = min(max(baseline, 0), len(scenarios) - 1)
    options = tuple(dict.fromkeys(o for _note, advice in scenarios for o in advice.quote.options))
    base_advice = scenarios[baseline][1]
    built = []
    for index, (note, advice) in enumerate(scenarios):
        key = (index, id(advice), id(base_advice), f"{kind}:{note}")
        known = rows.get(key) if rows is not None else None
        if known is not None and known[0] is advice and known[1] is base_advice:
            built.append(known[2])
            continue
        quote, rec = advice.quote, advice.recommendation
        chosen = quote.options[rec.option].monthly_usd if rec.option else None
        how, change, change_pct = _change(advice, base_advice, kind)
        row = ScenarioRow(
            index=index, name=advice.workload.name, note=note, is_baseline=index == baseline,
            totals={o: q.monthly_usd for o, q in quote.options.items()},
            feasible={o: q.feasible for o, q in quote.options.items()},
            estimated={o: q.estimated for o, q in quote.options.items()},
            complete={o: q.complete for o, q in quote.options.items()},
            left_out={o: tuple(q.left_out) for o, q in quote.options.items()},
            recommended=rec.option, recommended_usd=chosen, runner_up=rec.runner_up,
            margin_usd=rec.margin_usd, margin_pct=rec.margin_pct,
            change_usd=change, change_pct=change_pct,
            differences=differ(base_advice.workload, advice.workload), margin_kind=rec.margin_kind,
            change_kind=how, region=quote.region, ranged=is_ranged(advice.workload),
            commitments={o: q.commitment_note.removeprefix("; ") for o, q in quote.options.items()
                         if q.commitment_note},
            commitment_terms={o: q.commitment for o, q in quote.options.items() if q.commitment is not None},
            footprint_kg={o: f.kg for o, f in footprint(advice.workload, quote).items()},
            **_horizon(advice))
        if rows is not None:
            rows[key] = (advice, base_advice, row)
        built.append(row)
    portfolio = None
    unpriced = tuple(r.name for r in built if r.recommended_usd is None)
    if kind == "parts":
        portfolio = sum((r.recommended_usd for r in built if r.recommended_usd is not None), Decimal(0))
    return Comparison(kind, baseline, options, tuple(built), portfolio, unpriced)


def with_spreads(comparison: Comparison, advices: Sequence[Advice], compute: bool = True) -> Comparison:
    """The comparison with each ranged scenario's spread (`advices` in the rows' order): computed now (`compute`,
    for the files), or only those already known (the window, whose worker computes the rest). The same object when
    no row gains one."""
    rows = list(comparison.rows)
    for index, (row, advice) in enumerate(zip(comparison.rows, advices, strict=True)):
        if row.ranged and row.spread is None:
            found = scenario_spread(advice) if compute else known_spread(advice)
            if found is not None:
                rows[index] = replace(row, spread=found)
    return comparison if rows == list(comparison.rows) else replace(comparison, rows=tuple(rows))
