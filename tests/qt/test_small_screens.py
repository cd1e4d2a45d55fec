"""Any screen from 1280x720 up: the worst scenarios (every option compared, the eu-west-1 example whose totals
leave prices out, the longest name a workload may have, a workshop with its comparison dock) never raise the
window's minimum size above 1280x720, the comparison table keeps one line per cell (elided, whole in the
tooltip), the form shows its values and units at its default width, and present mode fits its tiles, headline and
a tall chart on a 1280x720 projector."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QApplication, QGroupBox

from desktop.model.options.registry import all_options
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import MAX_NAME_CHARS
from desktop.qt.main_window import MainWindow
from desktop.qt.present_mode import PresentWindow, screen_scale
from desktop.qt.views.comparison_table import STATUS_COL, share_width, status_text
from desktop.resources import examples_dir
from tests.qt.session_ops import session_op

SCREEN = QSize(1280, 720)
LONG_NAME = ("Checkout API behind a load balancer, every option compared, " * 4)[:MAX_NAME_CHARS]


def _fits(size: QSize, screen: QSize = SCREEN) -> bool:
    return size.width() <= screen.width() and size.height() <= screen.height()


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def _worst(qtbot, window: MainWindow, options: int = len(all_options()), name: str = LONG_NAME) -> None:  # type: ignore[no-untyped-def]
    ireland = load_workload(examples_dir() / "alb-api-ireland.workload.json")
    ids = tuple(o.id for o in all_options())[:options]
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        worst = ireland.model_copy(update={"options": ids, "name": name, "region": "ap-south-1"})  # prices missing
        session_op(window.session, "replace_workload", worst, "Open")
    _settle(qtbot)


def test_the_worst_scenarios_fit_1280x720(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(SCREEN)
    _worst(qtbot, window)
    quote = window.session.advice.quote
    assert len(quote.options) == len(all_options()) >= 5
    assert any(o.missing for o in quote.options.values())  # the totals are incomplete: the longest statuses
    assert _fits(window.minimumSizeHint()) and _fits(window.minimumSize()), window.minimumSizeHint()
    assert window.size() == SCREEN  # nothing forced it taller or wider
    for _ in range(2):  # a workshop: three scenarios, the comparison dock under the main area
        session_op(window.session, "duplicate")
    window.workshop.comparison_dock.show()
    _settle(qtbot)
    assert _fits(window.minimumSizeHint()), window.minimumSizeHint()
    assert window.size() == SCREEN
    # Every view still on the screen: the table's rows, the recommendation, the charts and the status bar.
    for widget in (window.table, window.recommendation, window.charts, window.status):
        corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
        assert widget.isVisible() and corner.x() <= SCREEN.width() and corner.y() <= SCREEN.height(), widget


def test_table_rows_are_one_line_with_the_whole_status_in_the_tooltip(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _worst(qtbot, window)
    table = window.table
    assert not table.wordWrap()
    heights = {table.rowHeight(r) for r in range(table.rowCount())}
    assert len(heights) == 1 and heights.pop() < 3 * table.fontMetrics().lineSpacing()  # two lines at most
    advice = window.session.advice
    fargate = table.option_ids.index("fargate")
    whole = status_text(advice, "fargate")
    assert len(whole) > 150 and table.item(fargate, STATUS_COL).text() == whole
    shown = table.fontMetrics().horizontalAdvance(whole)
    assert shown > table.columnWidth(STATUS_COL)  # elided on screen...
    assert "leaves out Application Load Balancer" in table.item(fargate, STATUS_COL).toolTip()  # ...whole here
    # Every column on screen: the status column ends at the table's right edge, none beyond it.
    right = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert right <= table.viewport().width() + 1


def test_table_height_asks_for_every_row_and_settles_for_three(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _worst(qtbot, window)
    table = window.table
    rows = table.rowCount()
    assert table.sizeHint().height() >= rows * table.rowHeight(0)
    assert table.minimumHeight() < 4 * table.rowHeight(0) + table.horizontalHeader().height() + 8
    window.resize(SCREEN)
    _settle(qtbot)
    assert table.height() >= table.sizeHint().height() - 2  # room enough at 1280x720: every row shown


def test_share_width_gives_narrow_columns_theirs_and_splits_the_rest() -> None:
    assert share_width(600, [100, 150, 200], 60) == [100, 150, 200]
    assert share_width(300, [100, 150, 400], 60) == [100, 100, 100]
    assert share_width(300, [80, 500, 500], 60) == [80, 110, 110]
    assert share_width(100, [300, 300, 300], 60) == [60, 60, 60]


def test_form_shows_values_and_units_at_its_default_width(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(SCREEN)
    form = window.form
    form.build_all()
    _settle(qtbot)
    viewport = form.viewport().width()
    for path in ("priorities.cost", "priorities.flexibility", "traffic.requests_per_month", "requirements.gpus"):
        editor = form.editor(path)
        right = editor.mapTo(form.widget(), QPoint(editor.width(), 0)).x()
        assert right <= viewport, (path, right, viewport)  # the right-aligned value and its unit are in view
    long_group = next(box for box in form.widget().findChildren(QGroupBox) if "Managed Instances" in box.toolTip())
    assert long_group.title().endswith("\u2026") or long_group.title() == long_group.toolTip()


@pytest.mark.parametrize("options", [len(all_options()), 3])
def test_present_mode_fits_1280x720(qtbot, window: MainWindow, options: int) -> None:  # type: ignore[no-untyped-def]
    _worst(qtbot, window, options)
    present = PresentWindow(window.session)
    qtbot.addWidget(present)
    present.resize(SCREEN)
    present.show()
    qtbot.waitExposed(present)
    _settle(qtbot)
    assert present.size() == SCREEN and _fits(present.minimumSizeHint())
    assert present.scale == pytest.approx(screen_scale(SCREEN, options)) and present.scale < 0.7
    tiles = [t for t in present.tiles if t.isVisible()]
    assert len(tiles) == options
    for tile in tiles:  # each tile whole, on screen, wide enough for its words
        corner = tile.mapTo(present, QPoint(tile.width(), tile.height()))
        assert corner.x() <= SCREEN.width() and corner.y() <= SCREEN.height()
        assert tile.width() >= tile.minimumSizeHint().width()
        assert tile.total.text().lstrip("~$")[:1].isdigit()
    assert present.title.text() == LONG_NAME and LONG_NAME in present.title.toolTip()  # elided, whole in the tip
    assert present.title.minimumSizeHint().width() < 300
    headline = present.headline
    assert headline.heightForWidth(headline.width()) <= headline.fontMetrics().lineSpacing() * 3 + 4
    chart = present.stack
    assert chart.height() >= 0.45 * SCREEN.height(), chart.height()  # not a strip under its legend
    assert chart.mapTo(present, QPoint(0, chart.height())).y() <= SCREEN.height()
    present.close()


def test_present_mode_type_grows_with_the_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert screen_scale(QSize(1920, 1080)) == 1.0
    assert screen_scale(QSize(1280, 720)) == pytest.approx(2 / 3)
    assert screen_scale(QSize(1280, 720), tiles=6) < screen_scale(QSize(1280, 720), tiles=5)
    present = PresentWindow(window.session)
    qtbot.addWidget(present)
    present.resize(1920, 1080)
    present.show()
    _settle(qtbot)
    large = present.title.font().pointSizeF()
    present.resize(SCREEN)
    _settle(qtbot)
    assert present.title.font().pointSizeF() == pytest.approx(large * 2 / 3, rel=0.02)
    present.close()


def test_present_mode_shows_the_horizon_chart_scaled_and_whole_at_1280x720(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt.charts.horizon import HorizonChart
    from desktop.qt.present_mode import CHART_PT
    from tests.qt.make_ranges_screenshots import ranged_workloads

    session_op(window.session, "replace_workload", ranged_workloads()[1], "Open")  # a ranged growth: bands to come
    present = PresentWindow(window.session)
    qtbot.addWidget(present)
    present.resize(SCREEN)
    present.show()
    qtbot.waitExposed(present)
    qtbot.keyClick(present, "5")
    _settle(qtbot)
    chart = present.stack.currentWidget()
    assert isinstance(chart, HorizonChart) and present.chart_title.text() == "Over the years   (5 of 5)"
    assert window.session.wait_for_ranges(30)  # the draws come from the worker, then the chart is drawn again
    _settle(qtbot)
    assert set(chart.bands) == {"lambda", "fargate", "ec2"}
    scale = present.scale
    assert scale == pytest.approx(screen_scale(SCREEN, 3))
    assert chart.plot_item.getAxis("left").style["tickFont"].pointSizeF() == pytest.approx(CHART_PT * scale)
    assert chart.plot_item.getAxis("bottom").labelText == "Month of the horizon (36 months)"
    assert chart.height() >= 0.45 * SCREEN.height()
    assert chart.mapTo(present, QPoint(chart.width(), chart.height())).y() <= SCREEN.height()
    assert chart.mapTo(present, QPoint(chart.width(), 0)).x() <= SCREEN.width()
    top = chart.plot_item.vb.viewRange()[1][1]
    assert top >= max(float(b.opts["y"][0] + b.opts["top"][0]) for b in chart.bands.values())  # the bars in view
    present.close()
