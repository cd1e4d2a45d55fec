"""Sensitivity rows: the recommended option's cost and the winner at -50% / +100%, sorted by impact."""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.sensitivity import sensitivity
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload


def test_http_api_rows(book: PriceBook, examples: dict[str, Workload]) -> None:
    w = examples["http-api"]
    advice = advise(w, book)
    rows = {r.path: r for r in advice.sensitivity}
    assert set(rows) == {"traffic.requests_per_month", "traffic.duration_ms", "lambda.memory_mb",
                         "container.concurrency_per_task", "container.target_utilization", "container.min_tasks",
                         "assumptions.savings_plans", "container.spot_share"}
    volume = rows["traffic.requests_per_month"]
    assert (volume.base_value, volume.low_value, volume.high_value) == (30e6, 15e6, 60e6)
    low_quote = compute_quote(w.with_changes({"traffic.requests_per_month": 15_000_000}), book)
    assert volume.low_cost == low_quote.options["fargate"].monthly_usd
    # 15M requests is below the Lambda/Fargate break-even (about 19M): the winner flips to Lambda
    assert (volume.low_winner, volume.base_winner, volume.high_winner) == ("lambda", "fargate", "fargate")
    assert volume.flips
    utilisation = rows["container.target_utilization"]
    assert (utilisation.low_value, utilisation.high_value) == (0.35, 1.0)
    assert not utilisation.flips
    floor = rows["container.min_tasks"]
    assert (floor.low_value, floor.high_value) == (1, 4)
    assert floor.high_cost is not None and floor.high_cost > floor.low_cost  # type: ignore[operator]


def test_rows_sorted_by_impact(book: PriceBook, examples: dict[str, Workload]) -> None:
    for workload in examples.values():
        rows = advise(workload, book).sensitivity
        impacts = [r.impact_usd for r in rows]
        assert impacts == sorted(impacts, reverse=True)
        for r in rows:
            if r.low_cost is not None and r.high_cost is not None:
                assert r.impact_usd == abs(r.high_cost - r.low_cost)


def test_zero_assumptions_get_a_what_if(book: PriceBook, examples: dict[str, Workload]) -> None:
    rows = {r.path: r for r in advise(examples["http-api"], book).sensitivity}
    spot = rows["container.spot_share"]
    assert (spot.base_value, spot.low_value, spot.high_value) == (0, 0, 0.5)
    assert spot.note == "now 0: tried at 0.5, a what-if"
    assert rows["assumptions.savings_plans"].note.startswith("share of AWS's 'up to' rates")
    assert spot.high_cost is not None and spot.high_cost < Decimal("55.14")
    plans = rows["assumptions.savings_plans"]
    assert (plans.base_value, plans.high_value) == (0, 0.5)
    assert plans.high_cost == Decimal("46.13")  # Fargate at 25% off compute


def test_values_stay_inside_the_fields(book: PriceBook) -> None:
    w = make_workload(lambda_={"memory_mb": 10240}, container={"target_utilization": 0.9})
    rows = {r.path: r for r in sensitivity(w, book, compute_quote(w, book), "fargate")}
    assert rows["lambda.memory_mb"].high_value == 10240
    assert rows["container.target_utilization"].high_value == 1.0


def test_jobs_skip_request_only_assumptions(book: PriceBook, examples: dict[str, Workload]) -> None:
    rows = {r.path: r for r in advise(examples["nightly-batch"], book).sensitivity}
    assert "container.concurrency_per_task" not in rows
    assert rows["traffic.runs_per_month"].label == "Runs per month"
    assert (rows["traffic.runs_per_month"].low_value, rows["traffic.runs_per_month"].high_value) == (15, 60)


def test_no_recommendation_no_rows(book: PriceBook) -> None:
    w = make_workload(requirements={"gpus": 1}, architecture="arm64")
    assert advise(w, book).sensitivity == ()
