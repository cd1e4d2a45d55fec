"""Soft signals: findings that move the recommendation's score but never rule an option out.

Each rule is data (id, the workload field it reads, the concern it weighs on, its source) plus one small
pure function of (workload, quote) that returns a Signal or None. Adding a rule means adding one entry to
SOFT_RULES. A finding names the field that raised it and, when the workload came from the questionnaire,
the answer behind that field. Source: shared reference aws-limits.md ("Soft signals") and the AWS
decision guide "AWS Fargate or AWS Lambda?".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.model.advice.quote import SHORT_LABELS, LambdaCapacity, Quote
from desktop.model.advice.rules import LAMBDA_QUOTAS
from desktop.model.advice.types import Concern, Finding, Severity
from desktop.model.questionnaire.data import question_for_field
from desktop.model.workload.load_shape import hour_weights
from desktop.model.workload.spec import Workload

LIMITS = "aws-limits.md, soft signals"
LAMBDA_SCALING = "AWS Lambda scaling behaviour (docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html)"
LAMBDA_COLD_STARTS = "AWS Lambda cold starts, provisioned concurrency and SnapStart (snapstart.html)"
LAMBDA_PAYLOAD = "AWS Lambda Invoke API payload limits (API_Invoke.html)"
FARGATE_OR_LAMBDA = 'AWS decision guide "AWS Fargate or AWS Lambda?"'
SPOT_SOURCE = "AWS Fargate and EC2 Spot pricing (Spot: up to 70% / 90% off, 2-minute interruption notice)"

LAMBDA_CONCURRENCY_QUOTA = 1000
LAMBDA_SCALE_PER_10_S = 1000
QUOTA_WARNING_SHARE = 0.7
SPIKY_PEAK = 2.5  # peak hour at least this many times the mean hour
SPIKY_TROUGH = 0.1  # or the quietest hour at most this share of the mean
STEADY_BAND = (0.7, 1.3)
SYNC_PAYLOAD_KB = 6 * 1024
ASYNC_PAYLOAD_KB = 1024
ZIP_PACKAGE_MB = 250
CONTAINERS = ("fargate", "ec2")


@dataclass(frozen=True, slots=True)
class Signal:
    text: str
    severity: Severity
    favours: tuple[str, ...] = ()
    against: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SoftRule:
    rule_id: str
    origin: str  # the workload field (dotted path) it reads
    concern: Concern
    source: str
    check: Callable[[Workload, Quote], Signal | None]


def peak_to_mean(w: Workload) -> tuple[float, float]:
    """(peak hour, quietest hour) as multiples of the mean hour."""
    weights = hour_weights(w.traffic.daily_profile)
    return max(weights), min(weights)


def is_spiky(w: Workload) -> bool:
    peak, trough = peak_to_mean(w)
    return peak >= SPIKY_PEAK or trough <= SPIKY_TROUGH


def _lambda_peak(q: Quote) -> float:
    cap = q.options["lambda"].capacity
    return cap.peak_concurrency if isinstance(cap, LambdaCapacity) else 0.0


def _traffic_shape(w: Workload, q: Quote) -> Signal | None:
    peak, trough = peak_to_mean(w)
    if is_spiky(w):
        strong = peak >= 3 or trough <= 0.05
        return Signal(f"Spiky load: the busiest hour is {peak:.1f}x the average and the quietest {trough:.2f}x; "
                      "Lambda scales per request and to zero, containers scale in steps with a lag",
                      "warning" if strong else "info", favours=("lambda",))
    if STEADY_BAND[0] <= trough and peak <= STEADY_BAND[1] and not w.is_jobs:
        return Signal("Steady load around the clock: always-on containers run at an even utilisation",
                      "info", favours=CONTAINERS)
    return None


def _cold_starts(w: Workload, q: Quote) -> Signal | None:
    slo = w.requirements.latency_slo_ms
    if slo is None or slo >= 1000 or w.is_jobs:
        return None
    if w.lambda_.provisioned_concurrency > 0:
        return Signal(f"Latency target {slo:g} ms: cold starts are covered by {w.lambda_.provisioned_concurrency} "
                      "provisioned environments (priced in the quote)", "info")
    severity: Severity = "strong" if slo < 300 and is_spiky(w) else "warning"
    return Signal(f"Latency target {slo:g} ms: Lambda cold starts take 100 ms to over 1 s; provisioned "
                  "concurrency (extra cost) or always-on containers avoid them", severity, against=("lambda",))


def _scale_from_zero(w: Workload, q: Quote) -> Signal | None:
    if w.is_jobs or w.min_tasks > 0:
        return None
    waits = w.requirements.trigger == "http" or w.requirements.latency_slo_ms is not None
    return Signal("No task kept running (min tasks 0): a request that arrives when none runs waits for one to "
                  "start (30-60 s on Fargate, minutes when an EC2 instance must boot)",
                  "strong" if waits else "info", against=CONTAINERS)


def _concurrency_quota(w: Workload, q: Quote) -> Signal | None:
    peak = _lambda_peak(q)
    if peak > LAMBDA_CONCURRENCY_QUOTA:
        return Signal(f"Lambda needs about {peak:,.0f} concurrent executions at the peak hour; the default quota is "
                      f"{LAMBDA_CONCURRENCY_QUOTA:,} per region: requests throttle unless the quota is raised",
                      "strong", against=("lambda",))
    if peak > LAMBDA_CONCURRENCY_QUOTA * QUOTA_WARNING_SHARE:
        return Signal(f"Lambda needs about {peak:,.0f} concurrent executions at the peak hour, near the default "
                      f"quota of {LAMBDA_CONCURRENCY_QUOTA:,} per region", "warning", against=("lambda",))
    return None


def _scaling_rate(w: Workload, q: Quote) -> Signal | None:
    peak = _lambda_peak(q)
    if not is_spiky(w) or peak <= LAMBDA_SCALE_PER_10_S:
        return None
    return Signal(f"Spiky load reaching {peak:,.0f} concurrent executions: Lambda adds at most "
                  f"{LAMBDA_SCALE_PER_10_S:,} execution environments every 10 s per function, so steeper bursts "
                  "throttle (provisioned concurrency helps)", "warning", against=("lambda",))


def _connections(w: Workload, q: Quote) -> Signal | None:
    if not w.requirements.long_lived_connections:
        return None
    return Signal("Long-lived connections (WebSockets, gRPC streams): Lambda is short-lived and cannot hold a "
                  "socket open; containers can", "strong", favours=CONTAINERS, against=("lambda",))


def _state(w: Workload, q: Quote) -> Signal | None:
    if not w.requirements.in_memory_state:
        return None
    return Signal("State or caches kept in memory: Lambda environments are recycled and not shared, so caches "
                  "stay cold; containers keep them", "warning", favours=CONTAINERS, against=("lambda",))


def _payload(w: Workload, q: Quote) -> Signal | None:
    size = w.requirements.payload_kb
    asynchronous = w.requirements.trigger in ("queue", "event", "stream", "schedule")
    limit = ASYNC_PAYLOAD_KB if asynchronous else SYNC_PAYLOAD_KB
    if size <= limit:
        return None
    kind = "an asynchronous invocation carries at most 1 MB" if asynchronous else \
        "a synchronous request or response is at most 6 MB (streaming: 200 MB)"
    return Signal(f"Payloads of {size / 1024:,.1f} MB: {kind}; larger bodies need S3 indirection",
                  "warning", against=("lambda",))


def _artifact(w: Workload, q: Quote) -> Signal | None:
    size = w.requirements.artifact_mb
    if size <= ZIP_PACKAGE_MB or size > 10 * 1024:
        return None
    return Signal(f"A {size:,.0f} MB deployment artifact is over the 250 MB .zip limit: Lambda needs a container "
                  "image, and large images lengthen cold starts", "info", against=("lambda",))


_TRIGGER_SIGNALS: dict[str, tuple[str, Severity]] = {
    "event": ("Events from S3, DynamoDB or SNS: Lambda subscribes to them natively; containers need a queue and "
              "a poller in between", "warning"),
    "queue": ("Queue messages: Lambda polls SQS and scales with the queue natively; containers need a consumer and "
              "a queue-depth scaling policy", "info"),
    "stream": ("Stream records: Lambda reads Kinesis and DynamoDB Streams with an event source mapping; "
               "containers need a consumer that tracks shards", "info"),
    "schedule": ("A schedule: EventBridge Scheduler starts a Lambda function or an ECS task alike", "info"),
}


def _trigger(w: Workload, q: Quote) -> Signal | None:
    found = _TRIGGER_SIGNALS.get(w.requirements.trigger)
    if found is None:
        return None
    text, severity = found
    favours = ("lambda", "fargate") if w.requirements.trigger == "schedule" else ("lambda",)
    return Signal(text, severity, favours=favours)


def _spot(w: Workload, q: Quote) -> Signal | None:
    share = w.container.spot_share
    if share > 0 and not w.requirements.interruption_tolerant:
        return Signal(f"The quote puts {share:.0%} of container capacity on Spot, but the work is not marked "
                      "interruptible: Spot can stop a task with 2 minutes' warning", "strong", against=CONTAINERS)
    if w.requirements.interruption_tolerant and share == 0:
        return Signal("The work tolerates interruptions: Fargate Spot (up to 70% off) or EC2 Spot (up to 90% off) "
                      "could cut the container price; set container.spot_share to price it", "info",
                      favours=CONTAINERS)
    return None


_OPERATIONS: dict[str, Signal] = {
    "low": Signal("The team has no appetite for operating servers: Lambda needs the least operations, then "
                  "Fargate; ECS on EC2 means patching AMIs and scaling a cluster", "strong",
                  favours=("lambda",), against=("ec2",)),
    "medium": Signal("The team can run containers but would rather not patch and scale hosts: ECS on EC2 adds "
                     "that work", "warning", against=("ec2",)),
    "high": Signal("The team can operate servers: ECS on EC2's extra operations work is affordable", "info",
                   favours=("ec2",)),
}


def _operations(w: Workload, q: Quote) -> Signal | None:
    return _OPERATIONS[w.team.operations_appetite]


def _configuration(w: Workload, q: Quote) -> Signal | None:
    level = w.team.configuration_control
    if level == "high":
        return Signal("Fine control of the runtime, OS or host is needed: ECS on EC2 gives the most, Lambda the "
                      "least", "warning", favours=("ec2",), against=("lambda",))
    if level == "low":
        return Signal("No fine configuration is needed: Lambda's managed runtime is enough", "info",
                      favours=("lambda",))
    return None


def _incomplete(w: Workload, q: Quote) -> Signal | None:
    gaps = [o for o, oq in q.options.items() if oq.feasible and oq.priced and oq.missing_prices]
    if not gaps:
        return None
    names = " and ".join(SHORT_LABELS[o] for o in gaps)
    return Signal(f"The {names} total leaves out items the price book has no sourced price for in {w.region} "
                  "(see its notes): the real cost is higher", "warning", against=tuple(gaps))


def _budget(w: Workload, q: Quote) -> Signal | None:
    budget = (w.answers or {}).get("monthly_budget")
    if budget is None or isinstance(budget, bool) or not isinstance(budget, int | float):
        return None
    over = [o for o, oq in q.options.items() if oq.feasible and oq.monthly_usd is not None
            and float(oq.monthly_usd) > budget]
    if not over:
        return None
    names = ", ".join(f"{SHORT_LABELS[o]} (${float(q.options[o].monthly_usd or 0):,.2f})" for o in over)
    return Signal(f"Over the budget of ${budget:,.2f} a month: {names}", "strong", against=tuple(over))


SOFT_RULES: tuple[SoftRule, ...] = (
    SoftRule("traffic.shape", "traffic.daily_profile", "operations", LIMITS, _traffic_shape),
    SoftRule("latency.cold_starts", "requirements.latency_slo_ms", "latency", LAMBDA_COLD_STARTS, _cold_starts),
    SoftRule("latency.scale_from_zero", "container.min_tasks", "latency", FARGATE_OR_LAMBDA, _scale_from_zero),
    SoftRule("lambda.concurrency_quota", "traffic.requests_per_month", "operations", LAMBDA_QUOTAS,
             _concurrency_quota),
    SoftRule("lambda.scaling_rate", "traffic.daily_profile", "latency", LAMBDA_SCALING, _scaling_rate),
    SoftRule("state.connections", "requirements.long_lived_connections", "flexibility", LIMITS, _connections),
    SoftRule("state.in_memory", "requirements.in_memory_state", "flexibility", LIMITS, _state),
    SoftRule("lambda.payload", "requirements.payload_kb", "flexibility", LAMBDA_PAYLOAD, _payload),
    SoftRule("lambda.artifact", "requirements.artifact_mb", "latency", LAMBDA_QUOTAS, _artifact),
    SoftRule("trigger", "requirements.trigger", "operations", FARGATE_OR_LAMBDA, _trigger),
    SoftRule("spot", "requirements.interruption_tolerant", "cost", SPOT_SOURCE, _spot),
    SoftRule("team.operations", "team.operations_appetite", "operations", LIMITS, _operations),
    SoftRule("team.configuration", "team.configuration_control", "flexibility", FARGATE_OR_LAMBDA, _configuration),
    SoftRule("pricing.incomplete", "region", "cost", "price book", _incomplete),
    SoftRule("budget", "monthly_budget", "cost", "your answer", _budget),
)


def _origin(rule: SoftRule, w: Workload) -> tuple[str, str | None]:
    if rule.rule_id == "budget":
        return rule.origin, rule.origin  # an answer only: the workload has no budget field
    if rule.rule_id == "lambda.concurrency_quota" and w.is_jobs:
        return "traffic.runs_per_month", question_for_field("traffic.runs_per_month", w.answers)
    if rule.rule_id == "spot" and w.container.spot_share > 0 and not w.requirements.interruption_tolerant:
        return "container.spot_share", question_for_field("container.spot_share", w.answers)
    return rule.origin, question_for_field(rule.origin, w.answers)


def find_findings(workload: Workload, quote: Quote) -> tuple[Finding, ...]:
    """Every soft signal the workload raises, in rule order."""
    found: list[Finding] = []
    for rule in SOFT_RULES:
        signal = rule.check(workload, quote)
        if signal is None:
            continue
        origin, answer = _origin(rule, workload)
        found.append(Finding(rule.rule_id, signal.text, signal.severity, origin, signal.favours, signal.against,
                             rule.concern, answer, rule.source))
    return tuple(found)
