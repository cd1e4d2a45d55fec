"""Amazon ECS on AWS Fargate: task size rounding, per-second billing with minimums, storage, Windows, Spot; its
limits.

Sources: aws.amazon.com/fargate/pricing (shared reference aws-prices.md §2, aws-limits.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.model.options.base import ComputeOption, HardRule, SavingsPlan, Sizing, Traits
from desktop.model.options.common.calc import Amount, Calc
from desktop.model.options.common.containers import hourly_counts, tasks_per_hour
from desktop.model.options.common.fargate_sizes import SIZES_SOURCE, largest, round_up_size
from desktop.model.options.common.style import BLUE, SKY_BLUE, OptionStyle
from desktop.model.pricing.book import FargateRates, Price
from desktop.model.pricing.context import PricingContext
from desktop.model.workload.spec import Workload

ID = "fargate"
LINUX_MINIMUM_S = 60
WINDOWS_MINIMUM_S = 300
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


def _tasks_text(hourly: tuple[int, ...]) -> str:
    if not hourly:
        return "0"
    low, high = min(hourly), max(hourly)
    return f"{high}" if low == high else f"{low}-{high}"


@dataclass(frozen=True, slots=True)
class FargateCapacity:
    requested_vcpu: float
    requested_memory_gb: float
    vcpu: float
    memory_gb: float
    rounded: bool
    tasks_per_hour: tuple[int, ...]
    task_hours: Decimal
    billed_seconds_per_run: float | None = None

    hourly_name = "Fargate tasks"
    hourly_whole = True

    @property
    def peak_tasks(self) -> int:
        return max(self.tasks_per_hour) if self.tasks_per_hour else 0

    @property
    def hourly(self) -> tuple[float, ...]:
        return tuple(float(t) for t in self.tasks_per_hour)

    def summary(self) -> str:
        size = f"{self.vcpu:g} vCPU / {self.memory_gb:g} GB"
        rounded = f" (rounded up from {self.requested_vcpu:g} / {self.requested_memory_gb:g})" if self.rounded else ""
        return f"{size}{rounded}, {_tasks_text(self.tasks_per_hour)} tasks"

    def details(self) -> list[str]:
        size = f"{self.vcpu:g} vCPU / {self.memory_gb:g} GB per task"
        if self.rounded:
            size += f" (asked {self.requested_vcpu:g} / {self.requested_memory_gb:g})"
        return [size, f"Up to {self.peak_tasks:,} task(s); {float(self.task_hours):,.1f} task-hours a month"]

    def assumption(self) -> tuple[str, str] | None:
        return None

    def to_json(self) -> dict[str, Any]:
        return {"requested_vcpu": self.requested_vcpu, "requested_memory_gb": self.requested_memory_gb,
                "vcpu": self.vcpu, "memory_gb": self.memory_gb, "rounded_up": self.rounded,
                "tasks_per_hour": list(self.tasks_per_hour), "peak_tasks": self.peak_tasks,
                "task_hours": round(float(self.task_hours), 3),
                "billed_seconds_per_run": self.billed_seconds_per_run}


def fargate_rates(ctx: PricingContext) -> tuple[FargateRates | None, str]:
    w = ctx.workload
    prices = ctx.prices.fargate
    if w.container.os == "windows":
        if w.architecture != "x86_64":
            return None, "Fargate Windows tasks run on x86_64 only"
        return prices.windows_x86_64, "Windows/x86_64"
    if w.architecture == "arm64":
        return prices.linux_arm64, "Linux/ARM64"
    return prices.linux_x86_64, "Linux/x86_64"


def _usage(calc: Calc, label: str, unit_seconds: Amount, price: Price, note: str) -> None:
    """Price a quantity of unit-seconds at a per-second or per-hour price, in the price's own unit."""
    quantity = unit_seconds / 3600 if price.unit.endswith("hour") else unit_seconds
    calc.line(label, quantity, price.unit, price, note=note)


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

        tasks = tasks_per_hour(w, calc)
        month_hours = calc.num(w.assumptions.month_hours)
        billed_s: float | None = None
        if w.is_jobs:
            minimum = WINDOWS_MINIMUM_S if c.os == "windows" else LINUX_MINIMUM_S
            duration_s = w.traffic.duration_ms / 1000
            billed_s = max(duration_s, float(minimum))
            if duration_s < minimum:
                warnings.append(f"Fargate bills at least {minimum // 60} minute(s) per task: each {duration_s:g} s "
                                f"run is billed {minimum} s")
        if billed_s is None:
            seconds = calc.count(calc.hour_sum(tasks)) * 3600 * month_hours / 24
        elif w.min_tasks == 0:
            seconds = calc.units * calc.num(billed_s)
        else:  # runs, but never fewer tasks than the floor in any hour
            floor_s = calc.num(w.min_tasks) * 3600 * month_hours / 24
            run_s = calc.num(billed_s)
            seconds = calc.over_hours(lambda units, weight: calc.maximum(floor_s, units * weight / 24 * run_s))
        task_hours = seconds / 3600
        calc.public_addresses(task_hours, "task")
        note = (f"{task_hours:,.1f} task-hours of {size.vcpu:g} vCPU / {size.memory_gb:g} GB ({rate_name})"
                if calc.exact else "")

        _usage(calc, "vCPU", seconds * calc.num(size.vcpu), rates.vcpu, note)
        _usage(calc, "Memory", seconds * calc.num(size.memory_gb), rates.memory, note)
        if rates.os_license is not None:
            _usage(calc, "Windows OS licence", seconds * calc.num(size.vcpu), rates.os_license, note)
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
        plan_pct = w.assumptions.savings_plans.fargate_pct
        calc.discount(compute * (1 - spot_share), plan_pct, "Compute Savings Plan (Fargate)",
                      f"{plan_pct:g}% off on-demand compute (an editable assumption)")
        if not calc.exact:
            return Sizing()
        capacity = FargateCapacity(
            requested_vcpu=c.vcpu, requested_memory_gb=c.memory_gb, vcpu=size.vcpu, memory_gb=size.memory_gb,
            rounded=rounded, tasks_per_hour=hourly_counts(tasks), task_hours=task_hours,
            billed_seconds_per_run=billed_s,
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


def _gpu(w: Workload) -> str | None:
    if w.requirements.gpus <= 0:
        return None
    return (f"Fargate: the work needs {w.requirements.gpus} GPU(s); Fargate has no GPUs "
            "(only ECS on EC2 GPU instances do)")


def _privileged(w: Workload) -> str | None:
    if not w.requirements.privileged:
        return None
    return ("Fargate: the work needs privileged mode, host devices or kernel tuning; Fargate allows none "
            "of them")


def _daemon(w: Workload) -> str | None:
    if not w.requirements.daemon_per_host:
        return None
    return "Fargate: the work needs an agent on every host (DAEMON); Fargate has no DAEMON scheduling"


def _scratch(w: Workload) -> str | None:
    need = w.requirements.scratch_gb
    if need <= MAX_SCRATCH_GB:
        return None
    return f"Fargate: a task needs {need:g} GB of scratch disk; Fargate tasks have at most 200 GB"


HARD_RULES = (
    HardRule("fargate.task_size", SIZES_SOURCE, _size),
    HardRule("fargate.gpu", GPU, _gpu),
    HardRule("fargate.privileged", SECURITY, _privileged),
    HardRule("fargate.daemon", DAEMON, _daemon),
    HardRule("fargate.scratch", STORAGE, _scratch),
)

OPTION = FargateOption(
    id=ID, label="Amazon ECS on AWS Fargate", short_label="Fargate",
    front_door="alb", alb_gb_per_lcu=1.0,
    traits=Traits(kind="container", operations=1, control=1, spot=True),
    savings_plan=SavingsPlan("fargate_pct", 50.0, "Fargate"),
    hard_rules=HARD_RULES,
    style=OptionStyle(BLUE, SKY_BLUE, "dash", "s", -0.2),
)
