"""Each chart's numbers as a table: what a screen reader reads, what "Show as table" lists and what a copy
carries, with the chart's title, the scenario and the price book's date (so a number pasted into a slide or a
mail says where it comes from). Qt-free: the window's charts and tests build tables from an Advice alone.

Texts go through the catalogue (desktop/present/i18n.py) and numbers through the one formatting module
(desktop/model/format.py) in the app's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.model.advice.advise import Advice
from desktop.model.advice.horizon_costs import horizon_of, horizon_plans
from desktop.model.format import count, number, usd, usd_compact
from desktop.model.horizon.plan import HorizonPlan
from desktop.model.options.registry import short_label
from desktop.model.workload.horizon import Horizon
from desktop.present.breakdown import bar_pieces, discount_total
from desktop.present.i18n import shown, tr
from desktop.present.style import group_style

MAX_ROWS = 200  # a curve's points are at most a few dozen; a bound all the same


@dataclass(frozen=True, slots=True)
class ChartTable:
    """A chart's data: its title, where it comes from, column headers and rows of text (already localised)."""

    title: str
    source: str  # "Orders HTTP API · price book dated 2026-12-01"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def text(self) -> str:
        """Tab-separated, the title and the source first: what Copy puts on the clipboard."""
        lines = [self.title, self.source, "\t".join(self.headers), *("\t".join(row) for row in self.rows)]
        return "\n".join(lines) + "\n"


def source_line(advice: Advice) -> str:
    """"Orders HTTP API · price book dated 2026-12-01": the scenario and the prices a chart was drawn from."""
    return f"{advice.workload.name} \u00b7 " + tr(f"price book dated {advice.quote.price_book_date.isoformat()}")


def _money(value: float | None) -> str:
    return shown(usd_compact(value)) if value is not None else tr("n/a")


def cost_curve_table(advice: Advice, title: str) -> ChartTable:
    """Monthly cost of each option at each volume the curves were computed at."""
    curves = advice.curves
    options = list(curves.costs)
    unit = tr(f"{curves.unit_name}s a month")
    rows = tuple((shown(count(round(volume))), *(_money(curves.costs[o][i]) for o in options))
                 for i, volume in enumerate(curves.volumes[:MAX_ROWS]))
    return ChartTable(title, source_line(advice), (unit, *(short_label(o) for o in options)), rows)


def breakdown_table(advice: Advice, title: str) -> ChartTable:
    """Each option's monthly total by kind of line item (after discounts), and the total."""
    options = list(advice.quote.options.values())
    groups = list(dict.fromkeys(p.group for o in options for p in bar_pieces(o)))
    rows = []
    for option in options:
        pieces = bar_pieces(option)
        cells = [_money(sum(p.length for p in pieces if p.group == g)) if pieces else tr("n/a") for g in groups]
        off = discount_total(option)
        rows.append((option.short_label, *cells, _money(off) if pieces else tr("n/a"),
                     shown(usd(option.monthly_usd)) if option.monthly_usd is not None else tr("Ruled out")))
    headers = (tr("Option"), *(tr(group_style(g).label) for g in groups), tr("Discounts"), tr("Monthly (USD)"))
    return ChartTable(title, source_line(advice), headers, tuple(rows))


def sensitivity_table(advice: Advice, title: str) -> ChartTable:
    """Each assumption's range and the recommended option's monthly cost at its ends, the largest effect first."""
    rows = sorted((r for r in advice.sensitivity if r.low_cost is not None and r.high_cost is not None),
                  key=lambda r: r.impact_usd, reverse=True)
    body = tuple((tr(r.label), shown(number(r.low_value)), shown(number(r.high_value)),
                  shown(usd(r.low_cost)), shown(usd(r.high_cost)),
                  tr("winner changes") if r.low_winner != r.high_winner else "") for r in rows)
    headers = (tr("Assumption"), tr("Low"), tr("High"), tr("Cost at low"), tr("Cost at high"), tr("Note"))
    return ChartTable(title, source_line(advice), headers, body)


def hourly_table(advice: Advice, title: str) -> ChartTable:
    """The load and each option's capacity in each hour of the day (UTC)."""
    quote = advice.quote
    sized = [o for o in quote.options.values() if o.capacity is not None and len(o.capacity.hourly) == 24]
    load = quote.hourly_load if len(quote.hourly_load) == 24 else ()
    rows = tuple((f"{hour:02d}:00", *((shown(number(load[hour], 4)),) if load else ()),
                  *(shown(number(o.capacity.hourly[hour], 4)) for o in sized if o.capacity is not None))
                 for hour in range(24))
    headers = (tr("Hour of the day (UTC)"), *((tr(f"Load ({quote.load_unit})"),) if load else ()),
               *(tr(o.capacity.hourly_name) for o in sized if o.capacity is not None))
    return ChartTable(title, source_line(advice), headers, rows)


def horizon_for_chart(advice: Advice) -> tuple[HorizonPlan, bool]:
    """The workload's horizon priced, or the default one (36 months, no growth); and whether it is the default."""
    found = horizon_of(advice)
    if found is not None:
        return found, False
    return horizon_plans(advice, [Horizon()])[0], True


def horizon_table(advice: Advice, title: str) -> ChartTable:
    """Each feasible option's cumulative cost at the end of each month of the horizon ("not priced" from the first
    month a price is missing, as the line stops there)."""
    found, _default = horizon_for_chart(advice)
    options = [o for o in found.options if advice.quote.options[o].feasible]
    rows = tuple((shown(count(month)), *(tr("not priced") if found.options[o].cumulative[month - 1] is None
                                        else shown(usd(found.options[o].cumulative[month - 1])) for o in options))
                 for month in range(1, min(found.months, MAX_ROWS) + 1))
    return ChartTable(title, source_line(advice), (tr("Month"), *(short_label(o) for o in options)), rows)
