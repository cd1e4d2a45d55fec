"""The cost chart sets only what an edit changed, and still shows every advice exactly: after a volume edit (the
curves are the same, the marker moves), a duration edit (every curve priced again), an option ruled out and back,
and a change of palette, each curve holds its advice's costs, its pen and its legend name."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.model.advice.advise import Advice, advise
from desktop.model.advice.uncertainty import monte_carlo_once
from desktop.model.options.registry import short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.present.cost_chart import break_even_points
from desktop.qt.charts.cost_curve import CostCurveChart
from desktop.qt.charts.setup import configure_pyqtgraph


def _shows(chart: CostCurveChart, advice: Advice) -> None:
    curves = advice.curves
    assert list(chart.curves) == list(curves.costs)
    for option, item in chart.curves.items():
        x, y = item.getData()
        expected = [math.log10(c) if c is not None and c > 0 else math.nan for c in curves.costs[option]]
        assert np.allclose(x, np.log10(curves.volumes))  # log mode: pyqtgraph's data are the logarithms
        assert np.allclose(y, expected, equal_nan=True), option
        colour = chart.colors.option(option)
        assert item.opts["pen"].color().rgb() == colour.rgb(), option
        assert item.opts["pen"].widthF() == (3 if curves.feasible[option] else 1.5), option
        assert chart.legend.getLabel(item).text.startswith(short_label(option)), option
    assert chart.marker.value() == math.log10(curves.current_volume)
    points = list(break_even_points(advice.break_even, list(advice.quote.options)))
    x, y = chart.break_evens.getData()
    assert np.allclose(x, [math.log10(p[0]) for p in points]) and np.allclose(y, [math.log10(p[1]) for p in points])


def test_every_edit_is_shown_exactly(qapp: QApplication, book: PriceBook, examples: dict[str, Workload]) -> None:
    configure_pyqtgraph()
    chart = CostCurveChart()
    chart.resize(876, 440)
    chart.show()
    workload = examples["http-api"]
    first = advise(workload, book)
    chart.render_advice(first)
    _shows(chart, first)
    volume = advise(workload.model_copy(update={"traffic": workload.traffic.model_copy(
        update={"requests_per_month": 45_000_000})}), book)
    assert volume.curves.costs == first.curves.costs  # the same curves: only the marker moves
    chart.render_advice(volume)
    _shows(chart, volume)
    assert "45M" in chart.marker.label.format
    slower = advise(workload.model_copy(update={"traffic": workload.traffic.model_copy(
        update={"duration_ms": 900})}), book)
    assert slower.curves.costs != volume.curves.costs
    chart.render_advice(slower)
    _shows(chart, slower)
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Text))
    palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Window))
    chart.setPalette(palette)  # dark: the chart restyles itself and draws again
    _shows(chart, slower)
    label = chart.legend.getLabel(next(iter(chart.curves.values())))
    assert chart.colors.foreground in label.item.toHtml() or chart.colors.foreground.upper() in label.item.toHtml()
    chart.close()


def _visible_bands(chart: CostCurveChart) -> list[pg.ErrorBarItem]:
    return [item for item in chart.plot_item.items if isinstance(item, pg.ErrorBarItem) and item.isVisible()]


def test_the_bands_come_with_their_monte_carlo_and_go_with_the_next_edit(qapp: QApplication, book: PriceBook,
                                                                        examples: dict[str, Workload]) -> None:
    configure_pyqtgraph()
    chart = CostCurveChart()
    chart.resize(876, 440)
    chart.show()
    data = examples["http-api"].to_json_dict()
    data["ranges"] = {"seed": 5, "samples": 500,
                      "fields": {"traffic.requests_per_month": {"low": 5e6, "likely": 30e6, "high": 60e6}}}
    ranged = advise(Workload.model_validate(data), book)
    chart.render_advice(ranged)
    assert chart.bands == {} and _visible_bands(chart) == []  # the Monte Carlo is not known yet
    found = monte_carlo_once(ranged.workload, book, ranged.quote)
    assert found is not None
    chart.draw_bands(ranged)
    assert set(chart.bands) == {"lambda", "fargate", "ec2"} and len(_visible_bands(chart)) == 3
    for option, band in chart.bands.items():
        spread = found.options[option]
        mid = math.log10(float(spread.p50))
        assert band.isVisible() and math.isclose(float(band.opts["y"][0]), mid)
        assert math.isclose(float(band.opts["top"][0]), math.log10(float(spread.p90)) - mid)
    data["ranges"]["seed"] = 6
    chart.render_advice(advise(Workload.model_validate(data), book))  # the next edit: its bands not known yet
    assert chart.bands == {} and _visible_bands(chart) == []
    chart.close()
