"""The workshop comparison as the window, the present mode and the sheet print it: texts and the chart's bars."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.model.format import percent, usd, usd_change
from desktop.model.options.registry import short_label
from desktop.model.workshop.compare import Comparison, ScenarioRow

GROUP_GAP = 0.8  # bars between two option groups on the chart


def change_text(row: ScenarioRow) -> str:
    """The recommended total against the baseline's: "+$1,234.00 (+12%)", "baseline", or "n/a"."""
    if row.is_baseline:
        return "baseline"
    if row.change_usd is None:
        return "n/a"
    pct = "" if row.change_pct is None else f" ({percent(row.change_pct, signed=True)})"
    return usd_change(row.change_usd) + pct


def margin_text(row: ScenarioRow) -> str:
    """How much cheaper the recommendation is than the runner-up: "$33.99 (38%) under Fargate"."""
    if row.recommended is None:
        return "no feasible option"
    if row.runner_up is None or row.margin_usd is None:
        return "the only feasible option"
    pct = "" if row.margin_pct is None else f" ({percent(abs(row.margin_pct))})"
    word = "under" if row.margin_usd >= 0 else "over"
    return f"{usd(abs(row.margin_usd))}{pct} {word} {short_label(row.runner_up)}"


def recommended_text(row: ScenarioRow) -> str:
    if row.recommended is None:
        return "none feasible"
    return f"{short_label(row.recommended)}, {usd(row.recommended_usd)}"


def footprint_text(row: ScenarioRow) -> str:
    """The recommended option's estimated kgCO2e a month ("" when none is feasible)."""
    if row.recommended is None:
        return ""
    kg = row.recommended_kg
    return "not estimated" if kg is None else f"{kg:,.3g}"


def horizon_text(row: ScenarioRow) -> str:
    """The recommended option's total over the scenario's horizon ("" without a horizon), beside its monthly."""
    if row.horizon_months is None or row.recommended is None:
        return ""
    return f"{usd(row.horizon_usd.get(row.recommended), none='not priced')} / {row.horizon_months} mo"


def footprint_tip(row: ScenarioRow) -> str:
    """Every option's estimated kgCO2e a month, for the tooltip (Cloud Carbon Footprint's method)."""
    parts = [f"{short_label(o)} {'not estimated' if kg is None else f'{kg:,.3g}'}"
             for o, kg in row.footprint_kg.items()]
    return "Estimated kgCO2e a month (Cloud Carbon Footprint's method): " + ", ".join(parts) if parts else ""


def total_text(row: ScenarioRow, option: str) -> str:
    """One option's monthly total in the comparison table ("ruled out" when it is, "~" when estimated)."""
    if not row.feasible.get(option, False):
        return "ruled out" if option in row.feasible else ""
    value = row.totals.get(option)
    if value is None:
        return "not priced"
    text = usd(value)
    if row.estimated.get(option):
        text = "~" + text
    names = row.left_out.get(option, ())
    if len(names) == 1:
        text += f" + {names[0]}"
    elif names:
        text += f" + {len(names)} not priced"
    elif not row.complete.get(option, True):
        text += " (incomplete)"
    return text


def portfolio_text(comparison: Comparison) -> str:
    """The portfolio total in a sentence ('' for a workshop of variants)."""
    if comparison.portfolio_usd is None:
        return ""
    text = (f"Portfolio total: {usd(comparison.portfolio_usd)} a month, the sum of each part's "
            "recommended option")
    if comparison.unpriced:
        text += f" (left out, no feasible option: {', '.join(comparison.unpriced)})"
    return text + "."


@dataclass(frozen=True, slots=True)
class Bar:
    x: float  # centre, in bar widths from 0
    usd: float
    option: str
    row: ScenarioRow


@dataclass(frozen=True, slots=True)
class BarGroup:
    option: str
    first: float  # x of its first and last bars
    last: float


def bar_layout(comparison: Comparison) -> tuple[list[Bar], list[BarGroup]]:
    """The scenarios' recommended totals as bars grouped by option, a gap between the groups."""
    bars: list[Bar] = []
    groups: list[BarGroup] = []
    x = 0.0
    for option, rows in comparison.by_option().items():
        first = x
        for row in rows:
            bars.append(Bar(x, float(row.recommended_usd or 0), option, row))
            x += 1
        groups.append(BarGroup(option, first, x - 1))
        x += GROUP_GAP
    return bars, groups


def bar_label(row: ScenarioRow, many: bool) -> str:
    """A bar's label: the scenario's name, or its number in the table when there are many bars."""
    return str(row.index + 1) if many else row.name
