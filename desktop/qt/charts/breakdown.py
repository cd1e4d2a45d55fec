"""Each option's monthly cost stacked by line item (coloured by kind: compute, requests, storage, front door...)."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.options.registry import short_label
from desktop.model.pricing.quote import LineItem
from desktop.model.workload.spec import Workload
from desktop.present.style import group_style
from desktop.present.text import usd_compact as usd
from desktop.qt.charts.base import ChartBase

BAR_WIDTH = 0.6


@dataclass(frozen=True, slots=True)
class _Segment:
    option: str
    x: float
    bottom: float
    top: float
    item: LineItem
    feasible: bool
    reason: str


class BreakdownChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("breakdown_chart", parent, money_y=True)
        self.setAccessibleName("Monthly cost of each option by line item")
        self.legend = self.plot_item.addLegend(offset=(10, 5), colCount=6)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.totals: list[pg.TextItem] = []
        self.segments: list[_Segment] = []
        self.options: tuple[str, ...] = ()
        self.plot_item.setLabel("left", "Monthly cost (USD)")
        self.apply_colors()

    def _sync_options(self, options: tuple[str, ...]) -> None:
        """One bar and one total label per option in the advice, in its order."""
        if options == self.options:
            return
        self.options = options
        self.plot_item.getAxis("bottom").setTicks([[(i, short_label(o)) for i, o in enumerate(options)]])
        while len(self.totals) < len(options):
            label = pg.TextItem("", anchor=(0.5, 1.0), color=self.colors.foreground)
            self.plot_item.addItem(label, ignoreBounds=True)
            self.totals.append(label)
        for label in self.totals[len(options):]:
            label.setText("")

    def apply_colors(self) -> None:
        super().apply_colors()
        for group, bar in self.bars.items():
            bar.setOpts(brush=pg.mkBrush(self.colors.group(group)), pen=pg.mkPen(self.colors.background))
        for label in self.totals:
            label.setColor(self.colors.foreground)

    def _brush(self, group: str, feasible: bool) -> QBrush:
        color = QColor(self.colors.group(group))
        if not feasible:  # ruled-out options stay visible but faded
            color.setAlpha(80)
        return QBrush(color)

    def _bar(self, group: str) -> pg.BarGraphItem:
        bar = self.bars.get(group)
        if bar is None:
            bar = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=self.colors.group(group),
                                  pen=pg.mkPen(self.colors.background))
            self.plot_item.addItem(bar)
            self.bars[group] = bar
        return bar

    def draw(self, advice: Advice, workload: Workload) -> None:
        self.segments = []
        per_group: dict[str, list[_Segment]] = {}
        highest = 0.0
        self._sync_options(tuple(advice.quote.options))
        for i, option in enumerate(self.options):
            quote = advice.quote.options.get(option)
            up = down = 0.0
            label = self.totals[i]
            if quote is None or quote.monthly_usd is None:
                reason = quote.reasons[0].text if quote and quote.reasons else "not priced"
                label.setText(_wrap(f"ruled out: {reason}"))
                label.setPos(i, 0)
                continue
            reason = "; ".join(r.text for r in quote.reasons)
            for item in quote.line_items:
                value = float(item.usd)
                if value >= 0:
                    seg = _Segment(option, i, up, up + value, item, quote.feasible, reason)
                    up += value
                else:
                    seg = _Segment(option, i, down + value, down, item, quote.feasible, reason)
                    down += value
                self.segments.append(seg)
                per_group.setdefault(item.group, []).append(seg)
            highest = max(highest, up)
            total = usd(float(quote.monthly_usd))
            if quote.feasible and quote.missing_prices:
                total += "\n+ not in the book"
            label.setText(total if quote.feasible else f"{total}\nruled out")
            label.setPos(i, up)
        for group, bar in self.bars.items():
            if group not in per_group:
                bar.setOpts(x=[], height=[], y0=[])
                self.legend.removeItem(bar)
        for group, segments in per_group.items():
            bar = self._bar(group)
            bar.setOpts(x=[s.x for s in segments], y0=[s.bottom for s in segments],
                        height=[s.top - s.bottom for s in segments], width=BAR_WIDTH,
                        brushes=[self._brush(group, s.feasible) for s in segments])
            if self.legend.getLabel(bar) is None:
                self.legend.addItem(bar, group_style(group).label)
        self.plot_item.setXRange(-0.6, len(self.options) - 0.4, padding=0)
        self.plot_item.setYRange(min([0.0] + [s.bottom for s in self.segments]), max(highest, 1.0) * 1.3)
        self.set_notice("" if self.segments else "No option can be priced for this workload")

    def hover(self, point: QPointF) -> str:
        for seg in self.segments:
            if abs(point.x() - seg.x) <= BAR_WIDTH / 2 and seg.bottom <= point.y() <= seg.top:
                item = seg.item
                detail = f"{float(item.quantity):,.6g} {item.unit} x ${float(item.unit_price_usd):,.8g}"
                lines = [f"{short_label(seg.option)}: {item.label}", f"{usd(float(item.usd))} a month", detail]
                if item.note:
                    lines.append(item.note)
                if item.estimated:
                    lines.append("(estimated price)")
                if not seg.feasible:
                    lines.append(_wrap(f"Ruled out: {seg.reason}", 60))
                return "\n".join(lines)
        return ""


def _wrap(text: str, width: int = 34) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:6])
