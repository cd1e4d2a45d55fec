"""The window shows Amazon EKS on AWS Fargate once View > Options lists it: its row, total and curves."""

from __future__ import annotations

from tests.qt.interact import show_every_chart


def test_listed_it_is_in_the_table_and_the_charts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.table.rowCount() == 3  # not compared by default
    window.options_menu.option_actions["eks_fargate"].trigger()  # View > Options > Amazon EKS on AWS Fargate
    qtbot.waitUntil(lambda: window.table.rowCount() == 4, timeout=5000)
    assert window.table.text("eks_fargate", 0) == "Amazon EKS on AWS Fargate"
    usd = window.session.advice.quote.options["eks_fargate"].monthly_usd
    assert usd is not None and f"${usd:,.2f}" in [window.table.text("eks_fargate", c) for c in range(4)]
    charts = show_every_chart(window)
    assert "eks_fargate" in charts.cost_curve.curves
    assert "eks_fargate" in charts.hourly.series
