"""The four charts in tabs; every chart renders from the same Advice.

pyqtgraph costs a few hundred milliseconds to import, so the tabs start as light placeholders and the
charts are built just after the window's first paint (`build_after_first_paint`), or at once when a
caller asks for a chart (`ensure_built`). The quote itself (table, recommendation) never waits for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.workload.spec import Workload
from desktop.qt.charts.setup import configure_pyqtgraph

if TYPE_CHECKING:
    from desktop.qt.charts.base import ChartBase
    from desktop.qt.charts.breakdown import BreakdownChart
    from desktop.qt.charts.cost_curve import CostCurveChart
    from desktop.qt.charts.hourly_capacity import HourlyCapacityChart
    from desktop.qt.charts.tornado import TornadoChart

TAB_TITLES = ("Cost vs &volume", "&Breakdown", "&Sensitivity", "&Hourly capacity")


class _AfterFirstPaint(QObject):
    """Calls back once, on the event loop turn after the watched widget first paints."""

    def __init__(self, watched: QWidget, callback: Callable[[], None]):
        super().__init__(watched)
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class ChartTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None, lazy: bool = True):
        super().__init__(parent)
        self.lazy = lazy  # render hidden charts when their tab is shown, not on every edit
        self._pending: tuple[Advice, Workload] | None = None
        self._stale: set[int] = set()
        self._charts: tuple[ChartBase, ...] = ()
        self.setObjectName("charts")
        for title in TAB_TITLES:
            placeholder = QLabel("Drawing the chart...", self)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.addTab(placeholder, title)
        self.currentChanged.connect(self._render_stale)

    # --- building ---------------------------------------------------------------------------------
    @property
    def built(self) -> bool:
        return bool(self._charts)

    def build_after_first_paint(self, watched: QWidget) -> None:
        _AfterFirstPaint(watched, self.ensure_built)

    def ensure_built(self) -> None:
        if self._charts:
            return
        configure_pyqtgraph()
        from desktop.qt.charts.breakdown import BreakdownChart
        from desktop.qt.charts.cost_curve import CostCurveChart
        from desktop.qt.charts.hourly_capacity import HourlyCapacityChart
        from desktop.qt.charts.tornado import TornadoChart

        current = self.currentIndex()
        self.blockSignals(True)
        charts: tuple[ChartBase, ...] = (CostCurveChart(self), BreakdownChart(self), TornadoChart(self),
                                         HourlyCapacityChart(self))
        for index, chart in enumerate(charts):
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, chart, TAB_TITLES[index])
            self.setTabToolTip(index, chart.accessibleName())
            if placeholder is not None:
                placeholder.deleteLater()
        self._charts = charts
        self.setCurrentIndex(current)
        self.blockSignals(False)
        if self._pending is not None:
            self.render_advice(*self._pending)

    @property
    def charts(self) -> tuple[ChartBase, ...]:
        self.ensure_built()
        return self._charts

    @property
    def cost_curve(self) -> CostCurveChart:
        return self.charts[0]

    @property
    def breakdown(self) -> BreakdownChart:
        return self.charts[1]

    @property
    def tornado(self) -> TornadoChart:
        return self.charts[2]

    @property
    def hourly(self) -> HourlyCapacityChart:
        return self.charts[3]

    # --- rendering --------------------------------------------------------------------------------
    def render_advice(self, advice: Advice, workload: Workload) -> None:
        self._pending = (advice, workload)
        self._stale = set(range(len(TAB_TITLES)))
        if not self._charts:
            return
        current = self.currentIndex()
        for i in ([current] if self.lazy else range(len(self._charts))):
            self._render(i)

    def _render(self, index: int) -> None:
        if self._charts and self._pending is not None and index in self._stale:
            self._stale.discard(index)
            self._charts[index].render_advice(*self._pending)

    def _render_stale(self, index: int) -> None:
        self._render(index)

    def render_all(self) -> None:
        """Bring every chart up to date now (exports and screenshots of hidden tabs)."""
        self.ensure_built()
        for i in range(len(self._charts)):
            self._render(i)
