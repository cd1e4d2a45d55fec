"""A fleet workshop from what was read: one scenario per function, ECS service (or cluster) and EC2 instance.

Each scenario's workload is built from the billing export (hourly usage and what was billed), CloudWatch metrics
and the resource's configuration, in that order of preference per field; every field set says where it came from
(`ScenarioUsage.fields`), and what no source gave is a named assumption (`ScenarioUsage.assumptions`).
A month is `assumptions.month_hours` (730 h): usage over the import's period is scaled to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.spec import MAX_SCENARIOS, ScenarioEntry, WorkshopSpec
from desktop.model.workshop.usage import FieldOrigin, Origin, ScenarioUsage, value_at
from desktop.usage.json_input import JsonInputs, Series, ServiceConfig
from desktop.usage.power_tuning import PowerTuning, tuning_text
from desktop.usage.records import ImportSummary, ResourceUsage, UsageError

MONTH_HOURS = 730.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_DURATION_MS = 100.0
PER_TASK_IN_FLIGHT = 10 * 0.7  # the workload's default concurrency_per_task x target_utilization
LEFT_OUT_CAP = "left out: a {holder} holds at most {cap:,} scenarios (the largest bills were kept)"
LEFT_OUT_REGION = "left out: region not in the price book ({region})"

FRONT_DOOR = ("No front door is priced: the export bills an API Gateway or load balancer as its own resource, so "
              "each option is priced for its compute alone; set front_door to compare with one.")
FREE_TIER = ("Lambda's free tier is not applied: it is per account, not per function, and the bill already shows "
             "what was charged.")


@dataclass(slots=True)
class Draft:
    """A workload being built, with where each field came from."""

    data: dict[str, Any]
    fields: list[FieldOrigin] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def set(self, path: str, value: Any, origin: Origin, detail: str) -> None:
        node = self.data
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
        self.fields = [f for f in self.fields if f.field != path]  # the last source to set a field says where
        self.fields.append(FieldOrigin(field=path, origin=origin, detail=detail[:300]))


def profile(hourly: list[float]) -> tuple[float, ...] | None:
    """24 relative loads (mean 1) from 24 hourly sums; None when there is no load at all."""
    total = sum(hourly)
    if total <= 0:
        return None
    return tuple(round(h * 24 / total, 4) for h in hourly)


def _per_month(total: float, hours: float) -> int:
    return round(total * MONTH_HOURS / hours) if hours > 0 else 0


def _new_draft(name: str, region: str, arm: bool, arch_origin: Origin, arch_detail: str) -> Draft:
    draft = Draft({"name": name[:120] or "resource", "lambda": {"free_tier": False}, "front_door": "none"})
    draft.set("region", region, "measured", "the region the usage was billed in")
    draft.set("architecture", "arm64" if arm else "x86_64", arch_origin, arch_detail)
    draft.assumptions += [FRONT_DOOR, FREE_TIER]
    return draft


def lambda_draft(r: ResourceUsage | None, name: str, region: str, period: float, inputs: JsonInputs) -> Draft:
    config = inputs.functions.get(name)
    invocations, duration = inputs.metric(name, "Invocations"), inputs.metric(name, "Duration")
    if r is not None:
        arm_origin: Origin = "measured"
        arch_detail = "billing: the usage types " + ("end in -ARM" if r.arm else "have no -ARM suffix")
        arm = r.arm
    else:
        arm = bool(config and config.arm)
        arm_origin = "configuration" if config is not None and config.arm is not None else "default"
        arch_detail = "list-functions Architectures" if arm_origin == "configuration" else "x86_64 assumed"
    draft = _new_draft(name, region, arm, arm_origin, arch_detail)
    tuning = inputs.tuning.get(name)
    memory, memory_origin = _lambda_memory(draft, config, tuning)
    _lambda_requests(draft, r, period, invocations)
    _lambda_duration(draft, r, memory, memory_origin, duration, tuning)
    if r is not None and r.provisioned_gb_seconds > 0:
        billed_mb = config.memory_mb if config is not None and config.memory_mb else memory  # the size billed
        kept = math.ceil(r.provisioned_gb_seconds / (period * 3600) / (billed_mb / 1024))
        draft.set("lambda.provisioned_concurrency", kept, "measured" if memory_origin != "default" else "default",
                  f"billing: {r.provisioned_gb_seconds:,.0f} provisioned GB-seconds over {period:,.0f} h at "
                  f"{billed_mb} MB")
        draft.set("lambda.provisioned_hours_per_month", MONTH_HOURS, "default", "provisioned all month assumed")
    if config is not None and config.ephemeral_mb:
        draft.set("lambda.ephemeral_storage_mb", config.ephemeral_mb, "configuration",
                  "list-functions EphemeralStorage")
    _observed(draft, inputs, name, (("Duration p99", "Duration p99 (CloudWatch)", " ms"),
                                    ("ConcurrentExecutions", "Highest ConcurrentExecutions (CloudWatch)", "")))
    if config is not None and config.runtime:
        draft.assumptions.append(f"Runtime {config.runtime[:60]}, timeout {config.timeout_s or 0:g} s "
                                 "(list-functions).")
    return draft


def _lambda_memory(draft: Draft, config: Any, tuning: PowerTuning | None) -> tuple[int, Origin]:
    """The memory priced: Lambda Power Tuning's choice, else the configured size, else a default to check."""
    if tuning is not None:
        chosen = f" for {tuning.strategy}" if tuning.strategy else ""
        draft.set("lambda.memory_mb", tuning.power_mb, "measured",
                  f"Lambda Power Tuning ({tuning.file}): the size it chose{chosen}")
        draft.assumptions.append(tuning_text(tuning))
        if config is not None and config.memory_mb and int(config.memory_mb) != tuning.power_mb:
            draft.assumptions.append(f"Priced at Power Tuning's {tuning.power_mb:,} MB; the function runs with "
                                     f"{int(config.memory_mb):,} MB today (list-functions), which is what was "
                                     "billed.")
        return tuning.power_mb, "measured"
    if config is not None and config.memory_mb:
        memory = min(max(int(config.memory_mb), 128), 10240)
        draft.set("lambda.memory_mb", memory, "configuration", "list-functions MemorySize")
        return memory, "configuration"
    draft.set("lambda.memory_mb", DEFAULT_MEMORY_MB, "default", "not in a billing export or metrics")
    draft.assumptions.append(f"Lambda memory is not in a billing export: {DEFAULT_MEMORY_MB:,} MB assumed; "
                             "import `aws lambda list-functions` JSON to read it.")
    return DEFAULT_MEMORY_MB, "default"


def _lambda_requests(draft: Draft, r: ResourceUsage | None, period: float, invocations: Series | None) -> None:
    if invocations is not None and invocations.covered_hours > 0:
        draft.set("traffic.requests_per_month", _per_month(invocations.total, invocations.covered_hours), "measured",
                  f"CloudWatch Invocations over {invocations.covered_hours:,.0f} h, scaled to {MONTH_HOURS:g} h")
        draft.set("traffic.daily_profile", profile(invocations.sums), "measured", "CloudWatch Invocations by hour")
        _burst(draft, invocations)
    elif r is not None and sum(r.requests) > 0:
        draft.set("traffic.requests_per_month", _per_month(sum(r.requests), period), "measured",
                  f"billing: {sum(r.requests):,.0f} requests over {period:,.0f} h, scaled to {MONTH_HOURS:g} h")
        draft.set("traffic.daily_profile", profile(r.requests), "measured", "billing: requests by hour of day")
    else:
        draft.set("traffic.requests_per_month", 0, "default", "no requests billed or measured")


def _observed(draft: Draft, inputs: JsonInputs, name: str, metrics: tuple[tuple[str, str, str], ...]) -> None:
    """Measurements no workload field holds, stated with the scenario (a p99 to compare with the latency target,
    a utilization that says the task may be over-sized)."""
    for metric, label, unit in metrics:
        series = inputs.metric(name, metric)
        if series is not None and any(series.counts):
            value = series.peak if metric == "ConcurrentExecutions" else series.mean
            draft.assumptions.append(f"{label}: {value:,.1f}{unit}.")


def _burst(draft: Draft, series: Series) -> None:
    """The peak within the hour over the hour's mean, where the points are finer than an hour."""
    if series.period_s < 3600 and series.mean > 0:
        ratio = min(max(series.peak / series.mean, 1.0), 60.0)
        draft.set("traffic.burst_ratio", round(ratio, 2), "measured",
                  f"CloudWatch {series.metric}: highest {series.period_s:g}-second point over the mean")


def _lambda_duration(draft: Draft, r: ResourceUsage | None, memory: int, memory_origin: Origin,
                     duration: Series | None, tuning: PowerTuning | None) -> None:
    """Power Tuning's duration at the size it chose, else CloudWatch's average, else the billed GB-seconds per
    request at the memory priced."""
    requests, gbs = (sum(r.requests), sum(r.gb_seconds)) if r is not None else (0.0, 0.0)
    if tuning is not None:
        draft.set("traffic.duration_ms", round(tuning.duration_ms, 3), "measured",
                  f"Lambda Power Tuning ({tuning.file}): average duration at {tuning.power_mb:,} MB")
    elif duration is not None and duration.mean > 0:
        draft.set("traffic.duration_ms", round(duration.mean, 3), "measured", "CloudWatch Duration (average)")
    elif requests > 0 and gbs > 0:
        ms = gbs / requests / (memory / 1024) * 1000
        origin: Origin = "measured" if memory_origin != "default" else "default"
        draft.set("traffic.duration_ms", round(max(ms, 1.0), 3), origin,
                  f"billing: {gbs:,.1f} GB-seconds / {requests:,.0f} requests at {memory} MB")
    else:
        draft.set("traffic.duration_ms", DEFAULT_DURATION_MS, "default", "no duration billed or measured")


def container_draft(r: ResourceUsage | None, name: str, region: str, period: float, inputs: JsonInputs,
                    book: PriceBook) -> Draft:
    """An ECS service on Fargate (r.kind == "fargate") or an EC2 instance, sized so the model runs the tasks or
    instances the bill shows, hour by hour; an ECS service known from its configuration alone (r is None) runs
    its desired count all day, said so."""
    is_ec2 = r is not None and r.kind == "ec2"
    draft = _container_new_draft(r, name, region, inputs)
    if is_ec2 and r is not None:
        per_unit = _instance_size(draft, r, book)
        hourly = [h / max(period / 24, 1e-9) for h in r.instance_hours]
    else:
        per_unit = _task_size(draft, r, name, inputs)
        hourly = [v / max(period / 24, 1e-9) / per_unit for v in r.vcpu_hours] if r is not None else []
    _observed(draft, inputs, name, (("CPUUtilization", "Average CPUUtilization (CloudWatch)", "%"),
                                    ("MemoryUtilization", "Average MemoryUtilization (CloudWatch)", "%")))
    tasks = inputs.metric(name, "RunningTaskCount")
    origin: Origin = "measured"
    if tasks is not None and tasks.counts and sum(tasks.counts):
        hourly = [s / c if c else 0.0 for s, c in zip(tasks.sums, tasks.counts, strict=True)]
        draft.set("container.min_tasks", int(tasks.low), "measured", "CloudWatch RunningTaskCount (lowest)")
    elif r is None:
        hourly, origin = _desired_tasks(draft, inputs.services.get(name)), "default"
    else:
        draft.set("container.min_tasks", int(min(hourly) + 1e-9), "measured",
                  "billing: fewest " + ("instances" if is_ec2 else "tasks") + " running in an hour of the day")
    _container_requests(draft, hourly, inputs.metric(name, "RequestCount"), origin)
    return draft


def _container_new_draft(r: ResourceUsage | None, name: str, region: str, inputs: JsonInputs) -> Draft:
    if r is not None:
        return _new_draft(name, region, r.arm, "measured", "billing: usage types " + ("with" if r.arm else
                                                                                        "without") + " ARM")
    service = inputs.services.get(name)
    task = inputs.tasks.get(service.task_definition) if service is not None else None
    if task is not None and task.arm is not None:
        return _new_draft(name, region, task.arm, "configuration", "describe-task-definition cpuArchitecture")
    return _new_draft(name, region, False, "default", "x86_64 assumed (no task definition's runtimePlatform)")


def _desired_tasks(draft: Draft, service: ServiceConfig | None) -> list[float]:
    """A service without billing rows or RunningTaskCount: its desired count, every hour (a default to check)."""
    desired = service.desired if service is not None and service.desired is not None else None
    if desired is None:
        draft.set("container.min_tasks", 1, "default", "no desiredCount, no billing rows, no RunningTaskCount")
    else:
        draft.set("container.min_tasks", desired, "configuration", "describe-services desiredCount")
    draft.assumptions.append("No billing rows for this service: it is assumed to run its desired count of tasks "
                             "all day, not measured; import a billing export (or CloudWatch RunningTaskCount) "
                             "to measure it, and nothing is compared with a bill.")
    return [float(desired if desired is not None else 1)] * 24


def _task_size(draft: Draft, r: ResourceUsage | None, name: str, inputs: JsonInputs) -> float:
    service = inputs.services.get(name)
    task = inputs.tasks.get(service.task_definition) if service is not None else None
    if task is not None and task.windows:  # the options that cannot run Windows containers are ruled out by it
        draft.set("container.os", "windows", "configuration", "describe-task-definition operatingSystemFamily")
    if task is not None and task.vcpu and task.memory_gb:
        draft.set("container.vcpu", task.vcpu, "configuration", "describe-task-definition cpu")
        draft.set("container.memory_gb", task.memory_gb, "configuration", "describe-task-definition memory")
        return task.vcpu
    draft.set("container.vcpu", 1.0, "default", "the task size is not in a billing export: 1 vCPU assumed")
    if r is not None and sum(r.vcpu_hours) > 0:
        draft.set("container.memory_gb", round(min(max(r.gb_hours / sum(r.vcpu_hours), 0.5), 120.0), 3),
                  "measured", "billing: GB-hours per vCPU-hour")
    else:
        draft.set("container.memory_gb", 2.0, "default", "no billing rows nor task definition: 2 GB assumed")
    draft.assumptions.append("Task size is not in a billing export: 1 vCPU tasks assumed (memory per vCPU as "
                             "billed); import `aws ecs describe-task-definition` JSON to read it.")
    return 1.0


def _instance_size(draft: Draft, r: ResourceUsage, book: PriceBook) -> float:
    known = book.instance_types.get(r.instance_type)
    if known is None:
        raise UsageError(r.resource, "instance type", f"{r.instance_type or '(none)'} is not in the price book")
    draft.set("ec2.instance_type", r.instance_type, "measured", "billing: the instance's usage type")
    draft.set("architecture", known.architecture, "configuration", "the instance type's architecture")
    draft.set("container.vcpu", round(known.vcpu - 0.07, 3), "default", "one task fills the instance")
    draft.set("container.memory_gb", float(known.memory_gib) - 0.5, "default", "one task fills the instance")
    draft.assumptions.append("An EC2 instance is compared as one ECS task that fills it: the options are priced "
                             "for the same capacity, hour by hour.")
    return 1.0


def _container_requests(draft: Draft, hourly_units: list[float], alb: Series | None, origin: Origin) -> None:
    if alb is not None and alb.covered_hours > 0:
        draft.set("traffic.requests_per_month", _per_month(alb.total, alb.covered_hours), "measured",
                  "CloudWatch ALB RequestCount")
        draft.set("traffic.daily_profile", profile(alb.sums), "measured", "CloudWatch RequestCount by hour")
        draft.set("traffic.duration_ms", DEFAULT_DURATION_MS, "default", "not in a billing export or metrics")
        return
    rate = PER_TASK_IN_FLIGHT / (DEFAULT_DURATION_MS / 1000)  # requests a second one task serves at its target
    monthly = round(sum(hourly_units) / 24 * rate * 3600 * MONTH_HOURS)
    draft.set("traffic.requests_per_month", monthly, "default",
              f"derived from the tasks billed: {rate:g} requests/s per task (10 in flight at 70%, 100 ms each)")
    draft.set("traffic.duration_ms", DEFAULT_DURATION_MS, "default", "not in a billing export")
    draft.set("traffic.daily_profile", profile(hourly_units), origin, "billing: tasks by hour of day"
              if origin == "measured" else "no hourly usage: the same every hour")
    draft.assumptions.append("Requests are not in a billing export for ECS: derived from the task-hours; import "
                             "CloudWatch ALB RequestCount to measure them.")


def scenario(draft: Draft, r: ResourceUsage | None, today: str, source: str, resource: str, period: float,
             account: str) -> ScenarioEntry:
    workload = Workload.model_validate({k: v for k, v in draft.data.items() if v is not None})
    values = workload.to_json_dict()
    fields = tuple(FieldOrigin(field=f.field, origin=f.origin, detail=f.detail, imported=_imported(values, f.field))
                   for f in draft.fields[-60:])
    usage = ScenarioUsage(
        source=source[:300], resource=resource[:2048], account=account[:40], today=today, period_hours=period,
        hours_with_usage=r.hours_with_usage if r is not None else 0,
        billed_usd=r.billed_usd if r is not None else None,
        credits_usd=r.credits_usd if r is not None else Decimal(0),
        unpriced_usd=r.unpriced_usd if r is not None else Decimal(0),
        fields=fields, assumptions=tuple(a[:300] for a in draft.assumptions[:60]))
    return ScenarioEntry(note=note_of(today, resource, draft), workload=workload, usage=usage)


def _imported(values: dict[str, Any], path: str) -> Any:
    """The value the workload holds at `path`, as a field's provenance records it (a list as a tuple)."""
    found = value_at(values, path)
    return tuple(found) if isinstance(found, list) else found


def note_of(today: str, resource: str, draft: Draft) -> str:
    """The scenario's note: what it is today, and which fields are defaults to check (shown in the window and on
    the sheet with the note)."""
    defaults = [f.field for f in draft.fields if f.origin == "default"]
    measured = sum(1 for f in draft.fields if f.origin == "measured")
    configured = sum(1 for f in draft.fields if f.origin == "configuration")
    text = (f"Runs on {today} today ({resource[:300]}). Imported: {measured} fields measured, {configured} from "
            f"the configuration; defaults to check: {', '.join(defaults) or 'none'}.")
    return text[:2000]


def _unique(name: str, taken: set[str]) -> str:
    found, n = name[:120], 2
    while found in taken:
        found = f"{name[:110]} ({n})"
        n += 1
    taken.add(found)
    return found


Candidate = tuple[ResourceUsage | None, str, str]  # (billed usage or None, name, the option it runs on today)


def _candidates(resources: list[ResourceUsage], inputs: JsonInputs, summary: ImportSummary,
                billed_only: bool) -> list[Candidate]:
    """Every billed resource, then the functions measured by CloudWatch alone and the ECS services known from
    describe-services alone (the last two left out, and named, when a tag filter chose the billed rows)."""
    billed_names = {r.name for r in resources}
    found: list[Candidate] = [(r, r.name, r.kind) for r in resources]
    measured = dict.fromkeys([*inputs.functions, *(r for r, metric in inputs.series if metric == "Invocations")])
    extra: list[Candidate] = [(None, n, "lambda") for n in measured
                              if n not in billed_names and inputs.metric(n, "Invocations") is not None]
    for name, service in inputs.services.items():
        cluster = name.split("/")[0]
        if name in billed_names:
            continue
        if cluster in billed_names and cluster != name:
            summary.notes.append(f"{name}: its tasks are billed under the cluster {cluster} (the export does not "
                                 "name the service): not a scenario of its own")
            continue
        extra.append((None, name, "ec2" if service.launch_type.upper() == "EC2" else "fargate"))
    named = billed_names | {n for _, n, _ in extra}
    summary.notes += [f"{t.file}: Lambda Power Tuning result for {name}, which has no usage in the billing export "
                      "or CloudWatch Invocations: left alone" for name, t in inputs.tuning.items() if name not in named]
    if billed_only and extra:
        summary.notes.append(f"{len(extra)} resource(s) known from JSON alone left out: the tag filter chose the "
                             "billed rows (" + ", ".join(n for _, n, _ in extra[:5]) + ("...)" if len(extra) > 5
                                                                                        else ")"))
        return found
    return found + extra


def build_fleet(resources: list[ResourceUsage], inputs: JsonInputs, summary: ImportSummary,
                book: PriceBook, billed_only: bool = False) -> WorkshopSpec:
    """The fleet workshop ('parts' of one estate), the largest bills first; at most MAX_SCENARIOS scenarios."""
    entries = fleet_entries(resources, inputs, summary, book, billed_only, MAX_SCENARIOS)
    return WorkshopSpec(kind="parts", baseline=0, scenarios=entries)


def fleet_entries(resources: list[ResourceUsage], inputs: JsonInputs, summary: ImportSummary,
                  book: PriceBook, billed_only: bool, cap: int) -> tuple[ScenarioEntry, ...]:
    """The fleet's scenarios, the largest bills first; at most `cap` (a workshop file's MAX_SCENARIOS, or the
    JSON-lines fleet's own bound), those beyond it counted as skipped."""
    period = summary.period_hours
    entries: list[ScenarioEntry] = []
    taken: set[str] = set()
    for r, name, kind in _candidates(resources, inputs, summary, billed_only):
        region = (r.region if r is not None else "") or _region_of(inputs, name) or ""
        rows = r.rows if r is not None else 0
        if region not in book.regions:
            summary.skip(LEFT_OUT_REGION.format(region=region or "none"), rows)
            summary.rows_used -= rows
            summary.notes.append(f"{name}: {LEFT_OUT_REGION.format(region=region or 'none')}")
            continue
        if len(entries) >= cap:
            holder = "workshop" if cap == MAX_SCENARIOS else "JSON-lines fleet"
            summary.skip(LEFT_OUT_CAP.format(holder=holder, cap=cap), rows)
            summary.rows_used -= rows
            continue
        span = period or _covered(inputs, name)
        try:
            draft = (lambda_draft(r, name, region, span, inputs) if kind == "lambda"
                     else container_draft(r, name, region, span, inputs, book))
        except UsageError as exc:
            summary.notes.append(f"{name}: left out: {exc.message}")
            continue
        draft.data["name"] = _unique(name, taken)
        source = summary.source or "CloudWatch and configuration JSON"
        account = r.account if r is not None else _account_of(inputs, name)
        entries.append(scenario(draft, r, kind, source, r.resource if r else name, span, account))
    if not entries:
        where = summary.files[0] if len(summary.files) == 1 else f"{len(summary.files)} files"
        top = summary.skipped.most_common(1)
        why = f" (most rows skipped: {top[0][1]:,} {top[0][0]})" if top else ""
        raise UsageError(where, "", f"holds no Lambda function, ECS service or EC2 instance with usage{why}")
    return tuple(entries)


def _account_of(inputs: JsonInputs, name: str) -> str:
    service = inputs.services.get(name)
    return service.account if service is not None else ""


def _region_of(inputs: JsonInputs, name: str) -> str:
    service, tuning = inputs.services.get(name), inputs.tuning.get(name)
    if service is not None and service.region:
        return service.region
    if tuning is not None and tuning.region:
        return tuning.region
    config = inputs.functions.get(name)
    parts = config.arn.split(":") if config is not None else []
    return parts[3] if len(parts) > 4 else ""


def _covered(inputs: JsonInputs, name: str) -> float:
    found = [s.covered_hours for (resource, _), s in inputs.series.items() if resource == name]
    return max(found, default=MONTH_HOURS) or MONTH_HOURS
