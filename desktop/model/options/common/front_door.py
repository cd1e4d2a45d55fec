"""The front door an option's requests come through: API Gateway (HTTP or REST) or an Application Load Balancer.

Sources: aws.amazon.com/api-gateway/pricing (S9) and Elastic Load Balancing pricing with the LCU
definition (S8), shared reference aws-prices.md §4: an LCU-hour is the largest, averaged over the hour, of
25 new connections per second; 3,000 active connections per minute; 1 GB processed per hour (0.4 GB for
Lambda targets); 1,000 rule evaluations per second, where rule evaluations = request rate x (rules processed
- 10 free rules).
Assumptions, stated on the line items: one new connection per request (no keep-alive), so a connection stays
open for one request's duration; when the work has long-lived connections (requirements.long_lived_connections:
WebSockets, gRPC streams) new connections come from the connections open at once (network.open_connections, else
the requests in flight) over how long each stays open (network.connection_minutes), not from requests;
each request processes its payload (requirements.payload_kb) and its response (network.response_kb); every
request is evaluated against all the listener's rules (network.alb_rules); an internet-facing ALB holds one
public IPv4 address per enabled subnet (network.alb_subnets, default 2: AWS's minimum of two Availability Zones for
an ALB), billed like every public IPv4 address.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption
from desktop.model.options.common.around import price_around
from desktop.model.options.common.calc import Amount, Array, Calc
from desktop.model.options.common.network import service_addresses

if TYPE_CHECKING:
    from desktop.model.pricing.context import PricingContext

API_GATEWAY_INCREMENT_KB = 512
LCU_NEW_CONNECTIONS_PER_S = 25.0
LCU_ACTIVE_CONNECTIONS = 3000.0  # per minute, sampled
LCU_RULE_EVALUATIONS_PER_S = 1000.0
FREE_RULES = 10
KB_PER_GB = 1024 * 1024

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
    price_around(ctx, calc, option, door)


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
    calc.tiered(billable, tiers, label, "1M requests", scale=1_000_000, note=note, group="front door",
                missing_as=label, per="requests")


def _connections(ctx: PricingContext, calc: Calc) -> tuple[Array, Array]:
    """New connections per second and connections open at once, hour by hour. Short requests: one connection per
    request, open for its duration. Long-lived connections (requirements.long_lived_connections): the connections
    open at once (network.open_connections, following the daily profile; else the requests in flight), each
    replaced after network.connection_minutes, so new connections come from connections, not from requests."""
    w = ctx.workload
    if not w.requirements.long_lived_connections:
        return calc.rate_per_s(), calc.concurrency()
    n = w.network
    if n.open_connections is None:
        active = calc.concurrency()
    else:
        weights = calc.xp.array(ctx.weights, dtype=float)
        active = calc.xp.broadcast_to(n.open_connections * weights[None, :], calc.rate_per_s().shape)
    return active / (n.connection_minutes * 60.0), active


def alb_lcus(ctx: PricingContext, calc: Calc, option: ComputeOption) -> Array:
    """LCUs in each hour of the day, shape (volumes, 24): the largest of the four dimensions."""
    w = ctx.workload
    rates, active = _connections(ctx, calc)
    processed_gb = (w.requirements.payload_kb + w.network.response_kb) / KB_PER_GB
    evaluated = max(0, w.network.alb_rules - FREE_RULES)
    found: Array = calc.xp.maximum.reduce([
        rates / LCU_NEW_CONNECTIONS_PER_S,
        active / LCU_ACTIVE_CONNECTIONS,
        calc.rate_per_s() * 3600 * processed_gb / option.alb_gb_per_lcu,
        calc.rate_per_s() * evaluated / LCU_RULE_EVALUATIONS_PER_S,
    ])
    return found


def _alb_addresses(ctx: PricingContext, calc: Calc, month_hours: Amount) -> None:
    """An internet-facing ALB holds one public IPv4 address per enabled subnet (at least two: an ALB spans two or
    more Availability Zones), each billed per hour (shared reference aws-prices-t3.md §7, grade B)."""
    subnets = ctx.workload.network.alb_subnets
    if subnets > 0:
        service_addresses(ctx, calc, calc.num(subnets) * month_hours, "Public IPv4: load balancer addresses",
                          "front door", f"internet-facing, one address in each of {subnets} subnets "
                                        "(network.alb_subnets), always on")


def _alb(ctx: PricingContext, calc: Calc, option: ComputeOption) -> None:
    w = ctx.workload
    month_hours = calc.num(w.assumptions.month_hours)
    lcu_hours = calc.measure(calc.hour_sum(alb_lcus(ctx, calc, option))) * month_hours / 24
    alb = ctx.prices.alb
    hour_only = ctx.prices.alb_hour_only
    if alb is None and hour_only is None:
        calc.record_missing("Application Load Balancer", core=False,
                            usage=((month_hours, "hour"), (lcu_hours, "LCU-hour")))
        return
    hour_price = alb.hour if alb is not None else hour_only
    assert hour_price is not None
    calc.line("Application Load Balancer hours", month_hours, "hour", hour_price, group="front door")
    _alb_addresses(ctx, calc, month_hours)
    if alb is None:  # the book has this region's ALB-hour price but not its LCU price
        calc.record_missing("Application Load Balancer LCU-hour", core=False, usage=((lcu_hours, "LCU-hour"),))
        return
    rules = w.network.alb_rules
    n = w.network
    if w.requirements.long_lived_connections:
        open_text = "the requests in flight" if n.open_connections is None else f"{n.open_connections:,} at once"
        connections = (f"new connections (long-lived: {open_text}, each open {n.connection_minutes:g} min), "
                       f"active connections ({open_text})")
    else:
        connections = f"new connections (one per request), active connections (each open {w.traffic.duration_ms:g} ms)"
    note = (f"largest of: {connections}, processed bytes ({w.requirements.payload_kb:g} KB in + "
            f"{w.network.response_kb:g} KB out per request), rule evaluations ({rules} rule{'s' if rules > 1 else ''}"
            f", {FREE_RULES} free)")
    calc.line("Application Load Balancer LCUs", lcu_hours, "LCU-hour", alb.lcu_hour, group="front door", note=note)
