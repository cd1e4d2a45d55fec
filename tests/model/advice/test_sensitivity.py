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
                         "assumptions.savings_plans", "container.spot_share", "traffic.burst_ratio"}
    burst = rows["traffic.burst_ratio"]
    assert (burst.base_value, burst.low_value, burst.high_value) == (1, 1, 2)
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
    assert spot.high_cost is not None and spot.high_cost < Decimal("62.44")
    plans = rows["assumptions.savings_plans"]
    assert (plans.base_value, plans.high_value) == (0, 0.5)
    assert plans.high_cost == Decimal("53.43")  # Fargate at 25% off compute (+ $7.30 for the ALB's 2 public IPv4s)


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


def test_the_verdict_names_the_assumption_it_hinges_on(book: PriceBook, examples: dict[str, Workload]) -> None:
    """http-api: Fargate wins with 2 always-on tasks; a third task makes Lambda the recommendation."""
    advice = advise(examples["http-api"], book)
    hinge = advice.hinge
    assert hinge is not None and hinge.path == "container.min_tasks"
    assert (hinge.base_value, hinge.value, hinge.winner) == (2, 3, "lambda")
    assert hinge.text == "depends on: 2 always-on tasks; at 3 or more, Lambda wins"
    assert advice.verdict == advice.recommendation.headline + "; " + hinge.text
    three = advise(examples["http-api"].with_changes({"container.min_tasks": 3}), book)
    assert three.recommendation.option == "lambda"


def test_the_hinge_search_narrows_to_where_the_winner_changes(book: PriceBook) -> None:
    """A spiky API at 12M requests: Fargate wins; at -50% volume Lambda does. The search between the two finds a
    volume where Lambda wins, and the verdict rounds it outwards (a number it can stand behind)."""
    from desktop.model.questionnaire.data import SPIKY

    w = make_workload(traffic={"requests_per_month": 12_000_000, "duration_ms": 300, "daily_profile": list(SPIKY)},
                      container={"vcpu": 0.5, "memory_gb": 1, "min_tasks": 0}, requirements={"latency_slo_ms": 1000})
    advice = advise(w, book)
    hinge = advice.hinge
    assert advice.recommendation.option == "fargate"
    assert hinge is not None and hinge.path == "traffic.requests_per_month" and hinge.winner == "lambda"
    assert 6_000_000 < hinge.value < 12_000_000
    assert advise(w.with_changes({"traffic.requests_per_month": int(hinge.value)}), book).recommendation.option \
        == "lambda"
    shown = int(hinge.text.split("; at ")[1].split(" or fewer")[0].replace(",", ""))
    assert shown <= hinge.value and len(str(shown).rstrip("0")) <= 3
    assert hinge.text.endswith("or fewer, Lambda wins")


def test_no_verdict_hinge_when_nothing_flips(book: PriceBook, examples: dict[str, Workload]) -> None:
    advice = advise(examples["gpu-inference"], book)
    assert advice.hinge is None and advice.verdict == advice.recommendation.headline


def test_a_floor_near_the_schema_limit_is_varied_inside_it(book: PriceBook) -> None:
    """min_tasks 5,001-10,000: +100% would pass the field's 10,000 limit (it used to crash advise)."""
    w = make_workload(container={"min_tasks": 6000})
    rows = {r.path: r for r in advise(w, book).sensitivity}
    assert (rows["container.min_tasks"].low_value, rows["container.min_tasks"].high_value) == (3000, 10_000)


def test_a_duration_near_the_month_is_varied_inside_it(book: PriceBook) -> None:
    month_ms = 672 * 3600 * 1000
    w = make_workload(traffic={"kind": "jobs", "runs_per_month": 1, "duration_ms": month_ms},
                      assumptions={"month_hours": 672})
    rows = {r.path: r for r in advise(w, book).sensitivity}
    assert rows["traffic.duration_ms"].high_value == month_ms
