"""Capacity hour by hour over the day: the load, Lambda concurrency, Fargate tasks and EC2 instances."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.advice.quote import Ec2Capacity, FargateCapacity, LambdaCapacity
from desktop.model.workload.spec import Workload
from desktop.qt.charts.base import ChartBase, short_number
from desktop.qt.charts.palette import LINE_STYLES, SYMBOLS

HOURS = np.arange(25, dtype=float)
MARKER_SHIFT = {"lambda": 0.0, "fargate": -0.2, "ec2": 0.2}  # keeps equal counts apart


class HourlyCapacityChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("hourly_capacity_chart", parent, money_y=False, right_axis=True)
        self.setAccessibleName("Capacity over the day")
        self.legend = self.plot_item.addLegend(offset=(10, 5), colCount=4)
        self.plot_item.setLabel("bottom", "Hour of the day (UTC)")
        self.plot_item.setLabel("left", "Concurrency, tasks, instances")
        self.plot_item.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 25, 3)]])
        self.plot_item.showAxis("right")
        self.plot_item.getAxis("right").linkToView(self._make_load_view())
        self.load = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.load_view.addItem(self.load)
        self.legend.addItem(self.load, "Load (right axis)")
        self.series = {
            "lambda": self.plot_item.plot(stepMode="center", name="Lambda concurrency"),
            "fargate": self.plot_item.plot(stepMode="center", name="Fargate tasks"),
            "ec2": self.plot_item.plot(stepMode="center", name="EC2 instances"),
        }
        self.markers = {option: self.plot_item.plot(pen=None, symbol=SYMBOLS[option], symbolSize=7)
                        for option in self.series}
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
            item.setPen(pg.mkPen(c.option(option), width=2.5, style=LINE_STYLES[option]))
            self.markers[option].setSymbolBrush(pg.mkBrush(c.option(option)))
            self.markers[option].setSymbolPen(pg.mkPen(c.background))

    def draw(self, advice: Advice, workload: Workload) -> None:
        options = advice.quote.options
        self.values = {}
        lam = options["lambda"].capacity if "lambda" in options else None
        far = options["fargate"].capacity if "fargate" in options else None
        ec2 = options["ec2"].capacity if "ec2" in options else None
        if isinstance(lam, LambdaCapacity):
            self.values["lambda"] = lam.hourly_concurrency
        if isinstance(far, FargateCapacity):
            self.values["fargate"] = tuple(float(t) for t in far.tasks_per_hour)
        if isinstance(ec2, Ec2Capacity):
            self.values["ec2"] = tuple(float(n) for n in ec2.instances_per_hour)
        for option, item in self.series.items():
            data = self.values.get(option)
            if data and len(data) == 24:
                item.setData(HOURS, np.array(data, dtype=float))
                self.markers[option].setData(HOURS[:-1] + 0.5 + MARKER_SHIFT[option], np.array(data, dtype=float))
            else:
                item.setData([], [])
                self.markers[option].setData([], [])
        duration_s = workload.traffic.duration_ms / 1000.0
        if isinstance(lam, LambdaCapacity) and duration_s > 0:
            jobs = workload.is_jobs
            scale = 3600.0 if jobs else 1.0
            self.load_unit = "runs/hour" if jobs else "requests/s"
            self.load_values = tuple(c / duration_s * scale for c in lam.hourly_concurrency)
            self.load.setData(HOURS, np.array(self.load_values, dtype=float))
        else:
            self.load_values = ()
            self.load.setData([], [])
        self.plot_item.getAxis("right").setLabel(f"Load ({self.load_unit})")
        top = max([max(v) for v in self.values.values() if v] + [1.0])
        self.plot_item.setYRange(0, top * 1.3, padding=0)
        self.plot_item.setXRange(0, 24, padding=0.01)
        self.load_view.setYRange(0, max((*self.load_values, 1e-9)) * 1.3, padding=0)
        self.set_notice("" if self.values else "No capacity to show")

    def hover(self, point: QPointF) -> str:
        hour = int(point.x())
        if not 0 <= hour < 24 or not self.values:
            return ""
        names = {"lambda": "Lambda concurrency", "fargate": "Fargate tasks", "ec2": "EC2 instances"}
        lines = [f"{hour:02d}:00-{hour + 1:02d}:00 UTC"]
        if self.load_values:
            lines.append(f"Load: {short_number(self.load_values[hour])} {self.load_unit}")
        for option, name in names.items():
            data = self.values.get(option)
            if data:
                value = data[hour]
                lines.append(f"{name}: {value:,.1f}" if option == "lambda" else f"{name}: {value:,.0f}")
        return "\n".join(lines)
