"""Cumulative cost of each option month by month over the horizon of years: growth, one-off costs, people cost and
commitments' upfront payments (a step in the month each is paid).

A workload without a horizon is drawn over ComputeFit's default horizon (36 months, no growth), said in the axis
title. A line stops at the first month that cannot be priced (never drawn lower than it is) and the legend says
so; a line whose months leave out a price says what, counted as every table counts it ("+ 2 not priced"). With a
ranged growth the P10-P90 of each whole option's total is a bar at the last month (none for an incomplete one), once
the window's worker has drawn it (the chart is drawn again then).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.advice.uncertainty import known_horizon_spread
from desktop.model.format import left_out_count, usd, usd_compact
from desktop.model.horizon.plan import HorizonPlan
from desktop.model.options.registry import short_label
from desktop.present.chart_table import ChartTable, horizon_for_chart, horizon_table
from desktop.present.i18n import shown, tr
from desktop.qt.charts.base import ChartBase
from desktop.qt.charts.palette import pen_style


def legend_name(advice: Advice, found: HorizonPlan, option: str) -> str:
    """"Fargate", "Lambda (+ Application Load Balancer)", "ECS on EC2 (not priced from month 7)"."""
    cumulative = found.options[option].cumulative
    gap = next((m for m, c in enumerate(cumulative, start=1) if c is None), None)
    if gap is not None:
        return f"{short_label(option)} (not priced {'at all' if gap == 1 else f'from month {gap}'})"
    rest = left_out_count(advice.quote.options[option].left_out)
    return short_label(option) + (f" ({rest})" if rest else "")


def _points(values: tuple[Decimal | None, ...]) -> np.ndarray:
    """Month 0 at zero, then each month's running total (NaN from the first unpriced month: the line stops)."""
    found = [0.0]
    for value in values:
        found.append(np.nan if value is None else float(value))
    return np.array(found, dtype=float)


class HorizonChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("horizon_chart", parent, money_y=True)
        self.setAccessibleName(tr("Cumulative cost of each option over the horizon"))
        self.legend = self.plot_item.addLegend(offset=(10, 10))
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.bands: dict[str, pg.ErrorBarItem] = {}  # option -> P10-P90 of its total (a ranged growth)
        self.found: HorizonPlan | None = None
        self.names: dict[str, str] = {}
        self.apply_colors()

    def draw(self, advice: Advice) -> None:
        found, default = horizon_for_chart(advice)
        self.found = found
        what = f"{found.months} months, no growth: the file sets no horizon" if default else f"{found.months} months"
        self.set_labels(f"Month of the horizon ({what})", "Cumulative cost (USD)")
        options = [o for o in found.options if advice.quote.options[o].feasible]
        for option in [o for o in self.curves if o not in options]:
            self.legend.removeItem(self.curves[option])
            self.plot_item.removeItem(self.curves.pop(option))
        x = np.arange(found.months + 1, dtype=float)
        top = 0.0
        for option in options:
            item = self.curves.get(option)
            if item is None:
                item = self.curves[option] = self.plot_item.plot([], [], name=short_label(option))
            y = _points(found.options[option].cumulative)
            item.setData(x, y, connect="finite")
            complete = advice.quote.options[option].complete and not np.isnan(y).any()
            item.setPen(pg.mkPen(self.colors.option(option), width=3 if complete else 1.5, style=pen_style(option)))
            self.names[option] = legend_name(advice, found, option)
            label = self.legend.getLabel(item)
            if label is not None:
                label.setText(shown(self.names[option]), color=self.colors.foreground)
            top = max(top, float(np.nanmax(y)) if np.isfinite(y).any() else 0.0)
        top = max(top, self._draw_bands(advice, found.months))
        self.plot_item.setXRange(0, found.months + 0.5, padding=0.02)
        self.plot_item.setYRange(0, max(top, 1.0) * 1.08, padding=0)
        self.set_notice("" if top > 0 else "No option can be priced for this workload")

    def _draw_bands(self, advice: Advice, months: int) -> float:
        for item in self.bands.values():
            self.plot_item.removeItem(item)
        self.bands = {}
        # drawn by the window's worker (Session): the bars come with its result, never computed here
        spread = known_horizon_spread(advice.quote)[1] if advice.workload.horizon is not None else None
        highest = 0.0
        if spread is None:
            return highest
        banded = [o for o, s in spread.options.items()  # a total that leaves out a price gets no band (a lower one)
                 if o in self.curves and s.p10 is not None and spread.complete[o]]
        for i, option in enumerate(banded):
            s = spread.options[option]
            low, mid, high = (float(v or 0) for v in (s.p10, s.p50, s.p90))
            x = months + 0.35 * (i - (len(banded) - 1) / 2)  # side by side at the last month
            band = pg.ErrorBarItem(x=np.array([x]), y=np.array([mid]), top=np.array([high - mid]),
                                   bottom=np.array([mid - low]), beam=0.3,
                                   pen=pg.mkPen(self.colors.option(option), width=3))
            self.plot_item.addItem(band)
            self.bands[option] = band
            highest = max(highest, high)
        return highest

    def table_for(self, advice: Advice) -> ChartTable:
        return horizon_table(advice, self.accessibleName())

    def hover(self, point: QPointF) -> str:
        found = self.found
        month = round(point.x())
        if found is None or not 1 <= month <= found.months:
            return ""
        lines = [f"Month {month} (volume {found.volumes[month - 1]:,})"]
        for option in self.curves:
            h = found.options[option]
            total = h.cumulative[month - 1]
            paid = [p for p in h.payments if p.month == month]
            extra = "".join(f"; {usd_compact(float(p.usd))} {p.label}" for p in paid)
            lines.append(f"{self.names.get(option, short_label(option))}: "
                         f"{usd(total, none='not priced')} so far{extra}")
        return shown("\n".join(lines))
