"""The charts: a first view without pyqtgraph, the visible chart right after the first paint (the app's start: in it),
the others when shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.qt.charts.first_view import CostCurveFirstView
from desktop.qt.main_window import MainWindow

REPO = Path(__file__).resolve().parents[3]
FIRST_PAINT_WITHOUT_PYQTGRAPH = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import create_main_window
window = create_main_window()
window.resize(1280, 800)
image = window.grab()  # the whole window painted, the chart's first view included
print("PYQTGRAPH", "pyqtgraph" in sys.modules, "FIRST_VIEW", window.charts.currentWidget().objectName())
window.session.workbench.history.mark_saved()
"""


def test_the_window_paints_its_first_view_without_importing_pyqtgraph(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_WITHOUT_PYQTGRAPH], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=False,
                          env={"QT_QPA_PLATFORM": "offscreen", "COMPUTEFIT_DATA_DIR": str(tmp_path),
                               "XDG_CONFIG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "PYQTGRAPH False FIRST_VIEW cost_curve_first_view" in done.stdout


def test_only_the_visible_chart_is_built_after_the_first_paint(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    charts = window.charts
    assert charts.currentWidget().objectName() == "cost_curve_chart" and charts.first_view is None
    assert window.findChild(QWidget, "breakdown_chart") is None
    charts.setCurrentIndex(1)  # shown: built and drawn from the current advice
    breakdown = window.findChild(QWidget, "breakdown_chart")
    assert breakdown is not None and charts.currentWidget() is breakdown
    assert breakdown._advice is window.session.advice  # type: ignore[attr-defined]
    assert window.findChild(QWidget, "tornado_chart") is None


def _pixels(widget: QWidget) -> bytes:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # alive while its bits are read
    return bytes(image.constBits())


def test_the_first_view_looks_like_the_chart_it_stands_for(qapp: QApplication, book: PriceBook,  # type: ignore[no-untyped-def]
                                                            examples: dict[str, Workload]) -> None:
    """Within a few percent of the pixels (anti-aliased edges): swapping in the real chart is not seen."""
    from desktop.qt.charts.cost_curve import CostCurveChart

    for name in ("http-api", "gpu-inference"):
        workload = examples[name]
        advice = advise(workload, book)
        first, real = CostCurveFirstView(), CostCurveChart()
        for widget in (first, real):
            widget.resize(876, 440)
            widget.render_advice(advice)
            widget.show()
        for _ in range(5):
            qapp.processEvents()
        a, b = _pixels(first), _pixels(real)
        differ = sum(1 for k in range(0, len(a), 4)
                     if max(abs(a[k + c] - b[k + c]) for c in range(3)) > 64)
        assert differ / (len(a) // 4) < 0.03, name
        first.close()
        real.close()


def test_the_first_export_is_prepared_in_idle_time_after_the_window_shows(qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                           settings) -> None:
    from desktop.app import create_main_window
    from desktop.report.sheet import pdf_writer

    pdf_writer._warmed_up = False
    win = create_main_window(book=book, settings=settings)
    qtbot.addWidget(win)
    win.show()
    assert not pdf_writer._warmed_up
    qtbot.waitUntil(lambda: pdf_writer._warmed_up, timeout=5000)


def test_pyqtgraph_is_imported_off_the_gui_thread_after_the_first_paint(window: MainWindow) -> None:
    """The window answers input while pyqtgraph comes in: the import ran on the worker thread."""
    importer = window.charts.importer
    assert importer is not None and importer.thread_name == "computefit_chart_import"
    chart = window.charts.currentWidget()
    assert chart.objectName() == "cost_curve_chart" and chart.isVisible()
    assert chart._advice is window.session.advice  # type: ignore[attr-defined]  # drawn while staged, then shown


def test_the_form_builds_its_groups_out_of_sight_after_the_real_chart(qtbot, book: PriceBook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The chart's import runs on a worker and holds the interpreter: the form's rest waits until the chart is in."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import create_main_window

    win = create_main_window(book=book, settings=QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat))
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    form_complete_when_chart_in: list[bool] = []
    win.charts.visible_built.connect(lambda: form_complete_when_chart_in.append(win.form.complete))
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.form.complete, timeout=10_000)
    assert form_complete_when_chart_in == [False] and win.charts.built
    assert win.form.editor("network.nat_gateways") is not None


def test_the_apps_start_shows_the_real_chart_in_its_first_paint(qtbot, book: PriceBook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """run_gui's window (chart_first): the real chart is built and drawn before the window shows, with no first view
    and no import thread; the form's groups out of sight still come after the first paint."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import create_main_window

    win = create_main_window(book=book, settings=QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat),
                             chart_first=True)
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    charts = win.charts
    chart = charts.currentWidget()
    assert charts.built and charts.first_view is None and charts.importer is None
    assert chart.objectName() == "cost_curve_chart" and chart._advice is win.session.advice  # type: ignore[attr-defined]
    assert list(chart.curves) == list(win.session.advice.curves.costs)  # type: ignore[attr-defined]
    assert charts.tabToolTip(0) == chart.accessibleName()
    told: list[bool] = []
    charts.visible_built.connect(lambda: told.append(win.form.complete))
    win.resize(1280, 800)
    win.show()
    first_frame = _pixels(chart)  # what the first paint shows: laid out at its size when the window showed
    qtbot.waitUntil(lambda: win.form.complete, timeout=10_000)
    assert told == [False]  # once, after the first paint, before the rest of the form
    assert charts.currentWidget() is chart and chart.isVisible()
    assert _pixels(chart) == first_frame  # nothing of it moves afterwards (axes' widths, labels)
