"""Properties the cost engine must hold for any valid workload (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload

REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-south-1", "sa-east-1", "us-east-2"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

profiles = st.one_of(st.none(), st.lists(st.floats(0, 10), min_size=24, max_size=24).filter(lambda p: sum(p) > 0.1))


@st.composite
def workloads(draw: st.DrawFn) -> Workload:
    kind = draw(st.sampled_from(["requests", "jobs"]))
    return make_workload(
        region=draw(st.sampled_from(REGIONS)),
        architecture=draw(st.sampled_from(["x86_64", "arm64"])),
        front_door=draw(st.sampled_from(["none", "auto", "alb", "api_gateway_http", "api_gateway_rest"])),
        traffic={"kind": kind, "requests_per_month": draw(st.integers(0, 5_000_000_000)),
                 "runs_per_month": draw(st.integers(0, 200_000)),
                 "duration_ms": draw(st.floats(1, 3_600_000)), "daily_profile": draw(profiles)},
        **{"lambda": {"memory_mb": draw(st.integers(128, 10240)),
                      "ephemeral_storage_mb": draw(st.integers(512, 10240)),
                      "free_tier": draw(st.booleans()),
                      "provisioned_concurrency": draw(st.integers(0, 50)),
                      "provisioned_hours_per_month": draw(st.floats(0, 744)),
                      "provisioned_share": draw(st.floats(0, 1))}},
        container={"vcpu": draw(st.sampled_from([0.25, 0.5, 1, 2, 3, 4, 8, 16])),
                   "memory_gb": draw(st.sampled_from([0.5, 1, 2, 3.5, 8, 16, 30, 60])),
                   "os": draw(st.sampled_from(["linux", "linux", "windows"])),
                   "ephemeral_storage_gb": draw(st.floats(20, 200)),
                   "concurrency_per_task": draw(st.integers(1, 200)),
                   "target_utilization": draw(st.floats(0.1, 1)),
                   "min_tasks": draw(st.one_of(st.none(), st.integers(0, 20))),
                   "spot_share": draw(st.floats(0, 1))},
        assumptions={"month_hours": draw(st.floats(672, 744)),
                     "savings_plans": {"lambda_pct": draw(st.floats(0, 17)), "fargate_pct": draw(st.floats(0, 50)),
                                       "ec2_pct": draw(st.floats(0, 72))}},
    )


@SETTINGS
@given(workloads())
def test_totals_never_negative(book: PriceBook, workload: Workload) -> None:
    quote = compute_quote(workload, book)
    for option in quote.options.values():
        if option.monthly_usd is not None:
            assert option.monthly_usd >= 0, (option.option, option.line_items)


@SETTINGS
@given(workloads(), st.integers(0, 10**9), st.integers(0, 10**9))
def test_lambda_cost_non_decreasing_in_requests(book: PriceBook, workload: Workload, a: int, b: int) -> None:
    low, high = sorted((a, b))
    cost_low = compute_quote(workload, book, units_per_month=low).options["lambda"].monthly_usd
    cost_high = compute_quote(workload, book, units_per_month=high).options["lambda"].monthly_usd
    if cost_low is not None and cost_high is not None:
        assert cost_high >= cost_low


@SETTINGS
@given(st.integers(1, 10**8), st.floats(1, 900_000), st.integers(128, 10240), st.integers(2, 5))
def test_lambda_duration_cost_linear_without_free_tier(book: PriceBook, requests: int, duration: float,
                                                       memory: int, factor: int) -> None:
    assume(duration * factor <= 900_000)  # longer: Lambda is ruled out (15 min), so it has no price at all

    def duration_usd(ms: float) -> Decimal:
        w = make_workload(front_door="none", traffic={"requests_per_month": requests, "duration_ms": ms},
                          **{"lambda": {"memory_mb": memory, "free_tier": False}})
        items = compute_quote(w, book).options["lambda"].line_items
        return sum((i.quantity * i.unit_price_usd for i in items if i.label.startswith("Duration")), Decimal(0))

    one, many = duration_usd(duration), duration_usd(duration * factor)
    gb_s = Decimal(requests) * Decimal(repr(duration)) / 1000 * Decimal(memory) / 1024
    if gb_s * factor <= Decimal(6_000_000_000):  # all within tier 1: exactly linear
        assert abs(many - one * factor) <= Decimal("1e-9") * max(many, Decimal(1))
    else:  # later tiers are cheaper: never more than linear
        assert many <= one * factor * (1 + Decimal("1e-12"))


@SETTINGS
@given(workloads())
def test_fargate_never_below_min_tasks_always_on(book: PriceBook, workload: Workload) -> None:
    option = compute_quote(workload, book).options["fargate"]
    cap = option.capacity
    if cap is None:
        return
    assert all(t >= workload.min_tasks for t in cap.tasks_per_hour)
    floor_hours = Decimal(workload.min_tasks) * Decimal(repr(workload.assumptions.month_hours))
    assert cap.task_hours >= floor_hours * (1 - Decimal("1e-12"))


@SETTINGS
@given(st.floats(1, 59_999), st.integers(1, 100_000), st.sampled_from(["linux", "windows"]))
def test_fargate_minimum_billing_for_short_jobs(book: PriceBook, duration_ms: float, runs: int, os: str) -> None:
    w = make_workload(front_door="none", traffic={"kind": "jobs", "runs_per_month": runs, "duration_ms": duration_ms},
                      container={"vcpu": 1, "memory_gb": 2, "os": os})
    cap = compute_quote(w, book).options["fargate"].capacity
    minimum = 300 if os == "windows" else 60
    assert cap is not None and cap.billed_seconds_per_run == minimum
    assert cap.task_hours == Decimal(runs) * minimum / 3600


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workloads())
def test_the_whole_advice_renders_for_any_valid_workload(book: PriceBook, workload: Workload) -> None:
    """Quote, findings, recommendation, curves, break-even, sensitivity, JSON, text: no valid workload breaks them."""
    from desktop.model.advice.advise import advise
    from desktop.model.advice.quote_json import advice_json
    from desktop.report.sheet.text import advice_text

    advice = advise(workload, book)
    data = advice_json(advice, book)
    assert set(data["options"]) == {"lambda", "fargate", "ec2"}
    assert len(advice.curves.volumes) >= 200
    rec = advice.recommendation
    assert rec.option is None or advice.quote.options[rec.option].feasible
    assert advice_text(advice, book).startswith(f"Workload: {workload.name}")
