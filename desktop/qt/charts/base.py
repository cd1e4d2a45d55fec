"""What every chart shares: palette-aware styling, human tick labels, a hover read-out, render-from-Advice."""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.format import short_number
from desktop.present.chart_table import ChartTable
from desktop.present.i18n import shown, tr
from desktop.qt.charts.chart_export import show_chart_menu
from desktop.qt.charts.palette import ChartColors, chart_colors


class HumanAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped: subclassing Any
    """Tick labels like 1k / 30M / $10k, in linear and in log mode."""

    def __init__(self, orientation: str, money: bool = False, **kwargs: Any):
        super().__init__(orientation, **kwargs)
        self.money = money
        self.enableAutoSIPrefix(False)
        self.setStyle(maxTickLevel=1)

    def _text(self, value: float) -> str:
        text = shown(short_number(value))  # the language's decimal comma
        return f"${text}" if self.money else text

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self.logMode:
            return self.logTickStrings(values, scale, spacing)
        return [self._text(v * scale) for v in values]

    def logTickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            number = 10 ** v
            mantissa = number / 10 ** math.floor(v + 1e-9)
            out.append(self._text(number) if round(mantissa) in (1, 3) else "")
        return out


class ChartBase(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph is untyped: subclassing Any
    """A PlotWidget that renders from an Advice and restyles itself when the palette changes."""

    def __init__(self, name: str, parent: QWidget | None = None, money_y: bool = True, money_x: bool = False,
                 right_axis: bool = False):
        axes = {"bottom": HumanAxis("bottom", money=money_x), "left": HumanAxis("left", money=money_y)}
        if right_axis:
            axes["right"] = HumanAxis("right")
        super().__init__(parent, axisItems=axes)
        self.setObjectName(name)
        self.setMinimumSize(320, 170)  # the window (with six options in the table) must fit 1280x720
        self.plot_item: pg.PlotItem = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.view_box: pg.ViewBox = self.plot_item.getViewBox()
        self.view_box.setMouseEnabled(x=False, y=False)
        self.readout = pg.TextItem("", anchor=(0, 0))
        self.readout.setParentItem(self.view_box)
        self.readout.setPos(6, 4)
        self.readout.setZValue(100)
        self.notice = pg.TextItem("", anchor=(0.5, 0.5))
        self.notice.setParentItem(self.view_box)
        self.notice.setZValue(99)
        self.readout_bottom_right = False
        self.colors: ChartColors = chart_colors()
        self._advice: Advice | None = None
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        # Grid lines as one path under the data: pyqtgraph's own grid repaints with every axis (~4 ms each).
        self.grid = pg.PlotCurveItem(connect="pairs")
        self.grid.setZValue(-50)
        self.view_box.addItem(self.grid, ignoreBounds=True)
        self.view_box.sigRangeChanged.connect(self._draw_grid)
        self._ready = True
        self.view_box.sigResized.connect(self._place_notice)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # copy, save as PNG or SVG
        self.customContextMenuRequested.connect(lambda pos: show_chart_menu(self, pos))
        self.setAccessibleDescription(tr("Its numbers: Show as table in its context menu, or Edit > Chart as "
                                         "table (Ctrl+Shift+T)"))

    # --- rendering --------------------------------------------------------------------------------
    def render_advice(self, advice: Advice) -> None:
        self._advice = advice
        self.readout.setText("")
        self.draw(advice)

    def draw(self, advice: Advice) -> None:
        raise NotImplementedError

    def data_table(self) -> ChartTable | None:
        """The chart's numbers as a table (None before the first advice)."""
        return None if self._advice is None else self.table_for(self._advice)

    def table_for(self, advice: Advice) -> ChartTable:
        raise NotImplementedError

    def hover(self, point: QPointF) -> str:
        """The read-out text for a point in view coordinates ('' for none)."""
        return ""

    def grid_positions(self) -> tuple[list[float], list[float]]:
        """Where vertical and horizontal grid lines go: the major ticks of the bottom and left axes."""
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        size = self.view_box.size()

        def major(side: str, low: float, high: float, pixels: float) -> list[float]:
            axis = self.plot_item.getAxis(side)
            if axis._tickLevels:  # ticks set by the chart: [[(value, label), ...], ...]
                values = [float(value) for value, _label in axis._tickLevels[0]]
            elif pixels <= 0:  # not laid out yet (a hidden tab rendered for an export): no grid to place
                return []
            else:  # pyqtgraph's own: [(spacing, [value, ...]), ...]
                levels = axis.tickValues(low, high, pixels)
                values = [float(v) for v in levels[0][1]] if levels else []
            return [v for v in values if low <= v <= high]

        return major("bottom", x0, x1, size.width()), major("left", y0, y1, size.height())

    def _draw_grid(self, *_args: object) -> None:
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        verticals, horizontals = self.grid_positions()
        xs: list[float] = []
        ys: list[float] = []
        for x in verticals:
            xs += [x, x]
            ys += [y0, y1]
        for y in horizontals:
            xs += [x0, x1]
            ys += [y, y]
        self.grid.setData(xs, ys, connect="pairs")

    def set_labels(self, bottom: str, left: str) -> None:
        """Axis titles, set only when they change (setting one makes pyqtgraph lay the axis out again)."""
        for side, text in (("bottom", tr(bottom)), ("left", tr(left))):
            axis = self.plot_item.getAxis(side)
            if axis.labelText != text or not axis.label.isVisible():
                self.plot_item.setLabel(side, text)

    def set_notice(self, text: str) -> None:
        if shown(text) != self.notice.toPlainText():
            self.notice.setText(shown(text))
            self._place_notice()

    def _place_notice(self) -> None:
        rect = self.view_box.boundingRect()
        self.notice.setPos(rect.center())

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        if self._advice is None or not self.view_box.sceneBoundingRect().contains(scene_pos):
            self.readout.setText("")
            return
        self.readout.setText(shown(self.hover(self.view_box.mapSceneToView(scene_pos))))
        if self.readout_bottom_right:
            rect = self.view_box.boundingRect()
            self.readout.setAnchor((1, 1))
            self.readout.setPos(rect.right() - 6, rect.bottom() - 4)

    # --- styling ----------------------------------------------------------------------------------
    def apply_colors(self) -> None:
        self.colors = colors = chart_colors(self.palette())
        self.setBackground(colors.background)
        pen = pg.mkPen(colors.foreground)
        for name in ("left", "bottom", "right"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pen)
            axis.setTextPen(pen)
        self.plot_item.showGrid(x=False, y=False)
        grid = pg.mkColor(colors.foreground)
        grid.setAlphaF(colors.grid_alpha)
        self.grid.setPen(pg.mkPen(grid, width=1))
        self.readout.setColor(colors.foreground)
        self.readout.fill = pg.mkBrush(colors.background + "E6")
        self.notice.setColor(colors.foreground)
        self.plot_item.titleLabel.setAttr("color", colors.foreground)
        legend = self.plot_item.legend
        if legend is not None:
            legend.setLabelTextColor(colors.foreground)
            for _sample, label in legend.items:
                label.setText(label.text, color=colors.foreground)
            legend.setBrush(pg.mkBrush(colors.background + "CC"))
            legend.setPen(pg.mkPen(colors.foreground + "55"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        closed = self.__dict__.get("plotItem", self) is None  # pyqtgraph's close() drops the plot: nothing to style
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_ready", False) and not closed:
            self.apply_colors()
            if self._advice is not None:
                self.draw(self._advice)
