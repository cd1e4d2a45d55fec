"""The cumulative cost over the horizon in the window: each option's running total month by month, commitments'
upfront payments as steps, the default horizon said when the file sets none, incomplete totals marked."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from PySide6.QtCore import QPointF

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.qt.charts.horizon import HorizonChart
from tests.conftest import make_workload


def _workload(horizon: dict[str, object] | None, payment: str = "all_upfront") -> Workload:
    return make_workload(traffic={"kind": "jobs", "runs_per_month": 1, "duration_ms": 730 * 3600 * 1000},
                         container={"vcpu": 1, "memory_gb": 2},
                         ec2={"instance_type": "m5.large", "root_volume_gb": 0}, options=["ec2", "fargate"],
                         front_door="none", **({"horizon": horizon} if horizon else {}),
                         assumptions={"commitment": {"plan": "standard_ri", "term": "1yr", "payment": payment}})


def test_the_running_totals_step_where_the_upfront_payment_is_made(qapp, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    chart = HorizonChart()
    advice = advise(_workload({"months": 24}), book)
    chart.render_advice(advice)
    x, y = chart.curves["ec2"].getData()
    assert list(x[:3]) == [0.0, 1.0, 2.0] and len(x) == 25
    assert y[1] == 494.0 and y[12] - y[1] <= 0.12 and abs(y[13] - 988.0) <= 0.12  # m5.large 1-year RI, K7: 494
    assert chart.plot_item.getAxis("bottom").labelText == "Month of the horizon (24 months)"
    assert chart.names["ec2"] == "ECS on EC2"
    # Fargate: no Standard RI covers it (on demand), every month the same
    fargate = advice.quote.options["fargate"].monthly_usd
    assert fargate is not None and chart.curves["fargate"].getData()[1][24] == float(fargate * 24)
    hover = chart.hover(QPointF(13, 0))
    assert "Month 13" in hover and "$494.00 Standard Reserved Instances, 1-year, all upfront: paid upfront" in hover
    chart.close()


def test_without_a_horizon_the_default_is_drawn_and_said_and_a_missing_price_is_marked(qapp,  # type: ignore[no-untyped-def]
                                                                                         book: PriceBook) -> None:
    chart = HorizonChart()
    workload = _workload(None).with_changes({"assumptions.commitment.plan": "compute_sp"})
    advice = advise(workload, book)  # Compute SP 1-year all upfront: no m5.large rate in the book (missing)
    chart.render_advice(advice)
    assert chart.plot_item.getAxis("bottom").labelText == ("Month of the horizon (36 months, no growth: the file "
                                                           "sets no horizon)")
    assert not advice.quote.options["ec2"].complete
    assert chart.names["ec2"].startswith("ECS on EC2 (+ ")  # what the total leaves out, as the table counts it
    _x, y = chart.curves["ec2"].getData()
    total = advice.quote.options["ec2"].monthly_usd
    assert total is not None and y[36] == float(total * 36) and not np.isnan(y).any()
    assert chart.curves["ec2"].opts["pen"].widthF() == 1.5  # thinner than a whole total's line (3)
    chart.close()


def test_a_ranged_growth_draws_each_whole_options_spread_at_the_last_month(qapp, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                            examples: dict[str, Workload]) -> None:
    from desktop.model.advice.uncertainty import horizon_spread, horizon_spread_once

    data = examples["http-api"].to_json_dict()
    data["horizon"] = {"months": 36, "growth": {"kind": "compound", "monthly_pct": 3}}
    data["ranges"] = {"seed": 7, "fields": {"horizon.growth.monthly_pct": {"low": 0, "likely": 3, "high": 8}}}
    advice = advise(Workload.model_validate(data), book)
    chart = HorizonChart()
    chart.render_advice(advice)
    assert chart.bands == {}  # the chart never draws them itself: the window's worker does, then it is drawn again
    horizon_spread_once(advice)
    chart.render_advice(advice)
    spread = horizon_spread(advice)
    assert spread is not None and set(chart.bands) == {o for o, whole in spread.complete.items() if whole}
    fargate = spread.options["fargate"]
    bar = chart.bands["fargate"].opts
    assert float(bar["y"][0]) == float(fargate.p50 or 0)
    assert abs(float(bar["y"][0] + bar["top"][0]) - float(fargate.p90 or 0)) < 1e-6
    assert abs(float(bar["y"][0] - bar["bottom"][0]) - float(fargate.p10 or 0)) < 1e-6
    chart.close()


def test_a_line_stops_at_the_first_month_that_cannot_be_priced(book: PriceBook) -> None:
    from desktop.model.horizon.plan import HorizonPlan, OptionHorizon
    from desktop.qt.charts.horizon import _points, legend_name

    zero = Decimal(0)
    gap = OptionHorizon("ec2", (Decimal(10), Decimal(10), None, Decimal(10)), (zero,) * 4, ())
    found = HorizonPlan(4, (1, 1, 1, 1), {"ec2": gap})
    assert list(_points(gap.cumulative)[:3]) == [0.0, 10.0, 20.0] and np.isnan(_points(gap.cumulative)[3:]).all()
    advice = advise(_workload({"months": 12}), book)
    assert legend_name(advice, found, "ec2") == "ECS on EC2 (not priced from month 3)"
