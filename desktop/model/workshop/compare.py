"""The comparison of a workshop's scenarios: one row each, computed once for the window, the PDF, CSV and JSON.

Each row holds every option's monthly total exactly as `estimate` prices that scenario (the same Advice), the
recommended option and its margin over the runner-up, the change of the recommended total against the
baseline's recommended total (in dollars and percent), and what differs from the baseline field by field.
For a workshop of the parts of one system, the portfolio total is the sum of the recommended totals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.model.advice.advise import Advice
from desktop.model.advice.horizon_costs import horizon_of
from desktop.model.footprint.estimate import footprint
from desktop.model.workload.spec import Workload
from desktop.model.workshop.differences import Difference, differences, differences_text

Differ = Callable[[Workload, Workload], tuple[Difference, ...]]


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
    change_usd: Decimal | None  # recommended total minus the baseline's recommended total
    change_pct: float | None
    differences: tuple[Difference, ...]
    commitments: dict[str, str] = field(default_factory=dict)  # option id -> the commitment its total assumes
    # option id -> estimated kgCO2e a month (None: not estimated); beside the dollars, never in them
    footprint_kg: dict[str, float | None] = field(default_factory=dict)
    horizon_months: int | None = None  # the scenario's horizon (None: the workload has none)
    horizon_usd: dict[str, Decimal | None] = field(default_factory=dict)  # option id -> total over the horizon

    @property
    def recommended_kg(self) -> float | None:
        return self.footprint_kg.get(self.recommended) if self.recommended else None

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


RowKey = tuple[int, int, int, str]
RowCache = dict[RowKey, tuple[Advice, Advice, "ScenarioRow"]]


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
    base_rec = base_advice.recommendation.option
    base_usd = base_advice.quote.options[base_rec].monthly_usd if base_rec else None
    built = []
    for index, (note, advice) in enumerate(scenarios):
        key = (index, id(advice), id(base_advice), note)
        known = rows.get(key) if rows is not None else None
        if known is not None and known[0] is advice and known[1] is base_advice:
            built.append(known[2])
            continue
        quote, rec = advice.quote, advice.recommendation
        chosen = quote.options[rec.option].monthly_usd if rec.option else None
        change = None if chosen is None or base_usd is None else chosen - base_usd
        row = ScenarioRow(
            index=index, name=advice.workload.name, note=note, is_baseline=index == baseline,
            totals={o: q.monthly_usd for o, q in quote.options.items()},
            feasible={o: q.feasible for o, q in quote.options.items()},
            estimated={o: q.estimated for o, q in quote.options.items()},
            complete={o: q.complete for o, q in quote.options.items()},
            left_out={o: tuple(q.left_out) for o, q in quote.options.items()},
            recommended=rec.option, recommended_usd=chosen, runner_up=rec.runner_up,
            margin_usd=rec.margin_usd, margin_pct=rec.margin_pct,
            change_usd=change, change_pct=None if change is None else _pct(change, base_usd),
            differences=differ(base_advice.workload, advice.workload),
            commitments={o: q.commitment_note.removeprefix("; ") for o, q in quote.options.items()
                         if q.commitment_note},
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
