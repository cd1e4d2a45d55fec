"""The workshop comparison as the window, the present mode and the sheet print it: texts and the chart's bars."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.model.format import CELL_WIDTH, count, left_out_count, percent, share, usd, usd_change, usd_compact
from desktop.model.options.registry import short_label
from desktop.model.workshop.compare import Comparison, ScenarioRow
from desktop.model.workshop.differences import SAME, Difference
from desktop.present.i18n import shown, tr

GROUP_GAP = 0.8  # bars between two option groups on the chart


def change_text(row: ScenarioRow) -> str:
    """The recommended total against the baseline's: "+$1,234.00 (+12%)" when both are whole (or leave out the
    same), a bound when only one leaves out a price ("at least $25.46 more", "at most $19.10 less"), no figure
    when both leave out different things, "baseline", "n/a" without a total, and "" for the parts of one system
    (they are not versions of one thing)."""
    kind, change = row.change_kind, row.change_usd
    if kind == "not compared":
        return ""
    if row.is_baseline:
        return "baseline"
    if kind == "unknown":
        return "no figure: both leave out prices"
    if change is None:
        return "n/a"
    if kind == "exact":
        pct = "" if row.change_pct is None else f" ({percent(row.change_pct, signed=True)})"
        return usd_change(change) + pct
    more = change > 0 or (change == 0 and kind == "lower bound")
    bound = "at least" if (kind == "lower bound") == more else "at most"
    return f"{bound} {usd(abs(change))} {'more' if more else 'less'}"


def differences_shown(found: tuple[Difference, ...]) -> str:
    """What differs from the baseline in the app's language: "requests 30M -> 1M; region ..." (the values the
    scenarios' own, each translated where it is a choice's label; in English `differences_text` exactly)."""
    if not found:
        return shown(SAME)
    return "; ".join(f"{tr(d.label)} {shown(d.before)} -> {shown(d.after)}" for d in found)


def change_note(row: ScenarioRow, baseline: ScenarioRow) -> str:
    """Why a change is a bound or has no figure: what each total leaves out ("" when the change is exact)."""
    if row.change_kind not in ("lower bound", "upper bound", "unknown"):
        return ""
    parts = [f"the total of {r.name} leaves out {left_out_words(r)}" for r in (row, baseline) if r.recommended_left_out]
    return "; ".join(parts)


def left_out_words(row: ScenarioRow) -> str:
    """What the recommended total leaves out: "Lambda ephemeral storage (no us-east-1 price in the book)"."""
    names = row.recommended_left_out
    if not names:
        return ""
    return ", ".join(names) + (f" (no {row.region} price in the book)" if row.region else "")


def margin_text(row: ScenarioRow) -> str:
    """How much cheaper the recommendation is than the runner-up, like with like as the single-workload table
    says it: "$33.99 (38%) under Fargate", "at least $2.83 under ECS on EC2" (only the runner-up leaves out a
    price), "up to $5.00 under Lambda" (only the recommendation does), "comparison with Lambda incomplete"."""
    if row.recommended is None:
        return "no feasible option"
    if row.runner_up is None:
        return "the only feasible option"
    other, margin = short_label(row.runner_up), row.margin_usd
    if row.margin_kind == "unknown" or margin is None:
        return f"comparison with {other} incomplete"
    word = "under" if margin > 0 or (margin == 0 and row.margin_kind != "upper bound") else "over"
    if row.margin_kind == "exact":
        pct = "" if row.margin_pct is None else f" ({percent(abs(row.margin_pct))})"
        return f"{usd(abs(margin))}{pct} {word} {other}"
    if row.margin_kind == "lower bound":
        bound = "at least" if word == "under" else "at most"
    else:
        bound = "up to" if word == "under" else "at least"
    return f"{bound} {usd(abs(margin))} {word} {other}"


def recommended_text(row: ScenarioRow) -> str:
    if row.recommended is None:
        return "none feasible"
    rest = left_out_count(row.recommended_left_out)
    return f"{short_label(row.recommended)}, {usd(row.recommended_usd)}" + (f" {rest}" if rest else "")


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


SPREAD_HEADER = "P10-P90 · how sure"
POINT_ONLY = "\u2014"  # a scenario without ranges: no band (never a made-up one)
COMPUTING = "computing..."


def spread_text(row: ScenarioRow) -> str:
    """A ranged scenario's recommended option, P10-P90 a month and how sure (the share of its Monte Carlo's samples
    in which that option is the cheapest): "$48.10-$61.30 \u00b7 83%", "... \u00b7 at least 83%" when another
    option leaves out a price; "not estimated (a price is missing)" or "not computed (...)" without a band;
    "computing..." until the window's worker has it; an em dash for a point-only scenario."""
    found = row.spread
    if not row.ranged:
        return POINT_ONLY
    if found is None:
        return COMPUTING
    if found.p10 is None or found.p90 is None or found.cheapest_share is None:
        return found.not_estimated
    sure = share(found.cheapest_share)
    return f"{usd(found.p10)}-{usd(found.p90)} \u00b7 {'at least ' if found.share_kind == 'lower bound' else ''}{sure}"


def spread_tip(row: ScenarioRow) -> str:
    """The spread in a sentence, for a tooltip and the PDF's note: "Fargate: P10 $48.10, P50 $52.00, P90 $61.30 a
    month; the cheapest in 83% of 10,000 samples (seed 7)" ("" without a band)."""
    found = row.spread
    if found is None or found.p10 is None or found.cheapest_share is None:
        return ""
    sure = ("at least " if found.share_kind == "lower bound" else "") + share(found.cheapest_share)
    return (f"{short_label(found.option)}: P10 {usd(found.p10)}, P50 {usd(found.p50)}, P90 {usd(found.p90)} a "
            f"month; the cheapest in {sure} of {count(found.samples)} samples (seed {found.seed})")


PLAN_SHORT = {"compute_sp": "Compute SP", "ec2_instance_sp": "EC2 Instance SP", "standard_ri": "Standard RI",
              "convertible_ri": "Convertible RI"}


def commitment_text(row: ScenarioRow, option: str | None = None) -> str:
    """The commitment an option's total assumes (the recommended one's by default) and what it costs: "Compute SP
    3y all upfront, 100%: $14.18 a month, $510.48 upfront"; "on demand (...)" when the plan cannot cover it; ""
    without one. An upfront payment resting on an assumption says so; a plan whose rate is missing has no figure."""
    terms = row.commitment_terms.get(option or row.recommended or "")
    if terms is None:
        return ""
    name = f"{PLAN_SHORT.get(terms.plan, terms.plan)} {terms.term.removesuffix('r')} {terms.payment.replace('_', ' ')}"
    if not terms.applies:
        return f"on demand ({name} does not cover it)"
    if terms.rate_missing:  # its charges are left out of the total: no figure, never a smaller one
        return f"{name}, {terms.covered_pct:g}%: not priced (a rate is missing)"
    text = f"{name}, {terms.covered_pct:g}%: {usd(terms.monthly_usd)} a month"
    if terms.upfront_usd is not None and terms.upfront_usd > 0:
        text += f", {usd(terms.upfront_usd)} upfront" + (" (half: assumed)" if terms.upfront_note else "")
    return text


def footprint_tip(row: ScenarioRow) -> str:
    """Every option's estimated kgCO2e a month, for the tooltip (Cloud Carbon Footprint's method)."""
    parts = [f"{short_label(o)} {'not estimated' if kg is None else f'{kg:,.3g}'}"
             for o, kg in row.footprint_kg.items()]
    return "Estimated kgCO2e a month (Cloud Carbon Footprint's method): " + ", ".join(parts) if parts else ""


def total_text(row: ScenarioRow, option: str, width: int = CELL_WIDTH) -> str:
    """One option's monthly total in the comparison table ("ruled out" when it is, "~" when estimated), and what
    it leaves out counted as every table and legend counts it ("+ Lambda ephemeral storage", "+ 2 not priced";
    a name longer than `width` is counted: "+ 1 not priced")."""
    if not row.feasible.get(option, False):
        return "ruled out" if option in row.feasible else ""
    value = row.totals.get(option)
    if value is None:
        return "not priced"
    text = usd(value, row.estimated.get(option, False))
    rest = left_out_count(row.left_out.get(option, ()), width)
    if rest:
        return f"{text} {rest}"
    return text if row.complete.get(option, True) else f"{text} (incomplete)"


def _as_written(text: str) -> str:
    return text


def row_left_out(row: ScenarioRow, options: tuple[str, ...], say: Callable[[str], str] = _as_written) -> str:
    """What each feasible total of a scenario leaves out, in words ("" when none does): "Lambda: Lambda ephemeral
    storage; ECS on EC2: EBS gp3 root volumes (no eu-west-1 price in the book)"; `say` puts each item and the
    region's clause in a language (i18n.shown), so a list of options' items never needs one sentence's template."""
    names = [(o, row.left_out.get(o, ())) for o in options if row.feasible.get(o, False)]
    said = "; ".join(f"{short_label(o)}: {', '.join(say(name) for name in n)}" for o, n in names if n)
    if not said:
        return ""
    return said + (" " + say(f"(no {row.region} price in the book)") if row.region else "")


def left_out_rows(comparison: Comparison, say: Callable[[str], str] = _as_written) -> list[tuple[ScenarioRow, str]]:
    """Each scenario any of whose feasible totals leaves out a price, with what each leaves out (`row_left_out`)."""
    found = ((row, row_left_out(row, comparison.options, say)) for row in comparison.rows)
    return [(row, said) for row, said in found if said]


def portfolio_text(comparison: Comparison, short: bool = False) -> str:
    """The portfolio total in a sentence ('' for a workshop of variants): "Portfolio total: $1,234.56 a month, ...",
    or, when a part's total leaves out a price, "at least $1,234.56 a month" and what each part leaves out (with
    `short`, how many parts do, for a window's one line; the whole sentence goes in its tooltip)."""
    if comparison.portfolio_usd is None:
        return ""
    bound = "" if comparison.portfolio_complete else "at least "
    text = (f"Portfolio total: {bound}{usd(comparison.portfolio_usd)} a month, the sum of each part's "
            "recommended option")
    parts = comparison.incomplete_parts
    if parts and short:
        text += f"; {len(parts)} of {len(comparison.rows)} parts leave out a price (no price in the book)"
    elif parts:
        text += "; it leaves out " + "; ".join(f"{left_out_words(r)} from {r.name}" for r in parts)
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


def bar_amount(bar: Bar) -> str:
    """The amount over a bar: "$80.60", or "≥ $80.60" when the total leaves out a price (a lower bound of the
    real cost: a bar is never read as a whole total when it is not; the hover and the table name what is left
    out)."""
    amount = usd_compact(bar.usd)
    return f"≥ {amount}" if bar.row.recommended_left_out else amount


def bar_label(row: ScenarioRow, many: bool) -> str:
    """A bar's label: the scenario's name, or its number in the table when there are many bars."""
    return str(row.index + 1) if many else row.name
