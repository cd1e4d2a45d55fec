"""Every hard limit on both sides: just inside keeps the option, just outside rules it out with a reason that
names the limit, the workload's value and the source."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.model.advice.engine import compute_quote, hard_reasons
from desktop.model.options.registry import all_options, get
from desktop.model.pricing.book import PriceBook
from tests.conftest import make_workload

JOB = {"kind": "jobs", "runs_per_month": 100}
BIG_TASK = {"vcpu": 16, "memory_gb": 120}
LMI: dict[str, Any] = {"options": ["lambda", "lambda_managed"]}
ECS_MI: dict[str, Any] = {"options": ["ec2", "ecs_managed"]}

# (rule id, sections just inside the limit, sections just outside, words the reason must contain)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = [
    ("lambda.timeout", {"traffic": {**JOB, "duration_ms": 899_000}}, {"traffic": {**JOB, "duration_ms": 901_000}},
     ("a run takes 15 min 1 s", "15 min (900 s)")),
    ("lambda.timeout", {"traffic": {**JOB, "duration_ms": 900_000}}, {"traffic": {**JOB, "duration_ms": 1_200_000}},
     ("a run takes 20 min", "Lambda stops a function after 15 min (900 s)")),
    ("lambda.memory", {"requirements": {"memory_mb_per_unit": 10240}}, {"requirements": {"memory_mb_per_unit": 10241}},
     ("10,241 MB", "at most 10,240 MB")),
    ("lambda.vcpu", {"requirements": {"vcpu_per_unit": 6}}, {"requirements": {"vcpu_per_unit": 6.5}},
     ("6.5 vCPU", "at most 6 vCPU")),
    ("lambda.gpu", {"requirements": {"gpus": 0}}, {"requirements": {"gpus": 1}}, ("1 GPU", "no GPUs")),
    ("fargate.gpu", {"requirements": {"gpus": 0}}, {"requirements": {"gpus": 1}}, ("1 GPU", "Fargate has no GPUs")),
    ("lambda.privileged", {}, {"requirements": {"privileged": True}}, ("privileged",)),
    ("fargate.privileged", {}, {"requirements": {"privileged": True}}, ("privileged", "Fargate allows none")),
    ("lambda.daemon", {}, {"requirements": {"daemon_per_host": True}}, ("DAEMON",)),
    ("fargate.daemon", {}, {"requirements": {"daemon_per_host": True}}, ("DAEMON", "no DAEMON scheduling")),
    ("lambda.windows", {"container": {"os": "linux"}}, {"container": {"os": "windows"}}, ("Windows", "only Linux")),
    ("fargate.task_size", {"container": {"os": "windows", "vcpu": 4, "memory_gb": 30}},
     {"container": {"os": "windows", "vcpu": 4.5, "memory_gb": 30}}, ("4.5 vCPU", "largest Windows Fargate task")),
    ("fargate.task_size", {"container": {"os": "windows", "vcpu": 4, "memory_gb": 30}},
     {"container": {"os": "windows", "vcpu": 4, "memory_gb": 31}}, ("31 GB", "4 vCPU and 30 GB")),
    ("fargate.task_size", {"container": BIG_TASK}, {"container": {**BIG_TASK, "vcpu": 16.5}},
     ("16.5 vCPU", "16 vCPU and 120 GB")),
    ("fargate.task_size", {"container": BIG_TASK}, {"container": {**BIG_TASK, "memory_gb": 121}},
     ("121 GB", "16 vCPU and 120 GB")),
    ("lambda.scratch", {"requirements": {"scratch_gb": 10}}, {"requirements": {"scratch_gb": 10.5}},
     ("10.5 GB of scratch", "at most 10 GB")),
    ("fargate.scratch", {"requirements": {"scratch_gb": 200}}, {"requirements": {"scratch_gb": 201}},
     ("201 GB of scratch", "at most 200 GB")),
    ("lambda.artifact", {"requirements": {"artifact_mb": 10240}}, {"requirements": {"artifact_mb": 10241}},
     ("10.0 GB", "at most 10 GB")),
    ("lambda_managed.runtime", {"lambda_managed": {"runtime": "rust"}, **LMI},
     {"lambda_managed": {"runtime": "other"}, **LMI}, ("not one they run", "Node.js 22+", "Python 3.13+")),
    ("lambda_managed.gpu", {"requirements": {"gpus": 0}, **LMI}, {"requirements": {"gpus": 1}, **LMI},
     ("1 GPU", "GPU instances are not supported")),
    ("lambda_managed.memory", {"requirements": {"memory_mb_per_unit": 32768}, **LMI},
     {"requirements": {"memory_mb_per_unit": 32769}, **LMI}, ("32,769 MB", "at most 32 GB")),
    ("lambda_managed.vcpu", {"requirements": {"vcpu_per_unit": 16}, **LMI},
     {"requirements": {"vcpu_per_unit": 16.5}, **LMI}, ("16.5 vCPU", "at most 16 vCPU")),
    ("lambda_managed.windows", LMI, {"container": {"os": "windows"}, **LMI}, ("Windows", "Linux only")),
    ("lambda_managed.privileged", LMI, {"requirements": {"privileged": True}, **LMI}, ("privileged",)),
    ("lambda_managed.daemon", LMI, {"requirements": {"daemon_per_host": True}, **LMI}, ("DAEMON",)),
    ("ecs_managed.windows", ECS_MI, {"container": {"os": "windows"}, **ECS_MI},
     ("Windows", "Linux containers only")),
    ("eks_fargate.pod_size", {"options": ["eks_fargate"], "container": {"vcpu": 16, "memory_gb": 119.75}},
     {"options": ["eks_fargate"], "container": {"vcpu": 16, "memory_gb": 120}}, ("+ 0.25 GB", "largest Fargate pod")),
    ("eks_fargate.gpu", {"options": ["eks_fargate"]}, {"options": ["eks_fargate"], "requirements": {"gpus": 1}},
     ("GPUs are not available on Fargate",)),
    ("eks_fargate.privileged", {"options": ["eks_fargate"]},
     {"options": ["eks_fargate"], "requirements": {"privileged": True}}, ("HostPort or HostNetwork",)),
    ("eks_fargate.daemon", {"options": ["eks_fargate"]},
     {"options": ["eks_fargate"], "requirements": {"daemon_per_host": True}}, ("DaemonSets are not supported",)),
    ("eks_fargate.platform", {"options": ["eks_fargate"]}, {"options": ["eks_fargate"], "architecture": "arm64"},
     ("x86_64 only",)),
    ("eks_fargate.platform", {"options": ["eks_fargate"]},
     {"options": ["eks_fargate"], "container": {"os": "windows", "vcpu": 1, "memory_gb": 2}}, ("Windows pods",)),
]


@pytest.mark.parametrize(("rule_id", "inside", "outside", "words"), CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_hard_rule_on_both_sides_of_its_limit(book: PriceBook, rule_id: str, inside: dict[str, Any],
                                               outside: dict[str, Any], words: tuple[str, ...]) -> None:
    option_id = rule_id.split(".")[0]
    option = get(option_id)
    ok = make_workload(**inside)
    bad = make_workload(**outside)
    assert rule_id not in [r.rule_id for r in hard_reasons(ok, option)]
    reasons = {r.rule_id: r for r in hard_reasons(bad, option)}
    assert rule_id in reasons
    reason = reasons[rule_id]
    for word in words:
        assert word in reason.text
    assert reason.text.startswith(("Lambda:", "Fargate:", "Lambda Managed Instances:", "ECS Managed Instances:",
                                   "EKS on Fargate:"))
    assert reason.source  # the limit's source travels with the reason
    assert not compute_quote(bad, book).options[option_id].feasible


def test_every_hard_rule_has_a_case() -> None:
    covered = {c[0] for c in CASES}
    assert covered == {r.rule_id for o in all_options() for r in o.hard_rules}


def test_issue_example_text_for_a_20_minute_job() -> None:
    w = make_workload(traffic={**JOB, "duration_ms": 20 * 60 * 1000})
    (reason,) = [r for r in hard_reasons(w, get("lambda")) if r.rule_id == "lambda.timeout"]
    assert reason.text == "Lambda: a run takes 20 min; Lambda stops a function after 15 min (900 s)"


def test_gpu_leaves_only_ec2(book: PriceBook) -> None:
    quote = compute_quote(make_workload(requirements={"gpus": 1}, container={"vcpu": 4, "memory_gb": 14}), book)
    assert [o for o, q in quote.options.items() if q.feasible] == ["ec2"]


def test_windows_is_never_lambda_and_small_windows_fits_fargate(book: PriceBook) -> None:
    quote = compute_quote(make_workload(container={"os": "windows", "vcpu": 2, "memory_gb": 4}), book)
    assert not quote.options["lambda"].feasible
    assert quote.options["fargate"].feasible
