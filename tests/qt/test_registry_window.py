"""The window draws an option it has never heard of: a toy option registered at run time (tests/test_registry.py)."""

from __future__ import annotations

from desktop.model.options import registry
from tests.qt.interact import show_every_chart
from tests.test_registry import TOY


def test_the_window_shows_it_in_the_table_and_the_charts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    registry.register(TOY)
    try:
        _check(qtbot, window)
    finally:
        registry.unregister(TOY.id)


def _check(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.session.recompute()
    assert window.table.rowCount() == 4
    assert window.table.text("toy", 0) == "Toy Compute Service"
    charts = show_every_chart(window)
    assert "toy" in charts.cost_curve.curves
    assert "toy" in charts.hourly.series
    assert "Toy" in [label for _x, label in charts.breakdown.plot_item.getAxis("bottom")._tickLevels[0]]
