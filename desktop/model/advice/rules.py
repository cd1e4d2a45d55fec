"""Hard limits: the rules that rule an option out, each citing the AWS limit and where it is written.

A rule is data (id, option, source) plus one small pure function of the workload that returns the
reason text when the limit is crossed, or None. Adding a rule means adding one entry to HARD_RULES.
Source: shared reference aws-limits.md, "Decision rules derived from the limits".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.model.advice.quote import Reason
from desktop.model.options.fargate_sizes import SIZES_SOURCE, largest
from desktop.model.workload.spec import Workload

LAMBDA_QUOTAS = "AWS Lambda quotas (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)"
LAMBDA_MEMORY = "Lambda memory and computing power (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)"
FARGATE_GPU = ("AWS Batch on Fargate: GPUs not supported "
               "(docs.aws.amazon.com/batch/latest/userguide/fargate-job-definitions.html)")
FARGATE_SECURITY = "Amazon ECS best practices, Fargate security (no privileged containers, devices, sysctls)"
ECS_DAEMON = "Amazon ECS service options: DAEMON scheduling is not supported on Fargate (ecs_service-options.html)"
FARGATE_STORAGE = "AWS Fargate pricing and task storage: 20 GB included, up to 200 GB"

LAMBDA_TIMEOUT_S = 900
LAMBDA_MAX_MEMORY_MB = 10240
LAMBDA_MAX_VCPU = 6
LAMBDA_MAX_SCRATCH_GB = 10
LAMBDA_MAX_ARTIFACT_MB = 10 * 1024
FARGATE_MAX_SCRATCH_GB = 200
WINDOWS_MAX_VCPU = 4
WINDOWS_MAX_MEMORY_GB = 30


def _duration_text(seconds: float) -> str:
    """A duration as a person reads it, exact near the 15-minute limit (901 s is "15 min 1 s", not "15 min")."""
    if seconds < 120:
        return f"{seconds:g} s"
    if seconds >= 3600:
        hours = seconds / 3600
        return f"{hours:g} h" if abs(hours - round(hours)) < 1e-9 else f"{hours:.1f} h"
    minutes, rest = divmod(seconds, 60)
    if rest < 1e-9:
        return f"{minutes:.0f} min"
    return f"{minutes:.0f} min {rest:.3g} s"


def _unit(workload: Workload) -> str:
    return "a run" if workload.is_jobs else "a request"


def unit_vcpu(workload: Workload) -> float:
    if workload.requirements.vcpu_per_unit is not None:
        return workload.requirements.vcpu_per_unit
    if workload.is_jobs:
        return workload.container.vcpu
    return workload.container.vcpu / workload.container.concurrency_per_task


def unit_memory_mb(workload: Workload) -> float:
    if workload.requirements.memory_mb_per_unit is not None:
        return workload.requirements.memory_mb_per_unit
    if workload.is_jobs:
        return workload.container.memory_gb * 1024
    return workload.lambda_.memory_mb


def _lambda_timeout(w: Workload) -> str | None:
    seconds = w.traffic.duration_ms / 1000
    if seconds <= LAMBDA_TIMEOUT_S:
        return None
    return (f"Lambda: {_unit(w)} takes {_duration_text(seconds)}; Lambda stops a function after "
            f"15 min ({LAMBDA_TIMEOUT_S} s)")


def _lambda_memory(w: Workload) -> str | None:
    need = unit_memory_mb(w)
    if need <= LAMBDA_MAX_MEMORY_MB:
        return None
    return f"Lambda: {_unit(w)} needs {need:,.0f} MB of memory; a function has at most 10,240 MB"


def _lambda_vcpu(w: Workload) -> str | None:
    need = unit_vcpu(w)
    if need <= LAMBDA_MAX_VCPU:
        return None
    return f"Lambda: {_unit(w)} needs {need:g} vCPU; a function gets at most 6 vCPU (at 10,240 MB)"


def _gpu(option: str) -> Callable[[Workload], str | None]:
    name = {"lambda": "Lambda", "fargate": "Fargate"}[option]

    def check(w: Workload) -> str | None:
        if w.requirements.gpus <= 0:
            return None
        return (f"{name}: the work needs {w.requirements.gpus} GPU(s); {name} has no GPUs "
                "(only ECS on EC2 GPU instances do)")
    return check


def _privileged(w: Workload) -> str | None:
    if not w.requirements.privileged:
        return None
    return ("Fargate: the work needs privileged mode, host devices or kernel tuning; Fargate allows none "
            "of them")


def _privileged_lambda(w: Workload) -> str | None:
    if not w.requirements.privileged:
        return None
    return "Lambda: the work needs privileged mode, host devices or kernel tuning; Lambda allows none of them"


def _daemon(w: Workload) -> str | None:
    if not w.requirements.daemon_per_host:
        return None
    return "Fargate: the work needs an agent on every host (DAEMON); Fargate has no DAEMON scheduling"


def _daemon_lambda(w: Workload) -> str | None:
    if not w.requirements.daemon_per_host:
        return None
    return "Lambda: the work needs an agent on every host (DAEMON); Lambda has no hosts to run it on"


def _fargate_size(w: Workload) -> str | None:
    big = largest(w.container.os)
    if w.container.vcpu <= big.vcpu and w.container.memory_gb <= big.memory_gb:
        return None
    os_name = "Windows " if w.container.os == "windows" else ""
    return (f"Fargate: a task needs {w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB; the largest "
            f"{os_name}Fargate task is {big.vcpu:g} vCPU and {big.memory_gb:g} GB")


def _windows_lambda(w: Workload) -> str | None:
    if w.container.os != "windows":
        return None
    return "Lambda: the work needs Windows containers; Lambda runs only Linux"


def _scratch_lambda(w: Workload) -> str | None:
    need = w.requirements.scratch_gb
    if need <= LAMBDA_MAX_SCRATCH_GB:
        return None
    return f"Lambda: {_unit(w)} needs {need:g} GB of scratch disk; /tmp holds at most 10 GB (10,240 MB)"


def _scratch_fargate(w: Workload) -> str | None:
    need = w.requirements.scratch_gb
    if need <= FARGATE_MAX_SCRATCH_GB:
        return None
    return f"Fargate: a task needs {need:g} GB of scratch disk; Fargate tasks have at most 200 GB"


def _artifact(w: Workload) -> str | None:
    size = w.requirements.artifact_mb
    if size <= LAMBDA_MAX_ARTIFACT_MB:
        return None
    return (f"Lambda: the deployment artifact is {size / 1024:,.1f} GB; a Lambda container image is at most "
            "10 GB")


@dataclass(frozen=True, slots=True)
class HardRule:
    rule_id: str
    option: str
    source: str
    check: Callable[[Workload], str | None]


HARD_RULES: tuple[HardRule, ...] = (
    HardRule("lambda.timeout", "lambda", LAMBDA_QUOTAS, _lambda_timeout),
    HardRule("lambda.memory", "lambda", LAMBDA_QUOTAS, _lambda_memory),
    HardRule("lambda.vcpu", "lambda", LAMBDA_MEMORY, _lambda_vcpu),
    HardRule("lambda.gpu", "lambda", LAMBDA_QUOTAS, _gpu("lambda")),
    HardRule("lambda.privileged", "lambda", LAMBDA_QUOTAS, _privileged_lambda),
    HardRule("lambda.daemon", "lambda", ECS_DAEMON, _daemon_lambda),
    HardRule("lambda.windows", "lambda", LAMBDA_QUOTAS, _windows_lambda),
    HardRule("lambda.scratch", "lambda", LAMBDA_QUOTAS, _scratch_lambda),
    HardRule("lambda.artifact", "lambda", LAMBDA_QUOTAS, _artifact),
    HardRule("fargate.task_size", "fargate", SIZES_SOURCE, _fargate_size),
    HardRule("fargate.gpu", "fargate", FARGATE_GPU, _gpu("fargate")),
    HardRule("fargate.privileged", "fargate", FARGATE_SECURITY, _privileged),
    HardRule("fargate.daemon", "fargate", ECS_DAEMON, _daemon),
    HardRule("fargate.scratch", "fargate", FARGATE_STORAGE, _scratch_fargate),
)


def hard_reasons(workload: Workload, option: str) -> tuple[Reason, ...]:
    """Every hard limit the workload crosses for one option, in rule order."""
    found: list[Reason] = []
    for rule in HARD_RULES:
        if rule.option != option:
            continue
        text = rule.check(workload)
        if text is not None:
            found.append(Reason(rule.rule_id, text, rule.source))
    return tuple(found)
