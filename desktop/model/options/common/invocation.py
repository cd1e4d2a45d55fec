"""How each trigger invokes a function, and what that means for its payload limit and its request charge.

One rule with its sources, read by every place that needs it (Lambda's request line, the payload finding):
- asynchronous: Amazon S3, Amazon SNS, Amazon EventBridge and EventBridge Scheduler invoke a function
  asynchronously (Lambda developer guide, "Invoking a Lambda function asynchronously", invocation-async.html);
- synchronous: API Gateway and Application Load Balancers invoke synchronously for each HTTP request, and an
  event source mapping's poller reads SQS, Kinesis and DynamoDB Streams and invokes synchronously (Lambda
  developer guide, "Invoking Lambda functions synchronously" and "Lambda event source mappings",
  invocation-sync.html, invocation-eventsourcemapping.html).
- Lambda pricing page: "the first 256 KB of an asynchronous event is billed as one request; each further 64 KB,
  up to 1 MB, is billed as one more request" (shared reference aws-prices.md §1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

INVOCATION_SOURCE = ("AWS Lambda developer guide: asynchronous invocation (invocation-async.html), synchronous "
                     "invocation (invocation-sync.html), event source mappings (invocation-eventsourcemapping.html)")
ASYNC_FIRST_KB = 256
ASYNC_STEP_KB = 64
ASYNC_MAX_KB = 1024  # an asynchronous event is at most 1 MB


@dataclass(frozen=True, slots=True)
class Invocation:
    asynchronous: bool
    how: str  # in words, for notes and findings


INVOCATIONS: dict[str, Invocation] = {
    "http": Invocation(False, "synchronously, by API Gateway or a load balancer"),
    "queue": Invocation(False, "synchronously, by Lambda's SQS poller (an event source mapping)"),
    "stream": Invocation(False, "synchronously, by Lambda's stream poller (an event source mapping)"),
    "event": Invocation(True, "asynchronously, by S3, SNS or EventBridge"),
    "schedule": Invocation(True, "asynchronously, by EventBridge Scheduler"),
}


def invocation(trigger: str) -> Invocation:
    return INVOCATIONS[trigger]


def is_asynchronous(trigger: str) -> bool:
    return INVOCATIONS[trigger].asynchronous


def requests_per_event(trigger: str, payload_kb: float) -> int:
    """Requests Lambda bills for one event: 1, plus one per further 64 KB above 256 KB (up to 1 MB) for an
    asynchronous event."""
    if not is_asynchronous(trigger) or payload_kb <= ASYNC_FIRST_KB:
        return 1
    above = min(payload_kb, ASYNC_MAX_KB) - ASYNC_FIRST_KB
    return 1 + math.ceil(above / ASYNC_STEP_KB - 1e-9)
