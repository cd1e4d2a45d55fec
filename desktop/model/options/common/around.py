"""What an option needs around it to do the same job as the others (like for like), as lines with their sources.

- A REST API in front of containers reaches them through a private integration: a VPC link to a Network Load
  Balancer ("Private integrations for REST APIs in API Gateway", API Gateway developer guide). The NLB is priced
  per hour and per NLCU-hour (AWS Price List AWSELB 20260831092255, us-east-1, LoadBalancing:Network rows; an NLCU
  is the largest of 800 new TCP connections a second, 100,000 active connections, 1 GB processed an hour:
  Elastic Load Balancing pricing page, transcribed 2026-09-20). Lambda is a direct REST API integration: none.
- S3 or SNS events into containers (requirements.trigger = event) need a queue the tasks poll: Amazon SQS requests,
  three per event (send, receive, delete; each 64 KB chunk is one request, Amazon SQS pricing); Lambda is invoked
  by the event directly. Priced per 1M standard-queue requests (AWS Price List AWSQueueService 20260904154020, every
  region); AWS's free tier of requests is not applied (the account's other queues share it). Where the book has no
  SQS price, the requests are reported missing with their number.
Each line is added only on the options that need it, in the front door's group.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption
from desktop.model.options.common.calc import Amount, Calc

if TYPE_CHECKING:
    from desktop.model.pricing.context import PricingContext

GROUP = "front door"
NLCU_NEW_CONNECTIONS_PER_S = 800.0
NLCU_ACTIVE_CONNECTIONS = 100_000.0
NLCU_GB_PER_HOUR = 1.0
KB_PER_GB = 1024 * 1024
SQS_REQUESTS_PER_EVENT = 3  # SendMessage, ReceiveMessage, DeleteMessage
SQS_CHUNK_KB = 64
SQS_REQUESTS = "Amazon SQS requests"


def price_around(ctx: PricingContext, calc: Calc, option: ComputeOption, door: str) -> None:
    if option.traits.kind != "container":
        return
    if door == "api_gateway_rest":
        _nlb(ctx, calc)
    if ctx.workload.requirements.trigger == "event":
        _queue(ctx, calc)


def _nlb(ctx: PricingContext, calc: Calc) -> None:
    w = ctx.workload
    month_hours: Amount = calc.num(w.assumptions.month_hours)
    processed_gb = (w.requirements.payload_kb + w.network.response_kb) / KB_PER_GB
    rates = calc.rate_per_s()  # one connection per request, open for its duration
    nlcus = calc.xp.maximum.reduce([rates / NLCU_NEW_CONNECTIONS_PER_S, calc.concurrency() / NLCU_ACTIVE_CONNECTIONS,
                               rates * 3600 * processed_gb / NLCU_GB_PER_HOUR])
    nlcu_hours = calc.measure(calc.hour_sum(nlcus)) * month_hours / 24
    prices = ctx.prices.nlb
    if prices is None:
        calc.record_missing("Network Load Balancer", core=False,
                            usage=((month_hours, "hour"), (nlcu_hours, "LCU-hour")))
        return
    note = "the REST API reaches the containers through a VPC link to a Network Load Balancer"
    calc.line("Network Load Balancer hours (REST API VPC link)", month_hours, "hour", prices.hour, group=GROUP,
              note=note)
    calc.line("Network Load Balancer NLCUs", nlcu_hours, "LCU-hour", prices.lcu_hour, group=GROUP,
              note="largest of: new connections (800 a second), active connections (100,000), processed bytes "
                   "(1 GB an hour) per NLCU")


def _queue(ctx: PricingContext, calc: Calc) -> None:
    chunks = max(1, math.ceil(ctx.workload.requirements.payload_kb / SQS_CHUNK_KB))
    requests = calc.units * (SQS_REQUESTS_PER_EVENT * chunks)
    tiers = ctx.prices.sqs.standard_requests if ctx.prices.sqs is not None else []
    if not tiers:
        calc.record_missing(SQS_REQUESTS, core=False, usage=((requests, "request"),))
        return
    chunked = f", each of {chunks} chunks of {SQS_CHUNK_KB} KB" if chunks > 1 else ""
    note = (f"{SQS_REQUESTS_PER_EVENT} requests per event (send, receive, delete{chunked}) on the queue the tasks "
            "poll; free tier not applied")
    calc.tiered(requests, tiers, SQS_REQUESTS, "1M requests", scale=1_000_000, note=note, group=GROUP,
                missing_as=SQS_REQUESTS, per="requests")
