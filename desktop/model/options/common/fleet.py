"""ECS tasks packed onto EC2 instances: the fitting types, the cheapest one, the instances hour by hour, the EC2 and
EBS lines and the Spot and Savings Plan discounts. ECS on EC2 and ECS Managed Instances price their fleets with it,
Lambda Managed Instances pick their instance type with `cheapest`.

Sources: EC2 on-demand prices (shared reference aws-prices.md §3, aws-prices-regional.md §2);
ECS reserves host CPU and memory for the agent and OS (an editable reserve).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.format import count_range
from desktop.model.options.base import Sizing
from desktop.model.options.common.calc import Array, Calc
from desktop.model.options.common.commitment import Eligible, apply_plan, instances_eligible, plan_of
from desktop.model.options.common.containers import hourly_counts, tasks_per_hour

if TYPE_CHECKING:
    from desktop.model.pricing.book import InstanceType, Price
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Commitment, Workload

AZ_SPREAD = 2  # a service with min_tasks >= 2 spreads its tasks over two Availability Zones, so two hosts
MAX_TASKS_PER_INSTANCE = 1_000_000  # keeps the fit finite for tiny tasks; ENIs, ports and processes bind far sooner


@dataclass(frozen=True, slots=True)
class Ec2Capacity:
    instance_type: str
    instance_vcpu: int
    instance_memory_gib: Decimal
    tasks_per_instance: int
    tasks_per_hour: tuple[int, ...]
    instances_per_hour: tuple[int, ...]
    instance_hours: Decimal
    chosen_automatically: bool

    hourly_name = "EC2 instances"
    hourly_whole = True

    @property
    def peak_instances(self) -> int:
        return max(self.instances_per_hour) if self.instances_per_hour else 0

    @property
    def hourly(self) -> tuple[float, ...]:
        return tuple(float(n) for n in self.instances_per_hour)

    def summary(self) -> str:
        auto = " (auto)" if self.chosen_automatically else ""
        return (f"{self.instance_type}{auto} x {count_range(self.instances_per_hour)}, "
                f"{self.tasks_per_instance} task{'' if self.tasks_per_instance == 1 else 's'} each")

    def details(self) -> list[str]:
        return [f"{self.instance_type} ({self.instance_vcpu} vCPU, {self.instance_memory_gib:g} GiB), "
                f"{self.tasks_per_instance} task(s) each",
                f"Up to {self.peak_instances:,} instance(s); {float(self.instance_hours):,.1f} instance-hours a month"]

    def assumption(self) -> tuple[str, str] | None:
        how = "cheapest that fits, chosen automatically" if self.chosen_automatically else "as set"
        return "EC2 instance type used", f"{self.instance_type} ({how})"

    def to_json(self) -> dict[str, Any]:
        memory = self.instance_memory_gib
        return {"instance_type": self.instance_type, "chosen_automatically": self.chosen_automatically,
                "instance_vcpu": self.instance_vcpu,
                "instance_memory_gib": int(memory) if memory == int(memory) else float(memory),
                "tasks_per_instance": self.tasks_per_instance, "tasks_per_hour": list(self.tasks_per_hour),
                "instances_per_hour": list(self.instances_per_hour), "peak_instances": self.peak_instances,
                "instance_hours": round(float(self.instance_hours), 3)}


def _fits(usable: float, need: float) -> int:
    """How many times `need` fits in `usable`, whole, and finite however small `need` is."""
    if usable <= 0:
        return 0
    ratio = usable / need + 1e-9
    return MAX_TASKS_PER_INSTANCE if ratio >= MAX_TASKS_PER_INSTANCE else math.floor(ratio)


def tasks_per_instance(workload: Workload, itype: InstanceType) -> int:
    w = workload
    usable_vcpu = itype.vcpu - w.ec2.reserve_vcpu
    usable_mem = float(itype.memory_gib) - w.ec2.reserve_memory_gb
    fit = min(_fits(usable_vcpu, w.container.vcpu), _fits(usable_mem, w.container.memory_gb))
    gpus = w.requirements.gpus
    if gpus > 0:
        fit = min(fit, itype.gpus // gpus)
    return max(fit, 0)


Candidate = tuple[str, "InstanceType", "Price", int]  # name, type, hourly price, tasks per instance

# Fitting types depend only on the region's prices and the task's shape, not on the volume, and a quote is
# asked for many times per edit (sensitivity, break-even): keep the last few answers. Each entry holds the
# prices object it was computed from, so a reused id() can never return another book's answer.
_FIT_CACHE: dict[tuple[object, ...], tuple[object, list[Candidate]]] = {}
_FIT_CACHE_SIZE = 64


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


def fitting_types(ctx: PricingContext) -> list[Candidate]:
    """Types that hold at least one task, without those another type beats on both price and fit."""
    w = ctx.workload
    key = (id(ctx.prices), w.architecture, w.requirements.gpus, w.container.vcpu, w.container.memory_gb,
           w.ec2.reserve_vcpu, w.ec2.reserve_memory_gb)
    hit = _FIT_CACHE.get(key)
    if hit is not None and hit[0] is ctx.prices:
        return hit[1]
    fitting = [(n, t, p, tasks_per_instance(w, t)) for n, t, p in candidate_types(ctx)]
    fitting.sort(key=lambda c: (c[2].usd, -c[3], c[0]))
    kept: list[Candidate] = []
    for candidate in fitting:
        if candidate[3] >= 1 and candidate[3] > max((k[3] for k in kept), default=0):
            kept.append(candidate)
    kept.sort(key=lambda c: c[0])  # by name: the first of equal candidates wins
    if len(_FIT_CACHE) >= _FIT_CACHE_SIZE:
        _FIT_CACHE.clear()
    _FIT_CACHE[key] = (ctx.prices, kept)
    return kept


def instances_per_hour(calc: Calc, workload: Workload, tasks: Array, per_instance: Array) -> Array:
    """Instances for each candidate, volume and hour, shape (candidates, volumes, 24): enough for the tasks, and
    at least one per Availability Zone the service spreads over."""
    xp = calc.xp
    spread = float(AZ_SPREAD if workload.min_tasks >= AZ_SPREAD else 1)
    t = tasks[None, :, :]
    per = per_instance[:, None, None]
    found: Array = xp.where(t == 0, 0.0, xp.maximum(xp.ceil(t / per), xp.minimum(t, spread)))
    return found


def cheapest(calc: Calc, totals: Array, rank_cost: Array) -> Array:
    """For each volume, the candidate with the lowest instance-hours x (hourly price + root volume), then the
    fewest instances, then the first by name (candidates come in name order)."""
    xp = calc.xp
    key = totals * rank_cost[:, None]
    if totals.shape[1] == 1:  # one volume (the exact quote): plain Python is faster than numpy here
        keys = [(k, t) for k, t in zip(key[:, 0].tolist(), totals[:, 0].tolist(), strict=True)]
        return xp.array([min(range(len(keys)), key=keys.__getitem__)])
    best = xp.zeros(totals.shape[1], dtype=int)
    best_key, best_total = key[0], totals[0]
    for index in range(1, len(totals)):
        better = (key[index] < best_key) | ((key[index] == best_key) & (totals[index] < best_total))
        best = xp.where(better, index, best)
        best_key = xp.where(better, key[index], best_key)
        best_total = xp.where(better, totals[index], best_total)
    return best


@dataclass(frozen=True, slots=True)
class Fleet:
    """The instances a fleet of ECS tasks needs: the candidate types, the one chosen at each volume, the tasks and
    instances in each hour, the instance-hours. ECS Managed Instances reuse it (and the lines below)."""

    candidates: list[Candidate]
    chosen: Array  # candidate index per volume
    tasks: Array  # (volumes, 24)
    instances: Array  # (candidates, volumes, 24)
    instance_hours: Any  # an Amount: the chosen type's instance-hours a month

    @property
    def name(self) -> str:
        return self.candidates[int(self.chosen[0])][0]

    @property
    def per_instance(self) -> int:
        return self.candidates[int(self.chosen[0])][3]

    @property
    def peak(self) -> int:
        return int(self.instances[int(self.chosen[0]), 0].max())


def size_fleet(ctx: PricingContext, calc: Calc, wanted: str, who: str) -> Fleet | Sizing | None:
    """Pack the tasks onto the cheapest fitting type (or the `wanted` one); a Sizing with the reason (or None, a
    missing price recorded) when no type can hold them. `who` names the option in the reason."""
    w = ctx.workload
    if wanted != "auto":
        price = ctx.prices.ec2.on_demand.get(wanted)
        itype = ctx.instance_types.get(wanted)
        if price is None or itype is None:
            calc.record_missing(f"EC2 {wanted}")
            return None
        candidates = [(wanted, itype, price, tasks_per_instance(w, itype))]
        if candidates[0][3] < 1:
            return Sizing(reason=(
                f"{who}: a task needs {w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB"
                + (f" and {w.requirements.gpus} GPU(s)" if w.requirements.gpus else "")
                + f"; {wanted} offers {itype.vcpu} vCPU and {itype.memory_gib} GiB"
                + (f" and {itype.gpus} GPU(s)" if itype.gpus else "")
                + f" less the ECS reserve ({w.ec2.reserve_vcpu:g} vCPU, {w.ec2.reserve_memory_gb:g} GB)"))
    else:
        candidates = fitting_types(ctx)
        if not candidates and not candidate_types(ctx):
            kind = "GPU " if w.requirements.gpus else ""
            calc.record_missing(f"any {w.architecture} {kind}EC2 instance")
            return None
        if not candidates:
            return Sizing(reason=(
                f"{who}: no {w.architecture} instance in the price book for {w.region} fits a task of "
                f"{w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB"
                + (f" with {w.requirements.gpus} GPU(s)" if w.requirements.gpus else "")))

    xp = calc.xp
    tasks = tasks_per_hour(w, calc)
    per_instance = xp.array([c[3] for c in candidates], dtype=float)
    instances = instances_per_hour(calc, w, tasks, per_instance)
    totals = xp.sum(instances, axis=2)  # instance-hours of each hour of the day, per candidate and volume
    chosen = cheapest(calc, totals, xp.array([float(c[2].usd) + _ebs_per_hour(ctx) for c in candidates]))
    volumes = xp.arange(len(chosen))
    instance_hours = calc.count(totals[chosen, volumes]) * calc.num(w.assumptions.month_hours) / 24
    return Fleet(candidates, chosen, tasks, instances, instance_hours)


def _ebs_per_hour(ctx: PricingContext) -> float:
    ebs = ctx.prices.ec2.ebs_gp3
    w = ctx.workload
    return 0.0 if ebs is None else float(ebs.usd) * w.ec2.root_volume_gb / w.assumptions.month_hours


def fleet_lines(ctx: PricingContext, calc: Calc, fleet: Fleet) -> Any:
    """The instances' EC2 line and their EBS root volumes; returns the EC2 compute amount."""
    w = ctx.workload
    calc.public_addresses(fleet.instance_hours, "instance")
    peak = fleet.peak if calc.exact else 0
    compute = calc.line_at(f"EC2 instances ({fleet.name})", fleet.instance_hours, "instance-hour",
                           [c[2] for c in fleet.candidates], fleet.chosen,
                           note=f"{fleet.per_instance} task(s) per instance, up to {peak} instance(s)")
    ebs = ctx.prices.ec2.ebs_gp3
    if w.ec2.root_volume_gb > 0:
        if ebs is None:
            calc.record_missing("EBS gp3 root volumes", core=False)
        else:
            month_hours = calc.num(w.assumptions.month_hours)
            calc.line("EBS gp3 root volumes", fleet.instance_hours / month_hours * calc.num(w.ec2.root_volume_gb),
                      "GB-month", ebs, group="storage", note=f"{w.ec2.root_volume_gb:g} GB per instance")
    return compute


def fleet_discounts(ctx: PricingContext, calc: Calc, compute: Any, fleet: Fleet, *, managed: bool = False) -> None:
    """EC2 Spot on the Spot share of the instance-hours, the EC2 Savings Plan (the flat percentage, or the
    workload's commitment at the book's rates per type) on the rest. `managed`: a Managed Instances fleet, whose
    EC2 part a Compute Savings Plan covers (AWS's Lambda Managed Instances example); whether EC2 Instance Savings
    Plans or Reserved Instances cover it was not found, so their rate is missing."""
    w = ctx.workload
    spot_share = calc.num(w.container.spot_share)
    spot_pct = w.assumptions.ec2_spot_discount_pct
    calc.discount(compute * spot_share, spot_pct, "EC2 Spot discount",
                  f"{w.container.spot_share:.0%} of instance-hours on Spot at {spot_pct:g}% off "
                  "(an editable assumption)")
    if plan_of(w) is not None:
        shape = fleet.instances[fleet.chosen, calc.xp.arange(len(fleet.chosen))]
        apply_plan(calc, w, "ec2", 1 - spot_share, lambda plan: [fleet_eligible(ctx, calc, fleet, plan, managed)],
                   shape)
        return
    plan_pct = w.assumptions.savings_plans.ec2_pct
    calc.discount(compute * (1 - spot_share), plan_pct, "Savings Plan (EC2)",
                  f"{plan_pct:g}% off on-demand instance-hours (an editable assumption)")


def fleet_eligible(ctx: PricingContext, calc: Calc, fleet: Fleet, plan: Commitment, managed: bool) -> Eligible:
    """A fleet's instance-hours as usage a commitment covers, at the plan's rate for each candidate type."""
    return instances_eligible(ctx, calc, plan, [(c[0], c[2]) for c in fleet.candidates], fleet.chosen,
                              fleet.instance_hours, managed)


def fleet_sizing(w: Workload, fleet: Fleet, wanted: str, capacity_type: Callable[..., Ec2Capacity],
                 **extra: Any) -> Sizing:
    """What the exact quote shows of a sized fleet (ECS on EC2 and ECS Managed Instances alike): the chosen
    instance type, tasks and instances hour by hour, and a warning for a burstable type under steady load.
    `extra` goes to `capacity_type` as it is; `capacity_type` may be a subclass of Ec2Capacity."""
    name, itype, _price, per = fleet.candidates[int(fleet.chosen[0])]
    warnings: tuple[str, ...] = ()
    if itype.burstable and not w.is_jobs:
        warnings = (f"{name} is burstable (CPU credits): sustained CPU-bound load can be throttled or cost extra",)
    capacity = capacity_type(
        instance_type=name, instance_vcpu=itype.vcpu, instance_memory_gib=itype.memory_gib,
        tasks_per_instance=per, tasks_per_hour=hourly_counts(fleet.tasks),
        instances_per_hour=hourly_counts(fleet.instances[int(fleet.chosen[0])]),
        instance_hours=fleet.instance_hours, chosen_automatically=wanted == "auto", **extra,
    )
    return Sizing(capacity, warnings)


def price_fleet(ctx: PricingContext, calc: Calc, fleet: Fleet, wanted: str,
                capacity_type: Callable[..., Ec2Capacity] = Ec2Capacity, *,
                fee: Callable[[PricingContext, Calc, Fleet], None] | None = None,
                extra: Callable[[], dict[str, Any]] = dict) -> Sizing:
    """A sized fleet priced as ECS on EC2 and ECS Managed Instances both price it: its EC2 and EBS lines, a managed
    fleet's `fee` lines, the Spot and commitment discounts (`fee` given: as a Managed Instances fleet), and in the
    exact quote what it shows (`extra()` goes to `capacity_type`)."""
    compute = fleet_lines(ctx, calc, fleet)
    if fee is not None:
        fee(ctx, calc, fleet)
    fleet_discounts(ctx, calc, compute, fleet, managed=fee is not None)
    if not calc.exact:
        return Sizing()
    return fleet_sizing(ctx.workload, fleet, wanted, capacity_type, **extra())
