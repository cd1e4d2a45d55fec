"""Break-even labels overlap neither each other, nor the legend, nor the "this workload" label, and stay inside the
plot: in the window at 1280x720 and 1920x1080 and in present mode (larger type), on the example with the most
break-evens (every option compared in eu-west-1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtWidgets import QApplication

from desktop.model.options.registry import all_options
from desktop.model.workload.files import load_workload
from desktop.present.label_places import Box, place_labels
from desktop.qt.charts.cost_curve import CostCurveChart
from desktop.qt.main_window import MainWindow
from desktop.qt.present_mode import PresentWindow
from desktop.resources import examples_dir
from tests.qt.session_ops import session_op


def _every_option(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ireland = load_workload(examples_dir() / "alb-api-ireland.workload.json")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        every = ireland.model_copy(update={"options": tuple(o.id for o in all_options())})
        session_op(window.session, "replace_workload", every, "Open")


def _check(chart: CostCurveChart) -> int:
    for _ in range(3):
        QApplication.processEvents()
    labels = [label.sceneBoundingRect() for label in chart.break_even_labels if label.isVisible()]
    fixed = [chart.legend.sceneBoundingRect(), chart.marker.label.sceneBoundingRect()]
    points = [chart.view_box.mapViewToScene(QPointF(x, y)) for x, y in chart._label_points]
    fixed += [QRectF(p.x() - 4, p.y() - 4, 8, 8) for p in points]  # every break-even diamond stays visible
    area: QRectF = chart.view_box.sceneBoundingRect().adjusted(-1, -1, 1, 1)
    for i, rect in enumerate(labels):
        assert area.contains(rect), (rect, area)
        for other in labels[i + 1:] + fixed:
            assert not rect.intersects(other), (rect, other)
    return len(labels)


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(1920, 1080)])
def test_window_labels_are_clear_of_each_other_and_the_legend(qtbot, window: MainWindow, size: QSize) -> None:  # type: ignore[no-untyped-def]
    window.resize(size)
    _every_option(qtbot, window)
    window.charts.setCurrentIndex(0)
    chart = window.charts.cost_curve
    qtbot.waitUntil(lambda: chart.isVisible(), timeout=3000)
    assert _check(chart) >= 4


def test_present_mode_labels_are_clear_at_their_larger_size(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _every_option(qtbot, window)
    present = PresentWindow(window.session)
    qtbot.addWidget(present)
    present.resize(1280, 720)
    present.show()
    qtbot.waitExposed(present)
    chart = present.charts[0]
    assert isinstance(chart, CostCurveChart)
    assert _check(chart) >= 4
    present.close()


def test_place_labels_avoids_obstacles_and_earlier_labels() -> None:
    area = Box(0, 0, 400, 300)
    legend = Box(0, 0, 200, 100)
    boxes = place_labels([(100, 90), (110, 95), (380, 290)], [(120, 20)] * 3, area, [legend])
    placed = [box for box in boxes if box is not None]
    assert len(placed) == 3
    for i, box in enumerate(placed):
        assert box.inside(area) and not box.overlaps(legend)
        assert not any(box.overlaps(other) for other in placed[i + 1:])
    assert placed[0].top == 116  # under its point, a line lower than the legend allows nearer


def test_when_nothing_is_free_the_label_is_not_placed() -> None:
    area = Box(0, 0, 100, 40)
    assert place_labels([(50, 20)], [(90, 30)], area, [Box(0, 0, 100, 40)]) == [None]
