"""The front door an option's requests come through: API Gateway (HTTP or REST) or an Application Load Balancer.

Sources: aws.amazon.com/api-gateway/pricing (S9) and Elastic Load Balancing pricing with the LCU
definition (S8), shared reference aws-prices.md §4.
Assumptions, stated on the line items: one new connection per request (no keep-alive), the workload's
payload per request processed, fewer than 10 listener rules (rule evaluations free).
"""

from __future__ import annotations

import math

import numpy as np

from desktop.model.options.base import ComputeOption
from desktop.model.options.calc import Calc
from desktop.model.pricing.context import PricingContext

API_GATEWAY_INCREMENT_KB = 512
LCU_NEW_CONNECTIONS_PER_S = 25.0

FRONT_DOOR_LABELS = {
    "none": "none",
    "api_gateway_http": "API Gateway HTTP API",
    "api_gateway_rest": "API Gateway REST API",
    "alb": "Application Load Balancer",
}


def resolve_front_door(choice: str, option: ComputeOption, is_jobs: bool) -> str:
    """auto = the option's own kind of front door for requests (API Gateway HTTP API for Lambda, an ALB for
    containers), none for jobs."""
    if choice != "auto":
        return choice
    if is_jobs:
        return "none"
    return option.front_door


def price_front_door(ctx: PricingContext, calc: Calc, option: ComputeOption) -> None:
    w = ctx.workload
    door = resolve_front_door(w.front_door, option, w.is_jobs)
    if door == "alb":
        _alb(ctx, calc, option)
    elif door != "none":
        _api_gateway(ctx, calc, door)


def _api_gateway(ctx: PricingContext, calc: Calc, door: str) -> None:
    prices = ctx.prices.api_gateway
    tiers = None if prices is None else (prices.http if door == "api_gateway_http" else prices.rest)
    label = FRONT_DOOR_LABELS[door]
    if not tiers:
        calc.record_missing(label, core=False)
        return
    w = ctx.workload
    increments = 1
    if door == "api_gateway_http" and w.requirements.payload_kb > API_GATEWAY_INCREMENT_KB:
        increments = math.ceil(w.requirements.payload_kb / API_GATEWAY_INCREMENT_KB)
    metered = calc.units * increments
    zero = calc.num(0)
    free = calc.num(ctx.free_tier.api_gateway_requests) if w.assumptions.api_gateway_free_tier else zero
    billable = calc.maximum(zero, metered - free)
    note = f"metered in {API_GATEWAY_INCREMENT_KB} KB increments: {increments} per request" if increments > 1 else ""
    if w.assumptions.api_gateway_free_tier and ctx.free_tier.api_gateway_requests:
        note = (note + "; " if note else "") + f"minus {ctx.free_tier.api_gateway_requests:,.0f} free-tier requests"
    calc.tiered(billable, tiers, label, "1M requests", scale=1_000_000, note=note, group="front door")


def _alb(ctx: PricingContext, calc: Calc, option: ComputeOption) -> None:
    alb = ctx.prices.alb
    if alb is None:
        calc.record_missing("Application Load Balancer", core=False)
        return
    payload_gb = ctx.workload.requirements.payload_kb * 1024 / 1024**3
    rates = calc.rate_per_s()
    lcus = np.maximum(rates / LCU_NEW_CONNECTIONS_PER_S, rates * 3600 * payload_gb / option.alb_gb_per_lcu)
    month_hours = calc.num(ctx.workload.assumptions.month_hours)
    lcu_hours = calc.measure(calc.hour_sum(lcus)) * month_hours / 24
    calc.line("Application Load Balancer hours", month_hours, "hour", alb.hour, group="front door")
    calc.line("Application Load Balancer LCUs", lcu_hours, "LCU-hour", alb.lcu_hour, group="front door",
              note="one new connection per request; payload per request processed")
