"""AWS Lambda Power Tuning's output: the memory size it found best for a function, with that size's average
duration and cost per invocation, and (with `includeOutputResults`) every size it tested.

The shape is the state machine's own (github.com/alexcasalboni/aws-lambda-power-tuning, README-INPUT-OUTPUT.md
"State Machine Output"; its statemachine.asl.json ends with `OutputPath: $.analysis`, the analyzer's result):
`{"power": 512, "cost": 2.1e-7, "duration": 3.2, "stateMachine": {"executionCost", "lambdaCost", "visualization"},
"stats": [{"value": 128, "averagePrice": ..., "averageDuration": ...}, ...]}`, in milliseconds and USD. Read
as the state machine returns it, as the README shows it (inside `"results"`), or as
`aws stepfunctions describe-execution` prints it (`"output"` and `"input"` as JSON text; the input's
`lambdaARN` and `strategy` then name the function and how the size was chosen). Without that input the file's
name before its first dot names the function (`orders.power-tuning.json`), as for CloudWatch labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.files import ReadError, loads_strict
from desktop.model.format import decimal_text
from desktop.model.workload.fields import field_bounds
from desktop.usage.json_fields import field_list, field_number, field_text
from desktop.usage.records import UsageError

MAX_STATS = 1_000  # memory sizes tested in one run (128 MB to 10,240 MB in 1 MB steps would be 10,113)
MAX_TEXT_BYTES = 8 * 1024 * 1024  # describe-execution's output or input, JSON inside a JSON string
MEMORY = field_bounds("lambda.memory_mb")  # the workload's (and Lambda's) memory range, 128 to 10,240 MB
MAX_DURATION_MS = 900_000.0  # Lambda stops an invocation at 900 s (AWS Lambda quotas)


@dataclass(frozen=True, slots=True)
class PowerTuning:
    function: str
    region: str  # from the input's lambdaARN ("" without it)
    power_mb: int
    duration_ms: float
    cost_usd: float
    strategy: str  # "cost", "speed", "balanced" (from the input), or "" when not known
    stats: tuple[tuple[int, float, float], ...]  # (memory MB, average duration ms, average cost USD) per size
    file: str


def _power(value: Any, where: str, path: str) -> int:
    found = field_number(value, where, path)
    low, high = int(MEMORY.low or 128), int(MEMORY.high or 10240)
    if found is None or found != int(found) or not low <= found <= high:
        raise UsageError(where, path, f"must be a memory size of {low:,} to {high:,} MB")
    return int(found)


def _positive(value: Any, where: str, path: str, high: float) -> float:
    found = field_number(value, where, path)
    if found is None or not 0 < found <= high:
        raise UsageError(where, path, f"must be a number above 0 and at most {high:,g}")
    return found


def _stats(data: dict[str, Any], where: str, path: str) -> tuple[tuple[int, float, float], ...]:
    found = []
    for i, stat in enumerate(field_list(data.get("stats", []), where, f"{path}stats", MAX_STATS)):
        at = f"{path}stats.{i}"
        if not isinstance(stat, dict):
            raise UsageError(where, at, "must be an object")
        found.append((_power(stat.get("value"), where, f"{at}.value"),
                      _positive(stat.get("averageDuration"), where, f"{at}.averageDuration", MAX_DURATION_MS),
                      _positive(stat.get("averagePrice"), where, f"{at}.averagePrice", 1.0)))
    return tuple(sorted(found))


def _embedded(data: dict[str, Any], key: str, where: str) -> Any:
    """describe-execution's `output` or `input`: JSON written as a text, parsed as strictly as a file."""
    text = data.get(key)
    if not isinstance(text, str) or len(text) > MAX_TEXT_BYTES:
        raise UsageError(where, key, f"must be JSON text of at most {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    try:
        return loads_strict(text, where)
    except ReadError as exc:
        raise UsageError(where, key, exc.message) from None


def read_power_tuning(data: dict[str, Any], where: str) -> PowerTuning:
    """One run's result; UsageError naming the file and the field for anything out of bounds."""
    arn, strategy, path = "", "", ""
    if "executionArn" in data:
        given = _embedded(data, "input", where) if data.get("input") is not None else {}
        if isinstance(given, dict):
            arn = field_text(given.get("lambdaARN"), where, "input.lambdaARN", required=False)
            strategy = field_text(given.get("strategy"), where, "input.strategy", required=False)
        data, path = _embedded(data, "output", where), "output."
    elif "results" in data:
        data, path = data["results"], "results."
    if not isinstance(data, dict) or "power" not in data:
        raise UsageError(where, path + "power", "is missing: not a Lambda Power Tuning result (did the run fail?)")
    parts = arn.split(":")
    function = parts[6] if len(parts) > 6 and parts[5] == "function" else Path(where).name.split(".")[0]
    return PowerTuning(function=function[:140], region=parts[3] if len(parts) > 6 else "",
                       power_mb=_power(data.get("power"), where, path + "power"),
                       duration_ms=_positive(data.get("duration"), where, path + "duration", MAX_DURATION_MS),
                       cost_usd=_positive(data.get("cost"), where, path + "cost", 1.0),
                       strategy=strategy[:20], stats=_stats(data, where, path), file=Path(where).name[:120])


def _usd(value: float) -> str:
    """A cost per invocation with the digits the run gave (at most 10 decimals): $0.0000016583."""
    return "$" + decimal_text(Decimal(repr(value)), 10)


def tuning_text(t: PowerTuning) -> str:
    """What the run measured, for the scenario's assumptions (the sizes tested, with duration and cost)."""
    tested = "; ".join(f"{mb:,} MB {ms:,.1f} ms {_usd(usd)}" for mb, ms, usd in t.stats[:12])
    more = f" (+{len(t.stats) - 12} more)" if len(t.stats) > 12 else ""
    chosen = f" for {t.strategy}" if t.strategy else ""
    return (f"Lambda Power Tuning ({t.file}): {t.power_mb:,} MB chosen{chosen}, {t.duration_ms:,.1f} ms and "
            f"{_usd(t.cost_usd)} an invocation" + (f"; tested: {tested}{more}" if tested else "") + ".")
