"""Amazon ECS on AWS Fargate: task size rounding, per-second billing with minimums, storage, Windows, Spot; its
limits.

Sources: aws.amazon.com/fargate/pricing (shared reference aws-prices.md §2, aws-limits.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption, HardRule, SavingsPlan, Sizing, Traits
from desktop.model.options.common.calc import Calc
from desktop.model.options.common.commitment import apply_plan, plan_of
from desktop.model.options.common.containers import hourly_counts
from desktop.model.options.common.fargate import (
    LINUX_MINIMUM_S,
    WINDOWS_MINIMUM_S,
    FargateCapacity,
    billed_seconds,
    compute_lines,
    fargate_eligible,
    fargate_rates,
)
from desktop.model.options.common.fargate_sizes import SIZES_SOURCE, largest, round_up_size
from desktop.model.options.common.hard_rules import above, no_daemon, no_gpus, no_privileged, scratch_gb
from desktop.model.options.common.style import BLUE, SKY_BLUE, OptionStyle

if TYPE_CHECKING:
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Workload

ID = "fargate"
INCLUDED_STORAGE_GB = 20
MAX_SCRATCH_GB = 200

GPU = ("AWS Batch on Fargate: GPUs not supported "
       "(docs.aws.amazon.com/batch/latest/userguide/fargate-job-definitions.html)")
SECURITY = "Amazon ECS best practices, Fargate security (no privileged containers, devices, sysctls)"
DAEMON = "Amazon ECS service options: DAEMON scheduling is not supported on Fargate (ecs_service-options.html)"
STORAGE = "AWS Fargate pricing and task storage: 20 GB included, up to 200 GB"
SPOT = ("Amazon ECS developer guide, AWS Fargate capacity providers (fargate-capacity-providers.html): Fargate Spot "
        "runs Linux tasks on X86_64 only; ARM64 and Windows tasks do not support it")


def spot_platform_refused(w: Workload) -> str | None:
    """The platform Fargate Spot refuses ("Windows", "Linux/ARM64"), or None for Linux/X86_64."""
    if w.container.os == "windows":
        return "Windows"
    if w.architecture != "x86_64":
        return "Linux/ARM64"
    return None


class FargateOption(ComputeOption):
    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        w = ctx.workload
        c = w.container
        rates, rate_name = fargate_rates(ctx)
        if rates is None:
            calc.record_missing(f"Fargate {rate_name}")
            return None
        size = round_up_size(c.vcpu, c.memory_gb, c.os, float(rates.vcpu.per_second()),
                             float(rates.memory.per_second()))
        if size is None:
            return None
        warnings: list[str] = []
        rounded = abs(size.vcpu - c.vcpu) > 1e-9 or abs(size.memory_gb - c.memory_gb) > 1e-9
        if rounded:
            warnings.append(f"Fargate bills the next valid task size: {c.vcpu:g} vCPU / {c.memory_gb:g} GB "
                            f"is billed as {size.vcpu:g} vCPU / {size.memory_gb:g} GB")

        run = billed_seconds(w, calc, WINDOWS_MINIMUM_S if c.os == "windows" else LINUX_MINIMUM_S, "task")
        warnings.extend(run.warnings)
        seconds = run.seconds
        task_hours = seconds / 3600
        calc.public_addresses(task_hours, "task")
        note = (f"{task_hours:,.1f} task-hours of {size.vcpu:g} vCPU / {size.memory_gb:g} GB ({rate_name})"
                if calc.exact else "")

        compute_lines(calc, seconds, size, rates, note)
        extra_gb = calc.num(c.ephemeral_storage_gb) - INCLUDED_STORAGE_GB
        if c.ephemeral_storage_gb > INCLUDED_STORAGE_GB:
            storage = ctx.prices.fargate.ephemeral_storage
            if storage is None:
                calc.record_missing("Fargate ephemeral storage", core=False)
            else:
                calc.line("Ephemeral storage above 20 GB", seconds * extra_gb, storage.unit, storage,
                          group="storage")

        compute = calc.group_total(("compute",))
        spot_share = calc.num(c.spot_share)
        refused = spot_platform_refused(w)
        if c.spot_share > 0 and refused is not None:
            warnings.append(f"Fargate Spot runs Linux/X86_64 tasks only, so these {refused} tasks run on demand: "
                            f"the {c.spot_share:.0%} Spot share is priced on demand ({SPOT})")
            spot_share = calc.num(0)
        spot_pct = w.assumptions.fargate_spot_discount_pct
        calc.discount(compute * spot_share, spot_pct, "Fargate Spot discount",
                      f"{c.spot_share:.0%} of task-hours on Spot at {spot_pct:g}% off (an editable assumption)")
        if plan_of(w) is None:
            plan_pct = w.assumptions.savings_plans.fargate_pct
            calc.discount(compute * (1 - spot_share), plan_pct, "Compute Savings Plan (Fargate)",
                          f"{plan_pct:g}% off on-demand compute (an editable assumption)")
        else:
            refused_plan = apply_plan(calc, w, "fargate", 1 - spot_share,
                                      lambda plan: fargate_eligible(ctx, calc, seconds, size, rates, plan),
                                      run.tasks)
            warnings.extend([refused_plan] if refused_plan else [])
        if not calc.exact:
            return Sizing()
        capacity = FargateCapacity(
            requested_vcpu=c.vcpu, requested_memory_gb=c.memory_gb, vcpu=size.vcpu, memory_gb=size.memory_gb,
            rounded=rounded, tasks_per_hour=hourly_counts(run.tasks), task_hours=task_hours,
            billed_seconds_per_run=run.billed_s,
        )
        return Sizing(capacity, tuple(warnings))


# --- hard limits ---------------------------------------------------------------------------------------
def _size(w: Workload) -> str | None:
    big = largest(w.container.os)
    if w.container.vcpu <= big.vcpu and w.container.memory_gb <= big.memory_gb:
        return None
    os_name = "Windows " if w.container.os == "windows" else ""
    return (f"Fargate: a task needs {w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB; the largest "
            f"{os_name}Fargate task is {big.vcpu:g} vCPU and {big.memory_gb:g} GB")


HARD_RULES = (
    HardRule("fargate.task_size", SIZES_SOURCE, _size),
    HardRule("fargate.gpu", GPU, no_gpus("Fargate", "Fargate has no GPUs (only ECS on EC2 GPU instances do)")),
    HardRule("fargate.privileged", SECURITY, no_privileged("Fargate", "Fargate allows none of them")),
    HardRule("fargate.daemon", DAEMON, no_daemon("Fargate", "Fargate has no DAEMON scheduling")),
    HardRule("fargate.scratch", STORAGE, above(scratch_gb, MAX_SCRATCH_GB, lambda w, need: (
        f"Fargate: a task needs {need:g} GB of scratch disk; Fargate tasks have at most 200 GB"))),
)

OPTION = FargateOption(
    id=ID, label="Amazon ECS on AWS Fargate", short_label="Fargate",
    front_door="alb", alb_gb_per_lcu=1.0,
    traits=Traits(kind="container", operations=1, control=1, spot=True),
    savings_plan=SavingsPlan("fargate_pct", "Fargate"),
    hard_rules=HARD_RULES,
    style=OptionStyle(BLUE, SKY_BLUE, "dash", "s", -0.2),
)
