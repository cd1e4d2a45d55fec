"""Sensitivity: how the recommended option's cost and the winner move when a main assumption moves.

Each assumption is data (label, field, how to read it, how to set it) and is tried at -50% and +100% of
its value, kept inside the field's valid range. An assumption at 0 (no Savings Plans, no Spot, no task
floor) is tried at a what-if value instead, said in its label. Rows are sorted by impact on the
recommended option's monthly cost: the data behind a tornado chart. A row "flips" when the low or high
value changes the recommended option.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.model.advice.engine import compute_quote
from desktop.model.advice.findings import find_findings
from desktop.model.advice.recommend import winner
from desktop.model.advice.types import SensitivityRow
from desktop.model.options.registry import compared
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import Quote
from desktop.model.workload.spec import Workload

LOW_FACTOR = 0.5
HIGH_FACTOR = 2.0
MAX_DURATION_MS = 30 * 24 * 3600 * 1000
WHAT_IF_SAVINGS_SHARE = 0.5
WHAT_IF_SPOT_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Assumption:
    label: str
    path: str
    applies: Callable[[Workload], bool]
    read: Callable[[Workload], float]
    vary: Callable[[float], tuple[float, float]]  # base -> (low, high), inside the field's range
    write: Callable[[Workload, float], dict[str, Any]]  # value -> dotted-path changes
    note: str = ""  # what the value means when the label alone does not say


def _scaled(low_min: float, high_max: float, integer: bool = False) -> Callable[[float], tuple[float, float]]:
    def vary(base: float) -> tuple[float, float]:
        low, high = max(low_min, base * LOW_FACTOR), min(high_max, base * HIGH_FACTOR)
        if integer:
            return float(max(low_min, math.floor(low))), float(min(high_max, round(high)))
        return low, high
    return vary


def _floor_vary(base: float) -> tuple[float, float]:
    return (float(math.floor(base * LOW_FACTOR)), base * HIGH_FACTOR) if base > 0 else (0.0, 1.0)


def _share_vary(what_if: float) -> Callable[[float], tuple[float, float]]:
    def vary(base: float) -> tuple[float, float]:
        return (base * LOW_FACTOR, min(1.0, base * HIGH_FACTOR)) if base > 0 else (0.0, what_if)
    return vary


def savings_plan_max(w: Workload) -> dict[str, float]:
    """The Savings Plans field of each option the workload compares and AWS's "up to" rate for it (a field shared
    by several options, e.g. EC2's, once)."""
    return {o.savings_plan.field: o.savings_plan.up_to for o in compared(w) if o.savings_plan is not None}


def _savings_note(w: Workload) -> str:
    names = {o.savings_plan.field: o.savings_plan.name for o in compared(w) if o.savings_plan is not None}
    rates = ", ".join(f"{names[key]} {top:g}%" for key, top in savings_plan_max(w).items())
    return f"share of AWS's 'up to' rates ({rates})"


def _savings_share(w: Workload) -> float:
    plans = w.assumptions.savings_plans
    tops = savings_plan_max(w)
    return sum(float(getattr(plans, key)) / top for key, top in tops.items()) / len(tops) if tops else 0.0


def _savings_changes(w: Workload, share: float) -> dict[str, Any]:
    base = _savings_share(w)
    plans = w.assumptions.savings_plans
    changes: dict[str, Any] = {}
    for key, top in savings_plan_max(w).items():
        value = top * share if base == 0 else getattr(plans, key) * share / base
        changes[f"assumptions.savings_plans.{key}"] = min(top, value)
    return changes


def _memory_changes(w: Workload, memory_mb: float) -> dict[str, Any]:
    """Lambda memory to the value; the task's memory by the same factor (within ECS's range)."""
    factor = memory_mb / w.lambda_.memory_mb
    return {"lambda.memory_mb": int(memory_mb),
            "container.memory_gb": min(1024.0, max(0.001, w.container.memory_gb * factor))}


def _volume_path(w: Workload) -> str:
    return "traffic.runs_per_month" if w.is_jobs else "traffic.requests_per_month"


def _always(w: Workload) -> bool:
    return True


def _requests_only(w: Workload) -> bool:
    return not w.is_jobs


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("Monthly volume", "traffic.units_per_month", _always, lambda w: float(w.units_per_month),
               _scaled(0, 10**13, integer=True),
               lambda w, v: {_volume_path(w): int(v)}),
    Assumption("Duration (ms)", "traffic.duration_ms", _always,
               lambda w: w.traffic.duration_ms, _scaled(0.001, MAX_DURATION_MS),
               lambda w, v: {"traffic.duration_ms": v}),
    Assumption("Memory (MB)", "lambda.memory_mb", _always,
               lambda w: float(w.lambda_.memory_mb), _scaled(128, 10240, integer=True), _memory_changes,
               "Lambda memory; the task's memory moves by the same factor"),
    Assumption("Concurrency per task", "container.concurrency_per_task", _requests_only,
               lambda w: float(w.container.concurrency_per_task), _scaled(1, 100_000, integer=True),
               lambda w, v: {"container.concurrency_per_task": int(v)}),
    Assumption("Target utilisation", "container.target_utilization", _requests_only,
               lambda w: w.container.target_utilization, _scaled(0.1, 1.0),
               lambda w, v: {"container.target_utilization": v}),
    Assumption("Minimum tasks", "container.min_tasks", _always, lambda w: float(w.min_tasks),
               _floor_vary, lambda w, v: {"container.min_tasks": int(v)}),
    Assumption("Savings Plans", "assumptions.savings_plans",
               _always, _savings_share, _share_vary(WHAT_IF_SAVINGS_SHARE), _savings_changes, ""),
    Assumption("Spot share", "container.spot_share", _always,
               lambda w: w.container.spot_share, _share_vary(WHAT_IF_SPOT_SHARE),
               lambda w, v: {"container.spot_share": v}),
)


def _outcome(workload: Workload, book: PriceBook, option: str, changes: dict[str, Any]
             ) -> tuple[Decimal | None, str | None]:
    """The option's monthly cost and the recommended option once the changes are applied."""
    varied = workload.with_changes(changes)
    quote = compute_quote(varied, book)
    return quote.options[option].monthly_usd, winner(varied, quote, find_findings(varied, quote))


def _volume_cap(w: Workload) -> float:
    return 10**9 if w.is_jobs else 10**13


def sensitivity(workload: Workload, book: PriceBook, quote: Quote, recommended: str | None
                ) -> tuple[SensitivityRow, ...]:
    """Each main assumption at -50% and +100%: the recommended option's cost and the winner, biggest impact first."""
    if recommended is None:
        return ()
    base_cost = quote.options[recommended].monthly_usd
    rows: list[SensitivityRow] = []
    for item in ASSUMPTIONS:
        if not item.applies(workload):
            continue
        base = item.read(workload)
        low, high = item.vary(base)
        if item.path == "traffic.units_per_month":
            high = min(high, _volume_cap(workload)) if base > 0 else high
        results: list[tuple[Decimal | None, str | None]] = []
        for value in (low, high):
            if value == base:
                results.append((base_cost, recommended))
            else:
                results.append(_outcome(workload, book, recommended, item.write(workload, value)))
        (low_cost, low_winner), (high_cost, high_winner) = results
        impact = abs((high_cost or Decimal(0)) - (low_cost or Decimal(0))) \
            if low_cost is not None and high_cost is not None else Decimal(0)
        path = _volume_path(workload) if item.path == "traffic.units_per_month" else item.path
        label = ("Runs per month" if workload.is_jobs else "Requests per month") \
            if item.path == "traffic.units_per_month" else item.label
        notes = [item.note] if item.note else []
        if item.path == "assumptions.savings_plans":
            notes.append(_savings_note(workload))
        if base == 0 and high != 0:
            notes.append(f"now 0: tried at {high:g}, a what-if")
        note = "; ".join(notes)
        rows.append(SensitivityRow(label, path, base, low, high, low_cost, high_cost, low_winner, high_winner,
                                   impact, recommended, base_cost, note))
    order = {row.label: n for n, row in enumerate(rows)}
    return tuple(sorted(rows, key=lambda r: (-r.impact_usd, order[r.label])))
