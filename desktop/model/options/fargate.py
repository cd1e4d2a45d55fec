"""Amazon ECS on AWS Fargate: task size rounding, per-second billing with minimums, storage, Windows, Spot.

Source: aws.amazon.com/fargate/pricing (shared reference aws-prices.md §2, aws-limits.md).
"""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.quote import FargateCapacity, LineItem
from desktop.model.options.fargate_sizes import round_up_size
from desktop.model.pricing.book import FargateRates, Price
from desktop.model.pricing.context import MissingPrice, PricingContext
from desktop.model.pricing.discounts import discount_line
from desktop.model.pricing.money import ZERO, dec
from desktop.model.workload.load_shape import hour_weights, tasks_per_hour

LINUX_MINIMUM_S = 60
WINDOWS_MINIMUM_S = 300
INCLUDED_STORAGE_GB = 20


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


def _usage_line(label: str, unit_seconds: Decimal, price: Price, note: str) -> LineItem:
    """Price a quantity of unit-seconds at a per-second or per-hour price, in the price's own unit."""
    if price.unit.endswith("hour"):
        return LineItem.priced(label, unit_seconds / 3600, price.unit, price, note=note)
    return LineItem.priced(label, unit_seconds, price.unit, price, note=note)


def task_seconds(ctx: PricingContext, tasks: tuple[int, ...], billed_s: float | None) -> Decimal:
    """Billed task-seconds a month: hourly task counts for services, per-run billing for jobs."""
    w = ctx.workload
    if billed_s is None:
        return ctx.over_month(Decimal(sum(tasks)) * 3600)
    floor_s = ctx.over_month(Decimal(w.min_tasks) * 3600)
    run_s = dec(billed_s)
    units = Decimal(ctx.shape.units_per_month)
    if w.min_tasks == 0:
        return units * run_s
    weights = hour_weights(w.traffic.daily_profile)
    total = ZERO
    for weight in weights:
        jobs_s = units * dec(weight) / 24 * run_s
        total += max(floor_s, jobs_s)
    return total


def fargate_cost(ctx: PricingContext
                 ) -> tuple[list[LineItem], list[MissingPrice], list[str], FargateCapacity | None]:
    """Line items, missing prices, warnings and capacity for the Fargate option."""
    w = ctx.workload
    c = w.container
    rates, rate_name = fargate_rates(ctx)
    if rates is None:
        return [], [ctx.missing(f"Fargate {rate_name}")], [], None
    size = round_up_size(c.vcpu, c.memory_gb, c.os, float(rates.vcpu.per_second()),
                         float(rates.memory.per_second()))
    if size is None:
        return [], [], [], None
    warnings: list[str] = []
    rounded = abs(size.vcpu - c.vcpu) > 1e-9 or abs(size.memory_gb - c.memory_gb) > 1e-9
    if rounded:
        warnings.append(f"Fargate bills the next valid task size: {c.vcpu:g} vCPU / {c.memory_gb:g} GB "
                        f"is billed as {size.vcpu:g} vCPU / {size.memory_gb:g} GB")

    tasks = tasks_per_hour(w, ctx.shape)
    billed_s: float | None = None
    if w.is_jobs:
        minimum = WINDOWS_MINIMUM_S if c.os == "windows" else LINUX_MINIMUM_S
        duration_s = w.traffic.duration_ms / 1000
        billed_s = max(duration_s, float(minimum))
        if duration_s < minimum:
            warnings.append(f"Fargate bills at least {minimum // 60} minute(s) per task: each {duration_s:g} s "
                            f"run is billed {minimum} s")
    seconds = task_seconds(ctx, tasks, billed_s)
    task_hours = seconds / 3600
    note = f"{task_hours:,.1f} task-hours of {size.vcpu:g} vCPU / {size.memory_gb:g} GB ({rate_name})"

    items = [
        _usage_line("vCPU", seconds * dec(size.vcpu), rates.vcpu, note),
        _usage_line("Memory", seconds * dec(size.memory_gb), rates.memory, note),
    ]
    if rates.os_license is not None:
        items.append(_usage_line("Windows OS licence", seconds * dec(size.vcpu), rates.os_license, note))
    missing: list[MissingPrice] = []
    extra_gb = dec(c.ephemeral_storage_gb) - INCLUDED_STORAGE_GB
    if extra_gb > 0:
        storage = ctx.prices.fargate.ephemeral_storage
        if storage is None:
            missing.append(ctx.missing("Fargate ephemeral storage", core=False))
        else:
            items.append(LineItem.priced("Ephemeral storage above 20 GB", seconds * extra_gb, storage.unit, storage,
                                     group="storage"))

    compute = sum((i.usd for i in items if i.group == "compute"), ZERO)
    spot_share = dec(c.spot_share)
    if spot_share > 0 and c.os == "windows":
        warnings.append("Fargate Spot runs Linux tasks only: the Spot share is priced on demand")
        spot_share = ZERO
    spot = discount_line(compute * spot_share, w.assumptions.fargate_spot_discount_pct,
                         "Fargate Spot discount",
                         f"{c.spot_share:.0%} of task-hours on Spot at "
                         f"{w.assumptions.fargate_spot_discount_pct:g}% off (an editable assumption)")
    if spot is not None:
        items.append(spot)
    plan = discount_line(compute * (1 - spot_share), w.assumptions.savings_plans.fargate_pct,
                         "Compute Savings Plan (Fargate)",
                         f"{w.assumptions.savings_plans.fargate_pct:g}% off on-demand compute "
                         "(an editable assumption)")
    if plan is not None:
        items.append(plan)

    capacity = FargateCapacity(
        requested_vcpu=c.vcpu, requested_memory_gb=c.memory_gb, vcpu=size.vcpu, memory_gb=size.memory_gb,
        rounded=rounded, tasks_per_hour=tasks, task_hours=task_hours, billed_seconds_per_run=billed_s,
    )
    return items, missing, warnings, capacity
