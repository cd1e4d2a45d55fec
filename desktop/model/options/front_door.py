"""The front door each option needs: API Gateway (HTTP or REST) or an Application Load Balancer.

Sources: aws.amazon.com/api-gateway/pricing (S9) and Elastic Load Balancing pricing with the LCU
definition (S8), shared reference aws-prices.md §4.
Assumptions, stated on the line items: one new connection per request (no keep-alive), the workload's
payload per request processed, fewer than 10 listener rules (rule evaluations free).
"""

from __future__ import annotations

import math
from decimal import Decimal

from desktop.model.advice.quote import LineItem
from desktop.model.options.aws_lambda import tiered
from desktop.model.pricing.context import MissingPrice, PricingContext
from desktop.model.pricing.money import MILLION, dec

API_GATEWAY_INCREMENT_KB = 512
LCU_NEW_CONNECTIONS_PER_S = 25.0
LCU_GB_PER_HOUR_CONTAINERS = 1.0
LCU_GB_PER_HOUR_LAMBDA = 0.4

FRONT_DOOR_LABELS = {
    "none": "none",
    "api_gateway_http": "API Gateway HTTP API",
    "api_gateway_rest": "API Gateway REST API",
    "alb": "Application Load Balancer",
}


def resolve_front_door(choice: str, option: str, is_jobs: bool) -> str:
    """auto = API Gateway HTTP API for Lambda, ALB for the containers, none for jobs."""
    if choice != "auto":
        return choice
    if is_jobs:
        return "none"
    return "api_gateway_http" if option == "lambda" else "alb"


def front_door_cost(ctx: PricingContext, option: str) -> tuple[list[LineItem], list[MissingPrice]]:
    w = ctx.workload
    door = resolve_front_door(w.front_door, option, w.is_jobs)
    if door == "none":
        return [], []
    if door == "alb":
        return _alb(ctx, option)
    return _api_gateway(ctx, door)


def _api_gateway(ctx: PricingContext, door: str) -> tuple[list[LineItem], list[MissingPrice]]:
    prices = ctx.prices.api_gateway
    tiers = None if prices is None else (prices.http if door == "api_gateway_http" else prices.rest)
    label = FRONT_DOOR_LABELS[door]
    if not tiers:
        return [], [ctx.missing(label, core=False)]
    w = ctx.workload
    increments = 1
    if door == "api_gateway_http" and w.requirements.payload_kb > API_GATEWAY_INCREMENT_KB:
        increments = math.ceil(w.requirements.payload_kb / API_GATEWAY_INCREMENT_KB)
    metered = Decimal(ctx.shape.units_per_month) * increments
    free = Decimal(ctx.free_tier.api_gateway_requests) if w.assumptions.api_gateway_free_tier else Decimal(0)
    billable = max(Decimal(0), metered - free)
    note = f"metered in {API_GATEWAY_INCREMENT_KB} KB increments: {increments} per request" if increments > 1 else ""
    if free:
        note = (note + "; " if note else "") + f"minus {free:,.0f} free-tier requests"
    return tiered(billable, tiers, label, "1M requests", scale=MILLION, note=note, group="front door"), []


def _alb(ctx: PricingContext, option: str) -> tuple[list[LineItem], list[MissingPrice]]:
    alb = ctx.prices.alb
    if alb is None:
        return [], [ctx.missing("Application Load Balancer", core=False)]
    gb_per_lcu = LCU_GB_PER_HOUR_LAMBDA if option == "lambda" else LCU_GB_PER_HOUR_CONTAINERS
    payload_gb = ctx.workload.requirements.payload_kb * 1024 / 1024**3
    lcu_sum = 0.0
    for rate in ctx.shape.hourly_rate_per_s:
        lcu_sum += max(rate / LCU_NEW_CONNECTIONS_PER_S, rate * 3600 * payload_gb / gb_per_lcu)
    lcu_hours = ctx.over_month(dec(lcu_sum))
    return [
        LineItem.priced("Application Load Balancer hours", ctx.month_hours, "hour", alb.hour,
                    group="front door"),
        LineItem.priced("Application Load Balancer LCUs", lcu_hours, "LCU-hour", alb.lcu_hour,
                    group="front door",
                    note="one new connection per request; payload per request processed"),
    ], []
