"""The charts: the visible one real (pyqtgraph) and drawn before the window shows, so that the first frame holds it
as it stays; the others built when their tab is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from desktop.model.pricing.book import PriceBook
from desktop.qt.charts.chart_tabs import ChartTabs
from desktop.qt.main_window import MainWindow


def test_only_the_visible_chart_is_built_with_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    charts = window.charts
    assert charts.currentWidget().objectName() == "cost_curve_chart" and charts.built
    assert window.findChild(QWidget, "breakdown_chart") is None
    charts.setCurrentIndex(1)  # shown: built and drawn from the current advice
    breakdown = window.findChild(QWidget, "breakdown_chart")
    assert breakdown is not None and charts.currentWidget() is breakdown
    assert breakdown._advice is window.session.advice  # type: ignore[attr-defined]
    assert window.findChild(QWidget, "tornado_chart") is None


def _pixels(widget: QWidget) -> bytes:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # alive while its bits are read
    return bytes(image.constBits())


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


def test_the_tabs_alone_hold_the_real_chart_from_the_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Embedded without the window: the visible tab is the real chart as soon as the tabs exist, the others wait."""
    charts = ChartTabs()
    qtbot.addWidget(charts)
    assert charts.built and charts.currentWidget().objectName() == "cost_curve_chart"
    assert charts.tabToolTip(0) == charts.currentWidget().accessibleName()
    assert [charts.widget(i).objectName() for i in range(1, charts.count())] == ["chart_placeholder"] * 4


def test_the_first_frame_holds_the_real_chart_as_it_stays(qtbot, book: PriceBook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every window (create_main_window, as run_gui and embedding call it): the real chart is built and drawn before
    the window shows and laid out at its shown size, so the first frame's chart is the one 1.5 s later; the form's
    groups out of sight come after the first paint (`visible_built`, once, before them)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import create_main_window

    win = create_main_window(book=book, settings=QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat))
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    charts = win.charts
    chart = charts.currentWidget()
    assert charts.built and win.findChild(QWidget, "cost_curve_first_view") is None
    assert chart.objectName() == "cost_curve_chart" and chart._advice is win.session.advice  # type: ignore[attr-defined]
    assert list(chart.curves) == list(win.session.advice.curves.costs)  # type: ignore[attr-defined]
    assert charts.tabToolTip(0) == chart.accessibleName()
    told: list[bool] = []
    charts.visible_built.connect(lambda: told.append(win.form.complete))
    win.resize(1280, 800)
    win.show()
    first_frame = _pixels(chart)  # what the first paint shows: laid out at its size when the window showed
    assert not win.form.complete
    qtbot.waitUntil(lambda: win.form.complete, timeout=10_000)
    qtbot.wait(1500)
    assert told == [False]  # once, after the first paint, before the rest of the form
    assert charts.currentWidget() is chart and chart.isVisible()
    assert _pixels(chart) == first_frame  # nothing of it moves afterwards (axes' widths, labels)
