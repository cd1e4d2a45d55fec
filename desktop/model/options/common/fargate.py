"""What Amazon ECS tasks and Amazon EKS pods on AWS Fargate share: the platform's rates, the task (or pod) seconds
a month with the billing minimum, the vCPU, memory and OS licence lines, and the capacity the table shows.

Sources: aws.amazon.com/fargate/pricing (shared reference aws-prices.md §2): per-second billing with a one-minute
minimum for Linux (five for Windows), the same vCPU and GB rates whether ECS or EKS runs the task.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.format import count_range
from desktop.model.options.common.calc import Amount, Array, Calc
from desktop.model.options.common.commitment import Eligible
from desktop.model.options.common.containers import tasks_per_hour
from desktop.model.options.common.fargate_sizes import FargateSize
from desktop.model.schema.names import term_payment

if TYPE_CHECKING:
    from desktop.model.pricing.book import FargateRates, Price
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Commitment, Workload

LINUX_MINIMUM_S = 60
WINDOWS_MINIMUM_S = 300


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
    noun = "task"  # what Fargate runs: an ECS task, an EKS pod

    @property
    def peak_tasks(self) -> int:
        return max(self.tasks_per_hour) if self.tasks_per_hour else 0

    @property
    def hourly(self) -> tuple[float, ...]:
        return tuple(float(t) for t in self.tasks_per_hour)

    def summary(self) -> str:
        size = f"{self.vcpu:g} vCPU / {self.memory_gb:g} GB"
        rounded = f" (rounded up from {self.requested_vcpu:g} / {self.requested_memory_gb:g})" if self.rounded else ""
        return f"{size}{rounded}, {count_range(self.tasks_per_hour)} {self.noun}s"

    def details(self) -> list[str]:
        size = f"{self.vcpu:g} vCPU / {self.memory_gb:g} GB per {self.noun}"
        if self.rounded:
            size += f" (asked {self.requested_vcpu:g} / {self.requested_memory_gb:g})"
        hours = f"{float(self.task_hours):,.1f} {self.noun}-hours a month"
        return [size, f"Up to {self.peak_tasks:,} {self.noun}(s); {hours}"]

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


def usage_line(calc: Calc, label: str, unit_seconds: Amount, price: Price, note: str) -> None:
    """Price a quantity of unit-seconds at a per-second or per-hour price, in the price's own unit."""
    quantity = unit_seconds / 3600 if price.unit.endswith("hour") else unit_seconds
    calc.line(label, quantity, price.unit, price, note=note)


@dataclass(frozen=True, slots=True)
class Run:
    """What a month of the service's tasks (or pods) bills: their seconds, a run's billed seconds (jobs), the
    count in each hour, and the warnings about the billing minimum."""

    seconds: Amount
    billed_s: float | None
    tasks: Array
    warnings: tuple[str, ...]


def billed_seconds(w: Workload, calc: Calc, minimum: int, noun: str) -> Run:
    """Task-seconds a month: hour by hour for a service; per run (at least `minimum` seconds) for jobs, never
    fewer tasks than the floor in any hour."""
    tasks = tasks_per_hour(w, calc)
    month_hours = calc.num(w.assumptions.month_hours)
    billed_s: float | None = None
    warnings: tuple[str, ...] = ()
    if w.is_jobs:
        duration_s = w.traffic.duration_ms / 1000
        billed_s = max(duration_s, float(minimum))
        if duration_s < minimum:
            warnings = (f"Fargate bills at least {minimum // 60} minute(s) per {noun}: each {duration_s:g} s "
                        f"run is billed {minimum} s",)
    if billed_s is None:
        seconds = calc.count(calc.hour_sum(tasks)) * 3600 * month_hours / 24
    elif w.min_tasks == 0:
        seconds = calc.units * calc.num(billed_s)
    else:  # runs, but never fewer tasks than the floor in any hour
        floor_s = calc.num(w.min_tasks) * 3600 * month_hours / 24
        run_s = calc.num(billed_s)
        seconds = calc.over_hours(lambda units, weight: calc.maximum(floor_s, units * weight / 24 * run_s))
    return Run(seconds, billed_s, tasks, warnings)


def compute_lines(calc: Calc, seconds: Amount, size: FargateSize, rates: FargateRates, note: str) -> None:
    """The vCPU, memory and (Windows) OS licence lines of `seconds` of tasks of `size`."""
    usage_line(calc, "vCPU", seconds * calc.num(size.vcpu), rates.vcpu, note)
    usage_line(calc, "Memory", seconds * calc.num(size.memory_gb), rates.memory, note)
    if rates.os_license is not None:
        usage_line(calc, "Windows OS licence", seconds * calc.num(size.vcpu), rates.os_license, note)


def fargate_eligible(ctx: PricingContext, calc: Calc, seconds: Amount, size: FargateSize, rates: FargateRates,
                     c: Commitment) -> list[Eligible]:
    """Fargate usage a Compute Savings Plan covers: vCPU and memory, never the Windows OS licence (rule R5); at the
    book's rates for the platform, term and payment option."""
    w = ctx.workload
    platform = f"{w.container.os}_{w.architecture}"
    section = ctx.prices.commitments
    found = (section.fargate.compute_sp.get(term_payment(c.term, c.payment), {}).get(platform)
             if section is not None else None)
    items = []
    for label, amount, price, part in (("vCPU", size.vcpu, rates.vcpu, "vcpu"),
                                       ("Memory", size.memory_gb, rates.memory, "memory")):
        quantity = seconds * calc.num(amount) / (3600 if price.unit.endswith("hour") else 1)
        committed = getattr(found, part) if found is not None else None
        items.append(Eligible(label, quantity, price.unit, (price,), (committed,),
                              f"Fargate {label.lower()} ({platform})"))
    return items
