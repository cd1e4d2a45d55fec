"""Each soft signal: raised with the right severity, direction and origin, and silent when it does not apply."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.model.advice.advise import Finding
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.findings import find_findings, soft_rules
from desktop.model.pricing.book import PriceBook
from desktop.model.questionnaire.questions import workload_from_answers
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload

SPIKY = [0.05] * 8 + [4.0] * 4 + [0.05] * 12
STEADY = None
LMI = ["lambda", "lambda_managed"]


def findings_of(book: PriceBook, w: Workload) -> dict[str, Finding]:
    return {f.finding_id: f for f in find_findings(w, compute_quote(w, book))}


# (rule id, sections that raise it, sections that do not, severity, favours, against, origin)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, tuple[str, ...], tuple[str, ...], str]] = [
    ("traffic.shape", {"traffic": {"daily_profile": SPIKY}}, {"traffic": {"daily_profile": [1, 2] * 12}},
     "warning", ("lambda",), (), "traffic.daily_profile"),
    ("latency.cold_starts", {"requirements": {"latency_slo_ms": 200}, "traffic": {"daily_profile": SPIKY}},
     {"requirements": {"latency_slo_ms": 1000}}, "strong", (), ("lambda",), "requirements.latency_slo_ms"),
    ("latency.below_duration", {"requirements": {"latency_slo_ms": 200}, "traffic": {"duration_ms": 300}},
     {"requirements": {"latency_slo_ms": 300}, "traffic": {"duration_ms": 300}}, "strong", (), (),
     "requirements.latency_slo_ms"),
    ("latency.scale_from_zero", {"container": {"min_tasks": 0}}, {"container": {"min_tasks": 1}},
     "strong", (), ("fargate", "ec2"), "container.min_tasks"),
    ("lambda.concurrency_quota", {"traffic": {"requests_per_month": 3_000_000_000, "duration_ms": 1000}},
     {"traffic": {"requests_per_month": 1_000_000_000, "duration_ms": 1000}},
     "strong", (), ("lambda",), "traffic.requests_per_month"),
    ("lambda.scaling_rate", {"traffic": {"requests_per_month": 1_000_000_000, "duration_ms": 1000,
                                         "daily_profile": SPIKY}},
     {"traffic": {"requests_per_month": 1_000_000_000, "duration_ms": 1000}},
     "warning", (), ("lambda",), "traffic.daily_profile"),
    ("lambda.durable", {"traffic": {"kind": "jobs", "runs_per_month": 1000, "duration_ms": 2_400_000},
                        "requirements": {"checkpointable": True}},
     {"traffic": {"kind": "jobs", "runs_per_month": 1000, "duration_ms": 2_400_000}},
     "warning", (), ("lambda",), "requirements.checkpointable"),
    ("state.connections", {"requirements": {"long_lived_connections": True}}, {},
     "strong", ("fargate", "ec2"), ("lambda",), "requirements.long_lived_connections"),
    ("state.in_memory", {"requirements": {"in_memory_state": True}}, {},
     "warning", ("fargate", "ec2"), ("lambda",), "requirements.in_memory_state"),
    ("lambda.payload", {"requirements": {"payload_kb": 6145}}, {"requirements": {"payload_kb": 6144}},
     "warning", (), ("lambda",), "requirements.payload_kb"),
    ("lambda.artifact", {"requirements": {"artifact_mb": 251}}, {"requirements": {"artifact_mb": 250}},
     "info", (), ("lambda",), "requirements.artifact_mb"),
    ("trigger", {"requirements": {"trigger": "event"}, "front_door": "none"}, {"requirements": {"trigger": "http"}},
     "warning", ("lambda",), (), "requirements.trigger"),
    ("spot", {"container": {"spot_share": 0.5}}, {"container": {"spot_share": 0.5},
                                                  "requirements": {"interruption_tolerant": True}},
     "strong", (), ("fargate", "ec2"), "container.spot_share"),
    ("team.operations", {"team": {"operations_appetite": "low"}}, {},
     "strong", ("lambda",), ("ec2",), "team.operations_appetite"),
    ("team.configuration", {"team": {"configuration_control": "high"}}, {},
     "warning", ("ec2",), ("lambda",), "team.configuration_control"),
    ("pricing.incomplete", {"region": "ca-central-1", "front_door": "none"},
     {"region": "us-east-1", "front_door": "none"},
     "warning", (), ("ec2",), "region"),
    ("lambda_managed.fleet_floor", {"options": LMI}, {"options": LMI, "traffic": {"requests_per_month": 5 * 10**9}},
     "warning", (), ("lambda_managed",), "lambda_managed.min_instances"),
    ("lambda_managed.no_cold_starts", {"options": LMI, "requirements": {"latency_slo_ms": 200}},
     {"options": LMI, "requirements": {"latency_slo_ms": 1000}}, "info", ("lambda_managed",), (),
     "requirements.latency_slo_ms"),
    ("lambda_managed.scaling", {"options": LMI, "traffic": {"daily_profile": SPIKY}}, {"options": LMI},
     "warning", (), ("lambda_managed",), "traffic.daily_profile"),
    ("lambda_managed.unconfirmed", {"options": LMI, "traffic": {"duration_ms": 1_000_000}}, {"options": LMI},
     "warning", (), ("lambda_managed",), "traffic.duration_ms"),
    ("lambda_managed.thread_safety", {"options": LMI},
     {"options": LMI, "lambda_managed": {"concurrency_per_environment": 1}}, "info", (), (),
     "lambda_managed.concurrency_per_environment"),
    ("ecs_managed.unconfirmed", {"options": ["ec2", "ecs_managed"], "requirements": {"privileged": True}},
     {"options": ["ec2", "ecs_managed"]}, "warning", (), ("ecs_managed",), "requirements.privileged"),
    ("eks_fargate.cluster_fee", {"options": ["fargate", "eks_fargate"]}, {"options": ["fargate"]}, "info", (),
     ("eks_fargate",), "traffic.requests_per_month"),
    ("eks_fargate.scratch", {"options": ["eks_fargate"], "requirements": {"scratch_gb": 50}},
     {"options": ["eks_fargate"], "requirements": {"scratch_gb": 10}}, "warning", (), ("eks_fargate",),
     "requirements.scratch_gb"),
]


@pytest.mark.parametrize(("rule_id", "raises", "silent", "severity", "favours", "against", "origin"), CASES,
                         ids=[c[0] for c in CASES])
def test_soft_rule(book: PriceBook, rule_id: str, raises: dict[str, Any], silent: dict[str, Any], severity: str,
                   favours: tuple[str, ...], against: tuple[str, ...], origin: str) -> None:
    found = findings_of(book, make_workload(**raises))
    assert rule_id in found
    finding = found[rule_id]
    assert (finding.severity, finding.favours, finding.against, finding.origin) == (severity, favours, against,
                                                                                    origin)
    assert finding.concern in ("cost", "operations", "latency", "flexibility")
    assert finding.source
    quiet = findings_of(book, make_workload(**silent)).get(rule_id)
    assert quiet is None or quiet.severity != severity or quiet.against != against


def test_every_soft_rule_has_a_case() -> None:
    assert {c[0] for c in CASES} | {"budget"} == {r.rule_id for r in soft_rules()}


def test_quota_finding_names_the_peak_and_the_quota(book: PriceBook) -> None:
    w = make_workload(traffic={"requests_per_month": 3_000_000_000, "duration_ms": 1000})
    text = findings_of(book, w)["lambda.concurrency_quota"].text
    assert "1,142 concurrent executions" in text  # 3e9 / (730 h x 3600 s) x 1 s
    assert "1,000 per region" in text


def test_steady_load_favours_containers(book: PriceBook) -> None:
    finding = findings_of(book, make_workload())["traffic.shape"]
    assert (finding.severity, finding.favours) == ("info", ("fargate", "ec2"))


def test_interruptible_work_without_spot_is_an_info_for_containers(book: PriceBook) -> None:
    finding = findings_of(book, make_workload(requirements={"interruption_tolerant": True}))["spot"]
    assert (finding.severity, finding.favours, finding.origin) == ("info", ("fargate", "ec2"),
                                                                  "requirements.interruption_tolerant")


def test_findings_name_the_answer_behind_the_field(book: PriceBook) -> None:
    w = workload_from_answers({"ops_capacity": "none", "state": "connections", "monthly_budget": 20,
                               "app_size": "large", "monthly_volume": 50_000_000})
    found = findings_of(book, w)
    assert found["team.operations"].answer == "ops_capacity"
    assert found["state.connections"].answer == "state"
    budget = found["budget"]
    assert (budget.origin, budget.answer, budget.severity) == ("monthly_budget", "monthly_budget", "strong")
    assert "Over the budget of $20.00 a month" in budget.text
    assert set(budget.against) == {o for o, q in compute_quote(w, book).options.items()
                                   if q.feasible and float(q.monthly_usd or 0) > 20}


def test_no_answer_means_no_answer_trace(book: PriceBook) -> None:
    found = findings_of(book, make_workload(team={"operations_appetite": "low"}))
    assert found["team.operations"].answer is None


def test_a_latency_target_below_the_run_time_is_said_in_the_verdict(book: PriceBook) -> None:
    from desktop.model.advice.advise import advise

    w = make_workload(requirements={"latency_slo_ms": 100}, traffic={"duration_ms": 2000})
    found = findings_of(book, w)["latency.below_duration"]
    assert found.text.startswith("Latency target 100 ms is below the 2 s each request takes to run: no option can "
                                 "meet it")
    assert any(line.startswith("Whatever the choice: Latency target 100 ms")
               for line in advise(w, book).recommendation.rationale)


def test_a_finding_about_a_ruled_out_option_only_is_not_a_reason(book: PriceBook) -> None:
    """A 40-minute batch rules Lambda out: Lambda's scaling and quota findings are about nothing that can run."""
    profile = [0.0] * 23 + [24.0]
    w = make_workload(traffic={"kind": "jobs", "runs_per_month": 2_000_000, "duration_ms": 2_400_000,
                               "daily_profile": profile})
    quote = compute_quote(w, book)
    assert not quote.options["lambda"].feasible
    found = find_findings(w, quote)
    assert all("lambda" not in f.against and "lambda" not in f.favours for f in found)
    assert "lambda.concurrency_quota" not in {f.finding_id for f in found}
    texts = [f.text for f in found]
    assert len(texts) == len(set(texts))
