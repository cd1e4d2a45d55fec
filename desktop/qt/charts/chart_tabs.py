"""The four charts in tabs; every chart renders from the same Advice."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.model.advice import Advice
from desktop.model.workload import Workload
from desktop.qt.charts.base import ChartBase
from desktop.qt.charts.breakdown import BreakdownChart
from desktop.qt.charts.cost_curve import CostCurveChart
from desktop.qt.charts.hourly_capacity import HourlyCapacityChart
from desktop.qt.charts.tornado import TornadoChart


class ChartTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None, lazy: bool = True):
        super().__init__(parent)
        self.lazy = lazy  # render hidden charts when their tab is shown, not on every edit
        self._pending: tuple[Advice, Workload] | None = None
        self._stale: set[int] = set()
        self.setObjectName("charts")
        self.cost_curve = CostCurveChart(self)
        self.breakdown = BreakdownChart(self)
        self.tornado = TornadoChart(self)
        self.hourly = HourlyCapacityChart(self)
        self.charts: tuple[ChartBase, ...] = (self.cost_curve, self.breakdown, self.tornado, self.hourly)
        self.addTab(self.cost_curve, "Cost vs &volume")
        self.addTab(self.breakdown, "&Breakdown")
        self.addTab(self.tornado, "&Sensitivity")
        self.addTab(self.hourly, "&Hourly capacity")
        for i, chart in enumerate(self.charts):
            self.setTabToolTip(i, chart.accessibleName())
        self.currentChanged.connect(self._render_stale)

    def render_advice(self, advice: Advice, workload: Workload) -> None:
        self._pending = (advice, workload)
        current = self.currentIndex()
        self._stale = set(range(len(self.charts)))
        for i in ([current] if self.lazy else range(len(self.charts))):
            self._render(i)

    def _render(self, index: int) -> None:
        if self._pending is not None and index in self._stale:
            self._stale.discard(index)
            self.charts[index].render_advice(*self._pending)

    def _render_stale(self, index: int) -> None:
        self._render(index)

    def render_all(self) -> None:
        """Bring every chart up to date now (exports and screenshots of hidden tabs)."""
        for i in range(len(self.charts)):
            self._render(i)
