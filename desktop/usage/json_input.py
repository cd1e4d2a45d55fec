"""The JSON an architect exports with the AWS CLI, read bounded and strict like every file this app reads.

- `aws cloudwatch get-metric-data` output: `{"MetricDataResults": [{"Id", "Label", "Timestamps", "Values"}]}`.
  The output does not say which resource a series belongs to, so the import reads it from the `Label`: the
  metric's name last (`Invocations`, `Duration`, `Duration p99`, `ConcurrentExecutions`, `CPUUtilization`,
  `MemoryUtilization`, `RunningTaskCount`, `RequestCount`), the function name or `cluster/service` before it
  (e.g. `"Label": "orders Invocations"`, set with the query's Label, or `${PROP('Dim.FunctionName')} ...`).
- `aws lambda list-functions` (`{"Functions": [...]}`), `aws ecs describe-services` (`{"services": [...]}`) and
  `aws ecs describe-task-definition` (`{"taskDefinition": {...}}`).
Every refusal is a UsageError naming the file and the field's path.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from desktop.files import ReadError, load_json_file
from desktop.model.workload.spec import MAX_MIN_TASKS as MAX_DESIRED  # the workload's own bound on tasks
from desktop.usage.json_fields import field_list as _list
from desktop.usage.json_fields import field_number as _number
from desktop.usage.json_fields import field_objects as _objects
from desktop.usage.json_fields import field_text as _text
from desktop.usage.json_fields import field_time as _time
from desktop.usage.power_tuning import PowerTuning, read_power_tuning
from desktop.usage.records import UsageError

MAX_JSON_BYTES = 64 * 1024 * 1024  # a month of per-minute points for a few dozen series
MAX_SERIES = 10_000
MAX_POINTS = 1_000_000  # points in one file, all series together
METRICS = ("Duration p99", "Invocations", "Duration", "ConcurrentExecutions", "CPUUtilization", "MemoryUtilization",
           "RunningTaskCount", "RequestCount")


@dataclass(slots=True)
class Series:
    """One metric of one resource: sums and counts per hour of the day (UTC), and the period it covers."""

    resource: str
    metric: str
    sums: list[float] = field(default_factory=lambda: [0.0] * 24)
    counts: list[int] = field(default_factory=lambda: [0] * 24)
    first: datetime | None = None
    last: datetime | None = None
    period_s: float = 3600.0
    peak: float = 0.0  # the largest single value
    low: float = math.inf  # the smallest single value

    @property
    def total(self) -> float:
        return sum(self.sums)

    @property
    def mean(self) -> float:
        points = sum(self.counts)
        return self.total / points if points else 0.0

    @property
    def covered_hours(self) -> float:
        if self.first is None or self.last is None:
            return 0.0
        return ((self.last - self.first).total_seconds() + self.period_s) / 3600


@dataclass(frozen=True, slots=True)
class FunctionConfig:
    name: str
    arn: str
    memory_mb: int | None
    arm: bool | None
    runtime: str
    timeout_s: float | None
    ephemeral_mb: int | None


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    name: str  # cluster/service
    desired: int | None
    launch_type: str
    task_definition: str
    region: str = ""  # from the service's (or cluster's) ARN
    account: str = ""


@dataclass(frozen=True, slots=True)
class TaskConfig:
    arn: str
    family: str
    vcpu: float | None
    memory_gb: float | None
    arm: bool | None
    windows: bool


@dataclass(slots=True)
class JsonInputs:
    series: dict[tuple[str, str], Series] = field(default_factory=dict)  # (resource, metric) -> series
    functions: dict[str, FunctionConfig] = field(default_factory=dict)  # by function name
    services: dict[str, ServiceConfig] = field(default_factory=dict)  # by cluster/service
    tasks: dict[str, TaskConfig] = field(default_factory=dict)  # by task definition ARN and by family
    tuning: dict[str, PowerTuning] = field(default_factory=dict)  # Lambda Power Tuning results by function name
    files: list[str] = field(default_factory=list)

    def metric(self, resource: str, metric: str) -> Series | None:
        return self.series.get((resource, metric))


def split_label(label: str) -> tuple[str, str] | None:
    """(resource, metric) from a label such as 'orders Duration p99'; None when no metric name ends it."""
    for metric in METRICS:
        if label == metric or label.endswith(" " + metric):
            return label[: -len(metric)].strip(), metric
    return None


def _read_metrics(data: dict[str, Any], where: str, into: JsonInputs) -> None:
    points = 0
    for path, result in _objects(data["MetricDataResults"], where, "MetricDataResults"):
        label = _text(result.get("Label"), where, f"{path}.Label")
        named = split_label(label)
        if named is None:
            raise UsageError(where, f"{path}.Label", f"{label[:80]!r} does not end with a metric this app reads "
                                                     f"({', '.join(METRICS)})")
        resource = named[0] or Path(where).name.split(".")[0]
        times = _list(result.get("Timestamps"), where, f"{path}.Timestamps", MAX_POINTS)
        values = _list(result.get("Values"), where, f"{path}.Values", MAX_POINTS)
        if len(times) != len(values):
            raise UsageError(where, f"{path}.Values", f"{len(values)} values for {len(times)} timestamps")
        points += len(values)
        if points > MAX_POINTS:
            raise UsageError(where, path, f"more than {MAX_POINTS:,} points in one file")
        series = into.series.setdefault((resource, named[1]), Series(resource, named[1]))
        _add_points(series, times, values, where, path)


def _add_points(series: Series, times: list[Any], values: list[Any], where: str, path: str) -> None:
    stamps = [_time(t, where, f"{path}.Timestamps.{j}") for j, t in enumerate(times)]
    for j, (stamp, raw) in enumerate(zip(stamps, values, strict=True)):
        value = _number(raw, where, f"{path}.Values.{j}")
        if value is None:
            continue
        series.sums[stamp.hour] += value
        series.counts[stamp.hour] += 1
        series.peak, series.low = max(series.peak, value), min(series.low, value)
    if stamps:
        ordered = sorted(stamps)
        gaps = [(b - a).total_seconds() for a, b in pairwise(ordered) if b > a]
        series.period_s = min(gaps) if gaps else series.period_s
        series.first = min(ordered[0], series.first or ordered[0])
        series.last = max(ordered[-1], series.last or ordered[-1])


def _read_functions(data: dict[str, Any], where: str, into: JsonInputs) -> None:
    for path, f in _objects(data["Functions"], where, "Functions"):
        name = _text(f.get("FunctionName"), where, f"{path}.FunctionName")
        arches = f.get("Architectures")
        arm = None if arches is None else "arm64" in _list(arches, where, f"{path}.Architectures", 4)
        memory = _number(f.get("MemorySize"), where, f"{path}.MemorySize")
        storage = f.get("EphemeralStorage")
        ephemeral = _number(storage.get("Size"), where, f"{path}.EphemeralStorage.Size") if isinstance(
            storage, dict) else None
        into.functions[name] = FunctionConfig(
            name=name, arn=_text(f.get("FunctionArn"), where, f"{path}.FunctionArn", required=False),
            memory_mb=None if memory is None else int(memory), arm=arm,
            runtime=_text(f.get("Runtime"), where, f"{path}.Runtime", required=False),
            timeout_s=_number(f.get("Timeout"), where, f"{path}.Timeout"),
            ephemeral_mb=None if ephemeral is None else int(ephemeral))


def _read_services(data: dict[str, Any], where: str, into: JsonInputs) -> None:
    for path, s in _objects(data["services"], where, "services"):
        name = _text(s.get("serviceName"), where, f"{path}.serviceName")
        cluster = _text(s.get("clusterArn"), where, f"{path}.clusterArn", required=False).rsplit("/", 1)[-1]
        desired = _number(s.get("desiredCount"), where, f"{path}.desiredCount")
        if desired is not None and not 0 <= desired <= MAX_DESIRED:
            raise UsageError(where, f"{path}.desiredCount", f"must be 0 to {MAX_DESIRED:,} tasks")
        key = f"{cluster}/{name}" if cluster else name
        arn = _text(s.get("serviceArn"), where, f"{path}.serviceArn", required=False) or \
            _text(s.get("clusterArn"), where, f"{path}.clusterArn", required=False)
        parts = arn.split(":")
        into.services[key] = ServiceConfig(
            name=key, desired=None if desired is None else int(desired),
            launch_type=_text(s.get("launchType"), where, f"{path}.launchType", required=False),
            task_definition=_text(s.get("taskDefinition"), where, f"{path}.taskDefinition", required=False),
            region=parts[3] if len(parts) > 5 else "", account=parts[4][:40] if len(parts) > 5 else "")


def _read_task(data: dict[str, Any], where: str, into: JsonInputs) -> None:
    t = data["taskDefinition"]
    if not isinstance(t, dict):
        raise UsageError(where, "taskDefinition", "must be an object")
    cpu = _number(t.get("cpu"), where, "taskDefinition.cpu")
    memory = _number(t.get("memory"), where, "taskDefinition.memory")
    found = t.get("runtimePlatform")
    platform: dict[str, Any] = found if isinstance(found, dict) else {}
    arch = _text(platform.get("cpuArchitecture"), where, "taskDefinition.runtimePlatform.cpuArchitecture", False)
    family_os = _text(platform.get("operatingSystemFamily"), where,
                      "taskDefinition.runtimePlatform.operatingSystemFamily", False)
    task = TaskConfig(arn=_text(t.get("taskDefinitionArn"), where, "taskDefinition.taskDefinitionArn", False),
                      family=_text(t.get("family"), where, "taskDefinition.family"),
                      vcpu=None if cpu is None else cpu / 1024, memory_gb=None if memory is None else memory / 1024,
                      arm=None if not arch else arch.upper() == "ARM64",
                      windows=family_os.upper().startswith("WINDOWS"))
    for key in (task.arn, task.family):
        if key:
            into.tasks[key] = task


def _read_tuning(data: dict[str, Any], where: str, into: JsonInputs) -> None:
    found = read_power_tuning(data, where)
    into.tuning[found.function] = found


READERS: dict[str, Callable[[dict[str, Any], str, JsonInputs], None]] = {
    "MetricDataResults": _read_metrics, "Functions": _read_functions, "services": _read_services,
    "taskDefinition": _read_task, "power": _read_tuning}


def _kind(data: Any) -> str | None:
    """Which reader a file is for, from its top-level keys; Lambda Power Tuning's result as the state machine
    returns it, inside `results` (as its README shows it) or as describe-execution's `output`."""
    if not isinstance(data, dict):
        return None
    found = next((k for k in READERS if k in data), None)
    wrapped = isinstance(data.get("results"), dict) and "power" in data["results"]
    execution = "executionArn" in data and "output" in data and "lambdaARN" in str(data.get("input", ""))
    if found is None and (wrapped or execution):
        found = "power"
    return found


def read_json_file(path: Path, into: JsonInputs) -> bool:
    """Read one CLI JSON export into `into`; False for a JSON file of another kind (an export's manifest)."""
    try:
        data = load_json_file(path, MAX_JSON_BYTES, "a JSON export")
    except ReadError as exc:
        raise UsageError(str(path), exc.field, exc.message) from None
    kind = _kind(data)
    if kind is None:
        return False
    READERS[kind](data, str(path), into)
    into.files.append(str(path))
    return True
