"""Sensitivity (tornado): how the recommended option's monthly cost moves when one input moves, biggest first."""

from __future__ import annotations

from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice, SensitivityRow
from desktop.model.format import short_number, usd_compact
from desktop.model.options.registry import short_label
from desktop.present.chart_table import ChartTable, sensitivity_table
from desktop.present.i18n import shown, tr
from desktop.qt.charts.base import ChartBase

BAR_HEIGHT = 0.6


MAX_LABEL = 46


def _value(v: float) -> str:
    return short_number(v) if abs(v) >= 1e6 else f"{v:,.6g}"


def _tick(row: SensitivityRow) -> str:
    text = shown(f"{row.label} ({_value(row.low_value)} to {_value(row.high_value)})")
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 3].rstrip() + "..."


class TornadoChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("tornado_chart", parent, money_y=False, money_x=True)
        self.setAccessibleName(tr("Sensitivity of the recommended option's monthly cost"))
        self.legend = self.plot_item.addLegend(offset=(-10, -10))
        self.low_bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=BAR_HEIGHT, name=tr("Input at its low value"))
        self.high_bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=BAR_HEIGHT, name=tr("Input at its high value"))
        self.plot_item.addItem(self.low_bars)
        self.plot_item.addItem(self.high_bars)
        self.base_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot_item.addItem(self.base_line)
        self.flip_labels: list[pg.TextItem] = []
        self.rows: tuple[SensitivityRow, ...] = ()
        self.base_cost = 0.0
        self.apply_colors()

    def apply_colors(self) -> None:
        super().apply_colors()
        c = self.colors
        self.low_bars.setOpts(brush=pg.mkBrush(c.low), pen=pg.mkPen(c.background))
        self.high_bars.setOpts(brush=pg.mkBrush(c.high), pen=pg.mkPen(c.background))
        self.base_line.setPen(pg.mkPen(c.foreground, width=1.5))
        for label in self.flip_labels:
            label.setColor(c.foreground)

    def table_for(self, advice: Advice) -> ChartTable:
        return sensitivity_table(advice, self.accessibleName())

    def draw(self, advice: Advice) -> None:
        rec = advice.recommendation
        chosen = advice.quote.options.get(rec.option) if rec.option else None
        rows = tuple(sorted((r for r in advice.sensitivity if r.low_cost is not None and r.high_cost is not None),
                            key=lambda r: r.impact_usd))  # biggest impact drawn last = on top
        self.rows = rows
        if chosen is None or chosen.monthly_usd is None or not rows:
            self.low_bars.setOpts(x0=[], x1=[], y=[])
            self.high_bars.setOpts(x0=[], x1=[], y=[])
            self.base_line.hide()
            for label in self.flip_labels:
                label.hide()
            self.plot_item.getAxis("left").setTicks([[]])
            self.set_notice("No sensitivity for this workload" if chosen else "No option is feasible")
            return
        self.set_notice("")
        base = self.base_cost = float(chosen.monthly_usd)
        self.base_line.setPos(base)
        self.base_line.show()
        self.plot_item.setLabel("bottom", shown(f"Monthly cost of {short_label(rec.option or '')} (USD); "
                                                f"now {usd_compact(base)}"))
        ys = list(range(len(rows)))
        self.low_bars.setOpts(x0=[base] * len(rows), x1=[float(r.low_cost or 0) for r in rows], y=ys)
        self.high_bars.setOpts(x0=[base] * len(rows), x1=[float(r.high_cost or 0) for r in rows], y=ys)
        ticks = [(i, _tick(r)) for i, r in enumerate(rows)]
        axis = self.plot_item.getAxis("left")
        axis.setTicks([ticks])
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        axis.setWidth(min(max(metrics.horizontalAdvance(t) for _, t in ticks) + 16, 380))
        self._flip_labels(rows, rec.option)
        lows = [min(float(r.low_cost or 0), float(r.high_cost or 0)) for r in rows]
        highs = [max(float(r.low_cost or 0), float(r.high_cost or 0)) for r in rows]
        span = max(max(highs) - min(lows), base * 0.05, 1.0)
        self.plot_item.setXRange(min(lows) - span * 0.08, max(highs) + span * 0.35, padding=0)
        self.plot_item.setYRange(-0.7, len(rows) - 0.3, padding=0)

    def _flip_labels(self, rows: tuple[SensitivityRow, ...], chosen: str | None) -> None:
        while len(self.flip_labels) < len(rows):
            label = pg.TextItem("", anchor=(0, 0.5), color=self.colors.foreground)
            self.plot_item.addItem(label, ignoreBounds=True)
            self.flip_labels.append(label)
        for i, (row, label) in enumerate(zip(rows, self.flip_labels, strict=False)):
            winners = {w for w in (row.low_winner, row.high_winner) if w and w != chosen}
            if winners:
                label.setText(tr("flips to " + " / ".join(short_label(w) for w in sorted(winners))))
                label.setPos(max(float(row.low_cost or 0), float(row.high_cost or 0)), i)
                label.show()
            else:
                label.hide()
        for label in self.flip_labels[len(rows):]:
            label.hide()

    def hover(self, point: QPointF) -> str:
        i = round(point.y())
        if not self.rows or not 0 <= i < len(self.rows) or abs(point.y() - i) > BAR_HEIGHT / 2:
            return ""
        r = self.rows[i]

        def side(value: float, cost: Decimal | None, winner: str | None) -> str:
            best = f", best: {short_label(winner)}" if winner else ""
            return f"at {_value(value)}: {usd_compact(float(cost)) if cost is not None else 'n/a'}{best}"

        return "\n".join([f"{r.label} (now {_value(r.base_value)}; base cost {usd_compact(self.base_cost)})",
                          side(r.low_value, r.low_cost, r.low_winner),
                          side(r.high_value, r.high_cost, r.high_winner)])
