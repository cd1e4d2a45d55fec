"""Capacity hour by hour over the day: the load, and what each option runs (concurrency, tasks, instances)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.format import short_number
from desktop.present.chart_table import ChartTable, hourly_table
from desktop.present.i18n import tr
from desktop.present.style import option_style
from desktop.qt.charts.base import ChartBase
from desktop.qt.charts.palette import pen_style, symbol

HOURS = np.arange(25, dtype=float)


class HourlyCapacityChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("hourly_capacity_chart", parent, money_y=False, right_axis=True)
        self.setAccessibleName(tr("Capacity over the day"))
        self.legend = self.plot_item.addLegend(offset=(10, 5), colCount=4)
        self.plot_item.setLabel("bottom", tr("Hour of the day (UTC)"))
        self.plot_item.setLabel("left", tr("Concurrency, tasks, instances"))
        self.plot_item.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 25, 3)]])
        self.plot_item.showAxis("right")
        self.plot_item.getAxis("right").linkToView(self._make_load_view())
        self.load = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.load_view.addItem(self.load)
        self.legend.addItem(self.load, tr("Load (right axis)"))
        self.series: dict[str, pg.PlotDataItem] = {}
        self.markers: dict[str, pg.PlotDataItem] = {}
        self.names: dict[str, str] = {}
        self.whole: dict[str, bool] = {}
        self.values: dict[str, tuple[float, ...]] = {}
        self.load_values: tuple[float, ...] = ()
        self.load_unit = ""
        self.apply_colors()

    def _make_load_view(self) -> pg.ViewBox:
        self.load_view = pg.ViewBox(enableMouse=False)
        self.plot_item.scene().addItem(self.load_view)
        self.load_view.setXLink(self.plot_item)
        self.load_view.setZValue(-10)
        self.view_box.sigResized.connect(lambda: self.load_view.setGeometry(self.view_box.sceneBoundingRect()))
        return self.load_view

    def apply_colors(self) -> None:
        super().apply_colors()
        c = self.colors
        fill = pg.mkColor(c.load)
        fill.setAlpha(60)
        self.load.setPen(pg.mkPen(c.load, width=1))
        self.load.setBrush(pg.mkBrush(fill))
        for option, item in self.series.items():
            item.setPen(pg.mkPen(c.option(option), width=2.5, style=pen_style(option)))
            self.markers[option].setSymbolBrush(pg.mkBrush(c.option(option)))
            self.markers[option].setSymbolPen(pg.mkPen(c.background))

    def _sync_series(self, names: dict[str, str]) -> None:
        """One series (and its markers) per option with hourly capacity, named by what it counts."""
        names = {option: tr(name) for option, name in names.items()}  # in the app's language
        if {o: n for o, n in self.names.items()} == names:
            return
        for option in list(self.series):
            self.plot_item.removeItem(self.series.pop(option))
            self.plot_item.removeItem(self.markers.pop(option))
            self.legend.removeItem(self.names[option])
        self.names = dict(names)
        for option, name in names.items():
            self.series[option] = self.plot_item.plot(stepMode="center", name=name)
            self.markers[option] = self.plot_item.plot(pen=None, symbol=symbol(option), symbolSize=7)
        self.apply_colors()

    def table_for(self, advice: Advice) -> ChartTable:
        return hourly_table(advice, self.accessibleName())

    def draw(self, advice: Advice) -> None:
        quote = advice.quote
        sized = [(o.option, o.capacity) for o in quote.options.values() if o.capacity is not None]
        self._sync_series({option: cap.hourly_name for option, cap in sized})
        self.values = {option: cap.hourly for option, cap in sized if len(cap.hourly) == 24}
        self.whole = {option: cap.hourly_whole for option, cap in sized}
        for option, item in self.series.items():
            data = self.values.get(option)
            if data:
                item.setData(HOURS, np.array(data, dtype=float))
                self.markers[option].setData(HOURS[:-1] + 0.5 + option_style(option).shift,
                                             np.array(data, dtype=float))
            else:
                item.setData([], [])
                self.markers[option].setData([], [])
        self.load_unit = quote.load_unit
        self.load_values = quote.hourly_load
        if self.load_values:
            self.load.setData(HOURS, np.array(self.load_values, dtype=float))
        else:
            self.load.setData([], [])
        self.plot_item.getAxis("right").setLabel(tr(f"Load ({self.load_unit})"))
        top = max([max(v) for v in self.values.values() if v] + [1.0])
        self.plot_item.setYRange(0, top * 1.3, padding=0)
        self.plot_item.setXRange(0, 24, padding=0.01)
        self.load_view.setYRange(0, max((*self.load_values, 1e-9)) * 1.3, padding=0)
        self.set_notice("" if self.values else "No capacity to show")

    def hover(self, point: QPointF) -> str:
        hour = int(point.x())
        if not 0 <= hour < 24 or not self.values:
            return ""
        lines = [f"{hour:02d}:00-{hour + 1:02d}:00 UTC"]
        if self.load_values:
            lines.append(f"Load: {short_number(self.load_values[hour])} {self.load_unit}")
        for option, name in self.names.items():
            data = self.values.get(option)
            if data:
                value = data[hour]
                lines.append(f"{name}: {value:,.0f}" if self.whole.get(option) else f"{name}: {value:,.1f}")
        return "\n".join(lines)
