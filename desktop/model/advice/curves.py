"""Fast cost curves: each option's monthly cost at many monthly volumes, in floats, from one workload.

The exact engine (`compute_quote`) is the reference: it prices one volume in Decimal with every line
rounded to cents. Charts and break-even bracketing need hundreds of volumes per edit, so this module
precomputes each option's rates once per workload and evaluates whole arrays of volumes with numpy,
mirroring the engine's arithmetic line by line (tiers, free tiers, task floors, task-count and
instance-count steps, the cheapest-instance choice, cents rounding, discounts).
A test keeps it equal to `compute_quote` within 1e-6 relative.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.model.advice.quote import OPTION_IDS, Quote
from desktop.model.advice.types import Curves
from desktop.model.options.aws_lambda import MB_PER_GB
from desktop.model.options.ecs_ec2 import AZ_SPREAD, candidate_types, tasks_per_instance
from desktop.model.options.fargate import INCLUDED_STORAGE_GB, LINUX_MINIMUM_S, WINDOWS_MINIMUM_S, fargate_rates
from desktop.model.options.fargate_sizes import round_up_size
from desktop.model.options.front_door import (
    API_GATEWAY_INCREMENT_KB,
    LCU_GB_PER_HOUR_CONTAINERS,
    LCU_GB_PER_HOUR_LAMBDA,
    LCU_NEW_CONNECTIONS_PER_S,
    resolve_front_door,
)
from desktop.model.pricing.book import PriceBook, Tier
from desktop.model.pricing.context import PricingContext
from desktop.model.workload.load_shape import hour_weights, load_shape
from desktop.model.workload.spec import Workload

Array = np.ndarray
Evaluator = Callable[[Array], Array]
CURVE_POINTS = 200
MAX_REQUESTS = 10**13
MAX_RUNS = 10**9


def cents(x: Array) -> Array:
    """Round to cents, half up, like `money.cents` (the tiny epsilon absorbs float noise at exact halves)."""
    return np.floor(x * 100.0 + 0.5 + 1e-7) / 100.0


def _tiered(quantity: Array, tiers: list[Tier], scale: float = 1.0) -> Array:
    """The sum of the cents-rounded band lines of `cost_lambda.tiered` (offset 0)."""
    total = np.zeros_like(quantity)
    lower = 0.0
    for tier in tiers:
        upper = math.inf if tier.up_to is None else float(tier.up_to)
        band = np.clip(quantity, lower, upper) - lower
        total = total + cents(band / scale * float(tier.price.usd))
        if tier.up_to is None:
            break
        lower = upper
    return total


def _discount(base: Array, pct: float) -> Array:
    """`savings.discount_line` / `savings_line`: minus the cents-rounded share of a positive base."""
    if pct <= 0:
        return np.zeros_like(base)
    return -cents(np.maximum(base, 0.0) * (pct / 100.0))


@dataclass(frozen=True, slots=True)
class _Shape:
    """What every option needs from the load shape, per unit of monthly volume."""

    weights: Array  # 24 hour weights, mean 1
    concurrency_per_unit: Array  # concurrency in each hour for one unit a month


class FastCosts:
    """Each option's monthly cost as a vectorised function of monthly volume, for one workload."""

    def __init__(self, workload: Workload, book: PriceBook, quote: Quote) -> None:
        self.workload = workload
        ctx = PricingContext(workload, book, book.regions[workload.region], load_shape(workload))
        self._ctx = ctx
        w = workload
        weights = np.array(hour_weights(w.traffic.daily_profile), dtype=float)
        self._shape = _Shape(weights, weights * (w.traffic.duration_ms / 1000.0))
        self._month_s = w.assumptions.month_hours * 3600.0
        builders: dict[str, Callable[[], Evaluator | None]] = {
            "lambda": self._lambda, "fargate": self._fargate, "ec2": self._ec2}
        self.evaluators: dict[str, Evaluator | None] = {}
        for option in OPTION_IDS:
            priced = quote.options[option].monthly_usd is not None
            self.evaluators[option] = builders[option]() if priced else None

    def costs(self, volumes: Array, options: tuple[str, ...] = OPTION_IDS) -> dict[str, Array | None]:
        """Monthly USD of each option at each volume (None for an option the engine cannot price)."""
        vols = np.asarray(volumes, dtype=float)
        found: dict[str, Array | None] = {}
        for option in options:
            evaluate = self.evaluators[option]
            found[option] = None if evaluate is None else evaluate(vols)
        return found

    # --- shared pieces ---------------------------------------------------------------------
    def _concurrency(self, v: Array) -> Array:
        """Concurrency per (volume, hour), in the engine's float order (load_shape)."""
        rate = v / self._month_s
        found: Array = (rate[:, None] * self._shape.weights[None, :]) * (self.workload.traffic.duration_ms / 1000.0)
        return found

    def _tasks(self, v: Array) -> Array:
        w = self.workload
        per_task = 1.0 if w.is_jobs else w.container.concurrency_per_task * w.container.target_utilization
        need = self._concurrency(v) / per_task
        counts = np.where(need > 0, np.ceil(need - 1e-9), 0.0)
        return np.maximum(float(w.min_tasks), counts)

    def _front_door(self, option: str) -> Evaluator:
        ctx, w = self._ctx, self.workload
        door = resolve_front_door(w.front_door, option, w.is_jobs)
        zero: Evaluator = np.zeros_like
        if door == "none":
            return zero
        if door == "alb":
            alb = ctx.prices.alb
            if alb is None:
                return zero
            gb_per_lcu = LCU_GB_PER_HOUR_LAMBDA if option == "lambda" else LCU_GB_PER_HOUR_CONTAINERS
            payload_gb = w.requirements.payload_kb * 1024 / 1024**3
            per_rate = max(1 / LCU_NEW_CONNECTIONS_PER_S, 3600 * payload_gb / gb_per_lcu)
            lcu_per_rate = float(np.sum(self._shape.weights)) * per_rate * w.assumptions.month_hours / 24
            hours_line = float(cents(np.array(w.assumptions.month_hours * float(alb.hour.usd))))
            lcu_price = float(alb.lcu_hour.usd)
            month_s = self._month_s
            return lambda v: hours_line + cents(v / month_s * lcu_per_rate * lcu_price)
        gateway = ctx.prices.api_gateway
        tiers = None if gateway is None else (gateway.http if door == "api_gateway_http" else gateway.rest)
        if not tiers:
            return zero
        increments = 1
        if door == "api_gateway_http" and w.requirements.payload_kb > API_GATEWAY_INCREMENT_KB:
            increments = math.ceil(w.requirements.payload_kb / API_GATEWAY_INCREMENT_KB)
        free = float(ctx.free_tier.api_gateway_requests) if w.assumptions.api_gateway_free_tier else 0.0
        gateway_tiers = tiers
        return lambda v: _tiered(np.maximum(v * increments - free, 0.0), gateway_tiers, 1e6)

    # --- AWS Lambda --------------------------------------------------------------------------
    def _lambda(self) -> Evaluator | None:
        ctx, w = self._ctx, self.workload
        cfg, prices = w.lambda_, ctx.prices.lambda_
        tiers = prices.duration.get(w.architecture)
        if prices.requests is None or not tiers:
            return None
        duration_tiers = tiers
        request_price = float(prices.requests.usd)
        free_requests = float(ctx.free_tier.lambda_requests) if cfg.free_tier else 0.0
        free_gb_s = float(ctx.free_tier.lambda_gb_seconds) if cfg.free_tier else 0.0
        duration_s = w.traffic.duration_ms / 1000
        memory_gb = cfg.memory_mb / float(MB_PER_GB)
        share = cfg.provisioned_share if cfg.provisioned_concurrency > 0 else 0.0
        extra_gb = (cfg.ephemeral_storage_mb - 512) / float(MB_PER_GB)
        storage_rate = 0.0
        if extra_gb > 0 and prices.ephemeral_storage is not None:
            storage_rate = duration_s * extra_gb * float(prices.ephemeral_storage.usd)
        pc_line, pc_rate = 0.0, 0.0
        pc_price = prices.provisioned_concurrency.get(w.architecture)
        pcd_price = prices.provisioned_duration.get(w.architecture)
        if cfg.provisioned_concurrency > 0 and pc_price is not None and pcd_price is not None:
            configured = cfg.provisioned_concurrency * memory_gb * cfg.provisioned_hours_per_month * 3600
            pc_line = float(cents(np.array(configured * float(pc_price.usd))))
            pc_rate = share * duration_s * memory_gb * float(pcd_price.usd)
        plan_pct = w.assumptions.savings_plans.lambda_pct
        door = self._front_door("lambda")

        def evaluate(v: Array) -> Array:
            requests = cents(np.maximum(v - free_requests, 0.0) / 1e6 * request_price)
            od_gb_s = (v - v * share) * duration_s * memory_gb
            compute = _tiered(np.maximum(od_gb_s - free_gb_s, 0.0), duration_tiers)
            storage = cents(v * storage_rate)
            provisioned = pc_line + cents(v * pc_rate)
            plan = _discount(compute + provisioned, plan_pct)
            return np.asarray(requests + compute + storage + provisioned + plan + door(v), dtype=float)
        return evaluate

    # --- Amazon ECS on AWS Fargate -------------------------------------------------------------
    def _fargate(self) -> Evaluator | None:
        ctx, w = self._ctx, self.workload
        c = w.container
        rates, _ = fargate_rates(ctx)
        if rates is None:
            return None
        size = round_up_size(c.vcpu, c.memory_gb, c.os, float(rates.vcpu.per_second()),
                             float(rates.memory.per_second()))
        if size is None:
            return None
        lines = [(size.vcpu, rates.vcpu), (size.memory_gb, rates.memory)]
        if rates.os_license is not None:
            lines.append((size.vcpu, rates.os_license))
        per_second = [(amount / 3600 if price.unit.endswith("hour") else amount, float(price.usd))
                      for amount, price in lines]
        extra_gb = c.ephemeral_storage_gb - INCLUDED_STORAGE_GB
        storage = ctx.prices.fargate.ephemeral_storage
        storage_rate = extra_gb * float(storage.usd) if extra_gb > 0 and storage is not None else 0.0
        spot_share = 0.0 if c.os == "windows" else c.spot_share
        spot_pct = w.assumptions.fargate_spot_discount_pct
        plan_pct = w.assumptions.savings_plans.fargate_pct
        month_hours = w.assumptions.month_hours
        door = self._front_door("fargate")
        billed_s: float | None = None
        if w.is_jobs:
            minimum = WINDOWS_MINIMUM_S if c.os == "windows" else LINUX_MINIMUM_S
            billed_s = max(w.traffic.duration_ms / 1000, float(minimum))
        floor_s = w.min_tasks * 3600 * month_hours / 24
        weights = self._shape.weights

        def seconds_of(v: Array) -> Array:
            if billed_s is None:
                return np.asarray(np.sum(self._tasks(v), axis=1) * 3600 * month_hours / 24, dtype=float)
            if w.min_tasks == 0:
                return v * billed_s
            jobs_s = v[:, None] * weights[None, :] / 24 * billed_s
            return np.asarray(np.sum(np.maximum(floor_s, jobs_s), axis=1), dtype=float)

        def evaluate(v: Array) -> Array:
            seconds = seconds_of(v)
            compute = np.zeros_like(v)
            for amount, price in per_second:
                compute = compute + cents(seconds * amount * price)
            total = compute + cents(seconds * storage_rate)
            total = total + _discount(compute * spot_share, spot_pct) + _discount(compute * (1 - spot_share),
                                                                                 plan_pct)
            return np.asarray(total + door(v), dtype=float)
        return evaluate

    # --- Amazon ECS on Amazon EC2 --------------------------------------------------------------
    def _ec2(self) -> Evaluator | None:
        ctx, w = self._ctx, self.workload
        if w.container.os == "windows":
            return None
        ebs = ctx.prices.ec2.ebs_gp3
        ebs_per_hour = 0.0 if ebs is None else float(ebs.usd) * w.ec2.root_volume_gb / w.assumptions.month_hours
        groups: dict[int, tuple[float, str, float]] = {}  # tasks per instance -> (price, name, rank cost)
        if w.ec2.instance_type != "auto":
            price = ctx.prices.ec2.on_demand.get(w.ec2.instance_type)
            itype = ctx.instance_types.get(w.ec2.instance_type)
            if price is None or itype is None or tasks_per_instance(ctx, itype) < 1:
                return None
            groups[tasks_per_instance(ctx, itype)] = (float(price.usd), w.ec2.instance_type, 0.0)
        else:
            for name, itype, price in candidate_types(ctx):
                per = tasks_per_instance(ctx, itype)
                if per < 1:
                    continue
                entry = (float(price.usd), name, float(price.usd) + ebs_per_hour)
                if per not in groups or (entry[0], entry[1]) < groups[per][:2]:
                    groups[per] = entry
        if not groups:
            return None
        ordered = sorted(_undominated(groups).items(), key=lambda item: item[1][1])  # by name, for ties
        per_instance = np.array([per for per, _ in ordered], dtype=float)
        hourly = np.array([entry[0] for _, entry in ordered])
        rank = np.array([entry[2] for _, entry in ordered])
        spread = float(AZ_SPREAD if w.min_tasks >= AZ_SPREAD else 1)
        month_hours = w.assumptions.month_hours
        root_gb = w.ec2.root_volume_gb
        ebs_usd = float(ebs.usd) if ebs is not None and root_gb > 0 else 0.0
        spot_share = w.container.spot_share
        spot_pct = w.assumptions.ec2_spot_discount_pct
        plan_pct = w.assumptions.savings_plans.ec2_pct
        door = self._front_door("ec2")

        def evaluate(v: Array) -> Array:
            tasks = self._tasks(v)[None, :, :]  # (1, volumes, hours)
            per = per_instance[:, None, None]
            instances = np.where(tasks == 0, 0.0, np.maximum(np.ceil(tasks / per), np.minimum(tasks, spread)))
            totals = np.sum(instances, axis=2)  # (groups, volumes)
            if len(ordered) == 1:
                chosen = np.zeros(len(v), dtype=int)
            else:
                key = totals * rank[:, None]
                tied = key == key.min(axis=0)
                fewest = np.where(tied, totals, np.inf).min(axis=0)
                chosen = np.argmax(tied & (totals == fewest), axis=0)
            total = totals[chosen, np.arange(len(v))]
            instance_hours = total * month_hours / 24
            compute = cents(instance_hours * hourly[chosen])
            storage = cents(instance_hours / month_hours * root_gb * ebs_usd)
            discounts = _discount(compute * spot_share, spot_pct) + _discount(compute * (1 - spot_share), plan_pct)
            return np.asarray(compute + storage + discounts + door(v), dtype=float)
        return evaluate


def _undominated(groups: dict[int, tuple[float, str, float]]) -> dict[int, tuple[float, str, float]]:
    """Drop instance types that another type beats on both counts (fits as many tasks or more, at a rank cost
    no higher): they can never be strictly cheaper, so the engine's choice costs the same without them."""
    kept: dict[int, tuple[float, str, float]] = {}
    best_rank = math.inf
    for per in sorted(groups, reverse=True):
        if groups[per][2] < best_rank:
            kept[per] = groups[per]
            best_rank = groups[per][2]
    return kept


def volume_range(workload: Workload) -> tuple[int, int]:
    """The monthly volumes the charts and break-even search span: wide, log-scaled, around today's volume."""
    current = max(workload.units_per_month, 1)
    if workload.is_jobs:
        low, high, cap = 1, 100_000, MAX_RUNS
    else:
        low, high, cap = 1_000, 10**10, MAX_REQUESTS
    low = min(low, 10 ** max(0, math.floor(math.log10(current)) - 2))
    high = min(cap, max(high, 10 ** (math.ceil(math.log10(current)) + 2)))
    return low, high


def log_volumes(low: float, high: float, points: int = CURVE_POINTS) -> Array:
    return np.logspace(math.log10(low), math.log10(high), points)


def curve_volumes(workload: Workload, points: int = CURVE_POINTS) -> Array:
    low, high = volume_range(workload)
    return log_volumes(low, high, points)


def build_curves(volumes: Array, costs: dict[str, Array | None], quote: Quote) -> Curves:
    """The charts' curves: each option's cost over the volume range (at least 200 log-spaced points)."""
    return Curves(
        volumes=tuple(volumes.tolist()),
        costs={o: ((None,) * len(volumes) if c is None else tuple(c.tolist())) for o, c in costs.items()},
        feasible={o: q.feasible for o, q in quote.options.items()},
        current_volume=quote.units_per_month,
        unit_name=quote.unit_name,
    )
