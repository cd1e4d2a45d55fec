"""Each option's monthly cost stacked by line item (coloured by kind: compute, requests, storage, front door...).

A bar's height is the option's total: discounts come off the pieces they apply to, which are hatched (see
desktop/present/breakdown.py, shared with the sheet). A total that leaves out a price says so above its bar.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.format import left_out_lines, usd_compact
from desktop.model.options.registry import short_label
from desktop.present.breakdown import BarPiece, bar_pieces, discount_total
from desktop.present.chart_table import ChartTable, breakdown_table
from desktop.present.i18n import shown, tr
from desktop.present.style import group_style
from desktop.qt.charts.base import ChartBase

BAR_WIDTH = 0.6


@dataclass(frozen=True, slots=True)
class _Segment:
    option: str
    x: float
    bottom: float
    top: float
    piece: BarPiece


class BreakdownChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("breakdown_chart", parent, money_y=True)
        self.setAccessibleName(tr("Monthly cost of each option by line item"))
        self.legend = self.plot_item.addLegend(offset=(10, 5), colCount=6)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.hatch = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, pen=pg.mkPen(None))
        self.plot_item.addItem(self.hatch)
        self.hatch.setZValue(5)
        self.totals: list[pg.TextItem] = []
        self.segments: list[_Segment] = []
        self.options: tuple[str, ...] = ()
        self.plot_item.setLabel("left", tr("Monthly cost (USD)"))
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

    def _brush(self, group: str) -> QBrush:
        return QBrush(QColor(self.colors.group(group)))

    def _hatch_brush(self) -> QBrush:
        return QBrush(QColor(self.colors.background), Qt.BrushStyle.BDiagPattern)

    def _bar(self, group: str) -> pg.BarGraphItem:
        bar = self.bars.get(group)
        if bar is None:
            bar = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=self.colors.group(group),
                                  pen=pg.mkPen(self.colors.background))
            self.plot_item.addItem(bar)
            self.bars[group] = bar
        return bar

    def table_for(self, advice: Advice) -> ChartTable:
        return breakdown_table(advice, self.accessibleName())

    def draw(self, advice: Advice) -> None:
        self.segments = []
        per_group: dict[str, list[_Segment]] = {}
        highest = 0.0
        self._sync_options(tuple(advice.quote.options))
        for i, option in enumerate(self.options):
            quote = advice.quote.options.get(option)
            label = self.totals[i]
            if quote is None or quote.monthly_usd is None:
                reason = quote.reasons[0].text if quote and quote.reasons else "not priced"
                label.setText(_wrap(shown(f"- (no price)\nruled out: {reason}")))
                label.setPos(i, 0)
                continue
            up = 0.0
            for piece in bar_pieces(quote):
                seg = _Segment(option, i, up, up + piece.length, piece)
                up += piece.length
                self.segments.append(seg)
                per_group.setdefault(piece.group, []).append(seg)
            highest = max(highest, up)
            text = usd_compact(float(quote.monthly_usd))
            off = discount_total(quote)
            if off > 0.005:
                text += f" (after {usd_compact(off)} off)"
            label.setText(shown("\n".join([text, *left_out_lines(quote, most=2)])))
            label.setPos(i, up)
        for group, bar in self.bars.items():
            if group not in per_group:
                bar.setOpts(x=[], height=[], y0=[])
                self.legend.removeItem(bar)
        for group, segments in per_group.items():
            bar = self._bar(group)
            bar.setOpts(x=[s.x for s in segments], y0=[s.bottom for s in segments],
                        height=[s.top - s.bottom for s in segments], width=BAR_WIDTH,
                        brushes=[self._brush(group) for _ in segments])
            if self.legend.getLabel(bar) is None:
                self.legend.addItem(bar, tr(group_style(group).label))
        hatched = [s for s in self.segments if s.piece.discounted]
        self.hatch.setOpts(x=[s.x for s in hatched], y0=[s.bottom for s in hatched],
                           height=[s.top - s.bottom for s in hatched], width=BAR_WIDTH,
                           brushes=[self._hatch_brush() for _ in hatched])
        if hatched and self.legend.getLabel(self.hatch) is None:
            self.hatch.setOpts(brush=QBrush(QColor(self.colors.foreground), Qt.BrushStyle.BDiagPattern))
            self.legend.addItem(self.hatch, tr("Hatched: after discounts"))
        elif not hatched:
            self.legend.removeItem(self.hatch)
        self.plot_item.setXRange(-0.6, len(self.options) - 0.4, padding=0)
        lines = max((len(t.toPlainText().splitlines()) for t in self.totals), default=1)
        self.plot_item.setYRange(0.0, max(highest, 1.0) * (1.25 + 0.12 * lines))
        self.set_notice("" if self.segments else "No option can be priced for this workload")

    def hover(self, point: QPointF) -> str:
        for seg in self.segments:
            if abs(point.x() - seg.x) <= BAR_WIDTH / 2 and seg.bottom <= point.y() <= seg.top:
                item = seg.piece.item
                detail = f"{float(item.quantity):,.6g} {item.unit} x ${float(item.unit_price_usd):,.8g}"
                lines = [f"{short_label(seg.option)}: {item.label}", f"{usd_compact(float(item.usd))} a month", detail]
                if seg.piece.discounted:
                    piece = seg.piece
                    lines.append(f"{usd_compact(piece.length)} after {usd_compact(piece.discount)} of discounts")
                if item.note:
                    lines.append(item.note)
                if item.estimated:
                    lines.append("(estimated price)")
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
