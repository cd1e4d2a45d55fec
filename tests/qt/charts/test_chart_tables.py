"""Each chart offers its numbers as a table (its context menu and Edit > Chart as table): accessible cells, the
same figures the chart draws, and a copy that names the chart, the scenario and the price book's date; a copied
or saved chart carries the same header (drawn into the PNG, in the SVG's title, description and text)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication

from desktop.model.format import usd
from desktop.present.chart_table import breakdown_table, cost_curve_table, hourly_table, sensitivity_table
from desktop.qt.charts.chart_export import chart_image, chart_svg, save_chart, show_chart_table
from desktop.qt.charts.chart_table_view import ChartTableDialog
from desktop.qt.main_window import MainWindow
from tests.qt.visible_texts import settle

SOURCE = "Orders HTTP API \u00b7 price book dated 2026-12-01"


def _every_chart(window: MainWindow) -> list:  # type: ignore[type-arg]
    charts = []
    for index in range(window.charts.count()):
        window.charts.setCurrentIndex(index)
        settle()
        charts.append(window.current_chart())
    return charts


def test_every_chart_has_its_numbers_as_a_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    advice = window.session.advice
    tables = [chart.data_table() for chart in _every_chart(window)]
    assert [t.title for t in tables] == ["Monthly cost against monthly volume",
                                         "Monthly cost of each option by line item",
                                         "Sensitivity of the recommended option's monthly cost",
                                         "Capacity over the day",
                                         "Cumulative cost of each option over the horizon"]
    assert all(t.source == SOURCE for t in tables)
    curve, breakdown, sensitivity, hourly, horizon = tables
    assert curve.headers == ("requests a month", "Lambda", "Fargate", "ECS on EC2")
    assert len(curve.rows) == len(advice.curves.volumes)
    totals = {row[0]: row[-1] for row in breakdown.rows}
    assert totals == {o.short_label: usd(o.monthly_usd) for o in advice.quote.options.values()}  # as the table
    assert sensitivity.rows[0][0] == "Minimum tasks" and sensitivity.rows[0][-1] == "winner changes"
    assert len(hourly.rows) == 24 and hourly.headers[:2] == ("Hour of the day (UTC)", "Load (requests/s)")
    # no horizon in the file: ComputeFit's default 36 months, no growth; month 36 is 36 whole months of each total
    assert horizon.headers == ("Month", "Lambda", "Fargate", "ECS on EC2") and len(horizon.rows) == 36
    monthly = {o.short_label: o.monthly_usd for o in advice.quote.options.values()}
    assert horizon.rows[0][1:] == tuple(usd(monthly[name]) for name in horizon.headers[1:])
    assert horizon.rows[-1][1:] == tuple(usd(36 * monthly[name]) for name in horizon.headers[1:])


def test_the_table_dialog_is_accessible_and_copies_with_its_source(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.charts.setCurrentIndex(1)
    settle()
    action = next(a for a in window.findChildren(QAction) if a.text() == "Chart as &table")
    assert action.shortcut().toString() == "Ctrl+Shift+T"
    action.trigger()
    dialog = next(w for w in window.findChildren(ChartTableDialog))
    qtbot.addWidget(dialog)
    view = dialog.view
    assert view.accessibleName() == "Monthly cost of each option by line item as a table"
    assert view.accessibleDescription() == SOURCE
    assert view.item(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Option: Lambda"
    dialog.copy()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[:2] == ["Monthly cost of each option by line item", SOURCE]
    assert lines[2].split("\t")[0] == "Option" and lines[3].split("\t")[-1] == "$89.13"
    dialog.close()


def test_a_copied_or_saved_chart_carries_title_scenario_and_date(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = _every_chart(window)[1]
    image = chart_image(chart)
    shot = chart.grab().toImage()
    assert image.height() > shot.height()  # the header above the chart
    header = image.copy(0, 0, image.width(), image.height() - shot.height())
    ink = header.pixelColor(0, 0)
    assert any(header.pixelColor(x, y) != ink for x in range(0, header.width(), 2)
               for y in range(header.height()))  # text drawn in it
    window.copy_chart()
    assert QGuiApplication.clipboard().image().height() == image.height()
    svg = chart_svg(chart).decode("utf-8")
    assert "<title>Monthly cost of each option by line item</title>" in svg
    assert "Orders HTTP API" in svg and "2026-12-01" in svg
    save_chart(chart, tmp_path / "c.png")
    assert (tmp_path / "c.png").stat().st_size > 1000


def test_a_chart_without_advice_offers_no_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert show_chart_table(window.current_chart(), window) is not None
    chart = window.current_chart()
    chart._advice = None
    assert chart.data_table() is None and show_chart_table(chart, window) is None


def test_the_tables_come_from_the_advice_alone(window: MainWindow) -> None:
    advice = window.session.advice
    for make in (cost_curve_table, breakdown_table, sensitivity_table, hourly_table):
        table = make(advice, "title")
        assert table.rows and all(len(row) == len(table.headers) for row in table.rows)
        assert table.text().splitlines()[:2] == ["title", SOURCE]
