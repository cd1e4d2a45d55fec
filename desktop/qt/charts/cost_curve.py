"""Monthly cost against monthly volume for each option compared (log axes), break-evens and this workload's volume."""

from __future__ import annotations

import bisect
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.advice.uncertainty import known_monte_carlo
from desktop.model.format import short_number, usd_compact
from desktop.model.options.registry import short_label
from desktop.present.chart_table import ChartTable, cost_curve_table
from desktop.present.cost_chart import (
    PADDING,
    CostAxes,
    break_even_label,
    break_even_points,
    cost_axes,
    current_label,
)
from desktop.present.i18n import shown, tr
from desktop.present.label_places import Box, place_labels
from desktop.present.text import curve_left_out
from desktop.qt.charts.base import ChartBase
from desktop.qt.charts.palette import pen_style


def _log_or_nan(values: tuple[float | None, ...]) -> np.ndarray:
    return np.array([v if v is not None and v > 0 else np.nan for v in values], dtype=float)


def _box(rect: QRectF) -> Box:
    return Box(rect.left(), rect.top(), rect.width(), rect.height())


class CostCurveChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("cost_curve_chart", parent, money_y=True)
        self.setAccessibleName(tr("Monthly cost against monthly volume"))
        self.plot_item.setLogMode(x=True, y=True)
        self.legend = self.plot_item.addLegend(offset=(10, 10))
        self.readout_bottom_right = True
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.break_evens = pg.PlotDataItem(pen=None, symbol="d", symbolSize=11)
        self.plot_item.addItem(self.break_evens)
        self.break_even_labels: list[pg.TextItem] = []
        self._label_points: list[tuple[float, float]] = []  # each label's point (log volume, log cost)
        self.marker = pg.InfiniteLine(angle=90, movable=False,
                                      label="", labelOpts={"position": 0.93, "anchors": [(0, 0), (0, 0)]})
        self.plot_item.addItem(self.marker)
        self.view_box.disableAutoRange()
        self.view_box.sigResized.connect(lambda _box: self.place_labels())
        self.view_box.sigRangeChanged.connect(lambda *_args: self.place_labels())
        self.legend.geometryChanged.connect(self.place_labels)  # its size settles after new names are laid out
        self._range: tuple[float, float, float, float] | None = None
        self.bands: dict[str, pg.ErrorBarItem] = {}  # option -> its P10-P90 band at this volume (ranged workloads)
        self._hidden_bands: list[pg.ErrorBarItem] = []  # an earlier advice's, until the next are drawn
        self.current_volume: int | None = None
        self._volumes: tuple[float, ...] = ()
        self._log_volumes: list[float] = []
        # what the items show now: an edit sets only what changed (each setter makes pyqtgraph work and repaint)
        self._drawn_volumes: tuple[float, ...] = ()
        self._drawn_costs: dict[str, tuple[float | None, ...]] = {}
        self._drawn_points: list[tuple[int, float]] = []
        self._pens: dict[str, tuple[object, ...]] = {}
        self.apply_colors()

    def apply_colors(self) -> None:
        super().apply_colors()
        c = self.colors
        self.marker.setPen(pg.mkPen(c.marker, width=2))
        self.marker.label.setColor(c.foreground)
        self.break_evens.setSymbolBrush(pg.mkBrush(c.break_even))
        self.break_evens.setSymbolPen(pg.mkPen(c.foreground))
        for label in self.break_even_labels:
            label.setColor(c.foreground)
            label.fill = self._label_fill()

    def table_for(self, advice: Advice) -> ChartTable:
        return cost_curve_table(advice, self.accessibleName())

    def draw(self, advice: Advice) -> None:
        curves = advice.curves
        c = self.colors
        unit = curves.unit_name + "s"
        self.set_labels(f"Monthly volume ({unit} a month, log scale)", "Monthly cost (USD, log scale)")
        if curves.volumes != self._volumes:
            self._volumes = curves.volumes
            self._log_volumes = [math.log10(v) for v in curves.volumes]
        self._sync_curves(tuple(curves.costs))
        fresh = self._drawn_costs.keys() != curves.costs.keys() or self._drawn_volumes != curves.volumes
        x = np.array(curves.volumes, dtype=float)
        for option, item in self.curves.items():
            feasible = curves.feasible.get(option, True)
            costs = curves.costs.get(option, ())
            if fresh or self._drawn_costs.get(option) != costs:  # a volume edit moves the marker, not the curves
                item.setData(x, _log_or_nan(costs), connect="finite")
            color = c.option(option)
            if not feasible:
                color.setAlpha(110)
            style = (color.rgba(), feasible, pen_style(option))
            if self._pens.get(option) != style:
                self._pens[option] = style
                item.setPen(pg.mkPen(color, width=3 if feasible else 1.5, style=style[2]))
            name = short_label(option) + (f" {curve_left_out(curves, option)}".rstrip() if feasible
                                          else " (ruled out)")
            label = self.legend.getLabel(item)
            if label is not None and label.text != shown(name):  # (apply_colors gives it a new colour)
                label.setText(shown(name), color=c.foreground)  # setting it lays the legend out again
        self._drawn_volumes, self._drawn_costs = curves.volumes, dict(curves.costs)
        groups = break_even_points(advice.break_even, list(advice.quote.options))
        points = list(groups)
        if points != self._drawn_points:
            self._drawn_points = points
            self.break_evens.setData([p[0] for p in points], [p[1] for p in points])
        if points and self.legend.getLabel(self.break_evens) is None:
            self.legend.addItem(self.break_evens, tr("Break-even"))
        elif not points:
            self.legend.removeItem(self.break_evens)
        self._label_break_evens(groups)
        self.current_volume = curves.current_volume
        if curves.current_volume > 0:
            self.marker.setPos(math.log10(curves.current_volume))
            said = shown(current_label(curves.current_volume))
            if said != self.marker.label.format:
                self.marker.label.setFormat(said)
            self.marker.show()
        else:
            self.marker.hide()
        self.draw_bands(advice)
        self._fit_range(cost_axes(curves))
        priced = any(c is not None and c > 0 for costs in curves.costs.values() for c in costs)
        self.set_notice("" if priced else "No option can be priced for this workload")
        self.place_labels()  # the marker's label and the legend are final now

    def draw_bands(self, advice: Advice) -> None:
        """A ranged workload's P10-P90 monthly cost of each option (a bar with a P50 tick) at its likely volume,
        once its Monte Carlo is known (the session runs it off the GUI thread, then calls this again).

        Until then the bands of the advice before are hidden, and removed once new ones are drawn: removing an item
        from the plot repaints all of it, in the edit's frame (hiding repaints the bands' strip)."""
        for item in self.bands.values():
            item.hide()
        self._hidden_bands += self.bands.values()
        self.bands = {}
        try:
            found = known_monte_carlo(advice.quote)[1]
        except ValueError:  # the recommendation says why in one line
            return
        volume = advice.quote.units_per_month
        if found is None or volume <= 0:
            return
        for item in self._hidden_bands:
            self.plot_item.removeItem(item)
        self._hidden_bands = []
        for i, (option, spread) in enumerate(found.options.items()):
            if (spread.p10 is None or spread.p50 is None or spread.p90 is None or spread.p10 <= 0
                    or not found.complete.get(option, True)):  # a lower bound drawn as a band would read as whole
                continue
            low, mid, high = (math.log10(float(v)) for v in (spread.p10, spread.p50, spread.p90))
            x = math.log10(volume) + 0.04 * (i - (len(found.options) - 1) / 2)  # side by side at the volume
            band = pg.ErrorBarItem(x=np.array([x]), y=np.array([mid]), top=np.array([high - mid]),
                                   bottom=np.array([mid - low]), beam=0.04,
                                   pen=pg.mkPen(self.colors.option(option), width=3))
            self.plot_item.addItem(band)
            self.bands[option] = band

    def _sync_curves(self, options: tuple[str, ...]) -> None:
        """One curve per option in the advice, in its order (options come and go with the registry)."""
        if tuple(self.curves) == options:
            return
        for item in self.curves.values():
            self.plot_item.removeItem(item)
            self.legend.removeItem(item)
        self.curves = {}
        self._drawn_costs, self._pens = {}, {}
        for option in options:
            item = pg.PlotDataItem(name=short_label(option), connect="finite")
            self.plot_item.addItem(item)
            self.curves[option] = item

    def _fit_range(self, spans: CostAxes | None) -> None:
        """Whole decades around the data: an edit that stays within them redraws no axis (axes cost ~4 ms)."""
        if spans is None:
            return
        wanted = (spans.volume.low, spans.volume.high, spans.cost.low, spans.cost.high)
        if wanted != self._range:
            self._range = wanted
            self.view_box.setRange(xRange=wanted[:2], yRange=wanted[2:], padding=PADDING)

    def grid_positions(self) -> tuple[list[float], list[float]]:
        """Decade lines on both log axes."""
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        return ([float(d) for d in range(math.ceil(x0), math.floor(x1) + 1)],
                [float(d) for d in range(math.ceil(y0), math.floor(y1) + 1)])

    def _label_break_evens(self, groups: dict[tuple[int, float], list[str]]) -> None:
        points = list(groups)
        while len(self.break_even_labels) < len(points):
            label = pg.TextItem("", anchor=(0, 0), color=self.colors.foreground, fill=self._label_fill())
            self.plot_item.addItem(label, ignoreBounds=True)
            self.break_even_labels.append(label)
        self._label_points = [(math.log10(volume), math.log10(cost)) for volume, cost in points]
        for label, (volume, cost) in zip(self.break_even_labels, points, strict=False):
            label.setText(shown(break_even_label(groups[(volume, cost)], volume)))
            label.show()
        for label in self.break_even_labels[len(points):]:
            label.hide()

    def _label_fill(self) -> QBrush:
        """The plot's background, mostly opaque: a label stays legible over the curves it crosses."""
        colour = QColor(self.colors.background)
        colour.setAlpha(200)
        return QBrush(colour)

    def place_labels(self) -> None:
        """Each break-even label near its point, over no other label or point, the legend or the "this workload"
        label (in pixels: again whenever the plot's size, range or type size changes)."""
        if not self._label_points:
            return
        view = self.view_box
        area = _box(view.sceneBoundingRect())
        obstacles = [_box(self.legend.sceneBoundingRect())] if self.legend.isVisible() else []
        if self.marker.isVisible() and self.marker.label.isVisible():
            obstacles.append(_box(self.marker.label.sceneBoundingRect()))
        labels = self.break_even_labels[:len(self._label_points)]
        anchors = [view.mapViewToScene(QPointF(x, y)) for x, y in self._label_points]
        obstacles += [Box(p.x() - 7, p.y() - 7, 14, 14) for p in anchors]  # no label hides another's point
        sizes = [(item.textItem.boundingRect().width(), item.textItem.boundingRect().height()) for item in labels]
        boxes = place_labels([(p.x(), p.y()) for p in anchors], sizes, area, obstacles)
        for label, box in zip(labels, boxes, strict=True):
            label.setVisible(box is not None)
            if box is not None:
                label.setPos(view.mapSceneToView(QPointF(box.left, box.top)))

    def hover(self, point: QPointF) -> str:
        if not self._log_volumes or self._advice is None:
            return ""
        i = min(bisect.bisect_left(self._log_volumes, point.x()), len(self._log_volumes) - 1)
        if i > 0 and point.x() - self._log_volumes[i - 1] < self._log_volumes[i] - point.x():
            i -= 1
        curves = self._advice.curves
        lines = [f"{short_number(self._volumes[i])} {curves.unit_name}s a month"]
        for option, costs in curves.costs.items():
            value = costs[i] if i < len(costs) else None
            lines.append(f"{short_label(option)}: {usd_compact(value)}")
        near = [b.text for b in self._advice.break_even if b.volume
                and abs(math.log10(b.volume) - point.x()) < 0.08]
        return "\n".join(lines + near)
