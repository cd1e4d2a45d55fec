"""Soft signals: findings that move the recommendation's score but never rule an option out.

Each rule is data (rank, id, the workload field it reads, the concern it weighs on, its source) plus one small
pure function of (workload, quote) that returns a Signal or None. The rules here concern every option and name
the ones they favour or weigh against by the options' traits (a function or a container, how much operating
it takes, how much control it gives); the rules about one option live in that option's module. A finding names
the field that raised it and, when the workload came from the questionnaire, the answer behind that field.
Source: shared reference aws-limits.md ("Soft signals") and the AWS decision guide "AWS Fargate or AWS Lambda?".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from desktop.model.advice.types import Finding
from desktop.model.format import share, usd
from desktop.model.options.base import ComputeOption, Signal, SoftRule
from desktop.model.options.common.limits import duration_text
from desktop.model.options.registry import all_options, get, short_label
from desktop.model.pricing.quote import Quote
from desktop.model.workload.load_shape import is_spiky, peak_to_mean

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.workload.spec import Workload

LIMITS = "aws-limits.md, soft signals"
FARGATE_OR_LAMBDA = 'AWS decision guide "AWS Fargate or AWS Lambda?"'
SPOT_SOURCE = "AWS Fargate and EC2 Spot pricing (Spot: up to 70% / 90% off, 2-minute interruption notice)"

STEADY_BAND = (0.7, 1.3)


_COMPARED: dict[tuple[str, ...], tuple[ComputeOption, ...]] = {}  # by the ids quoted (every rule asks, per quote)


def _compared(q: Quote) -> tuple[ComputeOption, ...]:
    """The registered options the quote compares, in registry order."""
    key = tuple(q.options)
    found = _COMPARED.get(key)
    if found is None:
        found = _COMPARED[key] = tuple(o for o in all_options() if o.id in q.options)
    return found


def _ids(q: Quote, test: Callable[[ComputeOption], bool]) -> tuple[str, ...]:
    return tuple(o.id for o in _compared(q) if test(o))


def functions(q: Quote) -> tuple[str, ...]:
    return _ids(q, lambda o: o.traits.kind == "function")


def containers(q: Quote) -> tuple[str, ...]:
    return _ids(q, lambda o: o.traits.kind == "container")


def _traffic_shape(w: Workload, q: Quote) -> Signal | None:
    peak, trough = peak_to_mean(w.traffic.daily_profile)
    if is_spiky(w.traffic.daily_profile):
        strong = peak >= 3 or trough <= 0.05
        return Signal(f"Spiky load: the busiest hour is {peak:.1f}x the average and the quietest {trough:.2f}x; "
                      "Lambda scales per request and to zero, containers scale in steps with a lag",
                      "warning" if strong else "info",
                      favours=_ids(q, lambda o: o.traits.kind == "function" and not o.traits.always_on))
    if STEADY_BAND[0] <= trough and peak <= STEADY_BAND[1] and not w.is_jobs:
        return Signal("Steady load around the clock: always-on containers run at an even utilisation",
                      "info", favours=_ids(q, lambda o: o.traits.kind == "container" or o.traits.always_on))
    return None


def _latency_below_duration(w: Workload, q: Quote) -> Signal | None:
    slo = w.requirements.latency_slo_ms
    if slo is None or slo >= w.traffic.duration_ms:
        return None
    unit = "run" if w.is_jobs else "request"
    return Signal(f"Latency target {slo:g} ms is below the {duration_text(w.traffic.duration_ms / 1000)} each {unit} "
                  "takes to run: no option can meet it; shorten the work or relax the target", "strong")


def _scale_from_zero(w: Workload, q: Quote) -> Signal | None:
    if w.is_jobs or w.min_tasks > 0:
        return None
    waits = w.requirements.trigger == "http" or w.requirements.latency_slo_ms is not None
    return Signal("No task kept running (min tasks 0): a request that arrives when none runs waits for one to "
                  "start (30-60 s on Fargate, minutes when an EC2 instance must boot)",
                  "strong" if waits else "info", against=containers(q))


def _connections(w: Workload, q: Quote) -> Signal | None:
    if not w.requirements.long_lived_connections:
        return None
    return Signal("Long-lived connections (WebSockets, gRPC streams): Lambda is short-lived and cannot hold a "
                  "socket open; containers can", "strong", favours=containers(q), against=functions(q))


def _state(w: Workload, q: Quote) -> Signal | None:
    if not w.requirements.in_memory_state:
        return None
    return Signal("State or caches kept in memory: Lambda environments are recycled and not shared, so caches "
                  "stay cold; containers keep them", "warning", favours=containers(q), against=functions(q))


_TRIGGER_SIGNALS: dict[str, tuple[str, str]] = {
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
    serverless = _ids(q, lambda o: o.traits.operations <= 1)
    favours = serverless if w.requirements.trigger == "schedule" else functions(q)
    return Signal(text, "warning" if severity == "warning" else "info", favours=favours)


def _spot(w: Workload, q: Quote) -> Signal | None:
    on_spot = w.container.spot_share
    spot = _ids(q, lambda o: o.traits.spot)
    if on_spot > 0 and not w.requirements.interruption_tolerant:
        return Signal(f"The quote puts {share(on_spot)} of container capacity on Spot, but the work is not marked "
                      "interruptible: Spot can stop a task with 2 minutes' warning", "strong", against=spot,
                      origin="container.spot_share")
    if w.requirements.interruption_tolerant and on_spot == 0:
        return Signal("The work tolerates interruptions: Fargate Spot (up to 70% off) or EC2 Spot (up to 90% off) "
                      "could cut the container price; set container.spot_share to price it", "info", favours=spot)
    return None


def _most(q: Quote, attribute: Callable[[ComputeOption], int], top: bool) -> tuple[str, ...]:
    values = [attribute(o) for o in _compared(q)]
    if not values:
        return ()
    edge = max(values) if top else min(values)
    return _ids(q, lambda o: attribute(o) == edge)


def _names(ids: tuple[str, ...]) -> str:
    return " and ".join(short_label(o) for o in ids)


def _work(ids: tuple[str, ...]) -> str:
    """What operating these options asks of the team, where their modules say ("" when none does)."""
    said = [get(o).traits.operations_work for o in ids if get(o).traits.operations_work]
    return f", which means {'; '.join(said)}" if said else ""


def _operations(w: Workload, q: Quote) -> Signal | None:
    least = _most(q, lambda o: o.traits.operations, top=False)
    most = _most(q, lambda o: o.traits.operations, top=True)
    if least == most:  # every option compared takes as much operating: nothing to weigh
        return None
    appetite = w.team.operations_appetite
    if appetite == "low":
        text = f"{_names(least)}: the least operations; {_names(most)}: the most{_work(most)}"
        return Signal(f"The team has no appetite for operating servers: {text}", "strong", favours=least,
                      against=most)
    if appetite == "medium":
        return Signal("The team can run containers but would rather not patch and scale hosts: "
                      f"{_names(most)}: the most of that work{_work(most)}", "warning", against=most)
    return Signal(f"The team can operate servers: the extra operations work of {_names(most)} is affordable", "info",
                  favours=most)


def _configuration(w: Workload, q: Quote) -> Signal | None:
    level = w.team.configuration_control
    most = _most(q, lambda o: o.traits.control, top=True)
    least = _most(q, lambda o: o.traits.control, top=False)
    if least == most:  # every option compared gives as much control: nothing to weigh
        return None
    if level == "high":
        return Signal(f"Fine control of the runtime, OS or host is needed: {_names(most)}: the most; "
                      f"{_names(least)}: the least", "warning", favours=most, against=least)
    if level == "low":
        return Signal(f"No fine configuration is needed: the most managed option ({_names(least)}) is enough", "info",
                      favours=least)
    return None


def _incomplete(w: Workload, q: Quote) -> Signal | None:
    gaps = [o for o, oq in q.options.items() if oq.feasible and oq.priced and oq.missing_prices]
    if not gaps:
        return None
    labels = [short_label(o) for o in gaps]
    names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    totals = "total leaves" if len(labels) == 1 else "totals leave"
    return Signal(f"The {names} {totals} out items the price book has no sourced price for in {w.region} "
                  "(see their notes): the real cost is higher", "warning", against=tuple(gaps))


def _budget(w: Workload, q: Quote) -> Signal | None:
    budget = (w.answers or {}).get("monthly_budget")
    if budget is None or isinstance(budget, bool) or not isinstance(budget, int | float):
        return None
    over = [o for o, oq in q.options.items() if oq.feasible and oq.monthly_usd is not None
            and float(oq.monthly_usd) > budget]
    if not over:
        return None
    names = ", ".join(f"{short_label(o)} ({usd(q.options[o].monthly_usd)})" for o in over)
    return Signal(f"Over the budget of {usd(budget)} a month: {names}", "strong", against=tuple(over))


SHARED_RULES: tuple[SoftRule, ...] = (
    SoftRule(10, "traffic.shape", "traffic.daily_profile", "operations", LIMITS, _traffic_shape),
    SoftRule(15, "latency.below_duration", "requirements.latency_slo_ms", "latency",
             "the workload itself: a response cannot come back before the work that makes it is done",
             _latency_below_duration),
    SoftRule(30, "latency.scale_from_zero", "container.min_tasks", "latency", FARGATE_OR_LAMBDA, _scale_from_zero),
    SoftRule(60, "state.connections", "requirements.long_lived_connections", "flexibility", LIMITS, _connections),
    SoftRule(70, "state.in_memory", "requirements.in_memory_state", "flexibility", LIMITS, _state),
    SoftRule(100, "trigger", "requirements.trigger", "operations", FARGATE_OR_LAMBDA, _trigger),
    SoftRule(110, "spot", "requirements.interruption_tolerant", "cost", SPOT_SOURCE, _spot),
    SoftRule(120, "team.operations", "team.operations_appetite", "operations", LIMITS, _operations),
    SoftRule(130, "team.configuration", "team.configuration_control", "flexibility", FARGATE_OR_LAMBDA,
             _configuration),
    SoftRule(140, "pricing.incomplete", "region", "cost", "price book", _incomplete),
    SoftRule(150, "budget", "monthly_budget", "cost", "your answer", _budget),
)


def soft_rules(options: Iterable[ComputeOption] | None = None) -> tuple[SoftRule, ...]:
    """The shared rules and the options' own (default: every registered option's), in rank order (each rule once)."""
    found: dict[str, SoftRule] = {rule.rule_id: rule for rule in SHARED_RULES}
    for option in all_options() if options is None else options:
        for rule in option.soft_rules:
            found.setdefault(rule.rule_id, rule)
    return tuple(sorted(found.values(), key=lambda r: r.rank))


def _about_feasible(signal: Signal, quote: Quote) -> Signal | None:
    """The signal as it concerns the options that can run the work: a finding about a ruled-out option only (e.g.
    Lambda's scaling for a 40-minute batch) is not a reason for anything, so it is dropped."""
    out = {o for o, oq in quote.options.items() if not oq.feasible}
    favours = tuple(o for o in signal.favours if o not in out)
    against = tuple(o for o in signal.against if o not in out)
    if (signal.favours or signal.against) and not (favours or against):
        return None
    return Signal(signal.text, signal.severity, favours, against, signal.origin)


_RULES_OF: dict[tuple[str, ...], tuple[SoftRule, ...]] = {}  # by the ids quoted (asked per quote)


def find_findings(workload: Workload, quote: Quote) -> tuple[Finding, ...]:
    """Every soft signal the workload raises about the options that can run it, in rule order, each text once."""
    found: list[Finding] = []
    seen: set[str] = set()
    key = tuple(quote.options)
    rules = _RULES_OF.get(key)
    if rules is None:
        rules = _RULES_OF[key] = soft_rules(_compared(quote))
    for rule in rules:
        raised = rule.check(workload, quote)
        signal = _about_feasible(raised, quote) if raised is not None else None
        if signal is None or signal.text in seen:
            continue
        seen.add(signal.text)
        origin = signal.origin or rule.origin
        answer = origin if rule.rule_id == "budget" else _question(origin, workload.answers)
        found.append(Finding(rule.rule_id, signal.text, signal.severity, origin, signal.favours, signal.against,
                             rule.concern, answer, rule.source))
    return tuple(found)


def _question(path: str, answers: dict[str, Any] | None) -> str | None:
    """The answered question behind a field (the questionnaire, and the schema it reads, loaded only for answers)."""
    if not answers:
        return None
    from desktop.model.questionnaire.data import question_for_field

    return question_for_field(path, answers)
