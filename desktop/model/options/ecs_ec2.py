"""Amazon ECS on EC2: bin-pack tasks onto instances, pick the cheapest fitting type, price the hours.

Sources: EC2 on-demand prices (shared reference aws-prices.md §3, aws-prices-regional.md §2);
ECS reserves host CPU and memory for the agent and OS (an editable reserve).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from desktop.model.advice.quote import Ec2Capacity, LineItem
from desktop.model.pricing.book import InstanceType, Price
from desktop.model.pricing.context import MissingPrice, PricingContext
from desktop.model.pricing.discounts import discount_line
from desktop.model.pricing.money import dec
from desktop.model.workload.load_shape import tasks_per_hour

AZ_SPREAD = 2  # a service with min_tasks >= 2 spreads its tasks over two Availability Zones, so two hosts


def tasks_per_instance(ctx: PricingContext, itype: InstanceType) -> int:
    w = ctx.workload
    usable_vcpu = itype.vcpu - w.ec2.reserve_vcpu
    usable_mem = float(itype.memory_gib) - w.ec2.reserve_memory_gb
    fit = min(math.floor(usable_vcpu / w.container.vcpu + 1e-9), math.floor(usable_mem / w.container.memory_gb + 1e-9))
    gpus = w.requirements.gpus
    if gpus > 0:
        fit = min(fit, itype.gpus // gpus)
    return max(fit, 0)


def instances_for(tasks: int, per_instance: int, spread: int) -> int:
    """Instances to run `tasks` tasks, at least one per Availability Zone the service spreads over."""
    return 0 if tasks == 0 else max(math.ceil(tasks / per_instance), min(tasks, spread))


def instances_per_hour(ctx: PricingContext, tasks: tuple[int, ...], per_instance: int) -> tuple[int, ...]:
    spread = AZ_SPREAD if ctx.workload.min_tasks >= AZ_SPREAD else 1
    return tuple(instances_for(t, per_instance, spread) for t in tasks)


@dataclass(frozen=True, slots=True)
class _Plan:
    name: str
    itype: InstanceType
    price: Price
    per_instance: int
    instances: tuple[int, ...]
    instance_hours: Decimal


def _plan(ctx: PricingContext, name: str, itype: InstanceType, price: Price, tasks: tuple[int, ...]) -> _Plan | None:
    per_instance = tasks_per_instance(ctx, itype)
    if per_instance < 1:
        return None
    instances = instances_per_hour(ctx, tasks, per_instance)
    return _Plan(name, itype, price, per_instance, instances, ctx.over_month(Decimal(sum(instances))))


Candidate = tuple[str, InstanceType, Price, int]  # name, type, hourly price, tasks per instance

# Fitting types depend only on the region's prices and the task's shape, not on the volume, and a quote is
# asked for many times per edit (sensitivity, break-even): keep the last few answers. Each entry holds the
# prices object it was computed from, so a reused id() can never return another book's answer.
_FIT_CACHE: dict[tuple[object, ...], tuple[object, list[Candidate]]] = {}
_FIT_CACHE_SIZE = 64


def fitting_types(ctx: PricingContext) -> list[Candidate]:
    """Types that hold at least one task, without those another type beats on both price and fit."""
    w = ctx.workload
    key = (id(ctx.prices), w.architecture, w.requirements.gpus, w.container.vcpu, w.container.memory_gb,
           w.ec2.reserve_vcpu, w.ec2.reserve_memory_gb)
    hit = _FIT_CACHE.get(key)
    if hit is not None and hit[0] is ctx.prices:
        return hit[1]
    fitting = [(n, t, p, tasks_per_instance(ctx, t)) for n, t, p in candidate_types(ctx)]
    fitting.sort(key=lambda c: (c[2].usd, -c[3], c[0]))
    kept: list[Candidate] = []
    for candidate in fitting:
        if candidate[3] >= 1 and candidate[3] > max((k[3] for k in kept), default=0):
            kept.append(candidate)
    if len(_FIT_CACHE) >= _FIT_CACHE_SIZE:
        _FIT_CACHE.clear()
    _FIT_CACHE[key] = (ctx.prices, kept)
    return kept


def _cheapest(ctx: PricingContext, tasks: tuple[int, ...]) -> _Plan | None:
    """The cheapest fitting type (instance-hours plus root volumes), ranked in floats, built exactly."""
    spread = AZ_SPREAD if ctx.workload.min_tasks >= AZ_SPREAD else 1
    counts = Counter(tasks)
    ebs = ctx.prices.ec2.ebs_gp3
    ebs_per_hour = 0.0 if ebs is None else (
        float(ebs.usd) * ctx.workload.ec2.root_volume_gb / ctx.workload.assumptions.month_hours)
    best: tuple[float, int, str] | None = None
    best_candidate = None
    for name, itype, price, per_instance in fitting_types(ctx):
        total = sum(n * instances_for(t, per_instance, spread) for t, n in counts.items())
        key = (total * (float(price.usd) + ebs_per_hour), total, name)
        if best is None or key < best:
            best, best_candidate = key, (name, itype, price)
    if best_candidate is None:
        return None
    return _plan(ctx, *best_candidate, tasks)


def candidate_types(ctx: PricingContext) -> list[tuple[str, InstanceType, Price]]:
    w = ctx.workload
    found = []
    for name, price in ctx.prices.ec2.on_demand.items():
        itype = ctx.instance_types.get(name)
        if itype is None or itype.architecture != w.architecture:
            continue
        if (w.requirements.gpus > 0) != (itype.gpus > 0):
            continue
        found.append((name, itype, price))
    return found


def ec2_cost(ctx: PricingContext
             ) -> tuple[list[LineItem], list[MissingPrice], list[str], Ec2Capacity | None, str | None]:
    """Line items, missing prices, warnings, capacity, and a reason when no instance can run the task."""
    w = ctx.workload
    if w.container.os == "windows":
        return [], [ctx.missing("EC2 Windows instances")], [], None, None
    tasks = tasks_per_hour(w, ctx.shape)
    wanted = w.ec2.instance_type
    if wanted != "auto":
        price = ctx.prices.ec2.on_demand.get(wanted)
        itype = ctx.instance_types.get(wanted)
        if price is None or itype is None:
            return [], [ctx.missing(f"EC2 {wanted}")], [], None, None
        plan = _plan(ctx, wanted, itype, price, tasks)
        if plan is None:
            return [], [], [], None, (
                f"ECS on EC2: a task needs {w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB"
                + (f" and {w.requirements.gpus} GPU(s)" if w.requirements.gpus else "")
                + f"; {wanted} offers {itype.vcpu} vCPU and {itype.memory_gib} GiB"
                + (f" and {itype.gpus} GPU(s)" if itype.gpus else "")
                + f" less the ECS reserve ({w.ec2.reserve_vcpu:g} vCPU, {w.ec2.reserve_memory_gb:g} GB)")
    else:
        best = _cheapest(ctx, tasks)
        if best is None and not candidate_types(ctx):
            kind = "GPU " if w.requirements.gpus else ""
            return [], [ctx.missing(f"any {w.architecture} {kind}EC2 instance")], [], None, None
        if best is None:
            return [], [], [], None, (
                f"ECS on EC2: no {w.architecture} instance in the price book for {w.region} fits a task of "
                f"{w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB"
                + (f" with {w.requirements.gpus} GPU(s)" if w.requirements.gpus else ""))
        plan = best

    warnings: list[str] = []
    if plan.itype.burstable and not w.is_jobs:
        warnings.append(f"{plan.name} is burstable (CPU credits): sustained CPU-bound load can be throttled "
                        "or cost extra")
    items = [LineItem.priced(f"EC2 instances ({plan.name})", plan.instance_hours, "instance-hour", plan.price,
                             note=f"{plan.per_instance} task(s) per instance, up to {max(plan.instances)} instance(s)")]
    missing: list[MissingPrice] = []
    ebs = ctx.prices.ec2.ebs_gp3
    if w.ec2.root_volume_gb > 0:
        if ebs is None:
            missing.append(ctx.missing("EBS gp3 root volumes", core=False))
        else:
            gb_months = plan.instance_hours / ctx.month_hours * dec(w.ec2.root_volume_gb)
            items.append(LineItem.priced("EBS gp3 root volumes", gb_months, "GB-month", ebs, group="storage",
                                         note=f"{w.ec2.root_volume_gb:g} GB per instance"))
    compute = items[0].usd
    spot_share = dec(w.container.spot_share)
    spot = discount_line(compute * spot_share, w.assumptions.ec2_spot_discount_pct, "EC2 Spot discount",
                         f"{w.container.spot_share:.0%} of instance-hours on Spot at "
                         f"{w.assumptions.ec2_spot_discount_pct:g}% off (an editable assumption)")
    if spot is not None:
        items.append(spot)
    plan_line = discount_line(compute * (1 - spot_share), w.assumptions.savings_plans.ec2_pct,
                              "Savings Plan (EC2)", f"{w.assumptions.savings_plans.ec2_pct:g}% off on-demand "
                              "instance-hours (an editable assumption)")
    if plan_line is not None:
        items.append(plan_line)
    capacity = Ec2Capacity(
        instance_type=plan.name, instance_vcpu=plan.itype.vcpu, instance_memory_gib=plan.itype.memory_gib,
        tasks_per_instance=plan.per_instance, tasks_per_hour=tasks, instances_per_hour=plan.instances,
        instance_hours=plan.instance_hours, chosen_automatically=wanted == "auto",
    )
    return items, missing, warnings, capacity, None
