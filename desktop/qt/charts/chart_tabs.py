"""The five charts in tabs; every chart renders from the same Advice.

The visible chart ("Cost vs volume") is built, pyqtgraph with it, as the tabs are made, before the window shows,
as a bare pyqtgraph window does, and laid out at its shown size before the first paint: the window's first paint
holds the table and the real chart, the first frame is the final one, and nothing of the chart's making is left
to hold the window once it shows. The other tabs start with light placeholders; each of their charts is built
when its tab is first shown, or when a caller needs them all (`ensure_built`, `charts`). Only the visible chart
redraws on an edit; a hidden one catches up when its tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from desktop.model.advice.advise import Advice
from desktop.present.i18n import tr
from desktop.qt.charts.setup import configure_pyqtgraph

if TYPE_CHECKING:
    from desktop.qt.charts.base import ChartBase
    from desktop.qt.charts.breakdown import BreakdownChart
    from desktop.qt.charts.cost_curve import CostCurveChart
    from desktop.qt.charts.horizon import HorizonChart
    from desktop.qt.charts.hourly_capacity import HourlyCapacityChart

TAB_TITLES = ("Cost vs &volume", "&Breakdown", "&Sensitivity", "&Hourly capacity", "Over the &years")
HORIZON_TAB = 4


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
    visible_built = Signal()  # the first frame, with the visible real chart in it, is painted (once)

    def __init__(self, parent: QWidget | None = None, lazy: bool = True):
        super().__init__(parent)
        self.lazy = lazy  # render hidden charts when their tab is shown, not on every edit
        self._pending: Advice | None = None
        self._stale: set[int] = set()
        self._built: list[ChartBase | None] = [None] * len(TAB_TITLES)
        self.setObjectName("charts")
        configure_pyqtgraph()
        chart = self._built[0] = _make_chart(0, self)  # pyqtgraph imported here, before the window shows
        self.addTab(chart, tr(TAB_TITLES[0]))
        self.setTabToolTip(0, chart.accessibleName())
        for title in map(tr, TAB_TITLES[1:]):
            placeholder = QLabel(tr("Drawing the chart..."), self)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setObjectName("chart_placeholder")
            self.addTab(placeholder, title)
        self.currentChanged.connect(self._shown)
        self._told = False  # visible_built emitted

    def showEvent(self, event: QShowEvent) -> None:
        """Until the first paint, the visible chart is laid out at its shown size as the tabs show (pyqtgraph lays
        its items out on a later turn, and sizes its axes to their tick texts as it paints them): the first frame
        is final."""
        super().showEvent(event)
        chart = self._built[self.currentIndex()]
        if chart is not None and not self._told and not event.spontaneous():
            QCoreApplication.sendPostedEvents(chart.plot_item, QEvent.Type.LayoutRequest)  # at this size
            chart.grab()  # the axes take their widths from their tick texts as they paint them
            QCoreApplication.sendPostedEvents(chart.plot_item, QEvent.Type.LayoutRequest)  # and the labels follow

    # --- building ---------------------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """The visible tab holds its real (pyqtgraph) chart."""
        return self._built[self.currentIndex()] is not None

    def tell_after_first_paint(self, watched: QWidget) -> None:
        """`visible_built`, once, on the turn after `watched` (a widget of the window's first paint) has painted."""
        _AfterFirstPaint(watched, self._tell)

    def _tell(self) -> None:
        if not self._told:
            self._told = True
            self.visible_built.emit()

    def ensure_built(self) -> None:
        """Every chart built (and the visible one up to date)."""
        for index in range(len(TAB_TITLES)):
            self._build(index)

    def _build(self, index: int) -> None:
        if self._built[index] is not None:
            return
        chart = _make_chart(index, self)
        old = self.widget(index)
        current = self.currentIndex()
        self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, chart, tr(TAB_TITLES[index]))
        self.setTabToolTip(index, chart.accessibleName())
        self.setCurrentIndex(current)
        self.blockSignals(False)
        chart.show()
        if old is not None:
            old.deleteLater()
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
        current = self.currentIndex()
        for i in ([current] if self.lazy else range(len(TAB_TITLES))):
            self._render(i)

    def render_bands(self, advice: Advice) -> None:
        """The Monte Carlo of the advice shown is known: the cost chart draws its bands and the horizon chart a ranged
        growth's (if they show that advice; otherwise they draw them when they next render)."""
        chart = self._built[0]
        if chart is not None and 0 not in self._stale and chart._advice is advice:
            chart.draw_bands(advice)
        years = self._built[HORIZON_TAB]  # a ranged growth's bars, drawn by the worker meanwhile
        if years is not None and HORIZON_TAB not in self._stale and years._advice is advice:
            years.draw(advice)

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
