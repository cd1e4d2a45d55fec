"""The billing rules of issue 11, each with numbers worked out by hand from the rule's source.

- Fargate Spot: Linux on X86_64 only (Amazon ECS developer guide, AWS Fargate capacity providers).
- Asynchronous Lambda events above 256 KB: one more request per further 64 KB, up to 1 MB (Lambda pricing page);
  which triggers invoke asynchronously is a rule of its own (Lambda developer guide, invocation).
- ALB LCUs: the largest of new connections (25/s), active connections (3,000 a minute), processed bytes (1 GB an
  hour; 0.4 GB for Lambda targets) and rule evaluations (1,000/s beyond 10 free rules) (ELB pricing page).
- A run or request may last as long as the month the workload assumes.
- A tier list that ends at a bound has no price above it: that usage is missing, not dropped.
us-east-1 prices used below (price book): ALB 0.0225 per hour and 0.008 per LCU-hour; Lambda 0.20 per 1M
requests; Fargate Linux/x86 0.000011244 per vCPU-second.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from desktop.model.advice.engine import compute_quote
from desktop.model.options.common.invocation import is_asynchronous, requests_per_event
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.validation import problems_of
from tests.conftest import make_workload

HOUR_S = 3600
MONTH_H = 730


def by_label(option):
    return {i.label: i for i in option.line_items}


# --- Fargate Spot ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("architecture", "os", "refused"), [("arm64", "linux", "Linux/ARM64"),
                                                             ("x86_64", "windows", "Windows")])
def test_fargate_spot_is_for_linux_x86_64_only(book: PriceBook, architecture: str, os: str, refused: str) -> None:
    w = make_workload(architecture=architecture, front_door="none",
                      container={"os": os, "vcpu": 1, "memory_gb": 2, "spot_share": 0.5},
                      requirements={"interruption_tolerant": True})
    fargate = compute_quote(w, book).options["fargate"]
    assert "Fargate Spot discount" not in by_label(fargate)
    (warning,) = [t for t in fargate.warnings if t.startswith("Fargate Spot")]
    assert warning.startswith(f"Fargate Spot runs Linux/X86_64 tasks only, so these {refused} tasks run on demand: "
                              "the 50% Spot share is priced on demand")
    assert "Amazon ECS developer guide, AWS Fargate capacity providers" in warning
    # EC2 Spot has no such rule: its discount stays
    if os == "linux":
        assert "EC2 Spot discount" in by_label(compute_quote(w, book).options["ec2"])


def test_fargate_spot_applies_to_linux_x86_64(book: PriceBook) -> None:
    # 2 tasks of 1 vCPU / 2 GB all month: vCPU 2 x 2,628,000 s x 0.000011244 = 59.10, memory 2 x 2 GB x
    # 2,628,000 s x 0.000001235 = 12.98; half on Spot at 65% off: 72.08 x 0.5 x 0.65 = 23.43
    w = make_workload(front_door="none", traffic={"requests_per_month": 0},
                      container={"vcpu": 1, "memory_gb": 2, "spot_share": 0.5})
    fargate = by_label(compute_quote(w, book).options["fargate"])
    assert (fargate["vCPU"].usd, fargate["Memory"].usd) == (Decimal("59.10"), Decimal("12.98"))
    assert fargate["Fargate Spot discount"].usd == -(Decimal("72.08") * Decimal("0.5") * Decimal("0.65")).quantize(
        Decimal("0.01"))


# --- asynchronous Lambda events --------------------------------------------------------------------------------
def test_which_triggers_invoke_asynchronously() -> None:
    assert [t for t in ("http", "queue", "stream", "event", "schedule") if is_asynchronous(t)] == ["event", "schedule"]


@pytest.mark.parametrize(("kb", "requests"), [(0, 1), (256, 1), (256.5, 2), (320, 2), (320.5, 3), (600, 7),
                                              (1024, 13), (4096, 13)])
def test_async_events_bill_a_request_per_64_kb_above_256(kb: float, requests: int) -> None:
    assert requests_per_event("event", kb) == requests
    assert requests_per_event("http", kb) == 1
    assert requests_per_event("queue", kb) == 1  # the SQS poller invokes synchronously


def test_async_event_requests_are_priced(book: PriceBook) -> None:
    # 10M events of 600 KB: 256 KB + 6 x 64 KB chunks = 7 requests each = 70M requests x 0.20 per 1M = 14.00
    w = make_workload(front_door="none", traffic={"requests_per_month": 10_000_000},
                      requirements={"trigger": "event", "payload_kb": 600}, **{"lambda": {"free_tier": False}})
    requests = by_label(compute_quote(w, book).options["lambda"])["Requests"]
    assert (requests.quantity, requests.usd) == (Decimal(70), Decimal("14.00"))
    assert "bills 7 requests" in requests.note
    http = w.with_changes({"requirements.trigger": "http"})
    assert by_label(compute_quote(http, book).options["lambda"])["Requests"].usd == Decimal("2.00")


# --- ALB LCUs: the largest of four dimensions ------------------------------------------------------------------
def _alb_lcu_hours(book: PriceBook, option: str = "fargate", **sections: object) -> Decimal:
    quote = compute_quote(make_workload(front_door="alb", **sections), book)
    return by_label(quote.options[option])["Application Load Balancer LCUs"].quantity


def test_alb_new_connections(book: PriceBook) -> None:
    # 100 requests/s, one new connection each: 100 / 25 = 4 LCU x 730 h = 2,920 LCU-hours ($23.36)
    assert _alb_lcu_hours(book, traffic={"requests_per_month": 100 * MONTH_H * HOUR_S, "duration_ms": 100}) == 2920


def test_alb_active_connections_from_long_connections(book: PriceBook) -> None:
    # 10 connections/s, each open 600 s: 6,000 open at once / 3,000 = 2 LCU (new connections: 0.4) -> 1,460
    assert _alb_lcu_hours(book, traffic={"requests_per_month": 10 * MONTH_H * HOUR_S, "duration_ms": 600_000},
                          requirements={"long_lived_connections": True}) == 1460


def test_alb_processed_bytes_are_request_plus_response(book: PriceBook) -> None:
    # 10 requests/s x 3,600 s x (100 KB in + 400 KB out) = 18,000,000 KB = 17.1661 GB an hour = 17.1661 LCU
    # (container targets: 1 GB per LCU) x 730 h; Lambda targets 0.4 GB per LCU: 2.5 times as many
    sections = {"traffic": {"requests_per_month": 10 * MONTH_H * HOUR_S, "duration_ms": 50},
                "requirements": {"payload_kb": 100}, "network": {"response_kb": 400}}
    expected = Decimal(18_000_000) / 1024**2 * MONTH_H
    assert _alb_lcu_hours(book, **sections) == pytest.approx(expected, rel=Decimal("1e-9"))
    assert _alb_lcu_hours(book, "lambda", **sections) == pytest.approx(expected * Decimal("2.5"), rel=Decimal("1e-9"))


def test_alb_rule_evaluations_beyond_ten_free(book: PriceBook) -> None:
    # 100 requests/s x (60 rules - 10 free) = 5,000 evaluations/s / 1,000 = 5 LCU (new connections: 4) -> 3,650
    traffic = {"requests_per_month": 100 * MONTH_H * HOUR_S, "duration_ms": 100}
    assert _alb_lcu_hours(book, traffic=traffic, network={"alb_rules": 60}) == 3650
    assert _alb_lcu_hours(book, traffic=traffic, network={"alb_rules": 10}) == 2920  # 10 rules are free
    quote = compute_quote(make_workload(front_door="alb", traffic=traffic, network={"alb_rules": 60}), book)
    assert by_label(quote.options["fargate"])["Application Load Balancer LCUs"].usd == Decimal("29.20")


# --- a run may last the month ------------------------------------------------------------------------------------
def test_a_run_may_last_the_whole_month(book: PriceBook) -> None:
    # One Fargate task of 1 vCPU / 2 GB running 730 h: 2,628,000 s x 0.000011244 = 29.55; 2 GB: 6.49
    w = make_workload(front_door="none", traffic={"kind": "jobs", "runs_per_month": 1, "duration_ms": 730 * 3_600_000},
                      container={"vcpu": 1, "memory_gb": 2})
    fargate = by_label(compute_quote(w, book).options["fargate"])
    assert (fargate["vCPU"].usd, fargate["Memory"].usd) == (Decimal("29.55"), Decimal("6.49"))
    longer = make_workload(traffic={"duration_ms": 744 * 3_600_000}, assumptions={"month_hours": 744})
    assert longer.traffic.duration_ms == 744 * 3_600_000


def test_a_run_longer_than_the_month_is_refused_at_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        make_workload(traffic={"duration_ms": 730 * 3_600_000 + 1})
    (problem,) = problems_of(caught.value)
    assert problem.path == "traffic.duration_ms"
    assert problem.message.startswith("must be at most the month, 730 h = 2,628,000,000 ms (assumptions.month_hours)")


# --- usage above a tier list's last bound ------------------------------------------------------------------------
def test_http_api_above_its_last_tier_is_missing_not_dropped(book: PriceBook) -> None:
    # eu-west-1: the book has the HTTP API price for the first 300M requests only (1.11 per 1M)
    w = make_workload(region="eu-west-1", front_door="api_gateway_http", traffic={"requests_per_month": 400_000_000})
    lam = compute_quote(w, book).options["lambda"]
    assert by_label(lam)["API Gateway HTTP API"].usd == Decimal("333.00")
    (gap,) = [m for m in lam.missing if m.what.startswith("API Gateway")]
    assert gap.what == "API Gateway HTTP API above 300,000,000 requests a month"
    assert gap.usage == ((Decimal(100), "1M requests"),)
    assert not lam.complete and lam.feasible


def test_lambda_duration_above_the_known_tier_is_missing(book: PriceBook) -> None:
    # eu-west-1 knows x86 tier 1 only (first 6B GB-s): 8B GB-s leaves 2B unpriced
    w = make_workload(region="eu-west-1", front_door="none",
                      traffic={"requests_per_month": 8_000_000_000, "duration_ms": 1000},
                      **{"lambda": {"memory_mb": 1024, "free_tier": False}})
    lam = compute_quote(w, book).options["lambda"]
    (gap,) = [m for m in lam.missing if m.what.startswith("Lambda x86_64 duration")]
    assert gap.what == "Lambda x86_64 duration above 6,000,000,000 GB-seconds a month"
    assert gap.usage == ((Decimal(2_000_000_000), "GB-second"),)


# --- containers sized for the peak within the hour ---------------------------------------------------------------
def test_burst_within_the_hour_sizes_containers_not_lambda(book: PriceBook) -> None:
    # 50 requests/s x 0.2 s = 10 in flight; 10 per task at 50%: 2 tasks; a 3x burst: 30 in flight, 6 tasks
    base = make_workload(front_door="none", traffic={"requests_per_month": 50 * MONTH_H * HOUR_S, "duration_ms": 200},
                         container={"concurrency_per_task": 10, "target_utilization": 0.5, "min_tasks": 1})
    burst = base.with_changes({"traffic.burst_ratio": 3})
    calm, peaky = compute_quote(base, book), compute_quote(burst, book)
    assert calm.options["fargate"].capacity.tasks_per_hour == (2,) * 24
    assert peaky.options["fargate"].capacity.tasks_per_hour == (6,) * 24
    assert peaky.options["ec2"].capacity.tasks_per_hour == (6,) * 24
    assert peaky.options["lambda"].monthly_usd == calm.options["lambda"].monthly_usd
