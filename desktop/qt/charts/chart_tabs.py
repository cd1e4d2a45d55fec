"""The five charts in tabs; every chart renders from the same Advice.

pyqtgraph costs about as much to import as the rest of the window takes to build, so the window's first paint
does without it: the "Cost vs volume" tab starts with its first view painted with QPainter
(desktop.qt.charts.first_view, drawn like the real chart), and the other tabs with light placeholders. Just
after the window's first paint (`build_after_first_paint`) the visible chart's module (pyqtgraph with it) is
imported on a worker thread, so that the window keeps answering input meanwhile (an import on the GUI thread
held it 250-500 ms; on a thread the GUI thread gets the interpreter back every few milliseconds), and once it
is in, the chart is built and swapped in on the GUI thread; each other chart is built when its tab is first
shown, or when a caller needs them all (`ensure_built`, `charts`: an import still running is waited for). Only
the visible chart redraws on an edit; a hidden one catches up when its tab is shown.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
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


class _ImportedOffThread(QObject):
    """Imports the cost chart's module (and pyqtgraph) on a daemon thread; `imported` arrives on the GUI thread."""

    imported = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thread_name = ""  # the thread the import ran on (tests check it is not the GUI thread)

    def start(self) -> None:
        threading.Thread(target=self._run, name="computefit_chart_import", daemon=True).start()

    def _run(self) -> None:
        try:
            import desktop.qt.charts.cost_curve  # noqa: F401  (pyqtgraph and its copy of Qt's classes)

            self.thread_name = threading.current_thread().name
        except Exception:  # the GUI thread imports it again and says what is wrong
            pass
        with contextlib.suppress(RuntimeError):  # the window (and this object) is gone: nobody is waiting
            self.imported.emit()


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
    visible_built = Signal()  # the visible tab's real chart is in (once, after the first paint)

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
        self.importer: _ImportedOffThread | None = None
        self._told = False  # visible_built emitted
        self._staged: dict[int, tuple[ChartBase, Advice | None]] = {}  # made, not yet in its tab (and what drew it)

    # --- building ---------------------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """The visible tab holds its real (pyqtgraph) chart."""
        return self._built[self.currentIndex()] is not None

    def build_after_first_paint(self, watched: QWidget) -> None:
        """Once `watched` has painted: pyqtgraph imported off the GUI thread, then the visible chart built."""
        _AfterFirstPaint(watched, self._import_then_build)

    def _import_then_build(self) -> None:
        if self.built:
            return
        self.importer = _ImportedOffThread(self)
        self.importer.imported.connect(self._stage_visible)
        self.importer.start()

    @Slot()  # a declared slot: it receives from the import thread (as Session._ranges_done from the worker)
    def _stage_visible(self) -> None:
        """pyqtgraph is in: the visible chart made now, drawn on the next turn of the event loop and swapped in on
        the one after (each step a few tens of milliseconds: the window answers input between them)."""
        index = self.currentIndex()
        if self._built[index] is not None or index in self._staged:
            return
        configure_pyqtgraph()
        chart = _make_chart(index, self)
        chart.hide()
        self._staged[index] = (chart, None)

        def draw() -> None:
            if self._staged.get(index, (None, None))[0] is chart and self._pending is not None:
                chart.render_advice(self._pending)
                self._staged[index] = (chart, self._pending)
            QTimer.singleShot(0, self, lambda: self._build(index))

        QTimer.singleShot(0, self, draw)

    def ensure_built(self) -> None:
        """Every chart built (and the visible one up to date)."""
        for index in range(len(TAB_TITLES)):
            self._build(index)

    def _build(self, index: int) -> None:
        if self._built[index] is not None:
            return
        configure_pyqtgraph()
        staged = self._staged.pop(index, None)
        chart, drawn = staged if staged is not None else (_make_chart(index, self), None)
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
        if old is self.first_view:
            self.first_view = None
        self._built[index] = chart
        if index == current and self.importer is not None and not self._told:
            self._told = True
            self.visible_built.emit()
        if drawn is not None and drawn is self._pending:
            self._stale.discard(index)  # drawn from the current advice while it waited
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
