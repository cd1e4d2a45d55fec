"""The five charts in tabs; every chart renders from the same Advice.

pyqtgraph costs about as much to import as the rest of the window takes to build, so the window's first paint
does without it: the "Cost vs volume" tab starts with its first view painted with QPainter
(desktop.qt.charts.first_view, drawn like the real chart), and the other tabs with light placeholders. Just
after the window's first paint (`build_after_first_paint`) the visible chart is built and swapped in; each other
chart is built when its tab is first shown, or when a caller needs them all (`ensure_built`, `charts`). Only
the visible chart redraws on an edit; a hidden one catches up when its tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from desktop.model.advice.advise import Advice
from desktop.present.i18n import tr
from desktop.qt.charts.first_view import CostCurveFirstView
from desktop.qt.charts.setup import configure_pyqtgraph

if TYPE_CHECKING:
    from desktop.qt.charts.base import ChartBase
    from desktop.qt.charts.breakdown import BreakdownChart
    from desktop.qt.charts.cost_curve import CostCurveChart
    from desktop.qt.charts.horizon import HorizonChart
    from desktop.qt.charts.hourly_capacity import HourlyCapacityChart

TAB_TITLES = ("Cost vs &volume", "&Breakdown", "&Sensitivity", "&Hourly capacity", "Over the &years")


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


def _make_chart(index: int, parent: QWidget) -> ChartBase:
    """The chart of tab `index` (its module imported only now: pyqtgraph comes with it)."""
    if index == 0:
        from desktop.qt.charts.cost_curve import CostCurveChart

        return CostCurveChart(parent)
    if index == 1:
        from desktop.qt.charts.breakdown import BreakdownChart

        return BreakdownChart(parent)
    if index == 2:
        from desktop.qt.charts.tornado import TornadoChart

        return TornadoChart(parent)
    if index == 3:
        from desktop.qt.charts.hourly_capacity import HourlyCapacityChart

        return HourlyCapacityChart(parent)
    from desktop.qt.charts.horizon import HorizonChart

    return HorizonChart(parent)


class ChartTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None, lazy: bool = True):
        super().__init__(parent)
        self.lazy = lazy  # render hidden charts when their tab is shown, not on every edit
        self._pending: Advice | None = None
        self._stale: set[int] = set()
        self._built: list[ChartBase | None] = [None] * len(TAB_TITLES)
        self.setObjectName("charts")
        self.first_view: CostCurveFirstView | None = CostCurveFirstView(self)
        self.addTab(self.first_view, tr(TAB_TITLES[0]))
        for title in map(tr, TAB_TITLES[1:]):
            placeholder = QLabel(tr("Drawing the chart..."), self)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setObjectName("chart_placeholder")
            self.addTab(placeholder, title)
        self.currentChanged.connect(self._shown)

    # --- building ---------------------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """The visible tab holds its real (pyqtgraph) chart."""
        return self._built[self.currentIndex()] is not None

    def build_after_first_paint(self, watched: QWidget) -> None:
        _AfterFirstPaint(watched, lambda: self._build(self.currentIndex()))

    def ensure_built(self) -> None:
        """Every chart built (and the visible one up to date)."""
        for index in range(len(TAB_TITLES)):
            self._build(index)

    def _build(self, index: int) -> None:
        if self._built[index] is not None:
            return
        configure_pyqtgraph()
        chart = _make_chart(index, self)
        old = self.widget(index)
        current = self.currentIndex()
        self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, chart, tr(TAB_TITLES[index]))
        self.setTabToolTip(index, chart.accessibleName())
        self.setCurrentIndex(current)
        self.blockSignals(False)
        if old is not None:
            old.deleteLater()
        if old is self.first_view:
            self.first_view = None
        self._built[index] = chart
        if index == current or not self.lazy:
            self._render(index)

    @property
    def charts(self) -> tuple[ChartBase, ...]:
        self.ensure_built()
        return tuple(chart for chart in self._built if chart is not None)

    @property
    def cost_curve(self) -> CostCurveChart:
        return self.charts[0]

    @property
    def breakdown(self) -> BreakdownChart:
        return self.charts[1]

    @property
    def hourly(self) -> HourlyCapacityChart:
        return self.charts[3]

    @property
    def horizon(self) -> HorizonChart:
        return self.charts[4]

    # --- rendering --------------------------------------------------------------------------------
    def render_advice(self, advice: Advice) -> None:
        self._pending = advice
        self._stale = set(range(len(TAB_TITLES)))
        if self.first_view is not None:
            self.first_view.render_advice(advice)
        current = self.currentIndex()
        for i in ([current] if self.lazy else range(len(TAB_TITLES))):
            self._render(i)

    def _render(self, index: int) -> None:
        chart = self._built[index]
        if chart is not None and self._pending is not None and index in self._stale:
            self._stale.discard(index)
            chart.render_advice(self._pending)

    def _shown(self, index: int) -> None:
        self._build(index)
        self._render(index)

    def render_all(self) -> None:
        """Bring every chart up to date now (exports and screenshots of hidden tabs)."""
        self.ensure_built()
        for i in range(len(TAB_TITLES)):
            self._render(i)
