"""One geometry for the cost chart: the window's chart and the sheet span the same decades, and the labels of
neighbouring break-evens go where they do not collide."""

from __future__ import annotations

import math

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.present.cost_chart import (
    LogSpan,
    break_even_label,
    break_even_points,
    cost_axes,
    curve_runs,
    free_label_box,
)


def test_the_axes_span_the_volumes_and_whole_decades_of_cost(examples: dict[str, Workload], book: PriceBook) -> None:
    curves = advise(examples["http-api"], book).curves
    spans = cost_axes(curves)
    assert spans is not None
    costs = [c for values in curves.costs.values() for c in values if c is not None and c > 0]
    assert spans.volume == LogSpan(math.log10(curves.volumes[0]), math.log10(curves.volumes[-1]))
    assert spans.cost.low == int(spans.cost.low) and spans.cost.high == int(spans.cost.high)
    assert 10 ** spans.cost.low <= min(costs) and max(costs) < 10 ** spans.cost.high
    capped = cost_axes(curves, max_decades=2)
    assert capped is not None and (capped.cost.low, capped.cost.high) == (spans.cost.high - 2, spans.cost.high)


def test_a_span_gives_its_decades_and_positions() -> None:
    span = LogSpan(0.5, 3.0)
    assert list(span.decades()) == [1, 2, 3] and list(LogSpan(-0.2, 2.9).decades()) == [0, 1, 2]
    assert span.fraction(10**0.5) == 0 and span.fraction(1000) == 1 and span.fraction(0) == 0


def test_break_even_points_are_marked_once_and_labelled(examples: dict[str, Workload], book: PriceBook) -> None:
    advice = advise(examples["http-api"], book)
    points = break_even_points(advice.break_even, list(advice.quote.options))
    assert len(points) == 3 and all(cost > 0 for _, cost in points)
    volume, _ = min(points)
    assert break_even_label(points[min(points)], volume) == "Lambda = Fargate at 21.4M"


def test_a_label_box_avoids_the_labels_placed_before_and_stays_inside() -> None:
    area = (0.0, 0.0, 100.0, 100.0)
    first = free_label_box((50, 50), 20, 10, area, [], 5)
    assert first == (55, 55, 20, 10)
    second = free_label_box((50, 50), 20, 10, area, [first], 5)
    assert second == (25, 55, 20, 10)  # left of the marker: the right is taken
    corner = free_label_box((95, 95), 20, 10, area, [], 5)
    assert corner[0] + corner[2] <= 100 and corner[1] + corner[3] <= 100


def test_a_curve_breaks_where_an_option_has_no_price() -> None:
    volumes = [1.0, 10.0, 100.0, 1000.0, 10000.0]
    costs = [0.0, 5.0, None, 7.0, 8.0]
    assert curve_runs(volumes, costs) == [[(10.0, 5.0)], [(1000.0, 7.0), (10000.0, 8.0)]]
    assert curve_runs(volumes, costs, zero_on_floor=True) == [[(1.0, 0.0), (10.0, 5.0)],
                                                              [(1000.0, 7.0), (10000.0, 8.0)]]
